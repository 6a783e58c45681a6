"""``/msgchoice policy``: the team policy in force, ephemerally, with an upload button for those who may."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.render.blocks import to_payload
from bot.slack.services import Flow


async def run(flow: Flow, *, command: dict[str, Any], argument: str, respond: AsyncRespond) -> None:
    del argument
    text, blocks = await flow.policy.policy_reply(
        str(command.get("team_id", "")),
        str(command.get("user_id", "")),
        enterprise_id=command.get("enterprise_id") or None,
    )
    await respond(text=text, blocks=to_payload(blocks), response_type="ephemeral")
