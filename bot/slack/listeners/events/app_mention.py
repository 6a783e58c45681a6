"""An @mention of the app in a channel: a workload description starts a conversation there, as
``/msgchoice <description>`` does; no description (or a sub-command) gets the help, to the person alone.

A mention inside a thread is a message in that thread too: the app's own threads answer it as a
message event (``listeners/messages``).  Other threads are not the app's: the person is told,
ephemerally, where it listens (silence looked like an app that was down).
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.render.blocks import build_help, to_payload
from bot.render.escape import escape
from bot.slack.context import flow_of, team_of
from bot.slack.listeners.commands.subcommands import SUBCOMMANDS
from bot.slack.listeners.messages.direct_message import HELP_WORDS
from bot.slack.services import Flow, NotInChannel, Where
from bot.slack.text import from_slack, looks_like_garbage, split_command, user_text, without_the_app
from bot.store import repo


async def handle_app_mention(event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext) -> None:
    user, channel = event.get("user"), event.get("channel")
    if event.get("bot_id") or not isinstance(user, str) or not isinstance(channel, str):
        return
    flow = flow_of(context)
    thread_ts = event.get("thread_ts")
    if thread_ts:
        await _in_a_thread(flow, team_of(body, context), channel, user, str(thread_ts))
        return
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


IN_OTHER_THREADS = (
    "I only follow the threads I start. To choose a messaging system, type `/msgchoice` with a description "
    "of the workload, or mention me in the channel (not in a thread), and I will ask the rest in a new thread."
)


async def _in_a_thread(flow: Flow, team_id: str, channel: str, user: str, thread_ts: str) -> None:
    """A mention inside a thread: in the app's own, nothing here (its message event is the reply); in
    another thread, an ephemeral note saying where the app listens."""
    async with flow.deps.session_factory() as session:
        conversation = await repo.get_conversation_by_thread(
            session, team_id=team_id, channel_id=channel, thread_ts=thread_ts
        )
    if conversation is not None:
        return
    await flow.conversation.ephemeral(Where(team_id, channel, thread_ts), channel, user, IN_OTHER_THREADS)
