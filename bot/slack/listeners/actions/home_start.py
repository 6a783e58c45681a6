"""'Start a conversation' on the Home tab: a modal asks for the channel and a description."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.render.blocks import build_start_modal, view_payload
from bot.slack.context import flow_of, trigger_of


async def handle_home_start(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    await ack()
    await flow_of(context).client.views_open(trigger_id=trigger_of(body), view=view_payload(build_start_modal()))
