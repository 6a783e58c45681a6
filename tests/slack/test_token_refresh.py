"""Rotating bot tokens (Slack's token rotation) as Slack really runs it, through the real server.

With rotation on, a bot token lives 12 hours and each refresh spends the refresh
token: Slack hands out a new one with the new bot token and refuses the old one
ever after.  So every call the app makes, not only those answering a request
from Slack, needs a fresh token, and of several replicas (or requests) that see
the token expiring at once only one may spend the refresh token.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.cli.serve import Server
from bot.store import sealed
from bot.store.db import session_factory as sessions_for
from bot.store.models import SlackInstallation
from tests.digest.helpers import add_decision, configure
from tests.slack.harness import SlackSender
from tests.slack.mock_slack import MockSlack
from tests.slack.test_oauth import TEAM_ONE, OAuthApp, oauth_settings

DIGEST_CHANNEL = "C0DIGESTONE"


@pytest.fixture
async def mock() -> AsyncIterator[MockSlack]:
    slack = MockSlack()
    await slack.start()
    try:
        yield slack
    finally:
        await slack.stop()
        sealed.configure(sealed.TokenCipher(allow_plaintext=True))
    assert not slack.problems, f"Slack would have rejected: {slack.problems}"


async def _replica(db_url: str, mock: MockSlack, **extra: Any) -> OAuthApp:
    server = Server(oauth_settings(db_url, mock, **extra), host="127.0.0.1", port=0)
    await server.start()
    return OAuthApp(mock, server, SlackSender(f"http://127.0.0.1:{server.port}", mock), db_url)


async def _row(db_url: str) -> SlackInstallation:
    async with sessions_for(db_url)() as session:
        query = select(SlackInstallation).execution_options(populate_existing=True)
        row: SlackInstallation = (await session.scalars(query)).one()
        return row


def _refreshes(mock: MockSlack) -> list[Any]:
    return [c for c in mock.calls_to("oauth.v2.access") if c.args.get("grant_type") == "refresh_token"]


async def test_the_weekly_digest_refreshes_an_expired_rotating_token_before_posting(
    db_url: str, mock: MockSlack
) -> None:
    # A quiet weekend: no request from Slack refreshed the team's token, and Monday's digest went out
    # with the token that had expired on Saturday; Slack answered token_expired and the digest failed.
    app = await _replica(db_url, mock, MSGCHOICE_DIGEST_TICK_SECONDS=0.1)
    try:
        grant = mock.grant("code-rot", TEAM_ONE, rotating=True)
        _, state = await app.start_install()
        assert (await app.redirect("code-rot", state)).status == 200
        # Twelve hours later: the bot token has expired, at Slack and in the row.
        mock.expired.add(grant.bot_token)
        now = datetime.now(UTC)
        async with sessions_for(db_url)() as session:
            await session.execute(update(SlackInstallation).values(bot_token_expires_at=now - timedelta(minutes=5)))
            await session.commit()
            await configure(
                session,
                team_id=TEAM_ONE,
                channel_id=DIGEST_CHANNEL,
                weekday=now.weekday(),
                hour=0,
                minute=0,
                configured_at=now - timedelta(days=30),
            )
            await add_decision(session, team_id=TEAM_ONE, created_at=now - timedelta(hours=1))

        posted = await mock.wait_for(
            lambda: [m for m in mock.messages.get(DIGEST_CHANNEL, [])], what="the team's digest"
        )
    finally:
        await app.server.stop()

    assert len(posted) == 1
    sent = [c for c in mock.calls if c.args.get("channel") == DIGEST_CHANNEL]
    assert grant.bot_token not in {c.token for c in sent}  # never tried with the expired token
    assert [c.method for c in sent] == ["chat.postMessage"]
    assert len(_refreshes(mock)) == 1
    row = await _row(db_url)
    assert sent[0].token == row.bot_token != grant.bot_token
    assert row.bot_refresh_token == mock.refresh_token_of(TEAM_ONE)
    assert row.bot_token_expires_at is not None and row.bot_token_expires_at > datetime.now(UTC) + timedelta(hours=11)


async def test_two_replicas_refreshing_at_once_spend_the_refresh_token_once_and_both_answer(
    db_url: str, mock: MockSlack
) -> None:
    # Both replicas saw the token expiring and both asked Slack with the same refresh token; Slack
    # refused the second (the first had spent it), and that replica's user got "install the app".
    one = await _replica(db_url, mock)
    two = await _replica(db_url, mock)
    try:
        grant = mock.grant("code-rot", TEAM_ONE, rotating=True, expires_in=600)  # within the 2-hour margin
        _, state = await one.start_install()
        assert (await one.redirect("code-rot", state)).status == 200
        mock.delay["oauth.v2.access"] = 0.5  # Slack takes its time: both replicas are refreshing at once

        tokens = await asyncio.gather(one.start(TEAM_ONE, "C0ONE00001"), two.start(TEAM_ONE, "C0ONE00002"))
    finally:
        await one.server.stop()
        await two.server.stop()

    assert len(_refreshes(mock)) == 1
    row = await _row(db_url)
    assert tokens[0] == tokens[1] == row.bot_token != grant.bot_token
    assert row.bot_refresh_token == mock.refresh_token_of(TEAM_ONE) != grant.refresh_token
    assert not mock.calls_to("response_url")  # nobody was told to install the app


async def test_two_requests_at_once_in_one_replica_refresh_once(db_url: str, mock: MockSlack) -> None:
    app = await _replica(db_url, mock)
    try:
        mock.grant("code-rot", TEAM_ONE, rotating=True, expires_in=600)
        _, state = await app.start_install()
        assert (await app.redirect("code-rot", state)).status == 200
        mock.delay["oauth.v2.access"] = 0.5

        tokens = await asyncio.gather(*(app.start(TEAM_ONE, f"C0ONE0000{n}") for n in range(3)))
    finally:
        await app.server.stop()

    assert len(_refreshes(mock)) == 1
    row = await _row(db_url)
    assert set(tokens) == {row.bot_token}
    assert row.bot_refresh_token == mock.refresh_token_of(TEAM_ONE)


# ---------------------------------------------------------------------- Enterprise Grid, org-wide


ORG, WORKSPACE = "E0ORG00001", "T0WSINORG1"


async def test_an_org_wide_install_serves_its_workspaces_and_their_weekly_digest(db_url: str, mock: MockSlack) -> None:
    # Installed org-wide, the app answered /msgchoice in the org's workspaces, but the weekly digest of
    # such a workspace was recorded as "not installed in this workspace": the installation is the
    # org's (Slack's oauth.v2.access answers team: null), and the digest looked for the workspace's own.
    app = await _replica(db_url, mock, MSGCHOICE_DIGEST_TICK_SECONDS=0.1)
    try:
        grant = mock.grant("org-code", ORG, workspaces=(WORKSPACE, "T0WSINORG2"))
        _, state = await app.start_install()
        installed = await app.redirect("org-code", state)
        assert installed.status == 200
        assert f"https://{ORG.lower()}.enterprise.slack.com/manage/organization/apps/profile/" in installed.body
        row = await _row(db_url)
        assert (row.enterprise_id, row.team_id, row.is_enterprise_install) == (ORG, "", True)

        sent = await app.send.command("durable log of orders", team_id=WORKSPACE, org_wide_install_of=ORG)
        assert sent.status == 200
        root = await mock.wait_for(lambda: mock.messages.get("C0GENERAL01"), what="the conversation's root")
        assert root and mock.calls_to("chat.postMessage")[0].token == grant.bot_token

        now = datetime.now(UTC)
        async with sessions_for(db_url)() as session:
            await configure(
                session,
                team_id=WORKSPACE,
                channel_id=DIGEST_CHANNEL,
                weekday=now.weekday(),
                hour=0,
                minute=0,
                configured_at=now - timedelta(days=30),
            )
            await add_decision(session, team_id=WORKSPACE, created_at=now - timedelta(hours=1))
        await mock.wait_for(lambda: mock.messages.get(DIGEST_CHANNEL), what="the workspace's digest")
    finally:
        await app.server.stop()

    [digest] = [c for c in mock.calls_to("chat.postMessage") if c.args.get("channel") == DIGEST_CHANNEL]
    assert digest.token == grant.bot_token


async def test_a_refresh_slack_fails_leaves_a_still_valid_token_in_use(db_url: str, mock: MockSlack) -> None:
    # The token is refreshed two hours before it expires. When Slack's oauth.v2.access failed then
    # (an outage, a rate limit), Bolt gave up on the request and its user was told to install the app,
    # although the token in hand had hours left.
    app = await _replica(db_url, mock)
    try:
        grant = mock.grant("code-rot", TEAM_ONE, rotating=True, expires_in=3600)
        _, state = await app.start_install()
        assert (await app.redirect("code-rot", state)).status == 200
        mock.error_once["oauth.v2.access"] = "internal_error"

        assert await app.start(TEAM_ONE, "C0ONE00001") == grant.bot_token
        assert not mock.calls_to("response_url")  # nobody was told to install the app
        # The next request refreshes.
        fresh = await app.start(TEAM_ONE, "C0ONE00002")
    finally:
        await app.server.stop()

    row = await _row(db_url)
    assert fresh == row.bot_token != grant.bot_token
    assert row.bot_refresh_token == mock.refresh_token_of(TEAM_ONE)


async def test_an_expired_token_whose_refresh_fails_is_not_used(db_url: str, mock: MockSlack) -> None:
    app = await _replica(db_url, mock)
    try:
        grant = mock.grant("code-rot", TEAM_ONE, rotating=True)
        _, state = await app.start_install()
        assert (await app.redirect("code-rot", state)).status == 200
        mock.expired.add(grant.bot_token)
        async with sessions_for(db_url)() as session:
            past = datetime.now(UTC) - timedelta(minutes=1)
            await session.execute(update(SlackInstallation).values(bot_token_expires_at=past))
            await session.commit()
        mock.error_once["oauth.v2.access"] = "internal_error"

        sent = await app.send.command("kafka or nats?", team_id=TEAM_ONE, channel="C0ONE00001")
        assert sent.status == 200
        await mock.wait_calls("response_url")
    finally:
        await app.server.stop()
    assert not [c for c in mock.calls if c.token == grant.bot_token and c.method == "chat.postMessage"]
