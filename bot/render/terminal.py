"""Terminal rendering with rich: questions, what was understood, advice, table excerpts."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.advisor.advice import Advice, Ambiguity, ParsedAnswer, RowCitation
from knowledge import Knowledge, Question


class TerminalConsole(Console):
    """A rich console that leaves a reader who stops early (``| head``) to ``bot.cli.main``, which exits 0
    as the plain and JSON commands do; rich's own handling exits 1."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        raise BrokenPipeError


def _label(kb: Knowledge, question_id: str, value: str) -> str:
    try:
        question = kb.question(question_id)
    except KeyError:
        return value
    answer = question.answer(value)
    return answer.label if answer else value


def _question_label(kb: Knowledge, question_id: str) -> str:
    try:
        q = kb.question(question_id)
    except KeyError:
        return question_id
    return q.guide_label or q.text


def rows_tables(rows: Sequence[RowCitation], kb: Knowledge, title: str | None = None) -> list[Table]:
    """Cited rows as aligned tables, one per guide table, each with that table's own columns."""
    grouped: dict[str, list[RowCitation]] = {}
    for row in rows:
        grouped.setdefault(row.table, []).append(row)
    tables = []
    for table_id, table_rows in grouped.items():
        try:
            columns = [(c.id, c.label) for c in kb.table(table_id).columns]
        except KeyError:
            columns = [(k, k) for k in table_rows[0].values]
        section = table_rows[0].source
        heading = table_rows[0].table_title
        if section != heading:
            heading += f" [dim]({escape(section)})[/dim]"
        if title:
            heading = f"{title}: {heading}"
        grid = Table(title=heading, show_lines=True, title_justify="left")
        grid.add_column("", style="bold", max_width=28)
        for _, label in columns:
            grid.add_column(label, overflow="fold")
        for row in table_rows:
            grid.add_row(escape(row.topic), *[escape(row.values.get(cid, "")) for cid, _ in columns])
        tables.append(grid)
    return tables


def render_question(console: Console, question: Question, number: int, kb: Knowledge) -> None:
    body = Text()
    body.append(question.text + "\n", style="bold")
    body.append(question.why + "\n\n", style="italic dim")
    for i, answer in enumerate(question.answers, start=1):
        body.append(f"  {i}. ", style="cyan")
        body.append(answer.label + "\n")
    body.append(
        '\n  b = back   r = restart   ? = not sure   or ask a question ("what about exactly-once?")',
        style="dim",
    )
    console.print(Panel(body, title=f"Question {number}", title_align="left", border_style="cyan"))


def render_understood(
    console: Console, text: str, parsed: Iterable[ParsedAnswer], ambiguous: Iterable[Ambiguity], kb: Knowledge
) -> None:
    parsed = list(parsed)
    ambiguous = list(ambiguous)
    if not parsed and not ambiguous:
        console.print("[dim]I could not read any answers from that; I will ask.[/dim]")
        return
    table = Table(title="Here is what I understood", title_justify="left", show_lines=False)
    table.add_column("Question")
    table.add_column("Answer", style="green")
    table.add_column("From your words", style="dim")
    for p in parsed:
        source = f"“{escape(p.text)}”" + (f" (implied by {p.implied_by})" if p.implied_by else "")
        table.add_row(
            escape(_question_label(kb, p.question)), escape(_label(kb, p.question, p.value)), source
        )
    console.print(table)
    for a in ambiguous:
        console.print(f"[yellow]Not settled:[/yellow] “{escape(a.text)}”: {escape(a.note)} (I will ask.)")
    console.print(
        "[dim]Anything wrong? Type [bold]back[/bold] after a question to undo, or [bold]restart[/bold].[/dim]"
    )


def advice_renderable(advice: Advice, kb: Knowledge) -> Group:
    parts: list[Table | Text | Panel] = []
    head = Text()
    head.append(f"{advice.recommendation_name}", style="bold green")
    head.append(f"   confidence {advice.confidence:.2f} ({advice.confidence_label})")
    if advice.runner_up:
        head.append(f"   runner-up: {kb.system(advice.runner_up).name}", style="dim")
    parts.append(head)
    if advice.policy is not None:
        parts.append(policy_text(advice, kb))

    if advice.flowchart_path:
        chain = " → ".join(
            f"{_question_label(kb, s.question)} {_label(kb, s.question, s.answer)}"
            for s in advice.flowchart_path
        )
        end = kb.system(advice.flowchart_outcome).name if advice.flowchart_outcome else "(not reached)"
        parts.append(Text(f"Flowchart: {chain} ⇒ {end}", style="cyan"))

    reasons = Text("\nWhy\n", style="bold")
    for reason in advice.reasons:
        refs = ", ".join(f"{r.table_title} › {r.topic}" for r in reason.rows)
        reasons.append(f"  • {reason.text}\n")
        reasons.append(f"    cites: {refs}\n", style="dim")
    parts.append(reasons)

    cited: dict[str, RowCitation] = {}
    for reason in advice.reasons:
        for row in reason.rows:
            cited.setdefault(row.ref, row)
    parts.append(Text("\nExcerpts from the guide's tables", style="bold"))
    parts.extend(rows_tables(list(cited.values()), kb))

    if advice.what_would_change:
        changes = Text("\nWhat would change the answer\n", style="bold")
        for c in advice.what_would_change:
            changes.append(
                f"  • {_question_label(kb, c.question)}: {_label(kb, c.question, c.from_value or '')} → "
                f"{_label(kb, c.question, c.to_value)} gives {kb.system(c.recommendation).name}\n"
            )
        parts.append(changes)
    if advice.missing:
        parts.append(
            Text(
                "Still unanswered: " + ", ".join(_question_label(kb, q) for q in advice.missing),
                style="yellow",
            )
        )
    if advice.caveats:
        caveats = Text("\nCaveats\n", style="bold")
        for caveat in advice.caveats:
            caveats.append(f"  • {caveat}\n")
        parts.append(caveats)
    if advice.migration:
        parts.extend(rows_tables(advice.migration, kb, title="Migration notes"))
    if advice.sizing is not None and (advice.sizing.lines or advice.sizing.missing):
        parts.append(sizing_table(advice, kb))
    ranking = Table(title="Ranking", title_justify="left")
    ranking.add_column("System")
    ranking.add_column("Score", justify="right")
    ranking.add_column("Note", style="dim")
    for r in advice.ranking:
        ranking.add_row(r.name, f"{r.score:g}", f"ruled out: {r.ruled_out}" if r.ruled_out else "")
    parts.append(ranking)
    return Group(*parts)


def policy_text(advice: Advice, kb: Knowledge) -> Text:
    """The guide's answer beside the policy's, and the rule that made the difference."""
    policy = advice.policy
    assert policy is not None
    where = policy.name + (f" v{policy.version}" if policy.version is not None else f" ({policy.source})")
    text = Text()
    if policy.changed:
        text.append("Guide: ", style="bold")
        text.append(kb.system(policy.guide_recommendation).name)
        text.append(f"   Policy ({where}): ", style="bold")
        text.append(kb.system(policy.recommendation).name, style="bold green")
        for effect in policy.deciding:
            text.append(f"\n  because: {effect.label}")
            if effect.contact:
                text.append(f" (ask {effect.contact})", style="dim")
    else:
        text.append(f"Policy ({where}): the guide's answer stands.", style="dim")
    if policy.docs:
        text.append(f"\n  internal docs: {policy.docs}", style="dim")
    return text


def sizing_table(advice: Advice, kb: Knowledge) -> Table:
    """The sizing sketch: each figure, its arithmetic and the guide rows it rests on."""
    sizing = advice.sizing
    assert sizing is not None
    grid = Table(
        title=f"Sizing sketch for {kb.system(sizing.system).name} (a starting point, not capacity planning)",
        title_justify="left",
        caption=sizing.note,
        caption_justify="left",
    )
    grid.add_column("Figure", style="bold")
    grid.add_column("Value", style="green")
    grid.add_column("How", overflow="fold")
    grid.add_column("Guide rows", style="dim", overflow="fold")
    for line in sizing.lines:
        how = line.working + (f" [assumed: {line.assumption}]" if line.assumption else "")
        grid.add_row(escape(line.label), escape(line.value), escape(how), escape(", ".join(r.ref for r in line.rows)))
    for item in sizing.inputs:
        if item.note:
            grid.add_row("Input", escape(item.question), escape(item.note), "")
    if sizing.missing:
        wanted = ", ".join(_question_label(kb, q) for q in sizing.missing if q in {x.id for x in kb.all_questions})
        if wanted:
            grid.add_row("To complete", "", escape(f"answer: {wanted}"), "")
    return grid


def render_advice(console: Console, advice: Advice, kb: Knowledge) -> None:
    console.print(
        Panel(advice_renderable(advice, kb), title="Recommendation", title_align="left", border_style="green")
    )
