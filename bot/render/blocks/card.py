"""The recommendation card, the card after a decision, the full comparison and the 'chose other' modal."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.advisor.advice import Advice, RowCitation
from bot.advisor.engine import cite
from bot.render.blocks.common import (
    ACTION_ADOPT,
    ACTION_CHOSE_OTHER,
    ACTION_COMPARISON,
    ACTION_EXPORT_ADR,
    ACTION_RATIONALE,
    ACTION_SYSTEM,
    BLOCK_RATIONALE,
    BLOCK_SYSTEM,
    HEADER_LIMIT,
    MESSAGE_BLOCK_LIMIT,
    OPTION_TEXT_LIMIT,
    VIEW_CHOSE_OTHER,
    answer_label,
    button,
    context,
    cut,
    encode_value,
    mrkdwn_section,
    render_rows,
    split_lines,
    system_name,
)
from bot.render.escape import escape
from knowledge import Knowledge


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


def build_recommendation(
    conversation_id: int | str, version: int, advice: Advice, kb: Knowledge, *, with_actions: bool = True
) -> tuple[str, list[Block]]:
    name = advice.recommendation_name
    text = f"Recommendation: {name} (confidence {advice.confidence_label})"
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=cut(f"Recommendation: {name}", HEADER_LIMIT))),
        mrkdwn_section(
            f"*Confidence:* {escape(advice.confidence_label)} ({advice.confidence:.0%})"
            + (f"   *Runner-up:* {escape(system_name(kb, advice.runner_up))}" if advice.runner_up else "")
        ),
        mrkdwn_section(f"*Flowchart path:* {render_path(advice, kb)}"),
    ]
    if advice.flowchart_outcome and advice.flowchart_outcome != advice.recommendation:
        blocks.append(
            context(
                f"The guide's flowchart ends at {escape(system_name(kb, advice.flowchart_outcome))}; "
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
    blocks.extend(mrkdwn_section(piece) for piece in split_lines("*Why*", why))
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
                to_label = answer_label(question, change.to_value)
            except KeyError:
                label, to_label = change.question, change.to_value
            lines.append(
                f"• {escape(label)} → _{escape(to_label)}_ would give "
                f"*{escape(system_name(kb, change.recommendation))}*"
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
    chosen = system_name(kb, chosen_system)
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
