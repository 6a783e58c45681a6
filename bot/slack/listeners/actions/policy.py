"""The card's Sizing button, and 'Upload a policy' under ``/msgchoice policy``."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.slack.context import conversation_action, flow_of, team_of
from bot.slack.services.policy import NOT_ALLOWED


async def handle_sizing(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    found = await conversation_action(body, context)
    if found is None:
        return
    flow, where, value = found
    await flow.policy.open_sizing(where, trigger_id=str(body["trigger_id"]), conversation_id=int(value["c"]))


async def handle_policy_upload(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    opened = await flow_of(context).policy.open_upload(
        team_id=team_of(body, context),
        user_id=str(body["user"]["id"]),
        trigger_id=str(body["trigger_id"]),
        channel_id=str(channel) if channel else None,
        enterprise_id=context.enterprise_id,
    )
    if not opened:
        await respond(text=NOT_ALLOWED, response_type="ephemeral", replace_original=False)
