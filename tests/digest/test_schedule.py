"""Pure schedule arithmetic: ISO weeks in the team's zone, slots, DST, catch-up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.digest.schedule import (
    Schedule,
    UnknownTimezone,
    WeekKey,
    current_slot,
    due_slot,
    latest_slot,
    next_slot,
    period_ending,
    week_of,
    week_period,
    zone,
)

BERLIN = "Europe/Berlin"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_sunday_2359_and_monday_0000_in_the_team_zone_are_different_iso_weeks() -> None:
    # Sunday 2025-03-09 23:59 in Berlin (CET, UTC+1) is 22:59 UTC; Monday 00:00 is 23:00 UTC.
    assert week_of(utc(2025, 3, 9, 22, 59), BERLIN) == WeekKey(2025, 10)
    assert week_of(utc(2025, 3, 9, 23, 0), BERLIN) == WeekKey(2025, 11)
    # The same UTC moment is still Sunday in New York and already Monday in Tokyo.
    assert week_of(utc(2025, 3, 9, 23, 0), "America/New_York") == WeekKey(2025, 10)
    assert week_of(utc(2025, 3, 9, 15, 0), "Asia/Tokyo") == WeekKey(2025, 11)


def test_iso_week_53_and_the_year_change() -> None:
    assert week_of(utc(2020, 12, 31, 12), "UTC") == WeekKey(2020, 53)
    assert week_of(utc(2021, 1, 3, 22, 59), BERLIN) == WeekKey(2020, 53)  # Sunday 23:59 local
    assert week_of(utc(2021, 1, 3, 23, 0), BERLIN) == WeekKey(2021, 1)  # Monday 00:00 local
    # Monday 29 December 2025 already belongs to 2026-W01.
    assert week_of(utc(2025, 12, 29, 8), "UTC") == WeekKey(2026, 1)


def test_slot_in_week_53_and_the_next_slot_across_the_year() -> None:
    schedule = Schedule(weekday=4, hour=16, minute=0, timezone="UTC")  # Friday 16:00
    slot = latest_slot(schedule, utc(2021, 1, 2, 12))
    assert slot.week == WeekKey(2020, 53)
    assert slot.at == utc(2021, 1, 1, 16)
    following = next_slot(schedule, utc(2021, 1, 2, 12))
    assert following.week == WeekKey(2021, 1)
    assert following.at == utc(2021, 1, 8, 16)


def test_a_slot_is_due_from_its_local_time_on_and_not_a_minute_before() -> None:
    schedule = Schedule(weekday=0, hour=9, minute=0, timezone=BERLIN)
    # Monday 2025-03-10 09:00 CET = 08:00 UTC.
    assert due_slot(schedule, utc(2025, 3, 10, 7, 59)) is None
    slot = due_slot(schedule, utc(2025, 3, 10, 8, 0))
    assert slot is not None and slot.week == WeekKey(2025, 11) and slot.at == utc(2025, 3, 10, 8)
    # Late is still due, for the rest of the ISO week.
    late = due_slot(schedule, utc(2025, 3, 16, 22, 59))
    assert late is not None and late.week == WeekKey(2025, 11)


def test_a_late_sunday_slot_is_caught_up_for_a_few_hours_into_the_next_week() -> None:
    schedule = Schedule(weekday=6, hour=23, minute=30, timezone="UTC")
    slot = due_slot(schedule, utc(2025, 3, 17, 0, 15))  # Monday, 45 minutes after the Sunday slot
    assert slot is not None and slot.week == WeekKey(2025, 11)
    assert due_slot(schedule, utc(2025, 3, 17, 12, 0)) is None


def test_spring_forward_slot_in_the_missing_hour_runs_once_an_hour_later_local() -> None:
    # Berlin, Sunday 2025-03-30: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist.
    schedule = Schedule(weekday=6, hour=2, minute=30, timezone=BERLIN)
    slot = current_slot(schedule, utc(2025, 3, 30, 0, 0))
    assert slot.at == utc(2025, 3, 30, 1, 30)  # 03:30 CEST
    assert slot.local.hour == 3 and slot.local.utcoffset() == timedelta(hours=2)


def test_weekly_slot_keeps_its_local_time_across_the_dst_change() -> None:
    schedule = Schedule(weekday=0, hour=9, minute=0, timezone=BERLIN)
    before = current_slot(schedule, utc(2025, 3, 26))  # week 13, still CET
    after = current_slot(schedule, utc(2025, 4, 2))  # week 14, CEST
    assert before.at == utc(2025, 3, 24, 8)
    assert after.at == utc(2025, 3, 31, 7)
    assert before.local.hour == after.local.hour == 9


def test_fall_back_slot_in_the_repeated_hour_is_the_first_one_and_one_week_key() -> None:
    # Berlin, Sunday 2025-10-26: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    schedule = Schedule(weekday=6, hour=2, minute=30, timezone=BERLIN)
    first = due_slot(schedule, utc(2025, 10, 26, 0, 30))  # 02:30 CEST
    assert first is not None and first.at == utc(2025, 10, 26, 0, 30)
    second = due_slot(schedule, utc(2025, 10, 26, 1, 30))  # 02:30 CET, the repeat
    assert second is not None and second.week == first.week and second.at == first.at


def test_the_period_is_seven_local_days_so_167_hours_in_a_spring_forward_week() -> None:
    period = period_ending(utc(2025, 3, 31, 7), BERLIN)  # Monday 09:00 CEST
    assert period.start == utc(2025, 3, 24, 8)  # Monday 09:00 CET
    assert period.end - period.start == timedelta(hours=167)
    autumn = period_ending(utc(2025, 10, 27, 8), BERLIN)
    assert autumn.end - autumn.start == timedelta(hours=169)


def test_week_period_is_monday_midnight_to_monday_midnight_local() -> None:
    period = week_period(WeekKey(2025, 11), BERLIN)
    assert period.start == utc(2025, 3, 9, 23)
    assert period.end == utc(2025, 3, 16, 23)


@pytest.mark.parametrize("name", ["", "Mars/Olympus", "../etc/passwd", "/etc/localtime", "Europe/"])
def test_unknown_time_zones_are_refused(name: str) -> None:
    with pytest.raises(UnknownTimezone):
        zone(name)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        week_of(datetime(2025, 3, 10, 9), "UTC")
