"""A direct message to the app (its Messages tab): help, or a conversation started right there."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.render.blocks import build_help, to_payload
from bot.slack.context import flow_of, team_of
from bot.slack.text import from_slack, user_text, without_the_app

HELP_WORDS = {"", "help", "?", "hi", "hello", "hey"}


async def handle_direct_message(event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext) -> None:
    flow = flow_of(context)
    # "@msgchoice help" typed here out of habit: the app's own mention is no part of what is asked.
    text = from_slack(without_the_app(user_text(event.get("text")), context.bot_user_id)).strip()
    channel = str(event["channel"])
    if text.lower().strip(" !.") in HELP_WORDS:
        help_text, blocks = build_help(note="Describe your workload here and I will ask the rest in a thread.")
        await flow.client.chat_postMessage(channel=channel, text=help_text, blocks=to_payload(blocks))
        return
    await flow.conversation.start(
        team_id=team_of(body, context), channel_id=channel, user_id=str(event["user"]), text=text
    )
