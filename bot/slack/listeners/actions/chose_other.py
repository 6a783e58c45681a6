"""'We chose something else': open the modal that asks for the system and the rationale."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import conversation_action, message_ts


async def handle_chose_other(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    found = await conversation_action(body, context, "v")
    if found is None:
        return
    flow, where, value = found
    await flow.decisions.open_chose_other(
        where,
        trigger_id=str(body["trigger_id"]),
        conversation_id=int(value["c"]),
        version=int(value["v"]),
        card_ts=message_ts(body),
    )
