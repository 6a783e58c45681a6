"""'Export ADR': post the Markdown decision record in the thread."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import action_value, flow_of, team_of


async def handle_export_adr(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    value = action_value(body)
    if "c" not in value:
        return
    flow = flow_of(context)
    found = await flow.where_of(team_of(body, context), int(value["c"]))
    if found is not None:
        await flow.decisions.export_adr(found[0], conversation_id=int(value["c"]), user_id=str(body["user"]["id"]))
