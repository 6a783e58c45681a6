"""'Full comparison': post the guide's comparison tables in the thread."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import action_value, flow_of, team_of


async def handle_comparison(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    value = action_value(body)
    if "c" not in value:
        return
    flow = flow_of(context)
    found = await flow.where_of(team_of(body, context), int(value["c"]))
    if found is not None:
        await flow.decisions.post_comparison(found[0])
