"""'Adopt' on the recommendation card: record the decision (once, however often it is clicked)."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import conversation_action, message_ts


async def handle_adopt(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    found = await conversation_action(body, context, "v", "s")
    if found is None:
        return
    flow, where, value = found
    await flow.decisions.decide(
        where,
        conversation_id=int(value["c"]),
        version=int(value["v"]),
        chosen_system=str(value["s"]),
        rationale="",
        user_id=str(body["user"]["id"]),
        card_ts=message_ts(body),
    )
