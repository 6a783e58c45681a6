"""The recommendation card (one screen), its Details modal, the card after a decision, the full
comparison and the 'chose other' modal.

The card is built from :func:`card_parts`, a pure reading of the advice:

- a headline (system, confidence in words) and one verdict sentence;
- at most three reasons, each one sentence from ``templates/card.yaml`` with
  one compact citation (section › row), no row cited twice on the card;
- the runner-up and the one answer that would make it win;
- what would change the recommendation (one or two lines) and at most two caveats;
- the guide's flowchart leaf in one line when the ranking ends elsewhere.

Budget (asserted in tests for every recommendation of the eval sets):
:data:`CARD_BLOCK_BUDGET` blocks and :data:`CARD_TEXT_BUDGET` characters of
text.  Everything else (all reasons, ranking, table excerpts, path) is in the
Details modal.  Callers add their own lines and buttons through ``extras`` and
``extra_buttons`` (a policy line, a Sizing button) without touching the layout.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    DividerBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.advisor.advice import Advice, Reason, RowCitation
from bot.advisor.engine import cite, score, system_value
from bot.advisor.prose import sentence, shorten
from bot.render import OTHER_SYSTEM, OTHER_SYSTEM_OPTION
from bot.render.blocks.common import (
    ACTION_ADOPT,
    ACTION_CHOSE_OTHER,
    ACTION_COMPARISON,
    ACTION_DETAILS,
    ACTION_EXPORT_ADR,
    ACTION_RATIONALE,
    ACTION_SYSTEM,
    BLOCK_RATIONALE,
    BLOCK_SYSTEM,
    MESSAGE_BLOCK_LIMIT,
    OPTION_TEXT_LIMIT,
    VIEW_BLOCK_LIMIT,
    VIEW_CHOSE_OTHER,
    VIEW_DETAILS,
    answer_label,
    context,
    cut,
    encode_value,
    mrkdwn_section,
    raw_actions,
    raw_button,
    raw_context,
    raw_header,
    raw_section,
    render_rows,
    split_lines,
    system_name,
)
from bot.render.escape import escape
from knowledge import Knowledge

CARD_BLOCK_BUDGET = 12
CARD_TEXT_BUDGET = 1500
MAX_CARD_REASONS = 3
MAX_CARD_CAVEATS = 2
MAX_CARD_CHANGES = 2
VALUE_LIMIT = 110  # characters of the guide's words quoted in one reason
CAVEAT_VALUE_LIMIT = 80
CARD_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "card.yaml"


@lru_cache(maxsize=1)
def card_templates() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(CARD_TEMPLATES.read_text(encoding="utf-8"))
    return loaded


@dataclass(frozen=True)
class CardReason:
    text: str  # plain text (escaped when rendered)
    citation: RowCitation | None = None


@dataclass
class CardParts:
    """What the card says, before it is laid out (pure; also what the budget tests read)."""

    system: str
    name: str
    confidence: str  # "high confidence"
    verdict: str
    reasons: list[CardReason] = field(default_factory=list)
    runner_up: str | None = None  # "NATS JetStream would win if …" or "… trails …"
    changes: list[str] = field(default_factory=list)
    caveats: list[CardReason] = field(default_factory=list)
    flowchart: str | None = None
    missing: list[str] = field(default_factory=list)
    migration: str | None = None  # the team named a system it runs: where the migration notes are
    unsure: list[str] = field(default_factory=list)  # of the questions still open, those answered "Not sure"


def _need_of(reason: Reason, kb: Knowledge) -> Any:
    return next((n for n in kb.needs if reason.text.startswith(n.label)), None)


def _guide_words(citation: RowCitation, system: str, kb: Knowledge) -> str:
    """The guide's words for ``system`` on a cited row: its cell, or the row's own text."""
    try:
        table, row = kb.row(citation.ref)
    except KeyError:
        return "; ".join(citation.values.values())
    if table.kind == "usecase":
        text = row.values.get("why") or next(iter(row.values.values()), "")
    else:
        text = system_value(kb, table, row, system) or ""
        if not text:
            described = [row.values[c.id] for c in table.columns if not c.systems]
            text = described[0] if described else next(iter(row.values.values()), "")
    return text


def _speaker(kb: Knowledge, winner: str, name: str, citation: RowCitation, *, strongest: bool) -> tuple[str, str]:
    """Whose words a reason (``strongest``) or a caveat quotes, and how the sentence names it: a
    hybrid's part that rates best (or worst) on a cited row of the parts, "Apache Kafka (part of
    the hybrid)"; a row that rates the hybrid itself, and any other winner, speak for the winner."""
    parts = kb.system(winner).composed_of if winner in {s.id for s in kb.systems} else []
    try:
        _, row = kb.row(citation.ref)
    except KeyError:
        return winner, name
    rated = {p: row.ratings[p] for p in parts if p in row.ratings}
    if not rated or winner in row.ratings:  # a row on the hybrid itself speaks of it
        return winner, name
    pick = (max if strongest else min)(rated.values())
    part = next(p for p in parts if rated.get(p) == pick)
    return part, f"{system_name(kb, part)} (part of the hybrid)"


def _question_label(kb: Knowledge, question_id: str) -> str:
    try:
        question = kb.question(question_id)
    except KeyError:
        return question_id
    return question.guide_label or question.text


def _change_line(kb: Knowledge, question_id: str, to_value: str) -> str:
    """“CDC from databases?” answered “No”, as a short clause."""
    try:
        to_label = answer_label(kb.question(question_id), to_value)
    except KeyError:
        to_label = to_value
    return f"“{_question_label(kb, question_id)}” were “{to_label}”"


def _caveats(advice: Advice, kb: Knowledge, used: set[str]) -> list[CardReason]:
    """The recommended system's weak spots among the rows its needs weigh most, not cited above."""
    winner, name = advice.recommendation, advice.recommendation_name
    found = [CardReason(c) for c in advice.caveats if c.startswith("The answers ask for things")]
    weak = sorted(
        (c for c in score(advice.answers, kb).contributions if (c.ratings.get(winner) or 0) <= 1 and c.weight >= 2),
        key=lambda c: -c.weight,
    )
    for c in weak:
        citation = cite(c.table, c.row)
        if citation.ref in used:
            continue
        used.add(citation.ref)
        if c.table.kind == "usecase":
            why = sentence(shorten(c.row.values.get("why", ""), CAVEAT_VALUE_LIMIT))
            text = f"For {c.row.topic} the guide picks {c.row.values.get('recommended', '')}: {why}"
        else:
            speaker, called = _speaker(kb, winner, name, citation, strongest=False)
            words = sentence(shorten(_guide_words(citation, speaker, kb), CAVEAT_VALUE_LIMIT))
            text = f"{c.row.topic} with {called}: {words}"
        found.append(CardReason(text, citation))
    return found[:MAX_CARD_CAVEATS]


def card_parts(advice: Advice, kb: Knowledge, unsure: Collection[str] = ()) -> CardParts:
    """``unsure``: the questions the conversation answered "Not sure" (the advice counts them as missing;
    the card says they were answered so)."""
    templates = card_templates()
    default = templates["default"]
    by_need: dict[str, dict[str, Any]] = templates["needs"]
    winner, name = advice.recommendation, advice.recommendation_name

    used: set[str] = set()
    reasons: list[CardReason] = []
    phrases: list[str] = []
    candidates = [
        r for r in advice.reasons if r.system == winner and not r.text.startswith("The guide's flowchart ends at")
    ]
    # Needs that hold for nearly every workload ("minor" in card.yaml) come after the others.
    candidates.sort(key=lambda r: bool(by_need.get(getattr(_need_of(r, kb), "id", ""), {}).get("minor")))
    for reason in candidates:
        citation = next((r for r in reason.rows if r.ref not in used), None)
        if citation is None:
            continue
        need = _need_of(reason, kb)
        speaker, called = _speaker(kb, winner, name, citation, strongest=True)
        value = sentence(shorten(_guide_words(citation, speaker, kb), VALUE_LIMIT))[:-1]
        if need is not None:
            entry = by_need.get(need.id, default)
            label = need.label.rstrip(".")
            template = (entry.get("rows") or {}).get(citation.ref, entry["reason"])
            text = template.format(system=called, value=value, label=label)
            if not entry.get("minor") or not phrases:
                phrases.append(entry["phrase"].format(label=label))
        else:
            text = shorten(reason.text, VALUE_LIMIT + 60)
        used.add(citation.ref)
        reasons.append(CardReason(sentence(text), citation))
        if len(reasons) == MAX_CARD_REASONS:
            break

    # A system serving one workload of a split description is part of the answer, not ruled out.
    serving = {w.recommendation for w in advice.workloads}
    serving = serving if len(serving) > 1 else set()
    ruled_out = [r.name for r in advice.ranking if r.ruled_out and r.system not in serving]
    verdict = f"{name} fits these answers best"
    if phrases:
        top = phrases[:2]
        verdict += " for " + (" and ".join(top) if len(top) == 2 else top[0])
    if ruled_out:
        verdict += "; " + _and(ruled_out) + (" is" if len(ruled_out) == 1 else " are") + " ruled out"
    verdict = sentence(verdict)

    runner_line = None
    changes = list(advice.what_would_change)
    flipped_to = {c.recommendation for c in changes}
    runner = next((r for r in advice.ranking if r.system != winner and r.system in flipped_to), None) or next(
        (r for r in advice.ranking if r.system != winner and not r.ruled_out), None
    )
    if runner is not None:
        flip = next((c for c in changes if c.recommendation == runner.system), None)
        if flip is not None:
            runner_line = f"{runner.name}, which would win if {_change_line(kb, flip.question, flip.to_value)}."
            changes.remove(flip)
        else:
            top_score = advice.ranking[0].score if advice.ranking else 0.0
            runner_line = (
                f"{runner.name}, {runner.score:g} points to {top_score:g}; changing one answer would not tip it."
            )
    change_lines = [
        f"{_change_line(kb, c.question, c.to_value)}: {system_name(kb, c.recommendation)}."
        for c in changes[:MAX_CARD_CHANGES]
    ]
    caveats = _caveats(advice, kb, used)

    flowchart = None
    if advice.flowchart_outcome and advice.flowchart_outcome != winner:
        flowchart = (
            f"The guide's flowchart ends at {system_name(kb, advice.flowchart_outcome)}; "
            f"the ranking also weighs answers the flowchart does not ask about."
        )
    missing = [_question_label(kb, m).rstrip("?") for m in advice.missing if m not in unsure]
    not_sure = [_question_label(kb, m).rstrip("?") for m in advice.missing if m in unsure]
    migration = None
    if advice.migration:
        titles = list(dict.fromkeys(m.table_title for m in advice.migration))
        migration = f"Migration notes from the guide ({_and(titles)}) are under Details."
    return CardParts(
        system=winner,
        name=name,
        confidence=f"{advice.confidence_label} confidence",
        verdict=verdict,
        reasons=reasons,
        runner_up=runner_line,
        changes=change_lines,
        caveats=caveats,
        flowchart=flowchart,
        missing=missing,
        migration=migration,
        unsure=not_sure,
    )


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _cite(citation: RowCitation) -> str:
    """Section › row, compact: the innermost section the row comes from."""
    return f"{citation.source.split(' › ')[-1]} › {citation.topic}"


def _bullet(item: CardReason) -> str:
    cited = f"  _{escape(_cite(item.citation))}_" if item.citation is not None else ""
    return f"• {escape(item.text)}{cited}"


def card_body(parts: CardParts) -> list[Block]:
    """The card's blocks without its buttons (raw blocks: the card is built on every last answer)."""
    blocks: list[Block] = [
        raw_header(f"{parts.name} · {parts.confidence}"),
        raw_section(escape(parts.verdict)),
    ]
    if parts.reasons:
        blocks.append(raw_section("*Why*\n" + "\n".join(_bullet(r) for r in parts.reasons)))
    others = []
    if parts.runner_up:
        others.append(f"*Runner-up:* {escape(parts.runner_up)}")
    if parts.changes:
        others.append("*What would change it:* " + " ".join(escape(c) for c in parts.changes))
    if others:
        blocks.append(raw_section("\n".join(others)))
    if parts.caveats:
        blocks.append(raw_section("*Caveats*\n" + "\n".join(_bullet(c) for c in parts.caveats)))
    notes = []
    if parts.migration:
        notes.append(f":truck: {escape(parts.migration)}")
    if parts.flowchart:
        notes.append(f":twisted_rightwards_arrows: {escape(parts.flowchart)}")
    if parts.unsure:
        notes.append("Not sure: " + escape(", ".join(parts.unsure)))
    if parts.missing:
        notes.append("Not answered: " + escape(", ".join(parts.missing)))
    if notes:
        blocks.append(raw_context(*notes))
    return blocks


def build_recommendation(
    conversation_id: int | str,
    version: int,
    advice: Advice,
    kb: Knowledge,
    *,
    with_actions: bool = True,
    extras: Sequence[Block] = (),
    extra_buttons: Sequence[ButtonElement] = (),
    unsure: Collection[str] = (),
) -> tuple[str, list[Block]]:
    """The one-screen card; ``extras`` go after the body, ``extra_buttons`` after Details; ``unsure``:
    the questions answered "Not sure"."""
    parts = card_parts(advice, kb, unsure)
    text = f"Recommendation: {parts.name} ({parts.confidence}). {parts.verdict}"
    # Over budget (long guide cells, a hybrid's two values): shed the least important lines first.
    reserve = card_text_length(list(extras)) + (200 if with_actions else 0)
    while card_text_length(card_body(parts)) + reserve > CARD_TEXT_BUDGET and _shed(parts):
        pass
    blocks = [*card_body(parts), *extras]
    if with_actions:
        blocks.append(
            raw_actions(
                [
                    raw_button(
                        f"Adopt {parts.name}",
                        ACTION_ADOPT,
                        encode_value(c=conversation_id, v=version, s=advice.recommendation),
                        style="primary",
                    ),
                    raw_button(
                        "We chose something else", ACTION_CHOSE_OTHER, encode_value(c=conversation_id, v=version)
                    ),
                    raw_button("Details", ACTION_DETAILS, encode_value(c=conversation_id)),
                    *(b.to_dict() for b in extra_buttons),
                    raw_button("Full comparison", ACTION_COMPARISON, encode_value(c=conversation_id)),
                    raw_button("Export ADR", ACTION_EXPORT_ADR, encode_value(c=conversation_id)),
                ],
                block_id=f"card:{version}",
            )
        )
    return text, blocks


def _shed(parts: CardParts) -> bool:
    """Drop one line of the least important kind; False when nothing more may go."""
    for items, keep in ((parts.missing, 0), (parts.unsure, 0), (parts.caveats, 1), (parts.changes, 0),
                        (parts.reasons, 2), (parts.caveats, 0)):
        if len(items) > keep:
            items.pop()
            return True
    return False


def card_text_length(blocks: Sequence[Block]) -> int:
    """Characters of text a person reads in ``blocks`` (mrkdwn and plain text, buttons included)."""
    total = 0

    def walk(node: Any) -> None:
        nonlocal total
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
                total += len(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk([b.to_dict() for b in blocks])
    return total


def build_decided_card(
    advice: Advice,
    kb: Knowledge,
    *,
    chosen_system: str,
    decided_by: str,
    rationale: str | None,
    conversation_id: int | str,
    unsure: Collection[str] = (),
) -> tuple[str, list[Block]]:
    """The card after a decision: the choice and who made it (a name, no ping), follow-up buttons only.

    ``decided_by`` is the display name (``@name``) the caller looked up; ``unsure`` as for the card.
    """
    blocks = card_body(card_parts(advice, kb, unsure))
    chosen = system_name(kb, chosen_system)
    if chosen_system == advice.recommendation:
        line = f":white_check_mark: *{escape(chosen)}* adopted by {escape(decided_by)}"
    else:
        line = (
            f":pencil: The team chose *{escape(chosen)}* instead of {escape(advice.recommendation_name)} "
            f"— recorded by {escape(decided_by)}"
        )
    if rationale:
        line += f"\n> {escape(shorten(rationale, 1500))}"
    blocks.append(raw_section(line))
    blocks.append(
        raw_actions(
            [
                raw_button("Details", ACTION_DETAILS, encode_value(c=conversation_id)),
                raw_button("Full comparison", ACTION_COMPARISON, encode_value(c=conversation_id)),
                raw_button("Export ADR", ACTION_EXPORT_ADR, encode_value(c=conversation_id)),
            ],
            block_id="card:decided",
        )
    )
    return line, blocks


def render_path(advice: Advice, kb: Knowledge) -> str:
    parts = []
    for step in advice.flowchart_path:
        try:
            question = kb.question(step.question)
            label = question.guide_label or question.text
            answer = answer_label(question, step.answer)
        except KeyError:
            label, answer = step.question, step.answer
        parts.append(f"{escape(label)} → _{escape(answer)}_")
    outcome = system_name(kb, advice.flowchart_outcome) if advice.flowchart_outcome else "(not reached)"
    return " ⟶ ".join([*parts, f"*{escape(outcome)}*"]) if parts else f"*{escape(outcome)}*"


def build_details_modal(advice: Advice, kb: Knowledge) -> View:
    """Everything behind the card: the full reasoning, the flowchart path, the ranking, every
    caveat and the cited table rows (each once)."""
    name = advice.recommendation_name
    blocks: list[Block] = [
        mrkdwn_section(
            f"*{escape(name)}* · {escape(advice.confidence_label)} confidence ({advice.confidence:.0%})\n"
            f"*Flowchart path:* {render_path(advice, kb)}"
        ),
        DividerBlock(),
    ]
    why = []
    cited: dict[str, RowCitation] = {}
    for reason in advice.reasons:
        refs = "; ".join(_cite(r) for r in reason.rows)
        why.append(f"• {escape(sentence(reason.text))}\n      _{escape(refs)}_")
        for row in reason.rows:
            cited.setdefault(row.ref, row)
    blocks.extend(mrkdwn_section(piece) for piece in split_lines("*All reasons*", why))
    ranking = [
        f"{i}. *{escape(r.name)}* — {r.score:g}" + (f" _(ruled out: {escape(r.ruled_out)})_" if r.ruled_out else "")
        for i, r in enumerate(advice.ranking, start=1)
    ]
    blocks.append(mrkdwn_section("*Ranking*\n" + "\n".join(ranking)))
    if advice.what_would_change:
        lines = [
            f"• {escape(_change_line(kb, c.question, c.to_value))} → *{escape(system_name(kb, c.recommendation))}*"
            for c in advice.what_would_change
        ]
        blocks.extend(mrkdwn_section(p) for p in split_lines("*What would change the answer*", lines))
    if advice.caveats:
        blocks.extend(
            mrkdwn_section(p) for p in split_lines("*Caveats*", [f"• {escape(c)}" for c in advice.caveats])
        )
    if advice.migration:
        blocks.extend(mrkdwn_section("*Migration notes*\n" + e) for e in render_rows(advice.migration, kb)[:3])
    excerpts = render_rows(list(cited.values()), kb)
    room = VIEW_BLOCK_LIMIT - len(blocks) - 2
    if excerpts and room > 1:
        blocks.append(DividerBlock())
        blocks.append(mrkdwn_section("*From the guide's tables*"))
        blocks.extend(mrkdwn_section(e) for e in excerpts[: room - 1])
    blocks.append(context(f"Knowledge version {escape(advice.knowledge_version)}"))
    return View(
        type="modal",
        callback_id=VIEW_DETAILS,
        title=PlainTextObject(text=cut(f"Why {name}", 24)),
        close=PlainTextObject(text="Close"),
        blocks=blocks,
    )


def build_comparison(kb: Knowledge, kinds: Sequence[str] = ("comparison",)) -> list[tuple[str, list[Block]]]:
    """The guide's comparison tables, one short message per table (each readable on its own screen)."""
    tables = [t for t in kb.tables if t.kind in kinds]
    messages: list[tuple[str, list[Block]]] = []
    for n, table in enumerate(tables, start=1):
        excerpts = render_rows([cite(table, r) for r in table.rows], kb)
        title = f"Full comparison {n}/{len(tables)}: {table.title}"
        blocks: list[Block] = [mrkdwn_section(e) for e in excerpts[:MESSAGE_BLOCK_LIMIT]]
        blocks.insert(0, context(escape(title)))
        messages.append((title, blocks[:MESSAGE_BLOCK_LIMIT]))
    return messages


def build_chose_other_modal(
    conversation_id: int | str, recommended: str, kb: Knowledge, private_metadata: str
) -> View:
    options = [
        Option(text=PlainTextObject(text=cut(s.name, OPTION_TEXT_LIMIT)), value=s.id)
        for s in kb.systems
        if s.id != recommended
    ]
    options.append(Option(text=PlainTextObject(text=OTHER_SYSTEM_OPTION), value=OTHER_SYSTEM))
    return View(
        type="modal",
        callback_id=VIEW_CHOSE_OTHER,
        private_metadata=private_metadata,
        title=PlainTextObject(text="Record your choice"),
        submit=PlainTextObject(text="Record"),
        close=PlainTextObject(text="Cancel"),
        blocks=[
            mrkdwn_section(
                f"The advice was *{escape(system_name(kb, recommended))}*. "
                "What did the team choose, and why? The digest shows overrides with their rationale."
            ),
            InputBlock(
                block_id=BLOCK_SYSTEM,
                label=PlainTextObject(text="System chosen"),
                element=StaticSelectElement(
                    action_id=ACTION_SYSTEM,
                    options=options,
                    placeholder=PlainTextObject(text="Choose a system"),
                ),
            ),
            InputBlock(
                block_id=BLOCK_RATIONALE,
                label=PlainTextObject(text="Rationale"),
                element=PlainTextInputElement(
                    action_id=ACTION_RATIONALE,
                    multiline=True,
                    max_length=2000,
                    placeholder=PlainTextObject(text="Why this system?"),
                ),
            ),
        ],
    )
