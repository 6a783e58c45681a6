"""When a team's digest is due, and for which ISO week: pure functions over aware datetimes.

A team configures a weekday, a local time and an IANA time zone.  Each ISO
week (in that zone) has exactly one *slot*: that weekday at that local time.
The digest of a week is due from its slot on; it covers the seven days that
end at the slot (local wall-clock days, so a week holding a DST change lasts
167 or 169 hours).  With a Monday 00:00 slot that is exactly the previous ISO
week; with the default Monday 09:00 it is "since last Monday 09:00".

DST:

- a slot in the spring-forward gap (02:30 on the last Sunday of March in
  Europe/Berlin) does not exist; it is resolved as zoneinfo does with
  ``fold=0``, i.e. one hour later in local terms (03:30 CEST);
- a slot in the autumn repeated hour (02:30 on the last Sunday of October)
  happens twice; the first one counts.  The week key is the same for both,
  so the database constraint sends it once whatever the clock does.

Lateness: a slot stays due for the rest of its ISO week (a replica that was
down on Monday morning still sends on Tuesday), and for :data:`CATCH_UP` into
the next week, so that a Sunday 23:30 slot missed by a restart is not lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CATCH_UP = timedelta(hours=12)
WEEK = timedelta(days=7)


class ScheduleLike(Protocol):
    """What a schedule needs: ``digest_settings`` rows qualify."""

    @property
    def weekday(self) -> int: ...

    @property
    def hour(self) -> int: ...

    @property
    def minute(self) -> int: ...

    @property
    def timezone(self) -> str: ...


@dataclass(frozen=True)
class Schedule:
    weekday: int  # 0 = Monday … 6 = Sunday
    hour: int
    minute: int
    timezone: str = "UTC"

    @classmethod
    def of(cls, settings: ScheduleLike) -> Schedule:
        return cls(settings.weekday, settings.hour, settings.minute, settings.timezone)


@dataclass(frozen=True, order=True)
class WeekKey:
    iso_year: int
    iso_week: int

    def __str__(self) -> str:
        return f"{self.iso_year}-W{self.iso_week:02d}"


@dataclass(frozen=True)
class Slot:
    """One week's scheduled moment."""

    week: WeekKey
    at: datetime  # UTC
    timezone: str

    @property
    def local(self) -> datetime:
        return self.at.astimezone(zone(self.timezone))


@dataclass(frozen=True)
class Period:
    """A half-open interval ``[start, end)`` in UTC, shown in ``timezone``."""

    start: datetime
    end: datetime
    timezone: str

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(zone(self.timezone))

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(zone(self.timezone))


class UnknownTimezone(ValueError):
    pass


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; :class:`UnknownTimezone` for anything else (including "" and paths)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, IsADirectoryError) as exc:
        raise UnknownTimezone(name) from exc


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware one (UTC or with a zone)")
    return moment.astimezone(UTC)


def week_of(moment: datetime, timezone: str) -> WeekKey:
    """The ISO week that ``moment`` falls in, in ``timezone``."""
    year, week, _ = _utc(moment).astimezone(zone(timezone)).isocalendar()
    return WeekKey(year, week)


def local_moment(day: date, at: time, timezone: str) -> datetime:
    """``day`` at wall-clock ``at`` in ``timezone``, in UTC (gap times resolved with fold=0)."""
    return datetime.combine(day, at, tzinfo=zone(timezone)).astimezone(UTC)


def week_period(week: WeekKey, timezone: str) -> Period:
    """The ISO week itself: Monday 00:00 to the next Monday 00:00, local time."""
    monday = date.fromisocalendar(week.iso_year, week.iso_week, 1)
    return Period(
        start=local_moment(monday, time(0, 0), timezone),
        end=local_moment(monday + WEEK, time(0, 0), timezone),
        timezone=timezone,
    )


def slot_in(schedule: Schedule, week: WeekKey) -> Slot:
    day = date.fromisocalendar(week.iso_year, week.iso_week, schedule.weekday + 1)
    at = local_moment(day, time(schedule.hour, schedule.minute), schedule.timezone)
    return Slot(week=week, at=at, timezone=schedule.timezone)


def _shift(week: WeekKey, weeks: int) -> WeekKey:
    monday = date.fromisocalendar(week.iso_year, week.iso_week, 1) + weeks * WEEK
    year, number, _ = monday.isocalendar()
    return WeekKey(year, number)


def previous_week(week: WeekKey) -> WeekKey:
    return _shift(week, -1)


def latest_slot(schedule: Schedule, now: datetime) -> Slot:
    """The most recent slot at or before ``now``."""
    current = week_of(now, schedule.timezone)
    slot = slot_in(schedule, current)
    return slot if slot.at <= _utc(now) else slot_in(schedule, _shift(current, -1))


def next_slot(schedule: Schedule, now: datetime) -> Slot:
    """The first slot strictly after ``now``."""
    current = week_of(now, schedule.timezone)
    slot = slot_in(schedule, current)
    return slot if slot.at > _utc(now) else slot_in(schedule, _shift(current, 1))


def due_slot(schedule: Schedule, now: datetime, *, catch_up: timedelta = CATCH_UP) -> Slot | None:
    """The slot whose digest should go out at ``now``, if any (whether it already went is the runner's job)."""
    slot = latest_slot(schedule, now)
    if slot.week == week_of(now, schedule.timezone) or _utc(now) - slot.at <= catch_up:
        return slot
    return None


def current_slot(schedule: Schedule, now: datetime) -> Slot:
    """This week's slot, passed or not: what ``digest run --now`` sends early."""
    return slot_in(schedule, week_of(now, schedule.timezone))


def period_ending(end: datetime, timezone: str) -> Period:
    """The seven local days up to ``end``: same wall-clock time a week earlier, DST-correct."""
    local_end = _utc(end).astimezone(zone(timezone))
    start = local_moment(local_end.date() - WEEK, local_end.time().replace(tzinfo=None), timezone)
    return Period(start=start, end=_utc(end), timezone=timezone)
