"""Decision lists (history, App Home), the Home tab and its 'start a conversation' modal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ConversationSelectElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    PlainTextInputElement,
    PlainTextObject,
)
from slack_sdk.models.views import View

from bot.render.blocks.common import (
    ACTION_CHANNEL,
    ACTION_DESCRIPTION,
    ACTION_HOME_START,
    BLOCK_CHANNEL,
    BLOCK_DESCRIPTION,
    MESSAGE_BLOCK_LIMIT,
    VIEW_START,
    button,
    context,
    cut,
    mrkdwn_section,
    system_name,
)
from bot.render.escape import escape
from knowledge import Knowledge

_SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


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
        return system_name(kb, s)

    when = d.decided_at.strftime("%Y-%m-%d") if d.decided_at else ""
    what = f"*{escape(name(d.system))}*"
    if d.recommended and d.recommended != d.system:
        what += f" (advice was {escape(name(d.recommended))})"
    # A Slack user id is a mention (a list of decisions pings nobody); a name typed in the terminal
    # (``msgchoice ask --team``) is text like any other.
    who = f"<@{d.decided_by}>" if _SLACK_USER_ID.fullmatch(d.decided_by) else escape(d.decided_by or "someone")
    line = f"{when} {what} — {who}".strip()
    if d.link:
        line += f" · <{d.link}|thread>"
    if d.rationale:
        line += f"\n> {escape(cut(' '.join(d.rationale.split()), 300))}"
    return line


def build_history(
    decisions: Sequence[DecisionLine], kb: Knowledge | None, *, title: str, empty: str = "no decisions recorded yet."
) -> tuple[str, list[Block]]:
    """``title`` and ``empty`` (what is said when there is nothing to list) are plain text (they may quote
    what the user typed): escaped in the blocks and the fallback."""
    if not decisions:
        return f"{escape(title)}: {escape(empty)}", [mrkdwn_section(f"*{escape(title)}*: {escape(empty)}")]
    blocks: list[Block] = [mrkdwn_section(f"*{escape(title)}*")]
    for d in decisions[: MESSAGE_BLOCK_LIMIT - 1]:
        blocks.append(mrkdwn_section(_decision_text(d, kb)))
    return escape(title), blocks


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
