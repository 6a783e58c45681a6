"""slack_deliveries keeps a delivery id only while Slack may deliver it again (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import func, select

from bot.store import repo
from bot.store.models import SlackDelivery


async def _received(session: Any, team_id: str, key: str, at: datetime) -> None:
    session.add(SlackDelivery(team_id=team_id, delivery_key=key, received_at=at))
    await session.commit()


async def _keys(session: Any) -> set[tuple[str, str]]:
    rows = await session.execute(select(SlackDelivery.team_id, SlackDelivery.delivery_key))
    return {(team, key) for team, key in rows.all()}


async def test_deliveries_older_than_the_cutoff_are_forgotten_in_every_team(session: Any) -> None:
    now = datetime.now(UTC)
    await _received(session, "T1", "event:Ev_OLD", now - timedelta(days=3))
    await _received(session, "T2", "trigger:1.2.old", now - timedelta(days=2))
    await _received(session, "T1", "event:Ev_RECENT", now - timedelta(minutes=5))
    assert await repo.mark_delivery(session, team_id="T2", delivery_key="trigger:3.4.now") is True

    assert await repo.prune_deliveries(session, before=now - timedelta(days=1)) == 2

    assert await _keys(session) == {("T1", "event:Ev_RECENT"), ("T2", "trigger:3.4.now")}
    # What is still remembered is still deduplicated: a Slack retry of it changes nothing.
    assert await repo.mark_delivery(session, team_id="T1", delivery_key="event:Ev_RECENT") is False
    assert await repo.mark_delivery(session, team_id="T2", delivery_key="trigger:3.4.now") is False


async def test_pruning_an_empty_or_fresh_table_deletes_nothing(session: Any) -> None:
    now = datetime.now(UTC)
    assert await repo.prune_deliveries(session, before=now) == 0
    assert await repo.mark_delivery(session, team_id="T1", delivery_key="event:Ev1") is True
    assert await repo.prune_deliveries(session, before=now - timedelta(hours=1)) == 0
    assert await _keys(session) == {("T1", "event:Ev1")}


async def test_the_sweeper_that_serve_runs_prunes_old_deliveries(session_factory: Any) -> None:
    from bot.slack.services import Deps
    from bot.slack.services.sweep import DELIVERY_RETENTION, run_sweeper

    now = datetime.now(UTC)
    async with session_factory() as session:
        await _received(session, "T1", "event:Ev_LASTWEEK", now - timedelta(days=7))
        await _received(session, "T1", "event:Ev_PASTRETENTION", now - DELIVERY_RETENTION - timedelta(minutes=1))
        await _received(session, "T1", "event:Ev_RETRYWINDOW", now - timedelta(minutes=6))

    async def no_token(_team: str) -> str | None:
        return None

    sweeper = asyncio.create_task(
        run_sweeper(Deps.create(session_factory), AsyncWebClient(base_url="http://127.0.0.1:9/api/"), no_token)
    )
    try:
        async with asyncio.timeout(10):
            while True:
                async with session_factory() as session:
                    count = await session.scalar(select(func.count()).select_from(SlackDelivery))
                if count == 1:
                    break
                await asyncio.sleep(0.05)
    finally:
        sweeper.cancel()
        await asyncio.gather(sweeper, return_exceptions=True)
    async with session_factory() as session:
        assert await _keys(session) == {("T1", "event:Ev_RETRYWINDOW")}
