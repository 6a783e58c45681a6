"""A click on an answer button (or Not sure) under a question."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import conversation_click, message_ts, user_of


async def handle_answer(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    flow, team_id, value = await conversation_click(body, context, "q", "a", "v")
    await flow.conversation.answer(
        team_id,
        conversation_id=int(value["c"]),
        expected_version=int(value["v"]),
        question_id=str(value["q"]),
        value=str(value["a"]),
        user_id=user_of(body),
        source="button",
        message_ts=message_ts(body),
    )
