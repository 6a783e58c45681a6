"""``/msgchoice compare <topic>``: the guide's rows on a topic, ephemerally."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.render.blocks import to_payload
from bot.slack.services import Flow


async def run(flow: Flow, *, command: dict[str, Any], argument: str, respond: AsyncRespond) -> None:
    del command
    text, blocks = flow.followups.compare_reply(argument)
    await respond(text=text, blocks=to_payload(blocks), response_type="ephemeral")
