"""'Adopt' on the recommendation card: record the decision (once, however often it is clicked)."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import conversation_click, message_ts, user_of


async def handle_adopt(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    flow, team_id, value = await conversation_click(body, context, "v", "s")
    await flow.decisions.decide(
        team_id,
        conversation_id=int(value["c"]),
        version=int(value["v"]),
        chosen_system=str(value["s"]),
        rationale="",
        user_id=user_of(body),
        card_ts=message_ts(body),
    )
