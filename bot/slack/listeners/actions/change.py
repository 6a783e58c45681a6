"""'Change' next to an answer read from the description: ask that question again."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import conversation_action


async def handle_change(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    found = await conversation_action(body, context, "q")
    if found is None:
        return
    flow, where, value = found
    await flow.conversation.change(
        where, conversation_id=int(value["c"]), question_id=str(value["q"]), user_id=str(body["user"]["id"])
    )
