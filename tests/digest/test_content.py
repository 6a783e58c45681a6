"""Building the week's digest data from the store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.digest.content import build_digest, thread_link
from bot.digest.schedule import Schedule, WeekKey, current_slot, period_ending
from tests.digest.helpers import add_conversation, add_decision, add_followup

BERLIN = "Europe/Berlin"
# The digest sent Monday 2025-03-17 00:00 in Berlin covers ISO week 11 (10–16 March) exactly.
SLOT = current_slot(Schedule(0, 0, 0, BERLIN), datetime(2025, 3, 17, 12, tzinfo=UTC))
PERIOD = period_ending(SLOT.at, BERLIN)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


async def digest(session: Any, team_id: str = "TA") -> Any:
    return await build_digest(session, team_id=team_id, week=SLOT.week, period=PERIOD)


def test_the_period_of_a_monday_midnight_slot_is_the_iso_week() -> None:
    assert SLOT.week == WeekKey(2025, 12)
    assert PERIOD.start == utc(2025, 3, 9, 23) and PERIOD.end == utc(2025, 3, 16, 23)


async def test_sunday_2359_local_is_in_the_week_and_monday_0000_is_not(session_factory: Any) -> None:
    async with session_factory() as session:
        await add_decision(session, team_id="TA", created_at=utc(2025, 3, 9, 22, 59), chosen="kafka")  # Sun 23:59
        await add_decision(session, team_id="TA", created_at=utc(2025, 3, 9, 23, 0), chosen="nats-core")  # Mon 00:00
        await add_decision(session, team_id="TA", created_at=utc(2025, 3, 16, 22, 59), chosen="hybrid")  # Sun 23:59
        await add_decision(session, team_id="TA", created_at=utc(2025, 3, 16, 23, 0), chosen="kafka")  # next Mon
        content = await digest(session)
    assert [d.system for d in content.decisions] == ["nats-core", "hybrid"]
    assert content.decision_count == 2


async def test_team_a_digest_shows_nothing_of_team_b(session_factory: Any) -> None:
    moment = utc(2025, 3, 12, 10)
    async with session_factory() as session:
        await add_decision(session, team_id="TA", created_at=moment, chosen="kafka", decided_by="U0ALICE")
        await add_decision(
            session,
            team_id="TB",
            created_at=moment,
            chosen="nats-core",
            recommended="kafka",
            rationale="team B secret",
            decided_by="U0BOB",
        )
        await add_conversation(session, team_id="TB", created_at=moment - timedelta(days=6), status="active")
        await add_followup(
            session, team_id="TB", created_at=moment, text="what about Pulsar?", topic=None, covered=False
        )
        await add_followup(session, team_id="TB", created_at=moment, text="latency?", topic="latency", covered=True)
        content_a = await digest(session, "TA")
        content_b = await digest(session, "TB")
    assert [(d.system, d.decided_by) for d in content_a.decisions] == [("kafka", "U0ALICE")]
    assert content_a.override_count == 0 and content_a.unfinished_count == 0 and content_a.followup_count == 0
    assert [s.system for s in content_a.split] == ["kafka"]
    assert content_b.decision_count == 1 and content_b.override_count == 1
    assert content_b.unfinished_count == 1 and content_b.followup_count == 2


async def test_split_overrides_unfinished_and_followups(session_factory: Any) -> None:
    monday = utc(2025, 3, 10, 9)
    async with session_factory() as session:
        for i in range(3):
            await add_decision(session, team_id="TA", created_at=monday + timedelta(hours=i), chosen="nats-jetstream")
        await add_decision(
            session,
            team_id="TA",
            created_at=monday + timedelta(days=1),
            chosen="kafka",
            recommended="nats-jetstream",
            rationale="We already run Kafka",
            decided_by="U0CAROL",
        )
        # Unfinished: started more than 3 days before the end of the period, not decided.
        old = await add_conversation(
            session, team_id="TA", created_at=PERIOD.end - timedelta(days=5), status="recommended"
        )
        await add_conversation(session, team_id="TA", created_at=PERIOD.end - timedelta(days=2), status="active")
        await add_conversation(session, team_id="TA", created_at=PERIOD.end - timedelta(days=6), status="decided")
        await add_conversation(session, team_id="TA", created_at=PERIOD.end - timedelta(days=60), status="active")
        for _ in range(3):
            await add_followup(
                session, team_id="TA", created_at=monday, text="exactly once?", topic="delivery", covered=True
            )
        await add_followup(session, team_id="TA", created_at=monday, text="latency", topic="latency", covered=True)
        await add_followup(
            session, team_id="TA", created_at=monday, text="What about Pulsar?", topic=None, covered=False
        )
        await add_followup(
            session, team_id="TA", created_at=monday, text="what about  pulsar", topic=None, covered=False
        )
        await add_followup(
            session, team_id="TA", created_at=monday, text="Does it run on Windows?", topic=None, covered=False
        )
        content = await digest(session)
    assert [(s.system, s.count) for s in content.split] == [("nats-jetstream", 3), ("kafka", 1)]
    assert content.override_count == 1
    assert content.overrides[0].rationale == "We already run Kafka"
    assert content.overrides[0].recommended == "nats-jetstream"
    assert content.unfinished_count == 1 and content.unfinished[0].id == old.id
    assert [(t.topic, t.count) for t in content.topics] == [("delivery", 3), ("latency", 1)]
    # The same question asked twice (case, spacing, "?") counts twice, shown as most recently asked.
    assert [(q.topic.casefold().rstrip("?"), q.count) for q in content.uncovered] == [
        ("what about pulsar", 2),
        ("does it run on windows", 1),
    ]
    assert content.followup_count == 7 and content.uncovered_count == 3
    assert not content.empty


async def test_decisions_link_to_their_slack_thread_and_terminal_ones_do_not(session_factory: Any) -> None:
    moment = utc(2025, 3, 11, 10)
    async with session_factory() as session:
        slack = await add_conversation(
            session, team_id="TA", created_at=moment, channel_id="C0ABC", thread_ts="1741687200.123456"
        )
        cli = await add_conversation(session, team_id="TA", created_at=moment, channel_id="cli", thread_ts="abc")
        await add_decision(session, team_id="TA", created_at=moment, conversation=slack)
        await add_decision(session, team_id="TA", created_at=moment + timedelta(minutes=1), conversation=cli)
        await add_decision(session, team_id="TA", created_at=moment + timedelta(minutes=2), with_thread=False)
        content = await digest(session)
    assert [d.link for d in content.decisions] == [
        "https://slack.com/archives/C0ABC/p1741687200123456",
        None,
        None,
    ]


def test_thread_links_are_only_built_from_well_formed_ids() -> None:
    assert thread_link("C0ABC", "1741687200.123456") == "https://slack.com/archives/C0ABC/p1741687200123456"
    assert thread_link("C0ABC|x>", "1.2") is None
    assert thread_link("C0ABC", "1.2|<!channel>") is None
    assert thread_link("cli", "1.2") is None


async def test_a_week_with_nothing_is_empty(session_factory: Any) -> None:
    async with session_factory() as session:
        await add_decision(session, team_id="TA", created_at=PERIOD.start - timedelta(seconds=1))
        content = await digest(session)
    assert content.empty
