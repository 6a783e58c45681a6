"""Cross-cutting filters, run before any listener.

Signatures are verified first, by ``bot/slack/verify.py`` (which replaces
Bolt's own check); Bolt's built-in middleware answers ``url_verification`` and
drops the app's own messages.  On top of that (every lookup within the
requesting team, ``context.team_id``, only):

1. :func:`attach_flow` gives every listener the conversation service.
2. :func:`only_owned_threads` lets through only message events that are human
   replies in a thread the app started (no other bots, no edits or deletions,
   no top-level chatter), and attaches the stored conversation; and direct
   messages to the app.
3. :func:`dedupe_deliveries` records each Events API delivery (``event_id``)
   once in the database; a Slack retry (``X-Slack-Retry-Num``) of a delivery
   already seen, or the copy another replica received, is acked and ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot import logs
from bot.slack.context import CONVERSATION_KEY, FLOW_KEY
from bot.slack.services import Deps, Flow

log = logging.getLogger(__name__)

Next = Callable[[], Awaitable[Any]]
# Message subtypes that are still a person typing in the thread.
HUMAN_SUBTYPES = {None, "thread_broadcast", "file_share"}


def _ignored() -> BoltResponse:
    return BoltResponse(status=200, body="")


def install(app: AsyncApp, deps: Deps) -> None:
    async def attach_flow(context: AsyncBoltContext, next: Next) -> Any:
        context[FLOW_KEY] = Flow(deps, context.client, bot_user_id=context.bot_user_id)
        return await next()

    async def only_owned_threads(body: dict[str, Any], context: AsyncBoltContext, next: Next) -> Any:
        event = body.get("event") or {}
        if body.get("type") != "event_callback" or event.get("type") != "message":
            return await next()
        if event.get("bot_id") or event.get("subtype") not in HUMAN_SUBTYPES or not event.get("user"):
            return _ignored()
        thread_ts = event.get("thread_ts")
        if not thread_ts and event.get("channel_type") == "im":
            return await next()  # a direct message to the app (Messages tab): see listeners/messages
        if not thread_ts or thread_ts == event.get("ts"):
            return _ignored()  # a top-level message, or a thread's root
        from bot.store import repo

        async with deps.session_factory() as session:
            conversation = await repo.get_conversation_by_thread(
                session,
                team_id=str(context.team_id or ""),  # the requesting team only
                channel_id=str(event.get("channel")),
                thread_ts=thread_ts,
            )
        if conversation is None:
            return _ignored()  # a thread the app did not start
        context[CONVERSATION_KEY] = conversation
        logs.bind(conversation_id=conversation.id)
        return await next()

    async def dedupe_deliveries(
        body: dict[str, Any], context: AsyncBoltContext, request: AsyncBoltRequest, next: Next
    ) -> Any:
        event_id = body.get("event_id")
        if body.get("type") != "event_callback" or not event_id:
            return await next()
        from bot.store import repo

        async with deps.session_factory() as session:
            first = await repo.mark_delivery(
                session, team_id=str(context.team_id or ""), delivery_key=f"event:{event_id}"
            )
        if not first:
            retry = (request.headers.get("x-slack-retry-num") or ["0"])[0]
            log.info("ignoring delivery %s already processed (retry %s)", event_id, retry)
            return _ignored()
        return await next()

    app.middleware(attach_flow)
    app.middleware(only_owned_threads)
    app.middleware(dedupe_deliveries)
