"""The digest scheduler that ``msgchoice serve`` runs: an asyncio task calling :func:`run_due` every tick.

Every replica runs one; the database decides who sends (see :mod:`bot.digest.runner`).

Cancellation (shutdown): a tick in progress starts no further team, and the
digest it is posting is given :data:`SHUTDOWN_GRACE` to be posted and recorded
before the task ends (the teams not reached are for the other replicas, or
this one after a restart); a tick cut short leaves at most a 'claimed' run, which another replica, or this one
after a restart, takes over after the claim timeout.  A failing tick (database
unreachable) is logged and the next tick tries again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot.digest.runner import CLAIM_TIMEOUT, PostClient, RunResult, TokenLookup, default_replica_id, run_due
from bot.store import db

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

log = logging.getLogger("msgchoice.digest")

TICK = timedelta(minutes=1)
SHUTDOWN_GRACE = 10.0  # seconds


def utc_now() -> datetime:
    return datetime.now(UTC)


async def run_scheduler(
    session_factory: async_sessionmaker[AsyncSession],
    client: PostClient,
    *,
    tick: timedelta = TICK,
    replica_id: str | None = None,
    claim_timeout: timedelta = CLAIM_TIMEOUT,
    clock: Callable[[], datetime] = utc_now,
    ticks: int | None = None,
    bot_token_for: TokenLookup | None = None,
) -> None:
    """Tick until cancelled (or ``ticks`` times, for tests); ``bot_token_for`` as in :func:`run_due`."""
    replica_id = replica_id or default_replica_id()
    log.info("digest scheduler started (tick %ss, replica %s)", tick.total_seconds(), replica_id)
    done = 0
    while ticks is None or done < ticks:
        stop = asyncio.Event()
        job = asyncio.ensure_future(
            _tick(
                session_factory,
                client,
                replica_id=replica_id,
                claim_timeout=claim_timeout,
                now=clock(),
                bot_token_for=bot_token_for,
                stop=stop,
            )
        )
        try:
            await asyncio.shield(job)
        except asyncio.CancelledError:
            stop.set()  # the team being posted finishes; no other is started
            await _finish(job)
            raise
        done += 1
        if ticks is not None and done >= ticks:
            break
        await asyncio.sleep(tick.total_seconds())


async def _tick(
    session_factory: async_sessionmaker[AsyncSession],
    client: PostClient,
    *,
    replica_id: str,
    claim_timeout: timedelta,
    now: datetime,
    bot_token_for: TokenLookup | None = None,
    stop: asyncio.Event | None = None,
) -> list[RunResult]:
    try:
        return await run_due(
            session_factory,
            client,
            now=now,
            replica_id=replica_id,
            claim_timeout=claim_timeout,
            bot_token_for=bot_token_for,
            stop=stop,
        )
    except db.UNAVAILABLE as exc:  # the database is down: one line a tick, and the next tick tries again
        log.warning("digest tick skipped, the database is unavailable: %s", db.reason(exc))
        return []
    except Exception:  # anything else is a bug: its traceback
        log.exception("digest tick failed")
        return []


async def _finish(job: asyncio.Future[list[RunResult]]) -> None:
    """Let an in-flight tick complete within the grace period, else cancel it."""
    if job.done():
        return
    try:
        await asyncio.wait_for(asyncio.shield(job), SHUTDOWN_GRACE)
    except TimeoutError:
        job.cancel()
        log.warning("digest tick cut short at shutdown; its claim is retried after the timeout")
    except asyncio.CancelledError:
        job.cancel()
