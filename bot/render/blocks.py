"""Block Kit for the Slack app: pure ``build_*`` functions, validated before they leave.

Every builder returns ``slack_sdk.models.blocks`` objects (or a ``View``);
:func:`to_payload` validates them (block count, text limits, button values,
unique action ids) and turns them into the dicts the Web API takes.  All text a
user typed goes through :mod:`bot.render.escape`; text from the knowledge is
escaped too (it may contain ``<`` or ``&``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    ConversationSelectElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.advisor.advice import Advice, Ambiguity, ParsedAnswer, RowCitation
from bot.advisor.engine import cite
from bot.render.escape import escape, plain, quote
from knowledge import Knowledge, Question

MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
SECTION_TEXT_LIMIT = 3000
FIELD_TEXT_LIMIT = 2000
BUTTON_TEXT_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
HEADER_LIMIT = 150
OPTION_TEXT_LIMIT = 75
CONTEXT_ELEMENT_LIMIT = 10
WIDE_CELL = 40  # cells longer than this are listed instead of aligned

# action_ids (the Slack listeners match on these; keep in step with bot/slack/listeners/actions)
ANSWER_PREFIX = "answer:"
ACTION_BACK = "nav_back"
ACTION_UNSURE = "answer_unsure"
ACTION_RESTART = "nav_restart"
ACTION_CHANGE_PREFIX = "change:"
ACTION_ADOPT = "card_adopt"
ACTION_CHOSE_OTHER = "card_chose_other"
ACTION_COMPARISON = "card_full_comparison"
ACTION_EXPORT_ADR = "card_export_adr"
ACTION_HOME_START = "home_start"
# callback_ids of modals
VIEW_CHOSE_OTHER = "chose_other"
VIEW_START = "start_conversation"
# block/action ids inside the modals
BLOCK_SYSTEM, ACTION_SYSTEM = "system", "system_select"
BLOCK_RATIONALE, ACTION_RATIONALE = "rationale", "rationale_input"
BLOCK_CHANNEL, ACTION_CHANNEL = "channel", "channel_select"
BLOCK_DESCRIPTION, ACTION_DESCRIPTION = "description", "description_input"


class RenderError(ValueError):
    """Blocks that Slack would reject (too many, text too long, duplicate action ids …)."""


# --------------------------------------------------------------------------- helpers


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def mrkdwn_section(text: str, *, block_id: str | None = None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=cut(text, SECTION_TEXT_LIMIT)), block_id=block_id)


def context(*texts: str) -> ContextBlock:
    return ContextBlock(
        elements=[MarkdownTextObject(text=cut(t, SECTION_TEXT_LIMIT)) for t in texts[:CONTEXT_ELEMENT_LIMIT]]
    )


def button(text: str, action_id: str, value: str | None = None, style: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=cut(plain(text), BUTTON_TEXT_LIMIT), emoji=True),
        action_id=action_id,
        value=value,
        style=style,
    )


def encode_value(**fields: Any) -> str:
    """Compact JSON for a button value (checked against Slack's 2000-character limit)."""
    value = json.dumps(fields, separators=(",", ":"), sort_keys=True)
    if len(value) > BUTTON_VALUE_LIMIT:
        raise RenderError(f"button value of {len(value)} characters (limit {BUTTON_VALUE_LIMIT})")
    return value


def decode_value(value: str | None) -> dict[str, Any]:
    """The fields of a button value written by :func:`encode_value`; {} for anything else."""
    if not value:
        return {}
    try:
        decoded = json.loads(value)
    except ValueError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


def to_payload(blocks: Sequence[Block], *, limit: int = MESSAGE_BLOCK_LIMIT) -> list[dict[str, Any]]:
    """Validate ``blocks`` as Slack would and return them as dicts."""
    if len(blocks) > limit:
        raise RenderError(f"{len(blocks)} blocks (limit {limit})")
    payload = [b.to_dict() for b in blocks]  # runs slack_sdk's validators (text lengths …)
    action_ids: list[str] = []
    for block in payload:
        for element in _elements(block):
            if "action_id" in element:
                action_ids.append(element["action_id"])
            value = element.get("value")
            if isinstance(value, str) and len(value) > BUTTON_VALUE_LIMIT:
                raise RenderError(f"button value of {len(value)} characters (limit {BUTTON_VALUE_LIMIT})")
        for field in block.get("fields") or []:
            if len(field.get("text", "")) > FIELD_TEXT_LIMIT:
                raise RenderError(f"section field over {FIELD_TEXT_LIMIT} characters")
    duplicates = {a for a in action_ids if action_ids.count(a) > 1}
    if duplicates:
        raise RenderError(f"duplicate action_id(s): {sorted(duplicates)}")
    block_ids = [b["block_id"] for b in payload if "block_id" in b]
    if len(block_ids) != len(set(block_ids)):
        raise RenderError("duplicate block_id")
    return payload


def view_payload(view: View) -> dict[str, Any]:
    """Validate a modal or Home tab view and return it as a dict."""
    blocks = view.blocks or []
    to_payload(blocks, limit=VIEW_BLOCK_LIMIT)
    result: dict[str, Any] = view.to_dict()
    return result


def _elements(block: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    yield from block.get("elements") or []
    if block.get("accessory"):
        yield block["accessory"]
    if block.get("element"):
        yield block["element"]


# --------------------------------------------------------------------------- knowledge excerpts


def _column_labels(citation: RowCitation, kb: Knowledge | None) -> dict[str, str]:
    if kb is not None:
        try:
            return {c.id: c.label for c in kb.table(citation.table).columns}
        except KeyError:
            pass
    return {key: key for key in citation.values}


def render_rows(rows: Sequence[RowCitation], kb: Knowledge | None = None) -> list[str]:
    """Table rows as mrkdwn: aligned text per table, or a list when cells are long.

    Returns one or more strings, each within a section's 3000-character limit.
    """
    chunks: list[str] = []
    groups: dict[str, list[RowCitation]] = {}
    for row in rows:
        groups.setdefault(row.table, []).append(row)
    for group in groups.values():
        first = group[0]
        labels = _column_labels(first, kb)
        title = f"*{escape(first.table_title)}* _({escape(first.source)})_"
        columns = list(first.values)
        wide = any(len(v) > WIDE_CELL for r in group for v in r.values.values())
        if wide:
            lines = []
            for r in group:
                cells = "; ".join(f"{escape(labels.get(k, k))}: {escape(v)}" for k, v in r.values.items())
                lines.append(f"• *{escape(r.topic)}* — {cells}")
            chunks.extend(_split(title, lines))
            continue
        header = ["", *(labels.get(c, c) for c in columns)]
        body = [[r.topic, *(r.values.get(c, "") for c in columns)] for r in group]
        widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
        text_lines = [
            "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip()
            for line in [header, *body]
        ]
        for piece in _split("", [escape(line) for line in text_lines], budget=SECTION_TEXT_LIMIT - 80):
            chunks.append(f"{title}\n```\n{piece.strip(chr(10))}\n```")
    return chunks


def _split(title: str, lines: list[str], budget: int = SECTION_TEXT_LIMIT) -> list[str]:
    out: list[str] = []
    current = title
    for line in lines:
        line = cut(line, budget - len(title) - 2)
        if len(current) + len(line) + 1 > budget and current != title:
            out.append(current)
            current = title
        current = f"{current}\n{line}" if current else line
    if current and current != title:
        out.append(current)
    return out


# --------------------------------------------------------------------------- conversation


def build_root_message(user_id: str, free_text: str | None) -> tuple[str, list[Block]]:
    text = f"<@{user_id}> is choosing a messaging system. Answer in the thread 🧵"
    blocks: list[Block] = [mrkdwn_section(f":speech_balloon: {text}")]
    if free_text:
        blocks.append(mrkdwn_section(f"> {escape(cut(' '.join(free_text.split()), 2500))}"))
    blocks.append(context("Anyone here can answer by clicking or by typing in the thread."))
    return text, blocks


def _answer_label(question: Question, value: str) -> str:
    if value == "unsure":
        return "Not sure"
    answer = question.answer(value)
    return answer.label if answer is not None else value


def build_understood(
    conversation_id: int | str,
    version: int,
    parsed: Sequence[ParsedAnswer],
    ambiguous: Sequence[Ambiguity],
    kb: Knowledge,
) -> tuple[str, list[Block]]:
    """'Here is what I understood …' with a Change button per answer read from the text."""
    text = "Here is what I understood from your description:"
    blocks: list[Block] = [mrkdwn_section(f"*{text}*")]
    for item in parsed[:20]:
        question = kb.question(item.question)
        label = _answer_label(question, item.value)
        implied = f" (implied by _{escape(item.implied_by)}_)" if item.implied_by else ""
        section = SectionBlock(
            block_id=f"understood:{item.question}",
            text=MarkdownTextObject(
                text=cut(f"*{escape(question.text)}* {escape(label)}\nfrom {quote(item.text)}{implied}", 3000)
            ),
            accessory=button(
                "Change",
                f"{ACTION_CHANGE_PREFIX}{item.question}",
                encode_value(c=conversation_id, q=item.question, v=version),
            ),
        )
        blocks.append(section)
    for amb in ambiguous[:5]:
        blocks.append(context(f":grey_question: {quote(amb.text)}: {escape(amb.note)} — I will ask."))
    if not parsed:
        blocks.append(context("Nothing in the description settles a question yet; I will ask."))
    else:
        blocks.append(context("Wrong? Click *Change*, or type *back* to undo the latest answer."))
    return text, blocks


def build_question(
    conversation_id: int | str, version: int, question: Question, *, number: int | None = None
) -> tuple[str, list[Block]]:
    prefix = f"Q{number}. " if number else ""
    text = f"{prefix}{question.text}"
    buttons = [
        button(
            a.label,
            f"{ANSWER_PREFIX}{a.value}",
            encode_value(c=conversation_id, q=question.id, a=a.value, v=version),
        )
        for a in question.answers
    ]
    nav = [
        button(":leftwards_arrow_with_hook: Back", ACTION_BACK, encode_value(c=conversation_id, v=version)),
        button(
            "Not sure",
            ACTION_UNSURE,
            encode_value(c=conversation_id, q=question.id, a="unsure", v=version),
        ),
        button(
            ":arrows_counterclockwise: Restart",
            ACTION_RESTART,
            encode_value(c=conversation_id, v=version),
            style="danger",
        ),
    ]
    blocks: list[Block] = [
        mrkdwn_section(f"*{escape(text)}*", block_id=f"question:{question.id}:{version}"),
        context(f":bulb: {escape(question.why)}"),
        ActionsBlock(block_id=f"answers:{question.id}:{version}", elements=buttons[:25]),
        ActionsBlock(block_id=f"nav:{version}", elements=nav),
        context(
            "Or type an answer here (e.g. "
            + ", ".join(f"_{escape(a.value)}_" for a in question.answers)
            + "), *back*, *not sure* or *restart*; ask a question any time."
        ),
    ]
    return text, blocks


def build_answered(
    question: Question, value: str, user_id: str, *, how: str = "answered"
) -> tuple[str, list[Block]]:
    """A question after it was answered: the choice and who made it, no buttons."""
    label = _answer_label(question, value)
    text = f"{question.text} ✅ {label} — {how} by <@{user_id}>"
    blocks: list[Block] = [
        mrkdwn_section(f"*{escape(question.text)}*\n✅ *{escape(label)}* — {how} by <@{user_id}>"),
    ]
    return text, blocks


def build_superseded(question: Question, note: str) -> tuple[str, list[Block]]:
    text = f"{question.text} — {note}"
    return text, [mrkdwn_section(f"*{escape(question.text)}*\n_{escape(note)}_")]


def build_hint(question: Question | None) -> str:
    if question is None:
        return (
            "I did not catch that. Ask a question about the systems (e.g. _compare latency_), "
            "or type *back* or *restart*."
        )
    options = ", ".join(f"*{escape(a.value)}* ({escape(a.label)})" for a in question.answers)
    return (
        f"I did not catch an answer to _{escape(question.text)}_. Try one of: {options}; "
        "or *not sure*, *back*, *restart*. Questions about the systems are welcome too."
    )


def build_notice(text: str) -> list[Block]:
    return [mrkdwn_section(text)]


# --------------------------------------------------------------------------- recommendation


def _system_name(kb: Knowledge, system_id: str | None) -> str:
    if not system_id:
        return "—"
    try:
        return kb.system(system_id).name
    except KeyError:
        return system_id


def render_path(advice: Advice, kb: Knowledge) -> str:
    parts = []
    for step in advice.flowchart_path:
        try:
            question = kb.question(step.question)
            label = question.guide_label or question.text
            answer = _answer_label(question, step.answer)
        except KeyError:
            label, answer = step.question, step.answer
        parts.append(f"{escape(label)} → _{escape(answer)}_")
    outcome = _system_name(kb, advice.flowchart_outcome) if advice.flowchart_outcome else "(not reached)"
    return " ⟶ ".join([*parts, f"*{escape(outcome)}*"]) if parts else f"*{escape(outcome)}*"


def build_recommendation(
    conversation_id: int | str, version: int, advice: Advice, kb: Knowledge, *, with_actions: bool = True
) -> tuple[str, list[Block]]:
    name = advice.recommendation_name
    text = f"Recommendation: {name} (confidence {advice.confidence_label})"
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=cut(f"Recommendation: {name}", HEADER_LIMIT))),
        mrkdwn_section(
            f"*Confidence:* {escape(advice.confidence_label)} ({advice.confidence:.0%})"
            + (f"   *Runner-up:* {escape(_system_name(kb, advice.runner_up))}" if advice.runner_up else "")
        ),
        mrkdwn_section(f"*Flowchart path:* {render_path(advice, kb)}"),
    ]
    if advice.flowchart_outcome and advice.flowchart_outcome != advice.recommendation:
        blocks.append(
            context(
                f"The guide's flowchart ends at {escape(_system_name(kb, advice.flowchart_outcome))}; "
                f"the reasons below explain why {escape(name)} fits better."
            )
        )
    blocks.append(DividerBlock())
    # The reasons, each with the rows it cites; then every cited row once, as table excerpts.
    why = []
    cited: dict[str, RowCitation] = {}
    for reason in advice.reasons:
        refs = "; ".join(f"{r.table_title} › {r.topic}" for r in reason.rows)
        why.append(f"• {escape(reason.text)}\n      _{escape(refs)}_")
        for row in reason.rows:
            cited.setdefault(row.ref, row)
    blocks.extend(mrkdwn_section(piece) for piece in _split("*Why*", why))
    budget = MESSAGE_BLOCK_LIMIT - len(blocks) - 8
    excerpts = render_rows(list(cited.values()), kb)
    if excerpts and budget > 1:
        blocks.append(mrkdwn_section("*From the guide's tables*"))
        blocks.extend(mrkdwn_section(e) for e in excerpts[: budget - 1])
    if advice.what_would_change:
        lines = []
        for change in advice.what_would_change[:8]:
            try:
                question = kb.question(change.question)
                label = question.guide_label or question.text
                to_label = _answer_label(question, change.to_value)
            except KeyError:
                label, to_label = change.question, change.to_value
            lines.append(
                f"• {escape(label)} → _{escape(to_label)}_ would give "
                f"*{escape(_system_name(kb, change.recommendation))}*"
            )
        blocks.append(mrkdwn_section("*What would change the answer*\n" + "\n".join(lines)))
    if advice.caveats:
        blocks.append(mrkdwn_section("*Caveats*\n" + "\n".join(f"• {escape(c)}" for c in advice.caveats[:8])))
    if advice.migration:
        for excerpt in render_rows(advice.migration[:6], kb)[:3]:
            blocks.append(mrkdwn_section("*Migration notes*\n" + excerpt))
    if advice.missing:
        blocks.append(context("Not answered: " + ", ".join(escape(m) for m in advice.missing)))
    blocks.append(context(f"Knowledge version {escape(advice.knowledge_version)}"))
    if with_actions:
        blocks.append(
            ActionsBlock(
                block_id=f"card:{version}",
                elements=[
                    button(
                        f"✅ Adopt {name}",
                        ACTION_ADOPT,
                        encode_value(c=conversation_id, v=version, s=advice.recommendation),
                        style="primary",
                    ),
                    button(
                        "We chose something else",
                        ACTION_CHOSE_OTHER,
                        encode_value(c=conversation_id, v=version),
                    ),
                    button("Full comparison", ACTION_COMPARISON, encode_value(c=conversation_id)),
                    button("Export ADR", ACTION_EXPORT_ADR, encode_value(c=conversation_id)),
                ],
            )
        )
    return text, blocks


def build_decided_card(
    advice: Advice,
    kb: Knowledge,
    *,
    chosen_system: str,
    decided_by: str,
    rationale: str | None,
    conversation_id: int | str,
) -> tuple[str, list[Block]]:
    """The recommendation card after a decision: the choice and who made it, follow-up buttons only."""
    _, blocks = build_recommendation(conversation_id, 0, advice, kb, with_actions=False)
    chosen = _system_name(kb, chosen_system)
    if chosen_system == advice.recommendation:
        line = f":white_check_mark: *{escape(chosen)}* adopted by <@{decided_by}>"
    else:
        line = (
            f":pencil: The team chose *{escape(chosen)}* instead of {escape(advice.recommendation_name)} "
            f"— recorded by <@{decided_by}>"
        )
    if rationale:
        line += f"\n> {escape(cut(' '.join(rationale.split()), 1500))}"
    blocks.append(mrkdwn_section(line))
    blocks.append(
        ActionsBlock(
            block_id="card:decided",
            elements=[
                button("Full comparison", ACTION_COMPARISON, encode_value(c=conversation_id)),
                button("Export ADR", ACTION_EXPORT_ADR, encode_value(c=conversation_id)),
            ],
        )
    )
    return line, blocks


def build_comparison(kb: Knowledge, kinds: Sequence[str] = ("comparison",)) -> list[tuple[str, list[Block]]]:
    """The guide's comparison tables, as one or more messages of at most 50 blocks."""
    messages: list[tuple[str, list[Block]]] = []
    current: list[Block] = [HeaderBlock(text=PlainTextObject(text="Full comparison"))]
    for table in kb.tables:
        if table.kind not in kinds:
            continue
        citations = [
            cite(table, r)
            for r in table.rows
        ]
        for excerpt in render_rows(citations, kb):
            if len(current) >= MESSAGE_BLOCK_LIMIT:
                messages.append(("Full comparison (continued)", current))
                current = []
            current.append(mrkdwn_section(excerpt))
    if current:
        messages.append(("Full comparison", current))
    return messages


# --------------------------------------------------------------------------- follow-ups and commands


class FollowupLike(Protocol):
    topic: str | None
    covered: bool
    rows: list[RowCitation]
    summary: str
    covered_topics: list[str]


def build_followup(answer: FollowupLike, kb: Knowledge | None) -> tuple[str, list[Block]]:
    if not answer.covered:
        topics = ", ".join(escape(t) for t in answer.covered_topics[:40])
        text = "That is not covered by the guide this app draws on."
        blocks: list[Block] = [
            mrkdwn_section(f":shrug: {text} {escape(answer.summary)}".strip()),
            context(f"Topics I can answer: {topics}" if topics else "Try /msgchoice help"),
        ]
        return text, blocks
    text = answer.summary or (answer.topic or "From the guide")
    blocks = [mrkdwn_section(escape(text))]
    for excerpt in render_rows(answer.rows[:12], kb)[: MESSAGE_BLOCK_LIMIT - 2]:
        blocks.append(mrkdwn_section(excerpt))
    return text, blocks


HELP_TEXT = """*msgchoice* helps you choose between Kafka, NATS Core, NATS JetStream or a NATS + Kafka hybrid.
• `/msgchoice` — start a conversation in this channel (add a description to skip questions, \
e.g. `/msgchoice CDC from Postgres into S3, 50k events/s, 2-person team`)
• `/msgchoice compare &lt;topic&gt;` — the guide's rows on a topic (e.g. `compare latency`)
• `/msgchoice usecase &lt;name&gt;` — what the guide recommends for a use case (e.g. `usecase cdc`)
• `/msgchoice history [system or text]` — your team's recorded decisions
• `/msgchoice digest here|off|when &lt;weekday&gt; &lt;HH:MM&gt; [&lt;time zone&gt;]|preview` — the weekly digest
• `/msgchoice help` — this message
In a thread, type answers, *back*, *not sure*, *restart*, or any question about the systems."""


def build_help(extra_lines: Sequence[str] = (), note: str | None = None) -> tuple[str, list[Block]]:
    text = HELP_TEXT + ("\n" + "\n".join(extra_lines) if extra_lines else "")
    blocks: list[Block] = []
    if note:
        blocks.append(mrkdwn_section(note))
    blocks.append(mrkdwn_section(text))
    return "msgchoice help", blocks


def build_rows_reply(
    title: str, rows: Sequence[RowCitation], kb: Knowledge | None, empty: str
) -> tuple[str, list[Block]]:
    if not rows:
        return empty, [mrkdwn_section(empty)]
    blocks: list[Block] = [mrkdwn_section(f"*{escape(title)}*")]
    for excerpt in render_rows(rows, kb)[: MESSAGE_BLOCK_LIMIT - 1]:
        blocks.append(mrkdwn_section(excerpt))
    return title, blocks


@dataclass(frozen=True)
class DecisionLine:
    """What a list of decisions shows per decision (built by the Slack service from the store)."""

    system: str
    recommended: str | None
    decided_by: str
    decided_at: datetime | None
    rationale: str | None = None
    link: str | None = None


def _decision_text(d: DecisionLine, kb: Knowledge | None) -> str:
    def name(s: str | None) -> str:
        if kb is None or s is None:
            return s or "—"
        return _system_name(kb, s)

    when = d.decided_at.strftime("%Y-%m-%d") if d.decided_at else ""
    what = f"*{escape(name(d.system))}*"
    if d.recommended and d.recommended != d.system:
        what += f" (advice was {escape(name(d.recommended))})"
    line = f"{when} {what} — <@{d.decided_by}>".strip()
    if d.link:
        line += f" · <{d.link}|thread>"
    if d.rationale:
        line += f"\n> {escape(cut(' '.join(d.rationale.split()), 300))}"
    return line


def build_history(
    decisions: Sequence[DecisionLine], kb: Knowledge | None, *, title: str
) -> tuple[str, list[Block]]:
    if not decisions:
        return f"{title}: no decisions recorded yet.", [
            mrkdwn_section(f"*{escape(title)}*: no decisions recorded yet.")
        ]
    blocks: list[Block] = [mrkdwn_section(f"*{escape(title)}*")]
    for d in decisions[: MESSAGE_BLOCK_LIMIT - 1]:
        blocks.append(mrkdwn_section(_decision_text(d, kb)))
    return title, blocks


def build_not_in_channel(channel_id: str) -> str:
    return (
        f"I can't post in <#{channel_id}> because I'm not a member of it. "
        "Invite me with `/invite @msgchoice` and run the command again."
    )


# --------------------------------------------------------------------------- modals and App Home


def build_chose_other_modal(
    conversation_id: int | str, recommended: str, kb: Knowledge, private_metadata: str
) -> View:
    options = [
        Option(text=PlainTextObject(text=cut(s.name, OPTION_TEXT_LIMIT)), value=s.id)
        for s in kb.systems
        if s.id != recommended
    ]
    options.append(Option(text=PlainTextObject(text="Something else"), value="other"))
    return View(
        type="modal",
        callback_id=VIEW_CHOSE_OTHER,
        private_metadata=private_metadata,
        title=PlainTextObject(text="Record your choice"),
        submit=PlainTextObject(text="Record"),
        close=PlainTextObject(text="Cancel"),
        blocks=[
            mrkdwn_section(
                f"The advice was *{escape(_system_name(kb, recommended))}*. "
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


def build_start_modal() -> View:
    return View(
        type="modal",
        callback_id=VIEW_START,
        title=PlainTextObject(text="Choose a system"),
        submit=PlainTextObject(text="Start"),
        close=PlainTextObject(text="Cancel"),
        blocks=[
            InputBlock(
                block_id=BLOCK_CHANNEL,
                label=PlainTextObject(text="Channel for the conversation"),
                element=ConversationSelectElement(
                    action_id=ACTION_CHANNEL, default_to_current_conversation=True
                ),
            ),
            InputBlock(
                block_id=BLOCK_DESCRIPTION,
                optional=True,
                label=PlainTextObject(text="Describe the workload (optional)"),
                element=PlainTextInputElement(
                    action_id=ACTION_DESCRIPTION,
                    multiline=True,
                    max_length=2000,
                    placeholder=PlainTextObject(
                        text="CDC from Postgres into S3, ~50k events/s, 2-person team"
                    ),
                ),
            ),
        ],
    )


def build_home_digest_section(status: Sequence[str] | None = None) -> list[Block]:
    """The Home tab's digest section: ``status`` is mrkdwn lines from ``bot.digest.service.home_status``
    (settings, then the last run with its error), already escaped."""
    if not status:
        return [
            mrkdwn_section("*Weekly digest*: not configured — use `/msgchoice digest here` in a channel."),
        ]
    return [
        mrkdwn_section("*Weekly digest*\n" + "\n".join(status)),
        context(
            "`/msgchoice digest here` · `off` · `when &lt;weekday&gt; &lt;HH:MM&gt; [&lt;time zone&gt;]` · "
            "`empty skip|line` · `preview`"
        ),
    ]


def build_home(
    decisions: Sequence[DecisionLine], kb: Knowledge | None, digest_section: Sequence[Block] | None = None
) -> View:
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="msgchoice")),
        mrkdwn_section(
            "Choose between Kafka, NATS Core, NATS JetStream or a hybrid, "
            "from the guide's tables and decision flowchart."
        ),
        ActionsBlock(
            block_id="home_actions",
            elements=[button("Start a conversation", ACTION_HOME_START, "start", style="primary")],
        ),
        DividerBlock(),
        mrkdwn_section("*Your team's recent decisions*"),
    ]
    if decisions:
        blocks.extend(mrkdwn_section(_decision_text(d, kb)) for d in decisions[:20])
    else:
        blocks.append(context("No decisions yet. Start with `/msgchoice` in a channel."))
    blocks.append(DividerBlock())
    blocks.extend(digest_section if digest_section is not None else build_home_digest_section(None))
    return View(type="home", blocks=blocks)
