"""'Export ADR': post the Markdown decision record in the thread."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import conversation_action


async def handle_export_adr(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    found = await conversation_action(body, context)
    if found is None:
        return
    flow, where, value = found
    await flow.decisions.export_adr(where, conversation_id=int(value["c"]), user_id=str(body["user"]["id"]))
