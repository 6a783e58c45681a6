"""The conversation's messages: the thread's root, what was understood, a question, an answered question."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    PlainTextObject,
)

from bot.advisor.advice import Ambiguity, ParsedAnswer
from bot.advisor.machine import UNSURE
from bot.render.blocks.common import (
    ACTION_BACK,
    ACTION_CHANGE_PREFIX,
    ACTION_RESTART,
    ACTION_SHOW_QUESTION,
    ACTION_UNSURE,
    ANSWER_PREFIX,
    BUTTON_TEXT_LIMIT,
    RawBlock,
    answer_label,
    button,
    context,
    cut,
    encode_value,
    mrkdwn_section,
    raw_button,
    raw_context,
    raw_section,
    to_payload,
)
from bot.render.escape import escape, plain, quote
from knowledge import Knowledge, Question

# The lines of the thread's messages that say how to answer.  ``typing=False`` (a public channel the
# app could not join, so Slack does not send it what is typed there: SlackService.hears_typing) gives
# the lines that point to the buttons instead of promising that typed replies count.
NOT_A_MEMBER = "Typed replies reach me only in channels I am a member of: `/invite @msgchoice` to type them here."
ROOT_HINT = "Anyone here can answer by clicking or by typing in the thread."
ROOT_HINT_BUTTONS = f"Anyone here can answer with the buttons in the thread. {NOT_A_MEMBER}"
CHANGE_HINT = "Wrong? Click *Change*, or type *back* to undo the latest answer."
CHANGE_HINT_BUTTONS = "Wrong? Click *Change*."
QUESTION_HINT_BUTTONS = f"Answer with the buttons. {NOT_A_MEMBER}"


def question_hint(question: Question, *, can_go_back: bool = True, typing: bool = True) -> str:
    """The line under a question's buttons: what can be typed instead, or (``typing=False``) to use them."""
    if not typing:
        return QUESTION_HINT_BUTTONS
    words = ", ".join(f"_{escape(a.value)}_" for a in question.answers)
    return (
        f"Or type an answer here (e.g. {words})"
        + (", *back*, *not sure* or *restart*" if can_go_back else " or *not sure*")
        + "; ask a question any time."
    )


def build_root_message(user_id: str, free_text: str | None, *, typing: bool = True) -> tuple[str, list[Block]]:
    text = f"<@{user_id}> is choosing a messaging system. Answer in the thread 🧵"
    blocks: list[Block] = [raw_section(f":speech_balloon: {text}")]
    if free_text:
        blocks.append(raw_section(f"> {escape(cut(' '.join(free_text.split()), 2500))}"))
    blocks.append(raw_context(ROOT_HINT if typing else ROOT_HINT_BUTTONS))
    return text, blocks


def build_understood(
    conversation_id: int | str,
    version: int,
    parsed: Sequence[ParsedAnswer],
    ambiguous: Sequence[Ambiguity],
    kb: Knowledge,
    *,
    source: str = "your description",
    typing: bool = True,
) -> tuple[str, list[Block]]:
    """'Here is what I understood from ``source``…' with a Change button per answer read from the text
    (``typing=False``: without saying that *back* can be typed)."""
    text = f"Here is what I understood from {source}:"
    blocks: list[Block] = [raw_section(f"*{text}*")]
    for item in parsed[:20]:
        question = kb.question(item.question)
        label = answer_label(question, item.value)
        implied = f" (implied by _{escape(item.implied_by)}_)" if item.implied_by else ""
        section = raw_section(
            f"*{escape(question.text)}* {escape(label)}\nfrom {quote(item.text)}{implied}",
            block_id=f"understood:{item.question}",
            accessory=raw_button(
                "Change",
                f"{ACTION_CHANGE_PREFIX}{item.question}",
                encode_value(c=conversation_id, q=item.question, v=version),
            ),
        )
        blocks.append(section)
    for amb in ambiguous[:5]:
        blocks.append(raw_context(f":grey_question: {quote(amb.text)}: {escape(amb.note)} — I will ask."))
    if not parsed:
        blocks.append(raw_context("Nothing in the description settles a question yet; I will ask."))
    else:
        blocks.append(raw_context(CHANGE_HINT if typing else CHANGE_HINT_BUTTONS))
    return text, blocks


def restart_button(conversation_id: int | str, version: int) -> ButtonElement:
    """Restart, behind Slack's own confirmation dialog (not a red button, not one click away)."""
    element = button(":arrows_counterclockwise: Restart", ACTION_RESTART, encode_value(c=conversation_id, v=version))
    element.confirm = ConfirmObject(
        title="Start over?",
        text="Every answer in this thread is forgotten and the questions start again.",
        confirm="Start over",
        deny="Keep my answers",
    )
    return element


def build_question(
    conversation_id: int | str,
    version: int,
    question: Question,
    *,
    number: int | None = None,
    can_go_back: bool = True,
    typing: bool = True,
) -> tuple[str, list[Block]]:
    """A question with one button per answer; Back only when there is an answer to undo.

    The line under the buttons says what can be typed instead (:func:`question_hint`;
    ``typing=False``: that the buttons are the way to answer).

    Built from the question's template (:func:`_template`) when the ids are whole
    numbers, as the app's are: only the conversation id and version change from
    one conversation to the next.
    """
    prefix = f"Q{number}. " if number else ""
    text = f"{prefix}{question.text}"
    if type(conversation_id) is int and type(version) is int:
        cid, ver = str(conversation_id), str(version)
        if len(cid) <= _SENTINEL_DIGITS and len(ver) <= _SENTINEL_DIGITS:
            template = _template(question, number, can_go_back, typing)
            if template is not None:
                filled = template.replace(_C, cid).replace(_V, ver)
                return text, [RawBlock(b) for b in json.loads(filled)]
    return text, question_blocks(
        conversation_id, version, question, number=number, can_go_back=can_go_back, typing=typing
    )


def question_blocks(
    conversation_id: int | str,
    version: int,
    question: Question,
    *,
    number: int | None = None,
    can_go_back: bool = True,
    typing: bool = True,
) -> list[Block]:
    """:func:`build_question`'s blocks as slack_sdk models (what its templates are made from)."""
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
    nav: list[ButtonElement] = []
    if can_go_back:
        nav.append(
            button(":leftwards_arrow_with_hook: Back", ACTION_BACK, encode_value(c=conversation_id, v=version))
        )
    nav.append(
        button("Not sure", ACTION_UNSURE, encode_value(c=conversation_id, q=question.id, a="unsure", v=version))
    )
    if can_go_back:
        nav.append(restart_button(conversation_id, version))
    return [
        mrkdwn_section(f"*{escape(text)}*", block_id=f"question:{question.id}:{version}"),
        context(f":bulb: {escape(question.why)}"),
        ActionsBlock(block_id=f"answers:{question.id}:{version}", elements=buttons[:25]),
        ActionsBlock(block_id=f"nav:{version}", elements=nav),
        context(question_hint(question, can_go_back=can_go_back, typing=typing)),
    ]


# A question's template: its validated payload as JSON, rendered with these stand-ins for the
# conversation id and version (numbers as long as any id or version the template may take; a
# longer one is rendered from the models).  Knowledge is frozen, so a question object's template
# holds as long as the object; the entry keeps the object, so that its id is not reused meanwhile.
_SENTINEL_DIGITS = 19
_C, _V = "7301946285019372846", "8412057396120483957"
_TEMPLATES: dict[tuple[int, int | None, bool, bool], tuple[Question, str | None]] = {}
_TEMPLATE_LIMIT = 2048  # entries (questions × numbers × can_go_back × typing); a reloaded knowledge base starts afresh


def _template(question: Question, number: int | None, can_go_back: bool, typing: bool) -> str | None:
    key = (id(question), number, can_go_back, typing)
    entry = _TEMPLATES.get(key)
    if entry is not None and entry[0] is question:
        return entry[1]
    if len(_TEMPLATES) >= _TEMPLATE_LIMIT:
        _TEMPLATES.clear()
    template = _make_template(question, number, can_go_back, typing)
    _TEMPLATES[key] = (question, template)
    return template


def _make_template(question: Question, number: int | None, can_go_back: bool, typing: bool) -> str | None:
    """The template, or None when it would not reproduce the models' payload (then every call renders them).

    Rendered through the models and :func:`to_payload` (all of slack_sdk's checks,
    at the longest ids), then checked: filled in with other ids it must give what
    the models give for those.
    """

    def payload(conversation_id: int, version: int) -> list[dict[str, Any]]:
        return to_payload(
            question_blocks(
                conversation_id, version, question, number=number, can_go_back=can_go_back, typing=typing
            )
        )

    template = json.dumps(payload(int(_C), int(_V)), ensure_ascii=False)
    for conversation_id, version in ((1, 2), (-123456789012345678, 0)):
        filled = template.replace(_C, str(conversation_id)).replace(_V, str(version))
        if json.loads(filled) != payload(conversation_id, version):
            return None
    return template


def build_answered(
    question: Question, value: str, who: str, *, how: str = "answered"
) -> tuple[str, list[Block]]:
    """A question after it was answered: the choice and who made it (``@name``, no ping), no buttons.

    "Not sure" is not an answer, so it gets no check mark.
    """
    label = answer_label(question, value)
    mark = ":shrug:" if value == UNSURE else "✅"
    text = f"{question.text} {mark} {label} — {how} by {who}"
    blocks: list[Block] = [
        raw_section(f"*{escape(question.text)}*\n{mark} *{escape(label)}* — {how} by {escape(who)}"),
    ]
    return text, blocks


def build_superseded(question: Question, note: str) -> tuple[str, list[Block]]:
    """A question card that is no longer live (an answer before it changed): no buttons, why in one line."""
    text = f"{question.text} — {note}"
    return text, [raw_section(f"*{escape(question.text)}*\n_{escape(note)}_")]


def build_closed_card(title: str, note: str) -> tuple[str, list[Block]]:
    """A recommendation card superseded by a change of answers."""
    text = f"{title} — {note}"
    return text, [raw_section(f"~{escape(title)}~\n_{escape(note)}_")]


def build_open_question_pointer(question_text: str, link: str | None, *, lead: str | None = None) -> str:
    """What a click on a closed card is told: which question is open now, with a link to it.

    ``lead`` (mrkdwn, escaped) replaces "That card is closed." when more is known (who answered first)."""
    where = f" <{link}|Go to it>." if link else " It is the latest question in the thread."
    return f"{lead or 'That card is closed.'} The open question is *{escape(question_text)}*.{where}"


def build_nothing_to_change(question_text: str) -> str:
    """The lead of the note to a Change on an answer that is gone (a Restart, Back or Change took it)."""
    return f"“{escape(question_text)}” has no answer to change any more (it is asked when its turn comes)."


def build_answered_first(who: str, question_label: str, their_label: str, your_label: str | None) -> str:
    """The lead of the note to someone whose answer lost a race: who answered first, with what, and
    whether theirs (``your_label``, None when it was the same answer) was dropped."""
    if your_label is None:
        return (
            f"{escape(who)} gave the same answer to “{escape(question_label)}” just before you: "
            f"*{escape(their_label)}*."
        )
    first = f"{escape(who)} answered “{escape(question_label)}” first: *{escape(their_label)}*."
    return f"{first} Your answer, *{escape(your_label)}*, was not recorded; type *back* to answer it again."


def back_to_question(question_text: str, link: str) -> ActionsBlock:
    """A link button under a reply typed mid-flow, back to the open question (which scrolled away)."""
    return ActionsBlock(
        block_id="back_to_question",
        elements=[
            ButtonElement(
                text=PlainTextObject(text=cut(f"Back to: {plain(question_text)}", BUTTON_TEXT_LIMIT), emoji=True),
                action_id=ACTION_SHOW_QUESTION,
                url=link,
            )
        ],
    )


def build_hint(question: Question | None, *, asked_help: bool = False) -> str:
    """What a reply in the thread that answered nothing gets; ``asked_help``: the person typed "help"."""
    if question is not None and asked_help:
        options = ", ".join(f"*{escape(a.value)}* ({escape(a.label)})" for a in question.answers)
        return (
            f"The open question is _{escape(question.text)}_: click an answer, or type one of: {options}; "
            "or *not sure*, *back*, *restart*. Ask a question about the systems any time "
            "(e.g. _compare latency_); `/msgchoice help` lists the commands."
        )
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


def build_card_help() -> str:
    """What a thread can do once its recommendation is up (someone typed "help" under it)."""
    return (
        "The recommendation is above: *Adopt* it or record *We chose something else* with its buttons. "
        "Ask a question about the systems here (e.g. _compare latency_, _why not Kafka?_), "
        "type an answer to change it, *back* to undo the latest answer, or *restart*."
    )


def build_notice(text: str) -> list[Block]:
    return [mrkdwn_section(text)]
