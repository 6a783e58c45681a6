"""Claim, post, record: exactly once per team and ISO week (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from bot.digest import service
from bot.digest.runner import RETRY_AFTER, claim_run, run_due
from bot.digest.schedule import WeekKey
from bot.digest.scheduler import utc_now
from bot.store.models import DigestRun
from tests.digest.helpers import FakeSlack, add_decision, configure
from tests.digest.mock_slack import DigestMockSlack
from tests.slack.harness import BOT_TOKEN

# Monday 2025-03-10 09:00 UTC: the default slot (Monday 09:00 UTC) of ISO week 11.
SLOT = datetime(2025, 3, 10, 9, tzinfo=UTC)
BEFORE = SLOT - timedelta(days=7)
WEEK = WeekKey(2025, 11)


async def runs(session_factory: Any, team_id: str | None = None) -> list[DigestRun]:
    async with session_factory() as session:
        query = select(DigestRun).order_by(DigestRun.team_id, DigestRun.iso_year, DigestRun.iso_week)
        if team_id:
            query = query.where(DigestRun.team_id == team_id)
        return list((await session.scalars(query)).all())


async def seed(session_factory: Any, *teams: str, **settings: Any) -> None:
    async with session_factory() as session:
        for i, team in enumerate(teams):
            await configure(session, team_id=team, channel_id=f"C0{team}", configured_at=BEFORE, **settings)
            await add_decision(session, team_id=team, created_at=SLOT - timedelta(days=2, minutes=i))


async def test_a_due_digest_is_posted_once_per_team_and_week(session_factory: Any) -> None:
    await seed(session_factory, "TA", "TB")
    slack = FakeSlack()
    assert [
        r.outcome for r in await run_due(session_factory, slack, now=SLOT - timedelta(minutes=1), replica_id="r1")
    ] == [
        "not_due",
        "not_due",
    ]
    results = await run_due(session_factory, slack, now=SLOT, replica_id="r1")
    assert [(r.team_id, r.outcome, r.week) for r in results] == [("TA", "posted", WEEK), ("TB", "posted", WEEK)]
    assert [p["channel"] for p in slack.posts] == ["C0TA", "C0TB"]
    assert "*Decisions (1)*" in slack.posts[0]["text"]
    assert slack.posts[0]["unfurl_links"] is False
    # The next minute, a restart, another replica: nothing more this week.
    for minutes, replica in ((1, "r1"), (60, "r2"), (60 * 24 * 3, "r3")):
        await run_due(session_factory, slack, now=SLOT + timedelta(minutes=minutes), replica_id=replica)
    assert len(slack.posts) == 2
    stored = await runs(session_factory)
    assert [(r.team_id, r.status, r.message_ts, r.attempts) for r in stored] == [
        ("TA", "posted", "1800000000.000001", 1),
        ("TB", "posted", "1800000000.000002", 1),
    ]
    # The following week is a new digest.
    await run_due(session_factory, slack, now=SLOT + timedelta(days=7), replica_id="r1")
    assert len(slack.posts) == 4


async def test_two_schedulers_racing_post_one_digest(db_url: str, session_factory: Any, slack: DigestMockSlack) -> None:
    teams = [f"T{i}" for i in range(6)]
    await seed(session_factory, *teams)
    # Two "processes": separate engines (connection pools) on the same database, each with its own client.
    engines = [create_async_engine(db_url) for _ in range(2)]
    try:
        factories = [async_sessionmaker(engine, expire_on_commit=False) for engine in engines]
        clients = [AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url) for _ in range(2)]
        for round_ in range(3):
            results = await asyncio.gather(
                *(
                    run_due(factory, client, now=SLOT + timedelta(minutes=round_), replica_id=f"replica-{i}")
                    for i, (factory, client) in enumerate(zip(factories, clients, strict=True))
                )
            )
            assert all(r.outcome in ("posted", "done") for rs in results for r in rs)
    finally:
        for engine in engines:
            await engine.dispose()
    for team in teams:
        assert len(slack.messages.get(f"C0{team}", [])) == 1, team
    assert len(slack.calls_to("chat.postMessage")) == len(teams)
    assert {r.status for r in await runs(session_factory)} == {"posted"}


async def test_a_claim_left_by_a_crash_is_reposted_once_after_the_timeout(session_factory: Any) -> None:
    await seed(session_factory, "TA")
    async with session_factory() as session:  # the crashed replica claimed, then died before posting
        claim = await claim_run(session, team_id="TA", week=WEEK, replica_id="crashed", channel_id="C0TA", now=SLOT)
    assert claim is not None and claim.attempts == 1
    slack = FakeSlack()
    for minutes in (1, 5, 9):
        results = await run_due(session_factory, slack, now=SLOT + timedelta(minutes=minutes), replica_id="r2")
        assert results[0].outcome == "done"
    assert slack.posts == []
    results = await run_due(session_factory, slack, now=SLOT + timedelta(minutes=10, seconds=1), replica_id="r2")
    assert results[0].outcome == "posted"
    for minutes in (11, 30, 600):
        await run_due(session_factory, slack, now=SLOT + timedelta(minutes=minutes), replica_id="r3")
    assert len(slack.posts) == 1
    [run] = await runs(session_factory)
    assert (run.status, run.claimed_by, run.attempts) == ("posted", "r2", 2)


async def test_a_digest_slack_accepted_before_its_replica_died_is_not_posted_again(session_factory: Any) -> None:
    """The replica died after Slack took the post but before recording it: the replica that takes the
    claim over finds the week's digest in the channel (by its message metadata) and records that one."""
    await seed(session_factory, "TA")

    class DiesAfterPosting(FakeSlack):
        async def chat_postMessage(self, **kwargs: Any) -> dict[str, Any]:
            await super().chat_postMessage(**kwargs)
            raise KeyboardInterrupt  # the process is gone before anything is recorded

    dying = DiesAfterPosting()
    with pytest.raises(KeyboardInterrupt):
        await run_due(session_factory, dying, now=SLOT, replica_id="dies")
    assert len(dying.posts) == 1 and dying.posts[0]["metadata"]["event_payload"]["week"] == str(WEEK)
    [run] = await runs(session_factory)
    assert run.status == "claimed"

    slack = FakeSlack(posts=dying.posts)  # the same channel, as the next replica sees it
    results = await run_due(session_factory, slack, now=SLOT + timedelta(minutes=10, seconds=1), replica_id="r2")
    assert (results[0].outcome, results[0].message_ts) == ("posted", "1800000000.000001")
    for minutes in (30, 600):
        await run_due(session_factory, slack, now=SLOT + timedelta(minutes=minutes), replica_id="r3")
    assert len(slack.posts) == 1
    [run] = await runs(session_factory)
    assert (run.status, run.message_ts, run.claimed_by) == ("posted", "1800000000.000001", "r2")


async def test_a_post_whose_answer_was_lost_is_not_sent_twice_when_retried(
    session_factory: Any, slack: DigestMockSlack
) -> None:
    """Slack posted the digest but its answer never arrived (the client timed out): recorded as a
    network failure and retried later, the retry finds the posted digest instead of sending another."""
    await seed(session_factory, "TA", "TB")
    slack.late_answer_once["chat.postMessage"] = 3.0
    impatient = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url, timeout=1)
    results = await run_due(session_factory, impatient, now=SLOT, replica_id="r1")
    assert results[0].outcome == "failed" and (results[0].error or "").startswith("network_error")
    assert results[1].outcome == "posted"
    assert len(slack.messages["C0TA"]) == 1  # it did go through

    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    await run_due(session_factory, client, now=SLOT + RETRY_AFTER + timedelta(minutes=1), replica_id="r1")
    assert len(slack.messages["C0TA"]) == 1 and len(slack.messages["C0TB"]) == 1
    run_a, _ = await runs(session_factory)
    assert (run_a.status, run_a.error, run_a.message_ts) == ("posted", None, slack.messages["C0TA"][0].ts)
    history = slack.calls_to("conversations.history")
    assert [c.args["channel"] for c in history] == ["C0TA"]  # asked only on the retry, of that channel


async def test_a_retry_that_cannot_read_the_channel_posts_rather_than_lose_the_week(
    session_factory: Any, slack: DigestMockSlack
) -> None:
    await seed(session_factory, "TA")
    slack.error_once["chat.postMessage"] = "ratelimited"
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    results = await run_due(session_factory, client, now=SLOT, replica_id="r1")
    assert (results[0].outcome, results[0].error) == ("failed", "ratelimited")
    slack.error_once["conversations.history"] = "missing_scope"
    results = await run_due(session_factory, client, now=SLOT + RETRY_AFTER + timedelta(minutes=1), replica_id="r1")
    assert results[0].outcome == "posted"
    assert len(slack.messages["C0TA"]) == 1


async def test_concurrent_claims_and_timeout_takeovers_have_one_winner(session_factory: Any) -> None:
    await seed(session_factory, "TA")

    async def take(name: str, now: datetime) -> Any:
        async with session_factory() as session:
            return await claim_run(session, team_id="TA", week=WEEK, replica_id=name, channel_id="C0TA", now=now)

    first = await asyncio.gather(*(take(f"first-{i}", SLOT) for i in range(4)))
    assert sum(c is not None for c in first) == 1  # INSERT … ON CONFLICT DO NOTHING
    later = SLOT + timedelta(minutes=15)
    takeovers = await asyncio.gather(*(take(f"later-{i}", later) for i in range(4)))
    assert sum(c is not None for c in takeovers) == 1  # UPDATE … WHERE status='claimed' AND attempts=…
    [run] = await runs(session_factory)
    assert run.attempts == 2 and run.claimed_by.startswith("later-")


async def test_an_archived_channel_is_recorded_and_other_teams_still_get_theirs(
    session_factory: Any, slack: DigestMockSlack
) -> None:
    await seed(session_factory, "TA", "TB")
    slack.archived.add("C0TA")
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    results = await run_due(session_factory, client, now=SLOT, replica_id="r1")
    assert [(r.team_id, r.outcome, r.error) for r in results] == [
        ("TA", "failed", "is_archived"),
        ("TB", "posted", None),
    ]
    assert len(slack.messages["C0TB"]) == 1
    run_a, run_b = await runs(session_factory)
    assert (run_a.status, run_a.error, run_a.channel_id) == ("failed", "is_archived", "C0TA")
    assert run_b.status == "posted"
    # A permanent error is not retried every minute, nor after hours.
    for minutes in (1, 2, 60, 600):
        await run_due(session_factory, client, now=SLOT + timedelta(minutes=minutes), replica_id="r1")
    assert len(slack.posts("C0TA")) == 1
    # Until the team picks another channel: then this week's digest goes there, once.
    async with session_factory() as session:
        await service.set_channel(
            session, team_id="TA", channel_id="C0NEW", user_id="U0ADMIN", now=SLOT + timedelta(hours=11)
        )
    for minutes in (1, 2):
        await run_due(session_factory, client, now=SLOT + timedelta(hours=11, minutes=minutes), replica_id="r1")
    assert len(slack.messages["C0NEW"]) == 1
    run_a, _ = await runs(session_factory)
    assert (run_a.status, run_a.error, run_a.attempts, run_a.channel_id) == ("posted", None, 2, "C0NEW")


async def test_a_transient_slack_error_is_retried_after_a_pause(session_factory: Any) -> None:
    await seed(session_factory, "TA")
    slack = FakeSlack(errors={"C0TA": "ratelimited"})
    results = await run_due(session_factory, slack, now=SLOT, replica_id="r1")
    assert (results[0].outcome, results[0].error) == ("failed", "ratelimited")
    del slack.errors["C0TA"]
    await run_due(session_factory, slack, now=SLOT + timedelta(minutes=5), replica_id="r1")
    assert slack.posts == []
    await run_due(session_factory, slack, now=SLOT + RETRY_AFTER + timedelta(minutes=1), replica_id="r1")
    assert len(slack.posts) == 1
    [run] = await runs(session_factory)
    assert (run.status, run.attempts, run.error) == ("posted", 2, None)


async def test_empty_week_policy_skip_posts_nothing_and_one_line_posts_one_line(session_factory: Any) -> None:
    async with session_factory() as session:
        await configure(session, team_id="TS", channel_id="C0TS", empty_policy="skip", configured_at=BEFORE)
        await configure(session, team_id="TL", channel_id="C0TL", empty_policy="one_line", configured_at=BEFORE)
    slack = FakeSlack()
    results = await run_due(session_factory, slack, now=SLOT, replica_id="r1")
    assert [(r.team_id, r.outcome) for r in results] == [("TL", "posted"), ("TS", "skipped")]
    [post] = slack.posts
    assert post["channel"] == "C0TL" and "\n" not in post["text"] and "nothing to report" in post["text"]
    await run_due(session_factory, slack, now=SLOT + timedelta(minutes=1), replica_id="r1")
    assert len(slack.posts) == 1
    skipped = (await runs(session_factory, "TS"))[0]
    assert (skipped.status, skipped.message_ts) == ("posted", None)


async def test_a_digest_configured_after_this_weeks_slot_starts_next_week(session_factory: Any) -> None:
    async with session_factory() as session:
        await configure(session, team_id="TA", channel_id="C0TA", configured_at=SLOT + timedelta(days=2))
    slack = FakeSlack()
    await run_due(session_factory, slack, now=SLOT + timedelta(days=2, minutes=1), replica_id="r1")
    assert slack.posts == []
    await run_due(session_factory, slack, now=SLOT + timedelta(days=7), replica_id="r1")
    assert len(slack.posts) == 1


async def test_forcing_sends_this_weeks_digest_early_and_the_slot_then_sends_nothing(session_factory: Any) -> None:
    await seed(session_factory, "TA", weekday=4, hour=16)  # Friday 16:00
    slack = FakeSlack()
    results = await run_due(session_factory, slack, now=SLOT, replica_id="cli", force=True)
    assert (results[0].outcome, results[0].week) == ("posted", WEEK)
    results = await run_due(session_factory, slack, now=SLOT, replica_id="cli", force=True)
    assert results[0].outcome == "done"
    await run_due(session_factory, slack, now=SLOT + timedelta(days=4, hours=7), replica_id="r1")  # Friday 16:00
    assert len(slack.posts) == 1


async def test_off_and_other_teams_are_left_alone(session_factory: Any) -> None:
    await seed(session_factory, "TA", "TB")
    async with session_factory() as session:
        await service.turn_off(session, team_id="TB", user_id="U0ADMIN", now=BEFORE)
    slack = FakeSlack()
    results = await run_due(session_factory, slack, now=SLOT, replica_id="r1", team="TA")
    assert [r.team_id for r in results] == ["TA"]
    await run_due(session_factory, slack, now=SLOT, replica_id="r1")
    assert [p["channel"] for p in slack.posts] == ["C0TA"]


async def _tick_every_minute(session_factory: Any, slack: FakeSlack, start: datetime, minutes: int) -> list[datetime]:
    """Run the job once a minute with the clock frozen there; the moments when something was posted."""
    posted_at: list[datetime] = []
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(minutes):
            before = len(slack.posts)
            await run_due(session_factory, slack, now=utc_now(), replica_id="r1")
            if len(slack.posts) > before:
                posted_at.append(utc_now())
            traveller.shift(timedelta(minutes=1))
    return posted_at


async def test_autumn_dst_digest_goes_out_once_at_the_first_0230(session_factory: Any) -> None:
    # Europe/Berlin, Sunday 2025-10-26: 02:00-03:00 happens twice (CEST, then CET).
    async with session_factory() as session:
        await configure(
            session,
            team_id="TA",
            channel_id="C0TA",
            weekday=6,
            hour=2,
            minute=30,
            timezone="Europe/Berlin",
            configured_at=datetime(2025, 10, 1, tzinfo=UTC),
        )
    slack = FakeSlack()
    posted = await _tick_every_minute(session_factory, slack, datetime(2025, 10, 25, 23, 50, tzinfo=UTC), 130)
    assert posted == [datetime(2025, 10, 26, 0, 30, tzinfo=UTC)]  # 02:30 CEST; not again at 02:30 CET


async def test_spring_dst_digest_goes_out_once_at_the_configured_local_time(session_factory: Any) -> None:
    # Europe/Berlin, Sunday 2025-03-30: 02:00 CET jumps to 03:00 CEST.  A 09:00 slot is 07:00 UTC that day.
    async with session_factory() as session:
        await configure(
            session,
            team_id="TA",
            channel_id="C0TA",
            weekday=6,
            hour=9,
            minute=0,
            timezone="Europe/Berlin",
            configured_at=datetime(2025, 3, 1, tzinfo=UTC),
        )
    slack = FakeSlack()
    posted = await _tick_every_minute(session_factory, slack, datetime(2025, 3, 30, 6, 50, tzinfo=UTC), 80)
    assert posted == [datetime(2025, 3, 30, 7, 0, tzinfo=UTC)]


def _decided(post: dict[str, Any]) -> str:
    """The systems a posted digest lists as decided, in order (one line each: ``• *Name* — …``)."""
    return " ".join(line.split("*")[1] for line in post["text"].splitlines() if line.startswith("• *"))


async def test_a_digest_forced_after_its_slot_covers_the_week_it_was_due_for(session_factory: Any) -> None:
    """DIGEST.md's way out of a digest that failed (archived channel …): `msgchoice digest run --now`. It
    sends the digest that was due, the seven days up to the slot, so the decisions made just after last
    week's digest are in it and those made since the slot wait for next week's, each in exactly one."""
    await seed(session_factory, "TA")  # one decision (NATS JetStream) two days before SLOT
    slack = FakeSlack()
    await run_due(session_factory, slack, now=BEFORE, replica_id="r1")  # last week's digest
    async with session_factory() as session:
        await add_decision(session, team_id="TA", created_at=BEFORE + timedelta(hours=1), chosen="kafka")
        await add_decision(session, team_id="TA", created_at=SLOT + timedelta(days=1), chosen="nats-core")
    slack.errors["C0TA"] = "is_archived"
    assert [r.outcome for r in await run_due(session_factory, slack, now=SLOT, replica_id="r1")] == ["failed"]
    del slack.errors["C0TA"]

    forced = await run_due(session_factory, slack, now=SLOT + timedelta(days=2), replica_id="cli", force=True)
    assert (forced[0].outcome, forced[0].week) == ("posted", WEEK)
    await run_due(session_factory, slack, now=SLOT + timedelta(days=7), replica_id="r1")  # next week's

    assert [_decided(post) for post in slack.posts] == ["", "Apache Kafka NATS JetStream", "NATS Core"]
    assert "Mon 3 Mar 09:00 – Mon 10 Mar 09:00" in slack.posts[1]["text"]


async def test_a_digest_forced_early_leaves_nothing_out_of_the_next_one(session_factory: Any) -> None:
    """`--now` before the slot sends this week's digest early, as of now: it starts where last week's
    ended, and next week's starts where it ended, so a decision made between the early digest and the
    slot is in next week's, and one made just before last week's slot is in last week's only."""
    await seed(session_factory, "TA")  # Monday 09:00 UTC; one decision (NATS JetStream) two days before SLOT
    async with session_factory() as session:
        await add_decision(session, team_id="TA", created_at=BEFORE - timedelta(hours=1), chosen="kafka")
    slack = FakeSlack()
    await run_due(session_factory, slack, now=BEFORE, replica_id="r1")  # last week's digest, up to BEFORE

    forced = await run_due(session_factory, slack, now=SLOT - timedelta(hours=2), replica_id="cli", force=True)
    assert (forced[0].outcome, forced[0].week) == ("posted", WEEK)
    async with session_factory() as session:
        await add_decision(session, team_id="TA", created_at=SLOT - timedelta(hours=1), chosen="nats-core")
    assert [r.outcome for r in await run_due(session_factory, slack, now=SLOT, replica_id="r1")] == ["done"]
    await run_due(session_factory, slack, now=SLOT + timedelta(days=7), replica_id="r1")  # next week's

    assert [_decided(post) for post in slack.posts] == ["Apache Kafka", "NATS JetStream", "NATS Core"]


async def test_a_digest_after_a_slot_in_the_spring_forward_gap_starts_where_the_last_one_ended(
    session_factory: Any,
) -> None:
    """Europe/Berlin, Sunday 02:30: on 2025-03-30 that time does not exist and the slot is 03:30 CEST (01:30
    UTC), the same instant as the week before's 02:30 CET. "Seven local days up to 03:30" started an hour
    after last week's digest ended, so what was decided in that hour was in neither."""
    async with session_factory() as session:
        await configure(
            session, team_id="TA", channel_id="C0TA", weekday=6, hour=2, minute=30, timezone="Europe/Berlin",
            configured_at=datetime(2025, 3, 1, tzinfo=UTC),
        )
    last_slot = datetime(2025, 3, 23, 1, 30, tzinfo=UTC)  # 02:30 CET
    slack = FakeSlack()
    await run_due(session_factory, slack, now=last_slot + timedelta(minutes=1), replica_id="r1")  # the next tick
    async with session_factory() as session:
        await add_decision(session, team_id="TA", created_at=last_slot + timedelta(seconds=20), chosen="kafka")
        await add_decision(session, team_id="TA", created_at=last_slot + timedelta(minutes=45), chosen="nats-core")
    await run_due(session_factory, slack, now=datetime(2025, 3, 30, 1, 31, tzinfo=UTC), replica_id="r1")

    assert [_decided(post) for post in slack.posts] == ["", "Apache Kafka NATS Core"]


async def test_a_replica_whose_claim_was_taken_over_while_it_built_the_digest_does_not_post_it_too(
    db_url: str, session_factory: Any, slack: DigestMockSlack
) -> None:
    """Slack slow on users.info (30 s a call before it times out, one call per person the digest names)
    can keep a replica building past the 10-minute claim timeout: another replica takes the claim over
    and posts, and the first one, once it had its names, posted the same digest again."""
    await seed(session_factory, "TA")
    slack.users.update({"U0DECIDER": "dana"})
    slack.delay["users.info"] = 1.0
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    from bot.digest import people

    people._cache.clear()
    slow = asyncio.create_task(run_due(session_factory, client, now=SLOT, replica_id="slow"))
    deadline = datetime.now(UTC) + timedelta(seconds=30)
    while not slack.attempts.get("users.info"):  # the slow replica holds the claim and waits for Slack
        assert datetime.now(UTC) < deadline
        await asyncio.sleep(0.02)
    people._cache.clear()
    [taken] = await run_due(session_factory, client, now=SLOT + timedelta(minutes=11), replica_id="other")
    [late] = await slow

    assert (taken.outcome, late.outcome) == ("posted", "done")
    assert len(slack.posts("C0TA")) == 1
    assert [(r.status, r.claimed_by) for r in await runs(session_factory)] == [("posted", "other")]


async def test_slack_slow_to_describe_people_holds_a_digest_up_a_minute_at_most(
    session_factory: Any, slack: DigestMockSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With users.info slow for everyone (one call per person named, 30 s each before a timeout), a week
    with twenty deciders kept every replica building past the claim timeout, each taking the week over
    from the last and none posting. The names are looked up within a budget; past it people are named
    by their Slack id, as when Slack cannot describe them."""
    from bot.digest import people

    monkeypatch.setattr(people, "LOOKUP_BUDGET_S", 1.5)
    people._cache.clear()
    await seed(session_factory, "TA")
    async with session_factory() as session:
        for i in range(5):
            await add_decision(session, team_id="TA", created_at=SLOT - timedelta(hours=i + 1), decided_by=f"U0SLOW{i}")
    slack.delay["users.info"] = 1.0
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)

    [result] = await run_due(session_factory, client, now=SLOT, replica_id="r1")

    assert result.outcome == "posted"
    assert slack.attempts["users.info"] <= 2
    assert "@U0SLOW" in (slack.posts("C0TA")[0].args["text"])
