"""``/msgchoice digest here|off|when …|empty …|preview``: digest settings, each confirmed ephemerally."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError

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
    if reply.changed and verb == "here" and channel_id and not await _is_member(flow, channel_id):
        text += (
            "\n:warning: I am not in this channel yet: invite me (`/invite @msgchoice`) or the digest cannot be posted."
        )
    await respond(text=text, response_type="ephemeral")


async def _is_member(flow: Flow, channel_id: str) -> bool:
    """Whether the app can post in ``channel_id`` (DMs with the app count; unknown means no).

    ``conversations.info`` needs ``channels:read``/``groups:read``, which the manifest does not ask
    for: refused for a missing scope, it says nothing about the channel, and the app is not accused
    of being absent (a digest that cannot be posted is shown on App Home).
    """
    if channel_id.startswith("D"):
        return True
    try:
        response = await flow.client.conversations_info(channel=channel_id)
    except SlackApiError as exc:
        return str(exc.response.get("error", "")) == "missing_scope"
    data = response.data if isinstance(response.data, dict) else {}
    return bool((data.get("channel") or {}).get("is_member", False))
