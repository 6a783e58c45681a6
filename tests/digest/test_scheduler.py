"""The asyncio scheduler of ``msgchoice serve``: ticks, shutdown in the middle of a post, failing ticks."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import select

from bot.digest.scheduler import run_scheduler
from bot.store.models import DigestRun
from tests.digest.helpers import FakeSlack, add_decision, configure

SLOT = datetime(2025, 3, 10, 9, tzinfo=UTC)


class SlowSlack(FakeSlack):
    def __init__(self) -> None:
        super().__init__()
        self.started = asyncio.Event()

    async def chat_postMessage(self, **kwargs: Any) -> dict[str, Any]:
        self.started.set()
        await asyncio.sleep(0.3)
        return await super().chat_postMessage(**kwargs)


async def seed(session_factory: Any) -> None:
    async with session_factory() as session:
        await configure(session, team_id="TA", channel_id="C0TA", configured_at=SLOT - timedelta(days=7))
        await add_decision(session, team_id="TA", created_at=SLOT - timedelta(days=1))


async def test_the_scheduler_ticks_and_posts_once(session_factory: Any) -> None:
    await seed(session_factory)
    slack = FakeSlack()
    with time_machine.travel(SLOT + timedelta(seconds=5), tick=False):
        await run_scheduler(session_factory, slack, tick=timedelta(0), ticks=3, replica_id="r1")
    assert len(slack.posts) == 1


async def test_shutdown_during_a_post_lets_it_finish_and_record(session_factory: Any) -> None:
    await seed(session_factory)
    slack = SlowSlack()
    clock = lambda: SLOT  # noqa: E731
    task = asyncio.create_task(run_scheduler(session_factory, slack, tick=timedelta(seconds=60), clock=clock))
    await asyncio.wait_for(slack.started.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(slack.posts) == 1
    async with session_factory() as session:
        run = (await session.scalars(select(DigestRun))).one()
    assert run.status == "posted"


async def test_cancelling_an_idle_scheduler_ends_it_at_once(session_factory: Any) -> None:
    slack = FakeSlack()
    task = asyncio.create_task(run_scheduler(session_factory, slack, tick=timedelta(seconds=60)))
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 2)


async def test_a_failing_tick_is_logged_and_the_next_one_runs(caplog: pytest.LogCaptureFixture) -> None:
    calls = 0

    def broken_factory() -> Any:
        nonlocal calls
        calls += 1
        raise ConnectionRefusedError("database down")

    await run_scheduler(broken_factory, FakeSlack(), tick=timedelta(0), ticks=2, replica_id="r1")  # type: ignore[arg-type]
    assert calls == 2
    # The database being down is an outage, not a bug: one WARNING line a tick, with the reason.
    skipped = [r for r in caplog.records if "digest tick skipped, the database is unavailable" in r.getMessage()]
    assert len(skipped) == 2 and all(r.levelname == "WARNING" and r.exc_info is None for r in skipped)
    assert "cannot connect (database down)" in skipped[0].getMessage()


async def test_a_tick_failing_for_another_reason_is_logged_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def buggy_factory() -> Any:
        raise RuntimeError("a bug")

    await run_scheduler(buggy_factory, FakeSlack(), tick=timedelta(0), ticks=1, replica_id="r1")  # type: ignore[arg-type]
    [failed] = [r for r in caplog.records if r.getMessage() == "digest tick failed"]
    assert failed.levelname == "ERROR" and failed.exc_info is not None


async def test_shutdown_starts_no_further_team_so_none_is_left_claimed(
    session_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rollout at the slot with several teams due: the tick in progress finishes the team it is posting
    and starts no other. It used to go on through the teams until the grace ran out, cutting one off in
    the middle of its post: that run stayed 'claimed' (its digest held up 10 minutes, then posted again
    if Slack had taken it); the teams not started are for the replicas still running."""
    from bot.digest import scheduler

    monkeypatch.setattr(scheduler, "SHUTDOWN_GRACE", 0.5)
    async with session_factory() as session:
        for team in ("TA", "TB", "TC"):
            await configure(session, team_id=team, channel_id=f"C0{team}", configured_at=SLOT - timedelta(days=7))
    slack = SlowSlack()
    task = asyncio.create_task(run_scheduler(session_factory, slack, tick=timedelta(seconds=60), clock=lambda: SLOT))
    await asyncio.wait_for(slack.started.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    async with session_factory() as session:
        stored = (await session.scalars(select(DigestRun))).all()
    assert [(run.team_id, run.status) for run in stored] == [("TA", "posted")]
    assert [post["channel"] for post in slack.posts] == ["C0TA"]
