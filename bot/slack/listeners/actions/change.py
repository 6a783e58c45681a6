"""'Change' next to an answer read from the description: ask that question again."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import conversation_click, user_of


async def handle_change(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    flow, team_id, value = await conversation_click(body, context, "q")
    await flow.conversation.change(
        team_id, conversation_id=int(value["c"]), question_id=str(value["q"]), user_id=user_of(body)
    )
