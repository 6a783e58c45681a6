"""The conversation's messages: the thread's root, what was understood, a question, an answered question."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import ActionsBlock, Block, MarkdownTextObject, SectionBlock

from bot.advisor.advice import Ambiguity, ParsedAnswer
from bot.render.blocks.common import (
    ACTION_BACK,
    ACTION_CHANGE_PREFIX,
    ACTION_RESTART,
    ACTION_UNSURE,
    ANSWER_PREFIX,
    answer_label,
    button,
    context,
    cut,
    encode_value,
    mrkdwn_section,
)
from bot.render.escape import escape, quote
from knowledge import Knowledge, Question


def build_root_message(user_id: str, free_text: str | None) -> tuple[str, list[Block]]:
    text = f"<@{user_id}> is choosing a messaging system. Answer in the thread 🧵"
    blocks: list[Block] = [mrkdwn_section(f":speech_balloon: {text}")]
    if free_text:
        blocks.append(mrkdwn_section(f"> {escape(cut(' '.join(free_text.split()), 2500))}"))
    blocks.append(context("Anyone here can answer by clicking or by typing in the thread."))
    return text, blocks


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
        label = answer_label(question, item.value)
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
    label = answer_label(question, value)
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
