"""The periodic repair of stranded conversations (run by ``msgchoice serve`` on every replica).

A conversation is stranded when an answer was committed but the message that
follows never reached Slack (the process died between the two, or
``chat.postMessage`` failed past its retries).  Clicks and typed messages in
the thread repair it on the spot; the sweep repairs threads nobody touches.
Every replica sweeps; the claim in :mod:`bot.store.screen` makes one of them post.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.services.base import TOKEN_REFUSED_ERRORS, Deps, NotInChannel, Where
from bot.slack.services.conversation import ConversationService
from bot.store import db, screen

log = logging.getLogger(__name__)

TokenLookup = Callable[[str], Awaitable[str | None]]
SWEEP_EVERY = timedelta(seconds=60)
IDLE_FOR = timedelta(seconds=30)  # leave threads alone that a request may still be answering
# A thread the app cannot post in (removed from the channel, archived, deleted) is left alone this long
# by a replica's sweep, not tried every minute; a message or click in the thread still repairs it at once.
PARK_FOR = timedelta(hours=1)
# (conversation id, version), or (team id, 0) for a team without an installation or whose token Slack
# refuses -> monotonic time until which the sweep leaves it alone.
Parked = dict[tuple[int | str, int], float]
# How long a delivery id (event_id, trigger_id) is remembered.  Slack retries an event three times
# within about six minutes (at once, after 1 and after 5 minutes) and a signed request verifies for
# five; a day is a wide margin, also for clocks and for a replica that was down when it came.
DELIVERY_RETENTION = timedelta(days=1)


async def sweep_once(
    deps: Deps,
    client: AsyncWebClient,
    bot_token_for: TokenLookup,
    *,
    idle_for: timedelta = IDLE_FOR,
    parked: Parked | None = None,
) -> int:
    """One pass: post the missing message of every stranded conversation; returns how many were posted.

    ``parked`` (kept by :func:`run_sweeper` across passes): threads in a channel the app cannot post
    in, skipped until :data:`PARK_FOR` has passed or their conversation changes, and teams with no
    installation to post with, skipped as long.
    """
    posted = 0
    now = time.monotonic()
    if parked:
        for key in [key for key, until in parked.items() if until <= now]:
            del parked[key]
    async with deps.session_factory() as session:
        teams = await screen.stranded_teams(session, idle_for=idle_for)
    for team_id in teams:
        if parked is not None and (team_id, 0) in parked:
            continue
        token = await bot_token_for(team_id)
        if not token:
            log.info("stranded conversations in team %s, but no installation to post with", team_id)
            if parked is not None:
                parked[(team_id, 0)] = now + PARK_FOR.total_seconds()
            continue
        team_client = AsyncWebClient(
            token=token, base_url=client.base_url, retry_handlers=client.retry_handlers, timeout=client.timeout
        )
        service = ConversationService(deps, team_client)
        async with deps.session_factory() as session:
            stranded = await screen.stranded_conversations(session, team_id=team_id, idle_for=idle_for)
        for conversation in stranded:
            assert conversation.channel_id is not None and conversation.thread_ts is not None  # the query's filter
            where = Where(team_id, conversation.channel_id, conversation.thread_ts)
            key = (conversation.id, conversation.version)
            if parked is not None and key in parked:
                continue
            try:
                if await service.ensure_shown(where, conversation):
                    posted += 1
            except NotInChannel as exc:
                if parked is not None:
                    parked[key] = now + PARK_FOR.total_seconds()
                log.warning(
                    "conversation %s of team %s waits for its next message, but the app cannot post in %s (%s);"
                    " the sweep tries again in %s, a message in the thread posts it once the app is back",
                    conversation.id,
                    team_id,
                    exc.channel_id,
                    exc.error,
                    PARK_FOR,
                )
            except SlackApiError as exc:
                error = str(exc.response.get("error", ""))
                if error not in TOKEN_REFUSED_ERRORS:
                    log.warning("could not repair conversation %s of team %s", conversation.id, team_id, exc_info=True)
                    continue
                # Uninstalled, or the token revoked while no replica heard tokens_revoked: every thread of the
                # team would fail alike, every minute; a reinstall (a new token) is what helps.
                if parked is not None:
                    parked[(team_id, 0)] = now + PARK_FOR.total_seconds()
                log.warning(
                    "stranded conversations in team %s, but Slack refuses its bot token (%s); the sweep tries"
                    " again in %s",
                    team_id,
                    error,
                    PARK_FOR,
                )
                break
            except Exception:  # one thread's failure (an archived channel …) must not stop the others
                log.warning("could not repair conversation %s of team %s", conversation.id, team_id, exc_info=True)
    return posted


async def prune_deliveries(deps: Deps, *, keep: timedelta = DELIVERY_RETENTION) -> int:
    """Forget the delivery ids Slack can no longer deliver again; returns how many."""
    from datetime import UTC, datetime

    from bot.store import repo

    async with deps.session_factory() as session:
        return await repo.prune_deliveries(session, before=datetime.now(UTC) - keep)


async def run_sweeper(
    deps: Deps, client: AsyncWebClient, bot_token_for: TokenLookup, *, every: timedelta = SWEEP_EVERY
) -> None:
    """Sweep forever (cancelled at shutdown); a failed pass is logged and the next one runs on time.

    Each pass also prunes the delivery ids older than :data:`DELIVERY_RETENTION`.
    """
    parked: Parked = {}
    while True:
        try:
            posted = await sweep_once(deps, client, bot_token_for, parked=parked)
            if posted:
                log.info("re-posted the next message of %d stranded conversation(s)", posted)
            pruned = await prune_deliveries(deps)
            if pruned:
                log.info("forgot %d Slack delivery id(s) older than %s", pruned, DELIVERY_RETENTION)
        except db.UNAVAILABLE as exc:  # the database is down: one line a pass, not a traceback a minute
            log.warning("stranded-conversation sweep skipped, the database is unavailable: %s", db.reason(exc))
        except Exception:
            log.exception("stranded-conversation sweep failed")
        await asyncio.sleep(every.total_seconds())
