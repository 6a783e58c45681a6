"""A reply in a thread the app started: an answer, back/restart, a follow-up question or facts."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot import logs
from bot.slack.context import first_delivery, flow_of, team_of
from bot.slack.services import Where
from bot.slack.text import from_slack, user_text
from bot.store import repo


async def handle_thread_reply(event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext) -> None:
    """Runs after the ack: the thread's conversation is looked up (within the requesting team)
    and the delivery recorded here, so a slow or unreachable database never delays the ack."""
    flow = flow_of(context)
    where = Where(team_of(body, context), str(event["channel"]), str(event["thread_ts"]))
    async with flow.deps.session_factory() as session:
        conversation = await repo.get_conversation_by_thread(
            session, team_id=where.team_id, channel_id=where.channel_id, thread_ts=where.thread_ts
        )
    if conversation is None:
        return  # a thread the app did not start
    logs.bind(conversation_id=conversation.id)
    if not await first_delivery(body, context):
        return
    await flow.conversation.reply(
        where,
        user_id=str(event["user"]),
        text=from_slack(user_text(event.get("text"))),
        conversation=conversation,
    )
