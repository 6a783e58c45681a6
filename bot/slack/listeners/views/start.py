"""The Home tab's 'start a conversation' modal: start it in the chosen channel."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.render import blocks as ids
from bot.render.blocks import build_not_in_channel
from bot.slack.context import first_interaction, flow_of, state_value, team_of, user_of
from bot.slack.services import NotInChannel
from bot.slack.text import user_text


async def handle_start_submission(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    values = body["view"]["state"]["values"]  # an object of objects (bot/slack/payloads.py checked)
    channel = state_value(values, ids.BLOCK_CHANNEL, ids.ACTION_CHANNEL).get("selected_conversation")
    if not isinstance(channel, str) or not channel:
        await ack(response_action="errors", errors={ids.BLOCK_CHANNEL: "Choose a channel."})
        return
    await ack()
    if not await first_interaction(body, context):
        return  # the same submission delivered again: its conversation is already started
    description = user_text(state_value(values, ids.BLOCK_DESCRIPTION, ids.ACTION_DESCRIPTION).get("value"))
    user_id = user_of(body)
    flow = flow_of(context)
    try:
        await flow.conversation.start(
            team_id=team_of(body, context), channel_id=str(channel), user_id=user_id, text=description
        )
    except NotInChannel as exc:
        # No response_url for a modal: tell the user in a direct message from the app.
        await flow.post(user_id, build_not_in_channel(exc.channel_id, exc.error))
