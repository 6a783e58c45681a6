"""Back / Restart buttons under a question."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.render.blocks import ACTION_BACK
from bot.slack.context import conversation_click, user_of


async def handle_navigate(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    flow, team_id, value = await conversation_click(body, context, "v")
    await flow.conversation.navigate(
        team_id,
        action="back" if body["actions"][0]["action_id"] == ACTION_BACK else "restart",
        conversation_id=int(value["c"]),
        expected_version=int(value["v"]),
        user_id=user_of(body),
    )
