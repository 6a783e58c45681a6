"""The OAuth installation and state stores on SQLite and PostgreSQL (slack_sdk's interfaces over our tables)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import select, update

from bot.slack.oauth import SqlInstallationStore, SqlOAuthStateStore
from bot.store import installations
from bot.store.models import SlackInstallation, SlackOAuthState


def installation(team_id: str | None = "T0ONE", token: str = "xoxb-1-one", **overrides: Any) -> Installation:
    values: dict[str, Any] = {
        "app_id": "A0APP",
        "enterprise_id": None,
        "team_id": team_id,
        "team_name": "Team One",
        "bot_token": token,
        "bot_id": "B0ONE",
        "bot_user_id": "U0BOTONE",
        "bot_scopes": "chat:write,commands",
        "user_id": "U0INSTALLER",
        "installed_at": datetime.now(UTC).timestamp(),
    }
    values.update(overrides)
    return Installation(**values)


async def test_a_saved_installation_is_found_as_bot_and_as_installation(session_factory: Any) -> None:
    store = SqlInstallationStore(session_factory)
    await store.async_save(installation())

    bot = await store.async_find_bot(enterprise_id=None, team_id="T0ONE")
    assert bot is not None
    assert (bot.bot_token, bot.bot_id, bot.bot_user_id, bot.team_id, bot.enterprise_id) == (
        "xoxb-1-one",
        "B0ONE",
        "U0BOTONE",
        "T0ONE",
        None,
    )
    assert bot.bot_scopes == ["chat:write", "commands"]
    found = await store.async_find_installation(enterprise_id=None, team_id="T0ONE")
    assert found is not None and found.user_id == "U0INSTALLER" and found.bot_token == "xoxb-1-one"
    assert await store.async_find_installation(enterprise_id=None, team_id="T0ONE", user_id="U0INSTALLER")
    assert await store.async_find_installation(enterprise_id=None, team_id="T0ONE", user_id="U0OTHER") is None
    assert await store.async_find_bot(enterprise_id=None, team_id="T0TWO") is None


async def test_the_latest_install_of_a_team_replaces_the_earlier_one(session_factory: Any) -> None:
    store = SqlInstallationStore(session_factory)
    now = datetime.now(UTC)
    await store.async_save(installation(token="xoxb-1-old", installed_at=(now - timedelta(hours=1)).timestamp()))
    await store.async_save(installation(token="xoxb-1-new", user_id="U0SECOND", installed_at=now.timestamp()))
    # A slower replica saving the older install afterwards does not win.
    await store.async_save(installation(token="xoxb-1-stale", installed_at=(now - timedelta(minutes=5)).timestamp()))

    async with session_factory() as session:
        rows = list((await session.scalars(select(SlackInstallation))).all())
    assert [(r.team_id, r.bot_token, r.installer_user_id) for r in rows] == [("T0ONE", "xoxb-1-new", "U0SECOND")]


async def test_teams_and_enterprise_installs_are_kept_apart(session_factory: Any) -> None:
    store = SqlInstallationStore(session_factory)
    await store.async_save(installation("T0ONE", "xoxb-1-one"))
    await store.async_save(installation("T0TWO", "xoxb-2-two"))
    await store.async_save(installation("T0ONE", "xoxb-3-grid", enterprise_id="E0GRID"))
    await store.async_save(installation(None, "xoxb-4-org", enterprise_id="E0ORG", is_enterprise_install=True))

    async def token(enterprise_id: str | None, team_id: str | None, org: bool = False) -> str | None:
        bot = await store.async_find_bot(enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=org)
        return bot.bot_token if bot else None

    assert await token(None, "T0ONE") == "xoxb-1-one"
    assert await token(None, "T0TWO") == "xoxb-2-two"
    assert await token("E0GRID", "T0ONE") == "xoxb-3-grid"
    # A workspace of an org where the app is installed org-wide is served by the org's installation.
    assert await token("E0ORG", "T0ANY", org=True) == "xoxb-4-org"
    assert await token("E0ORG", "T0ANY") is None


async def test_deleting_forgets_only_that_team(session_factory: Any) -> None:
    store = SqlInstallationStore(session_factory)
    for team, token in (("T0ONE", "xoxb-1"), ("T0TWO", "xoxb-2"), ("T0THREE", "xoxb-3")):
        await store.async_save(installation(team, token))

    await store.async_delete_all(enterprise_id=None, team_id="T0ONE")
    await store.async_delete_installation(enterprise_id=None, team_id="T0TWO", user_id="U0INSTALLER")
    assert await store.async_find_bot(enterprise_id=None, team_id="T0TWO") is not None  # no user token is kept
    await store.async_delete_bot(enterprise_id=None, team_id="T0TWO")

    async with session_factory() as session:
        teams = set((await session.scalars(select(SlackInstallation.team_id))).all())
    assert teams == {"T0THREE"}


async def test_the_digest_looks_up_each_teams_token_and_falls_back_only_when_told(session_factory: Any) -> None:
    await SqlInstallationStore(session_factory).async_save(installation("T0ONE", "xoxb-1-one"))

    oauth = installations.bot_token_lookup(session_factory)
    single = installations.bot_token_lookup(session_factory, fallback="xoxb-single")
    assert await oauth("T0ONE") == "xoxb-1-one" and await oauth("T0NONE") is None
    assert await single("T0ONE") == "xoxb-1-one" and await single("T0NONE") == "xoxb-single"


async def test_the_bot_token_is_kept_out_of_the_repr(session_factory: Any) -> None:
    await SqlInstallationStore(session_factory).async_save(installation(token="xoxb-1-sekrit"))
    async with session_factory() as session:
        row = (await session.scalars(select(SlackInstallation))).one()
    assert "sekrit" not in repr(row) and "T0ONE" in repr(row)


async def test_an_oauth_state_is_consumed_once_by_any_replica(session_factory: Any) -> None:
    replica_a, replica_b = SqlOAuthStateStore(session_factory), SqlOAuthStateStore(session_factory)
    state = await replica_a.async_issue()
    assert len(state) >= 32

    outcomes = await asyncio.gather(replica_b.async_consume(state), replica_a.async_consume(state))
    assert sorted(outcomes) == [False, True]
    assert await replica_b.async_consume("never-issued") is False
    assert await replica_b.async_consume("") is False


async def test_an_expired_oauth_state_is_refused_and_purged(session_factory: Any) -> None:
    store = SqlOAuthStateStore(session_factory)
    old, forgotten, fresh = await store.async_issue(), await store.async_issue(), await store.async_issue()
    async with session_factory() as session:
        past = datetime.now(UTC) - timedelta(seconds=1)
        expire = update(SlackOAuthState).where(SlackOAuthState.state.in_([old, forgotten])).values(expires_at=past)
        await session.execute(expire)
        await session.commit()

    assert await store.async_consume(old) is False
    await store.async_issue()  # issuing purges whatever has expired
    async with session_factory() as session:
        states = set((await session.scalars(select(SlackOAuthState.state))).all())
    assert fresh in states and not {old, forgotten} & states
    assert await store.async_consume(fresh) is True
