"""A click on an answer button (or Not sure) under a question."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import action_value, flow_of, message_ts, team_of


async def handle_answer(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    value = action_value(body)
    if not {"c", "q", "a", "v"} <= value.keys():
        return
    flow = flow_of(context)
    found = await flow.where_of(team_of(body, context), int(value["c"]))
    if found is None:
        return
    where, _ = found
    await flow.answer(
        where,
        conversation_id=int(value["c"]),
        expected_version=int(value["v"]),
        question_id=str(value["q"]),
        value=str(value["a"]),
        user_id=str(body["user"]["id"]),
        source="button",
        message_ts=message_ts(body),
    )
