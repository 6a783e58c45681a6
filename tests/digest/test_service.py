"""Digest settings from ``/msgchoice digest …``: validation, changes, preview, the status text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.digest import service
from bot.digest.service import InvalidSetting, When, parse_when
from tests.digest.helpers import add_decision

NOW = datetime(2025, 3, 12, 15, 0, tzinfo=UTC)  # Wednesday


async def handle(session_factory: Any, argument: str, *, channel_id: str | None = "C0HERE") -> service.Reply:
    async with session_factory() as session:
        return await service.handle(
            session, team_id="TA", user_id="U0ADMIN", channel_id=channel_id, argument=argument, now=NOW
        )


async def stored(session_factory: Any) -> Any:
    async with session_factory() as session:
        return await service.get_digest_settings(session, team_id="TA")


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("mon 09:00", When(0, 9, 0, None)),
        ("Friday 16:30 Europe/Berlin", When(4, 16, 30, "Europe/Berlin")),
        ("sun 0:05 america/new_york", When(6, 0, 5, "America/New_York")),
        ("TUE 23:59 UTC", When(1, 23, 59, "UTC")),
    ],
)
def test_valid_when_forms(argument: str, expected: When) -> None:
    assert parse_when(argument) == expected


@pytest.mark.parametrize(
    ("argument", "complaint"),
    [
        ("funday 09:00", "Unknown weekday"),
        ("mon 24:00", "Not a time of day"),
        ("mon 9:60", "Not a time of day"),
        ("mon 9am", "Not a time of day"),
        ("mon 09:00 Mars/Olympus", "Unknown time zone"),
        ("mon 09:00 UTC+2", "Unknown time zone"),
        ("mon", "Expected a weekday, a time"),
        ("", "Expected a weekday, a time"),
        ("mon 09:00 Europe/Berlin extra", "Expected a weekday, a time"),
    ],
)
def test_invalid_when_forms_say_what_is_valid(argument: str, complaint: str) -> None:
    with pytest.raises(InvalidSetting) as info:
        parse_when(argument)
    message = str(info.value)
    assert complaint in message
    assert "`/msgchoice digest when &lt;weekday&gt; &lt;HH:MM&gt; [&lt;IANA time zone&gt;]`" in message
    assert "mon, tue, wed, thu, fri, sat, sun" in message


async def test_here_when_empty_and_off(session_factory: Any) -> None:
    reply = await handle(session_factory, "here")
    assert reply.changed
    assert reply.text.startswith("The weekly digest goes to <#C0HERE> every Monday at 09:00 (UTC); next: Mon 17 Mar")
    reply = await handle(session_factory, "when fri 16:30 Europe/Berlin")
    assert "every Friday at 16:30 (Europe/Berlin); next: Fri 14 Mar 16:30" in reply.text
    reply = await handle(session_factory, "empty skip")
    assert "nothing to report is skipped" in reply.text
    reply = await handle(session_factory, "off")
    assert "*off*" in reply.text
    settings = await stored(session_factory)
    assert (settings.channel_id, settings.enabled, settings.weekday, settings.hour, settings.minute) == (
        "C0HERE",
        False,
        4,
        16,
        30,
    )
    assert (settings.timezone, settings.empty_policy, settings.updated_by) == ("Europe/Berlin", "skip", "U0ADMIN")
    assert settings.updated_at == NOW
    reply = await handle(session_factory, "here", channel_id="C0OTHER")
    settings = await stored(session_factory)
    assert (settings.channel_id, settings.enabled, settings.weekday) == ("C0OTHER", True, 4)


async def test_a_bad_setting_changes_nothing(session_factory: Any) -> None:
    await handle(session_factory, "here")
    await handle(session_factory, "when tue 10:15 Asia/Tokyo")
    before = await stored(session_factory)
    for argument in ("when someday 10:00", "when tue 25:00", "when tue 10:00 Nowhere/City", "empty maybe", "bogus"):
        reply = await handle(session_factory, argument)
        assert not reply.changed
    after = await stored(session_factory)
    assert (after.weekday, after.hour, after.minute, after.timezone, after.empty_policy) == (
        before.weekday,
        before.hour,
        before.minute,
        before.timezone,
        before.empty_policy,
    )
    reply = await handle(session_factory, "bogus")
    assert "Unknown digest command" in reply.text and "`/msgchoice digest here`" in reply.text


async def test_unknown_words_are_escaped_in_the_reply(session_factory: Any) -> None:
    reply = await handle(session_factory, "when <!channel> 10:00")
    assert "<!channel>" not in reply.text and "&lt;!channel&gt;" in reply.text


async def test_status_shows_settings_and_last_run(session_factory: Any) -> None:
    reply = await handle(session_factory, "")
    assert "not set up" in reply.text and "`/msgchoice digest here`" in reply.text


async def test_preview_renders_the_last_seven_days_for_the_caller(session_factory: Any) -> None:
    async with session_factory() as session:
        await add_decision(
            session,
            team_id="TA",
            created_at=NOW - timedelta(days=1),
            rationale="*why* <!here>",
            chosen="kafka",
            recommended="nats-core",
        )
        await add_decision(session, team_id="TA", created_at=NOW - timedelta(days=8))
        await add_decision(session, team_id="TB", created_at=NOW - timedelta(days=1))
    reply = await handle(session_factory, "preview")
    assert not reply.changed
    assert "*Decisions (1)*" in reply.text and "Apache Kafka" in reply.text
    assert "<!here>" not in reply.text
    empty = await handle(session_factory, "preview")
    assert empty.text == reply.text  # preview posts and records nothing
