"""'Details' on the recommendation card: the full reasoning, ranking and table excerpts in a modal."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import conversation_action


async def handle_details(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    found = await conversation_action(body, context)
    if found is None:
        return
    flow, where, value = found
    await flow.decisions.open_details(where, trigger_id=str(body["trigger_id"]), conversation_id=int(value["c"]))


async def handle_link_button(ack: AsyncAck) -> None:
    """A link button (back to the open question): Slack opens the URL and still sends the click."""
    await ack()
