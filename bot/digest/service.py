"""Digest settings changes and previews: ``/msgchoice digest here|off|when …|empty …|preview``.

Replies are Slack mrkdwn: ``<`` and ``>`` in the usage text are written as entities.

:func:`handle` parses the words after ``digest`` and returns the reply to show
the caller (ephemerally in Slack).  A bad weekday, time or time zone changes
nothing and says which forms are valid.  Each function is handed a session
and commits its own change.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.digest.content import build_digest
from bot.digest.render import people_in, render_digest, slack_text
from bot.digest.runner import last_run
from bot.digest.schedule import Schedule, next_slot, period_ending, week_of
from bot.render.escape import escape
from bot.store.models import DigestRun, DigestSettings

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)} | {
    name[:3].lower(): i for i, name in enumerate(WEEKDAY_NAMES)
}
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
# Slack user ids -> display names ("@alice"): the digest names people without pinging them.
NameLookup = Callable[[Sequence[str]], Awaitable[Mapping[str, str]]]
EMPTY_WORDS = {"skip": "skip", "line": "one_line", "one-line": "one_line", "one_line": "one_line"}

USAGE = (
    "`/msgchoice digest here` (post the weekly digest to this channel) · "
    "`/msgchoice digest off` · "
    "`/msgchoice digest when &lt;weekday&gt; &lt;HH:MM&gt; [&lt;IANA time zone&gt;]` "
    "(e.g. `when mon 09:00 Europe/Berlin`) · "
    "`/msgchoice digest empty skip|line` (a week with nothing to report: skipped, or one line) · "
    "`/msgchoice digest preview` (this week's digest so far, just for you)"
)
WHEN_FORMS = (
    "Use `/msgchoice digest when &lt;weekday&gt; &lt;HH:MM&gt; [&lt;IANA time zone&gt;]`, for example "
    "`when mon 09:00`, `when friday 16:30 Europe/Berlin` or `when tue 8:00 America/New_York`. "
    "Weekdays: mon, tue, wed, thu, fri, sat, sun (or in full); time: 24-hour, 00:00 to 23:59; "
    "time zone: an IANA name such as UTC, Europe/Berlin or Asia/Tokyo (default: unchanged, else UTC)."
)


class InvalidSetting(ValueError):
    """Bad input for a digest setting; the message says what is valid.  Nothing was changed."""


@dataclass(frozen=True)
class When:
    weekday: int
    hour: int
    minute: int
    timezone: str | None


@dataclass(frozen=True)
class Reply:
    text: str
    changed: bool = False


@lru_cache(maxsize=1)
def _timezones() -> dict[str, str]:
    from zoneinfo import available_timezones

    return {name.casefold(): name for name in available_timezones()}


def canonical_timezone(name: str) -> str:
    """The IANA name, matched case-insensitively (``europe/berlin`` → ``Europe/Berlin``)."""
    found = _timezones().get(name.strip().casefold())
    if found is None:
        raise InvalidSetting(f"Unknown time zone {slack_text(repr(name))}. {WHEN_FORMS}")
    return found


def parse_when(argument: str) -> When:
    """``<weekday> <HH:MM> [<IANA tz>]`` → :class:`When`; :class:`InvalidSetting` for anything else."""
    words = argument.split()
    if len(words) not in (2, 3):
        raise InvalidSetting(f"Expected a weekday, a time and optionally a time zone. {WHEN_FORMS}")
    weekday = _WEEKDAYS.get(words[0].casefold())
    if weekday is None:
        raise InvalidSetting(f"Unknown weekday {slack_text(repr(words[0]))}. {WHEN_FORMS}")
    match = _TIME.fullmatch(words[1])
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InvalidSetting(f"Not a time of day: {slack_text(repr(words[1]))}. {WHEN_FORMS}")
    timezone = canonical_timezone(words[2]) if len(words) == 3 else None
    return When(weekday, int(match.group(1)), int(match.group(2)), timezone)


# ---------------------------------------------------------------------- store


async def get_digest_settings(session: AsyncSession, *, team_id: str) -> DigestSettings | None:
    query = select(DigestSettings).where(DigestSettings.team_id == team_id)
    settings: DigestSettings | None = (await session.scalars(query.execution_options(populate_existing=True))).first()
    return settings


async def _upsert(session: AsyncSession, *, team_id: str, now: datetime, user_id: str, **values: Any) -> DigestSettings:
    values = {**values, "updated_by": user_id, "updated_at": now}
    statement = (
        _insert(session)
        .values(team_id=team_id, **values)
        .on_conflict_do_update(index_elements=["team_id"], set_=values)
    )
    try:
        await session.execute(statement)
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    settings = await get_digest_settings(session, team_id=team_id)
    assert settings is not None
    return settings


def _insert(session: AsyncSession) -> Any:
    """The dialect's INSERT, which has ``on_conflict_do_update`` (SQLite and PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(DigestSettings)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(DigestSettings)


async def set_channel(
    session: AsyncSession, *, team_id: str, channel_id: str, user_id: str, now: datetime
) -> DigestSettings:
    """Post the digest to ``channel_id`` (and switch it on)."""
    return await _upsert(session, team_id=team_id, now=now, user_id=user_id, channel_id=channel_id, enabled=True)


async def turn_off(session: AsyncSession, *, team_id: str, user_id: str, now: datetime) -> DigestSettings:
    """Stop the digest; the channel and schedule are kept for ``here`` to switch it back on."""
    return await _upsert(session, team_id=team_id, now=now, user_id=user_id, enabled=False)


async def set_when(session: AsyncSession, *, team_id: str, when: When, user_id: str, now: datetime) -> DigestSettings:
    values: dict[str, Any] = {"weekday": when.weekday, "hour": when.hour, "minute": when.minute}
    if when.timezone is not None:
        values["timezone"] = when.timezone
    return await _upsert(session, team_id=team_id, now=now, user_id=user_id, **values)


async def set_empty_policy(
    session: AsyncSession, *, team_id: str, policy: str, user_id: str, now: datetime
) -> DigestSettings:
    if policy not in ("skip", "one_line"):
        raise InvalidSetting("An empty week is either skipped (`empty skip`) or sent as one line (`empty line`).")
    return await _upsert(session, team_id=team_id, now=now, user_id=user_id, empty_policy=policy)


async def preview(session: AsyncSession, *, team_id: str, now: datetime, names: NameLookup | None = None) -> str:
    """This week's digest as it would be sent now: the seven days up to ``now``, in the team's zone.
    ``names`` looks up display names ("@alice"), as the posted digest shows people."""
    settings = await get_digest_settings(session, team_id=team_id)
    timezone = settings.timezone if settings is not None else "UTC"
    content = await build_digest(
        session, team_id=team_id, week=week_of(now, timezone), period=period_ending(now, timezone), as_of=now
    )
    await session.commit()
    people = dict(await names(people_in(content))) if names is not None else None
    text = render_digest(content, empty_line=True, people=people)
    assert text is not None
    return text


# ---------------------------------------------------------------------- text for people


def describe_schedule(settings: DigestSettings) -> str:
    return f"every {WEEKDAY_NAMES[settings.weekday]} at {settings.hour:02d}:{settings.minute:02d} ({settings.timezone})"


def describe(settings: DigestSettings | None, *, now: datetime) -> str:
    """One mrkdwn paragraph: where, when, the next slot, the empty-week policy."""
    if settings is None:
        return "The weekly digest is not set up. Run `/msgchoice digest here` in the channel that should get it."
    empty = "skipped" if settings.empty_policy == "skip" else "sent as one line"
    when = describe_schedule(settings)
    if settings.channel_id is None:
        return (
            f"The weekly digest is not set up yet: it will go out {when} once `/msgchoice digest here` "
            "is run in the channel that should get it."
        )
    if not settings.enabled:
        return (
            f"The weekly digest is *off* (it went to <#{settings.channel_id}>, {when}). "
            "`/msgchoice digest here` turns it back on."
        )
    upcoming = next_slot(Schedule.of(settings), now).local
    return (
        f"The weekly digest goes to <#{settings.channel_id}> {when}; "
        f"next: {upcoming:%a} {upcoming.day} {upcoming:%b} {upcoming:%H:%M}. "
        f"A week with nothing to report is {empty}."
    )


def describe_run(run: DigestRun | None) -> str | None:
    """The last run in one line (status, and Slack's error with what to do about it)."""
    if run is None:
        return None
    week = f"week {run.iso_week}, {run.iso_year}"
    if run.status == "posted":
        if run.message_ts is None:
            return f"Last digest ({week}): skipped, nothing to report."
        where = f" to <#{run.channel_id}>" if run.channel_id else ""
        return f"Last digest ({week}): posted{where}."
    if run.status == "claimed":
        return f"Last digest ({week}): being sent (attempt {run.attempts})."
    error = escape(" ".join((run.error or "unknown error").split())).replace("`", "'")[:200]
    return f"Last digest ({week}): *failed* (`{error}`). {_advice(run.error)}"


def _advice(error: str | None) -> str:
    if error in ("is_archived", "channel_not_found"):
        return "Run `/msgchoice digest here` in a channel that exists to send it there."
    if error == "not_in_channel":
        return "Invite the app to the channel (`/invite @msgchoice`), then run `/msgchoice digest here` there."
    if error in ("account_inactive", "invalid_auth", "token_revoked", "not_authed"):
        return "The app's token no longer works: reinstall the app, then run `/msgchoice digest here`."
    from bot.digest.runner import NO_INSTALLATION, is_transient

    if error is not None and error.startswith(NO_INSTALLATION):
        return "Install the app in this workspace again, then run `/msgchoice digest here`."

    if is_transient(error):
        return "It is retried automatically."
    return "Run `/msgchoice digest here` to try again."


async def home_status(session: AsyncSession, *, team_id: str, now: datetime) -> list[str]:
    """App Home's digest lines: the settings and the last run; empty when the digest was never set up."""
    settings = await get_digest_settings(session, team_id=team_id)
    run = await last_run(session, team_id=team_id)
    await session.commit()
    if settings is None and run is None:
        return []
    run_line = describe_run(run)
    return [describe(settings, now=now), *([run_line] if run_line else [])]


# ---------------------------------------------------------------------- the sub-command


async def handle(
    session: AsyncSession,
    *,
    team_id: str,
    user_id: str,
    channel_id: str | None,
    argument: str,
    now: datetime,
    names: NameLookup | None = None,
) -> Reply:
    """``/msgchoice digest <argument>``: change a setting or preview; the reply is for the caller alone.
    ``names``: display names of Slack user ids, for the preview."""
    words = argument.split(maxsplit=1)
    verb = words[0].casefold() if words else ""
    rest = words[1] if len(words) > 1 else ""
    try:
        if verb == "here":
            if not channel_id:
                raise InvalidSetting("Run `/msgchoice digest here` in the channel that should get the digest.")
            settings = await set_channel(session, team_id=team_id, channel_id=channel_id, user_id=user_id, now=now)
            return Reply(describe(settings, now=now), changed=True)
        if verb == "off":
            settings = await turn_off(session, team_id=team_id, user_id=user_id, now=now)
            return Reply(describe(settings, now=now), changed=True)
        if verb == "when":
            when = parse_when(rest)
            settings = await set_when(session, team_id=team_id, when=when, user_id=user_id, now=now)
            return Reply(describe(settings, now=now), changed=True)
        if verb == "empty":
            policy = EMPTY_WORDS.get(rest.strip().casefold())
            if policy is None:
                raise InvalidSetting(
                    "An empty week is either skipped (`/msgchoice digest empty skip`) "
                    "or sent as one line (`/msgchoice digest empty line`)."
                )
            settings = await set_empty_policy(session, team_id=team_id, policy=policy, user_id=user_id, now=now)
            return Reply(describe(settings, now=now), changed=True)
        if verb == "preview":
            return Reply(await preview(session, team_id=team_id, now=now, names=names))
        if verb in ("", "status", "help"):
            current = await get_digest_settings(session, team_id=team_id)
            run_line = describe_run(await last_run(session, team_id=team_id))
            await session.commit()
            lines = [describe(current, now=now), *([run_line] if run_line else []), USAGE]
            return Reply("\n".join(lines))
        raise InvalidSetting(f"Unknown digest command {slack_text(repr(verb))}. {USAGE}")
    except InvalidSetting as exc:
        return Reply(str(exc))
