"""Send the digests that are due: exactly once per team and ISO week, whoever else is trying.

One row of ``digest_runs`` per (team, ISO year, ISO week) — the unique
constraint is the guarantee, not any in-process lock.  For each configured
team whose slot has come (or every configured team with ``force``):

1. **claim**: ``INSERT … ON CONFLICT DO NOTHING`` the week's row as
   'claimed'.  Whoever inserts it owns it; a second replica, a restart or a
   second ``digest run`` inserts nothing and moves on.  An existing row is
   taken over only by a compare-and-set ``UPDATE … WHERE status = … AND
   attempts = …`` (which also increments ``attempts``), in three cases:

   - 'claimed' for longer than ``claim_timeout`` (default 10 minutes): its
     owner crashed between claiming and posting;
   - 'failed' with a *transient* Slack error (rate limited, Slack or network
     down): retried after :data:`RETRY_AFTER`, at most :data:`MAX_ATTEMPTS` times;
   - 'failed' with a *permanent* error (``is_archived``, ``channel_not_found``,
     ``not_in_channel``, ``account_inactive``, a revoked token, any error not
     known to be transient): never retried by the clock, only once the team
     changes its digest settings after the failure (``/msgchoice digest here``
     in a channel the app can post to) or an operator forces it
     (``msgchoice digest run --now``).  App Home shows the error meanwhile.
     A run that failed for want of an installation (:data:`NO_INSTALLATION`)
     is taken over once the team has one again (the app was reinstalled).

   'posted' is final.
2. **build and post**: the digest of the seven days up to the slot (up to
   now when forced before the slot, and next week's then starts there; see
   :func:`_period`), through the client's ``chat.postMessage``.  Given a
   ``bot_token_for`` lookup, each team's digest is posted with that team's
   own bot token (its OAuth installation, else the single SLACK_BOT_TOKEN);
   a team with neither is recorded as failed (:data:`NO_INSTALLATION`)
   without holding up the others.
3. **record**: 'posted' with the message ``ts`` (or with none when an empty
   week is skipped by policy), or 'failed' with Slack's error code.

Every digest carries Slack message metadata naming its team and week
(:data:`DIGEST_EVENT`).  A run taken over after an earlier attempt (a crash
after Slack accepted the message but before step 3 was committed, or a
network error that lost Slack's answer to a post that went through) first
reads the channel's history since the period began, and records the digest
it finds there instead of posting it again.  Only when that history cannot
be read (Slack down, the scope missing) is the week posted regardless, so a
digest may rarely be sent twice but is never lost.

A team whose slot passed *before* it last changed its settings is not sent
that week's digest (configuring the digest on a Wednesday does not post at
once); the next slot counts.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import metrics
from bot.digest.content import build_digest
from bot.digest.schedule import (
    Period,
    Schedule,
    Slot,
    WeekKey,
    current_slot,
    due_slot,
    period_ending,
    previous_week,
    slot_in,
)
from bot.store.db import execute_committed
from bot.store.models import DigestRun, DigestSettings

log = logging.getLogger("msgchoice.digest")

CLAIM_TIMEOUT = timedelta(minutes=10)
RETRY_AFTER = timedelta(minutes=15)
MAX_ATTEMPTS = 5
# Slack errors worth retrying by themselves; any other error waits for a settings change.
TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
NETWORK_ERROR = "network_error"
# The message metadata every posted digest carries: how a retry recognises a digest already in the channel.
DIGEST_EVENT = "msgchoice_digest"
# A team with no installation and no single bot token: permanent until the app is installed there again.
NO_INSTALLATION = "no_installation"
NO_INSTALLATION_ERROR = f"{NO_INSTALLATION}: the app is not installed in this workspace (no bot token to post with)"

# team id → the bot token to post that team's digest with (None: there is none).
TokenLookup = Callable[[str], Awaitable[str | None]]

Outcome = Literal["posted", "skipped", "failed", "not_due", "done", "busy", "error"]


class PostClient(Protocol):
    """The part of ``slack_sdk``'s ``AsyncWebClient`` the runner uses."""

    async def chat_postMessage(
        self,
        *,
        channel: str,
        text: str | None = ...,
        unfurl_links: bool | None = ...,
        unfurl_media: bool | None = ...,
        **kwargs: Any,
    ) -> Any: ...

    async def conversations_history(self, *, channel: str, **kwargs: Any) -> Any: ...


@dataclass(frozen=True)
class RunResult:
    team_id: str
    outcome: Outcome
    week: WeekKey | None = None
    channel_id: str | None = None
    message_ts: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Claim:
    run_id: int
    attempts: int


def default_replica_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def is_transient(error: str | None) -> bool:
    return error is not None and (error in TRANSIENT_ERRORS or error.startswith(NETWORK_ERROR))


async def configured_teams(session: AsyncSession, *, team_id: str | None = None) -> list[DigestSettings]:
    """Teams with the digest on and a channel, optionally just ``team_id``."""
    query = select(DigestSettings).where(DigestSettings.enabled.is_(True), DigestSettings.channel_id.is_not(None))
    if team_id is not None:
        query = query.where(DigestSettings.team_id == team_id)
    return list((await session.scalars(query.order_by(DigestSettings.team_id))).all())


async def run_due(
    session_factory: async_sessionmaker[AsyncSession],
    client: PostClient,
    *,
    now: datetime,
    team: str | None = None,
    force: bool = False,
    replica_id: str,
    claim_timeout: timedelta = CLAIM_TIMEOUT,
    bot_token_for: TokenLookup | None = None,
    stop: asyncio.Event | None = None,
) -> list[RunResult]:
    """Send every digest that is due at ``now`` (this week's for every configured team with ``force``).

    ``bot_token_for``: each team's bot token (without it, the client's own token
    posts every digest).  One result per configured team considered.  A failure for one team (a
    Slack error, even a bug while building its digest) is recorded on its run
    and logged; the other teams still get theirs.  Once ``stop`` is set no further
    team is started (the one in progress finishes): the rest are left for the next run.
    """
    async with session_factory() as session:
        teams = await configured_teams(session, team_id=team)
    results: list[RunResult] = []
    for settings in teams:
        if stop is not None and stop.is_set():
            break
        try:
            result = await _run_team(
                session_factory,
                client,
                settings,
                now=now,
                force=force,
                replica_id=replica_id,
                claim_timeout=claim_timeout,
                bot_token_for=bot_token_for,
            )
        except Exception as exc:  # one team's failure must not stop the others; it is logged and returned
            log.exception("digest for team %s failed", settings.team_id)
            result = RunResult(settings.team_id, "error", error=f"{type(exc).__name__}: {exc}")
        if result.outcome in ("posted", "skipped", "failed"):
            log.info(
                "digest %s for team %s week %s%s",
                result.outcome,
                result.team_id,
                result.week,
                f": {result.error}" if result.error else "",
            )
        metrics.digest_result(result.outcome)
        results.append(result)
    return results


async def _run_team(
    session_factory: async_sessionmaker[AsyncSession],
    client: PostClient,
    settings: DigestSettings,
    *,
    now: datetime,
    force: bool,
    replica_id: str,
    claim_timeout: timedelta,
    bot_token_for: TokenLookup | None,
) -> RunResult:
    team_id, channel_id = settings.team_id, settings.channel_id
    assert channel_id is not None  # configured_teams() only returns teams with a channel
    schedule = Schedule.of(settings)
    slot: Slot | None = current_slot(schedule, now) if force else due_slot(schedule, now)
    if slot is None:
        return RunResult(team_id, "not_due")
    async with session_factory() as session:
        claim = await claim_run(
            session,
            team_id=team_id,
            week=slot.week,
            replica_id=replica_id,
            channel_id=channel_id,
            now=now,
            claim_timeout=claim_timeout,
            may_start=force or settings.updated_at <= slot.at,
            settings_changed_at=settings.updated_at,
            force=force,
            installed=_installed(bot_token_for, team_id),
        )
        if claim is None:
            return RunResult(team_id, "done", week=slot.week)
        try:
            period = await _period(session, team_id, schedule, slot, now=now, force=force)
            content = await build_digest(session, team_id=team_id, week=slot.week, period=period, as_of=period.end)
            await session.commit()  # end the read transaction before talking to Slack
            people = await _people(client, team_id, content, bot_token_for)
            from bot.digest.render import render_digest  # Jinja2, loaded when a digest is due, not at start-up

            text = render_digest(content, empty_line=settings.empty_policy != "skip", people=people)
        except Exception:
            # Recorded so that App Home shows it; not retried by the clock (a bug does not fix itself).
            await session.rollback()
            await _record(session, claim, replica_id, now=now, status="failed", error="digest_build_failed")
            raise
        if text is None:
            await _record(session, claim, replica_id, now=now, status="posted", channel_id=channel_id)
            return RunResult(team_id, "skipped", week=slot.week, channel_id=channel_id)
        if not await _still_claimed(session, claim, replica_id):
            # Building took longer than the claim timeout (Slack slow on users.info …): another
            # replica has taken the week over and posts it; posting here too would send it twice.
            log.warning("digest run %d was taken over while its digest was built; not posting it", claim.run_id)
            return RunResult(team_id, "done", week=slot.week)
        token_args: dict[str, Any] = {}
        if bot_token_for is not None:
            token = await bot_token_for(team_id)
            if not token:
                error = NO_INSTALLATION_ERROR
                await _record(session, claim, replica_id, now=now, status="failed", channel_id=channel_id, error=error)
                return RunResult(team_id, "failed", week=slot.week, channel_id=channel_id, error=error)
            token_args["token"] = token
        if claim.attempts > 1:
            found = await _posted_before(client, team_id, channel_id, slot.week, since=period.start, **token_args)
            if found is not None:
                log.info(
                    "digest run %d: week %s is already in the channel (%s); not posting it again",
                    claim.run_id,
                    slot.week,
                    found,
                )
                await _record(
                    session, claim, replica_id, now=now, status="posted", channel_id=channel_id, message_ts=found
                )
                return RunResult(team_id, "posted", week=slot.week, channel_id=channel_id, message_ts=found)
        metadata = {"event_type": DIGEST_EVENT, "event_payload": {"team_id": team_id, "week": str(slot.week)}}
        try:
            response = await client.chat_postMessage(
                channel=channel_id,
                text=text,
                unfurl_links=False,
                unfurl_media=False,
                metadata=metadata,
                **token_args,
            )
            message_ts = str(response["ts"])
        except Exception as exc:  # any failure to post is recorded on the run (App Home shows it)
            error = slack_error(exc)
            await _record(session, claim, replica_id, now=now, status="failed", channel_id=channel_id, error=error)
            return RunResult(team_id, "failed", week=slot.week, channel_id=channel_id, error=error)
        await _record(
            session, claim, replica_id, now=now, status="posted", channel_id=channel_id, message_ts=message_ts
        )
        return RunResult(team_id, "posted", week=slot.week, channel_id=channel_id, message_ts=message_ts)


async def _posted_before(
    client: PostClient, team_id: str, channel_id: str, week: WeekKey, *, since: datetime, **token_args: Any
) -> str | None:
    """The ``ts`` of this week's digest if an earlier attempt did post it (its answer lost to a network
    error, or the replica gone before recording it); None when the channel has none or cannot be read."""
    try:
        response = await client.conversations_history(
            channel=channel_id, oldest=f"{since.timestamp():.6f}", include_all_metadata=True, limit=200, **token_args
        )
        messages = response["messages"] or []
    except Exception as exc:  # unreadable history: post (a rare duplicate) rather than lose the week
        log.warning(
            "digest for %s %s: could not look for an earlier post (%s); posting", team_id, week, slack_error(exc)
        )
        return None
    for message in messages:
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        if (
            metadata.get("event_type") == DIGEST_EVENT
            and payload.get("team_id") == team_id
            and payload.get("week") == str(week)
        ):
            return str(message["ts"])
    return None


async def _period(
    session: AsyncSession, team_id: str, schedule: Schedule, slot: Slot, *, now: datetime, force: bool
) -> Period:
    """What the week's digest covers: from where last week's ended to the slot, or to now when forced early.

    A digest ends at its slot, whenever it is sent (late, retried, or forced after the slot), or at the
    moment it was built when forced before the slot (that moment is its run's ``claimed_at``).  It starts
    where last week's posted digest ended, so each decision is in exactly one digest; without one, seven
    local days before the slot.  (Usually the same instant as last week's slot; not when last week's went
    out early, or when the slot time is in a spring-forward gap: "seven local days up to 03:30" starts an
    hour after last week's 02:30.)
    """
    end = now if force and now < slot.at else slot.at
    start = period_ending(slot.at, slot.timezone).start
    last_week = previous_week(slot.week)
    previous = await get_run(session, team_id=team_id, week=last_week)
    if previous is not None and previous.status == "posted":
        start = min(previous.claimed_at, slot_in(schedule, last_week).at)
    return Period(start=start, end=end, timezone=slot.timezone)


async def _people(client: Any, team_id: str, content: Any, bot_token_for: TokenLookup | None) -> dict[str, str]:
    """Display names of the people the digest names (no mention pings them every week)."""
    from bot.digest.people import display_names
    from bot.digest.render import people_in

    ids = people_in(content)
    if not ids:
        return {}
    token_args: dict[str, Any] = {}
    if bot_token_for is not None:
        token = await bot_token_for(team_id)
        if not token:
            return {}
        token_args["token"] = token
    return await display_names(client, team_id, ids, **token_args)


def slack_error(exc: BaseException) -> str:
    """Slack's error code (``is_archived`` …) from a ``SlackApiError``, else a network/other description."""
    response = getattr(exc, "response", None)
    if response is not None:
        try:
            code = response.get("error")
        except Exception:  # a response object without a usable .get
            code = None
        if code:
            return str(code)
        status = getattr(response, "status_code", None)
        if status is not None and int(status) >= 500:
            return "service_unavailable"
    if isinstance(exc, OSError | TimeoutError) or type(exc).__module__.startswith("aiohttp"):
        return f"{NETWORK_ERROR}: {type(exc).__name__}"
    return f"{type(exc).__name__}: {exc}"[:500]


async def claim_run(
    session: AsyncSession,
    *,
    team_id: str,
    week: WeekKey,
    replica_id: str,
    channel_id: str | None,
    now: datetime,
    claim_timeout: timedelta = CLAIM_TIMEOUT,
    may_start: bool = True,
    settings_changed_at: datetime | None = None,
    force: bool = False,
    installed: Callable[[], Awaitable[bool]] | None = None,
) -> Claim | None:
    """Take the (team, week) run for ``replica_id``; None when someone else has or had it.

    Commits.  See the module docstring for when an existing run is taken over.
    ``installed`` (asked only of a run that failed for want of an installation):
    whether the team has one now, so a reinstall gets the week's digest.
    """
    run = await get_run(session, team_id=team_id, week=week)
    await session.commit()  # writes below start their own transaction (SQLite: no read→write upgrade)
    if run is None:
        if not may_start:
            return None
        statement = (
            _insert(session)
            .values(
                team_id=team_id,
                iso_year=week.iso_year,
                iso_week=week.iso_week,
                status="claimed",
                claimed_by=replica_id,
                claimed_at=now,
                attempts=1,
                channel_id=channel_id,
            )
            .on_conflict_do_nothing(index_elements=["team_id", "iso_year", "iso_week"])
            .returning(DigestRun.id)
        )
        run_id = (await session.execute(statement)).scalar_one_or_none()
        await session.commit()
        return Claim(run_id, 1) if run_id is not None else None

    conditions = [DigestRun.id == run.id, DigestRun.status == run.status, DigestRun.attempts == run.attempts]
    if run.status == "posted":
        return None
    if run.status == "claimed":
        cutoff = now - claim_timeout
        if not run.claimed_at < cutoff:
            return None
        conditions.append(DigestRun.claimed_at < cutoff)
    elif run.status == "failed" and not (
        force
        or _retryable(run, now=now, settings_changed_at=settings_changed_at)
        or (installed is not None and (run.error or "").startswith(NO_INSTALLATION) and await installed())
    ):
        return None
    statement = (
        update(DigestRun)
        .where(*conditions)
        .values(
            status="claimed",
            claimed_by=replica_id,
            claimed_at=now,
            attempts=DigestRun.attempts + 1,
            channel_id=channel_id,
        )
        .execution_options(synchronize_session=False)
    )
    result = cast(CursorResult[Any], await session.execute(statement))
    await session.commit()
    return Claim(run.id, run.attempts + 1) if result.rowcount == 1 else None


def _installed(bot_token_for: TokenLookup | None, team_id: str) -> Callable[[], Awaitable[bool]] | None:
    """Whether ``team_id`` has a bot token to post with now (None: every team has, the client's own)."""
    if bot_token_for is None:
        return None
    lookup = bot_token_for

    async def installed() -> bool:
        return bool(await lookup(team_id))

    return installed


def _retryable(run: DigestRun, *, now: datetime, settings_changed_at: datetime | None) -> bool:
    if is_transient(run.error):
        return run.attempts < MAX_ATTEMPTS and run.claimed_at < now - RETRY_AFTER
    return settings_changed_at is not None and settings_changed_at > run.claimed_at


async def _record(
    session: AsyncSession,
    claim: Claim,
    replica_id: str,
    *,
    now: datetime,
    status: Literal["posted", "failed"],
    channel_id: str | None = None,
    message_ts: str | None = None,
    error: str | None = None,
) -> None:
    """Close our claim; if it was taken over meanwhile (we were slower than the timeout), say so."""
    values: dict[str, Any] = {"status": status, "error": error}
    if channel_id is not None:
        values["channel_id"] = channel_id
    if status == "posted":
        values.update(posted_at=now, message_ts=message_ts)
    statement = (
        update(DigestRun)
        .where(
            DigestRun.id == claim.run_id,
            DigestRun.status == "claimed",
            DigestRun.claimed_by == replica_id,
            DigestRun.attempts == claim.attempts,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    result = await execute_committed(session, statement)
    if result.rowcount != 1:
        log.warning("digest run %d was taken over before it could be marked %s", claim.run_id, status)


async def _still_claimed(session: AsyncSession, claim: Claim, replica_id: str) -> bool:
    """Whether ``claim`` is still ours (not taken over after the claim timeout); ends the read transaction."""
    query = select(DigestRun.id).where(
        DigestRun.id == claim.run_id,
        DigestRun.status == "claimed",
        DigestRun.claimed_by == replica_id,
        DigestRun.attempts == claim.attempts,
    )
    try:
        ours = (await session.execute(query)).first() is not None
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    return ours


async def get_run(session: AsyncSession, *, team_id: str, week: WeekKey) -> DigestRun | None:
    query = select(DigestRun).where(
        DigestRun.team_id == team_id, DigestRun.iso_year == week.iso_year, DigestRun.iso_week == week.iso_week
    )
    run: DigestRun | None = (await session.scalars(query.execution_options(populate_existing=True))).first()
    return run


async def last_run(session: AsyncSession, *, team_id: str) -> DigestRun | None:
    """The team's most recent run (by ISO week), for App Home."""
    query = (
        select(DigestRun)
        .where(DigestRun.team_id == team_id)
        .order_by(DigestRun.iso_year.desc(), DigestRun.iso_week.desc())
        .limit(1)
    )
    run: DigestRun | None = (await session.scalars(query.execution_options(populate_existing=True))).first()
    return run


def _insert(session: AsyncSession) -> Any:
    """The dialect's INSERT, which has ``on_conflict_do_nothing`` (SQLite and PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(DigestRun)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(DigestRun)
