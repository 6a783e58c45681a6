"""A reply in a thread the app started: an answer, back/restart, a follow-up question or facts."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.render.escape import unescape
from bot.slack.context import CONVERSATION_KEY, flow_of, team_of
from bot.slack.services import Where


async def handle_thread_reply(event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext) -> None:
    conversation = context.get(CONVERSATION_KEY)
    if conversation is None:
        return
    where = Where(team_of(body, context), str(event["channel"]), str(event["thread_ts"]))
    await flow_of(context).conversation.reply(
        where,
        user_id=str(event["user"]),
        text=unescape(str(event.get("text") or "")),
        conversation=conversation,
    )
