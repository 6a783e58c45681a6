"""``msgchoice knowledge check`` and ``msgchoice knowledge show [TOPIC] [--json]``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli import CommandError

if TYPE_CHECKING:
    from knowledge import Knowledge, Row, Table

# Matching rows scoring under this share of the best one are not shown.
RELATIVE_CUTOFF = 0.25


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "knowledge",
        help="check or show the guide's knowledge (tables, flowchart)",
        description="Check the knowledge data for consistency, or show its tables.",
    )
    sub = parser.add_subparsers(dest="knowledge_command", metavar="ACTION")
    parser.set_defaults(handler=lambda _args: _usage(parser))

    check = sub.add_parser(
        "check",
        help="validate the data: flowchart reachability and edges, sources, references",
        description="Load and cross-check the knowledge; exits 1 on any problem.",
    )
    check.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="check another copy of knowledge/data instead"
    )
    check.set_defaults(handler=_check)

    show = sub.add_parser(
        "show",
        help="print the rows matching TOPIC, or every table",
        description="Print the guide's rows matching TOPIC (by topic, alias or words), or every table.",
    )
    show.add_argument("topic", nargs="*", metavar="TOPIC", help='e.g. "exactly-once", latency, EOS')
    show.add_argument("--json", action="store_true", help="print a JSON list of rows")
    show.set_defaults(handler=_show)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _load(data_dir: Path | None) -> Knowledge:
    from knowledge import KnowledgeError, load, load_from

    try:
        return load_from(data_dir) if data_dir is not None else load()
    except KnowledgeError as exc:
        raise CommandError(str(exc)) from exc


def _check(args: argparse.Namespace) -> int:
    from bot.advisor.parse import lexicon_problems
    from knowledge.check import check, notes, stats

    data_dir: Path | None = args.data_dir
    if data_dir is not None and not data_dir.is_dir():
        raise CommandError(f"{data_dir}: not a directory")
    kb = _load(data_dir)
    problems = check(kb)
    if not problems:  # the lexicon as the parser compiles it (needs a knowledge base that loads and checks)
        problems = lexicon_problems(kb)
    if problems:
        print(f"knowledge {kb.version}: {len(problems)} problem(s)")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    counts = stats(kb)
    print(
        f"knowledge {kb.version}: OK — {counts['tables']} tables, {counts['rows']} rows, "
        f"{counts['questions']} flowchart questions (+{counts['extra_questions']} extra), "
        f"{counts['paths']} paths through the flowchart, {counts['systems']} systems, "
        f"{counts['needs']} needs, {counts['thresholds']} thresholds"
    )
    for note in notes(kb):
        print(f"  note: {note}")
    return 0


def _row_json(table: Table, row: Row) -> dict[str, Any]:
    return {
        "table": table.id,
        "table_title": table.title,
        "row": row.id,
        "topic": row.topic,
        "aliases": list(row.aliases),
        "values": dict(row.values),
        "source": row.source or table.section,
    }


def _selection(kb: Knowledge, topic: str) -> list[tuple[Table, list[Row]]]:
    """Tables with their rows to show: matching rows grouped by table, best group first."""
    from knowledge.search import matching_tables, search

    if not topic:
        return [(t, list(t.rows)) for t in kb.tables]
    picked: dict[str, set[str]] = {}
    matches = search(topic, kb, limit=0)
    best = matches[0].score if matches else 0.0
    for match in matches:
        if match.score >= best * RELATIVE_CUTOFF:
            picked.setdefault(match.table.id, set()).add(match.row.id)
    # A topic that names a table ("latency") shows the whole table.
    for table in matching_tables(topic, kb):
        picked.setdefault(table.id, set()).update(r.id for r in table.rows)
    groups: list[tuple[Table, list[Row]]] = []
    for table_id, row_ids in picked.items():
        table = kb.table(table_id)
        groups.append((table, [r for r in table.rows if r.id in row_ids]))
    return groups


def _show(args: argparse.Namespace) -> int:
    kb = _load(None)
    topic = " ".join(args.topic).strip()
    groups = _selection(kb, topic)
    if args.json:
        print(json.dumps([_row_json(t, r) for t, rows in groups for r in rows], indent=2, ensure_ascii=False))
        return 0 if groups else 1
    if not groups:
        from knowledge.search import topics

        print(f"Nothing in the guide matches {topic!r}. It covers: {', '.join(topics(kb))}.")
        return 1
    _print_tables(groups)
    return 0


def _print_tables(groups: list[tuple[Table, list[Row]]]) -> None:
    from rich import box
    from rich.markup import escape
    from rich.table import Table as RichTable

    from bot.render.terminal import TerminalConsole

    console = TerminalConsole()
    for table, rows in groups:
        sources = list(dict.fromkeys(r.source or table.section for r in rows))
        grid = RichTable(
            title=escape(table.title),
            caption=escape("Source: " + "; ".join(sources)),
            box=box.SIMPLE_HEAVY,
            title_justify="left",
            caption_justify="left",
            show_lines=True,
        )
        grid.add_column("Topic", style="bold", overflow="fold")
        for column in table.columns:
            grid.add_column(escape(column.label), overflow="fold")
        for row in rows:
            grid.add_row(escape(row.topic), *(escape(row.values[c.id]) for c in table.columns))
        console.print(grid)
