"""An @mention of the app in a channel: a workload description starts a conversation there, as
``/msgchoice <description>`` does; no description (or a sub-command) gets the help, to the person alone.

A mention inside a thread is a message in that thread too: the app's own threads answer it as a
message event (``listeners/messages``), and other threads are not the app's.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.render.blocks import build_help, to_payload
from bot.render.escape import escape
from bot.slack.context import flow_of, team_of
from bot.slack.listeners.commands.subcommands import SUBCOMMANDS
from bot.slack.listeners.messages.direct_message import HELP_WORDS
from bot.slack.services import NotInChannel
from bot.slack.text import from_slack, looks_like_garbage, split_command, user_text, without_the_app


async def handle_app_mention(event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext) -> None:
    user, channel = event.get("user"), event.get("channel")
    if event.get("thread_ts") or event.get("bot_id") or not isinstance(user, str) or not isinstance(channel, str):
        return
    flow = flow_of(context)
    text = from_slack(user_text(without_the_app(user_text(event.get("text")), context.bot_user_id)))
    parsed = split_command(text, frozenset(SUBCOMMANDS))
    if parsed.name is not None or text.lower().strip(" !.?") in HELP_WORDS or looks_like_garbage(text):
        note = (
            f"Sub-commands work with the slash command: `/msgchoice {escape(text)}`."
            if parsed.name is not None
            else "Mention me with a description of your workload and I will ask the rest in a thread."
        )
        help_text, blocks = build_help(note=note)
        await flow.client.chat_postEphemeral(channel=channel, user=user, text=help_text, blocks=to_payload(blocks))
        return
    try:
        await flow.conversation.start(team_id=team_of(body, context), channel_id=channel, user_id=user, text=text)
    except NotInChannel:
        return  # Slack delivers a mention only where the app is a member; one it has since left goes unanswered
