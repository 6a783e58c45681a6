"""A click on an answer button (or Not sure) under a question."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import conversation_action, message_ts


async def handle_answer(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    found = await conversation_action(body, context, "q", "a", "v")
    if found is None:
        return
    flow, where, value = found
    await flow.conversation.answer(
        where,
        conversation_id=int(value["c"]),
        expected_version=int(value["v"]),
        question_id=str(value["q"]),
        value=str(value["a"]),
        user_id=str(body["user"]["id"]),
        source="button",
        message_ts=message_ts(body),
    )
