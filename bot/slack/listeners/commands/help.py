"""``/msgchoice help``: the commands, ephemerally."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.render.blocks import build_help, to_payload
from bot.slack.services import Flow


async def run(
    flow: Flow, *, command: dict[str, Any], argument: str, respond: AsyncRespond, note: str | None = None
) -> None:
    del flow, command, argument
    text, blocks = build_help(note=note)
    await respond(text=text, blocks=to_payload(blocks), response_type="ephemeral")
