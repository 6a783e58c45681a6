"""Replies to follow-up questions and to the ephemeral commands (help, compare, usecase)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from slack_sdk.models.blocks import Block

from bot.advisor.advice import RowCitation
from bot.render.blocks.common import MESSAGE_BLOCK_LIMIT, mrkdwn_section, render_rows
from bot.render.escape import escape
from knowledge import Knowledge


class FollowupLike(Protocol):
    topic: str | None
    covered: bool
    rows: list[RowCitation]
    summary: str
    covered_topics: list[str]


# Questions the knowledge answers (a test asks each one): shown when a question is off-topic.
EXAMPLE_QUESTIONS = (
    "what about exactly-once?",
    "compare latency",
    "how hard is Kafka to run?",
    "why not Kafka?",
)


def build_followup(answer: FollowupLike, kb: Knowledge | None) -> tuple[str, list[Block]]:
    if not answer.covered:
        text = "The guide I draw on doesn't cover that; it compares Kafka, NATS Core and NATS JetStream."
        examples = "\n".join(f"• _{escape(q)}_" for q in EXAMPLE_QUESTIONS)
        blocks: list[Block] = [mrkdwn_section(f":shrug: {escape(text)} You could ask:\n{examples}")]
        return text, blocks
    text = answer.summary or (answer.topic or "From the guide")
    blocks = [mrkdwn_section(escape(text))]
    for excerpt in render_rows(answer.rows[:12], kb)[: MESSAGE_BLOCK_LIMIT - 2]:
        blocks.append(mrkdwn_section(excerpt))
    return escape(text), blocks


HELP_TEXT = """*msgchoice* helps you choose between Kafka, NATS Core, NATS JetStream or a NATS + Kafka hybrid.
• `/msgchoice` — start a conversation in this channel (add a description to skip questions, \
e.g. `/msgchoice CDC from Postgres into S3, 50k events/s, 2-person team`)
• `/msgchoice compare &lt;topic&gt;` — the guide's rows on a topic (e.g. `compare latency`)
• `/msgchoice usecase &lt;name&gt;` — what the guide recommends for a use case (e.g. `usecase cdc`)
• `/msgchoice history [system or text]` — your team's recorded decisions
• `/msgchoice digest here|off|when &lt;weekday&gt; &lt;HH:MM&gt; [&lt;time zone&gt;]|preview` — the weekly digest
• `/msgchoice policy` — your team's policy (systems offered, house rules); admins upload it here
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
    return escape(title), blocks  # the fallback is shown in notifications: escaped like the blocks


def build_not_in_channel(channel_id: str, error: str = "not_in_channel") -> str:
    """What a person is told when the app cannot post where they asked; ``error`` is Slack's code.

    Inviting the app helps only in a channel: no app can be added to a direct message between
    people (the app's own DM, which it can post in, never gets here), nor post in an archived channel.
    """
    if channel_id.startswith("D"):
        return (
            "I can't post in a direct message between people: no app can be added to one. "
            "Run `/msgchoice` in a channel, or describe your workload to me in msgchoice's Messages tab."
        )
    if error == "is_archived":
        return f"<#{channel_id}> is archived, so nothing can be posted there. Start the conversation in another one."
    return (
        f"I can't post in <#{channel_id}> because I'm not a member of it. "
        "Invite me with `/invite @msgchoice` and try again."
    )
