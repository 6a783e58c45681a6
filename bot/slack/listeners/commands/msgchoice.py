"""``/msgchoice [sub-command | workload description]``."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.render.blocks import build_not_in_channel
from bot.render.escape import escape
from bot.slack.context import first_interaction, flow_of, team_of
from bot.slack.listeners.commands import help
from bot.slack.listeners.commands.subcommands import SUBCOMMANDS
from bot.slack.services import NotInChannel
from bot.slack.text import from_slack, looks_like_garbage, split_command, user_text


async def handle_msgchoice(
    ack: AsyncAck, command: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    flow = flow_of(context)
    text = from_slack(user_text(command.get("text")))
    parsed = split_command(text, frozenset(SUBCOMMANDS))
    if parsed.name is not None:
        await SUBCOMMANDS[parsed.name](flow, command=command, argument=parsed.argument, respond=respond)
        return
    if looks_like_garbage(parsed.argument):
        note = f"I don't know `{escape(parsed.argument)}`. Describe your workload, or use one of these:"
        await help.run(flow, command=command, argument="", respond=respond, note=note)
        return
    if not await first_interaction(command, context):
        return  # the same command delivered again: its conversation is already started
    channel_id = str(command["channel_id"])
    try:
        await flow.conversation.start(
            team_id=team_of(command, context),
            channel_id=channel_id,
            user_id=str(command["user_id"]),
            text=parsed.argument,
        )
    except NotInChannel as exc:
        await respond(text=build_not_in_channel(exc.channel_id, exc.error), response_type="ephemeral")
