"""``/msgchoice history [system or text]``: the team's decisions, ephemerally."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.render.blocks import to_payload
from bot.slack.services import Flow


async def run(flow: Flow, *, command: dict[str, Any], argument: str, respond: AsyncRespond) -> None:
    text, blocks = await flow.home.history_reply(str(command.get("team_id", "")), argument)
    await respond(text=text, blocks=to_payload(blocks), response_type="ephemeral")
