"""``/msgchoice digest here|off|when …|empty …|preview``: digest settings, each confirmed ephemerally."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import aiohttp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.slack.services import Flow


async def run(flow: Flow, *, command: dict[str, Any], argument: str, respond: AsyncRespond) -> None:
    from bot.digest import service

    channel_id = str(command.get("channel_id") or "") or None
    team_id = str(command.get("team_id", ""))

    async def names(user_ids: Sequence[str]) -> dict[str, str]:
        return await flow.display_names(team_id, user_ids)

    async with flow.deps.session_factory() as session:
        reply = await service.handle(
            session,
            team_id=team_id,
            user_id=str(command.get("user_id", "")),
            channel_id=channel_id,
            argument=argument,
            now=datetime.now(UTC),
            names=names,
        )
    text = reply.text
    verb = argument.split()[0].casefold() if argument.split() else ""
    if reply.changed and verb == "here" and channel_id and not await _can_post(flow, channel_id):
        text += (
            "\n:warning: I can't post in a direct message between people, so the digest cannot be posted here:"
            " use `/msgchoice digest here` in a channel, or in your direct message with me."
            if channel_id.startswith("D")
            else "\n:warning: I am not in this channel yet: invite me (`/invite @msgchoice`) or the digest cannot be"
            " posted."
        )
    await respond(text=text, response_type="ephemeral")


# How long `digest here` waits to learn whether the app can post in the channel before it answers anyway.
CAN_POST_WAIT_S = 2.0


async def _can_post(flow: Flow, channel_id: str) -> bool:
    """Whether the app can post the digest in ``channel_id``; unknown means yes.

    ``conversations.info`` would need ``channels:read``/``groups:read``/``im:read``, which the manifest
    does not ask for: Slack refuses it in every conversation, which says nothing.  Reading one message
    of history needs only the ``*:history`` scopes it has.  Slack answers ``channel_not_found`` for a
    private channel the app is not in and for a DM between other people, where it cannot post; a public
    channel it is not in (``not_in_channel``) takes its posts all the same (``chat:write.public``).
    """
    try:
        await asyncio.wait_for(flow.client.conversations_history(channel=channel_id, limit=1), CAN_POST_WAIT_S)
    except SlackApiError as exc:
        return str(exc.response.get("error", "")) != "channel_not_found"
    except (SlackClientError, aiohttp.ClientError, TimeoutError):
        return True
    return True
