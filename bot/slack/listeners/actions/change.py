"""'Change' next to an answer read from the description: ask that question again."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import action_value, flow_of, team_of


async def handle_change(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    value = action_value(body)
    if not {"c", "q"} <= value.keys():
        return
    flow = flow_of(context)
    found = await flow.where_of(team_of(body, context), int(value["c"]))
    if found is None:
        return
    where, _ = found
    await flow.change(
        where, conversation_id=int(value["c"]), question_id=str(value["q"]), user_id=str(body["user"]["id"])
    )
