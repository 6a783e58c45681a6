"""Installing in several workspaces through OAuth: real HTTP through the real server, Slack stood in for by the mock.

The browser's part is played by hand: GET /slack/install, read the state from
Slack's authorize URL (and the state cookie the app set), then GET
/slack/oauth_redirect with the code the mock granted, as Slack's redirect would.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from sqlalchemy import select, update

from bot.cli.serve import Server
from bot.settings import Settings
from bot.slack.oauth import BOT_SCOPES
from bot.store.db import session_factory as sessions_for
from bot.store.models import SlackInstallation, SlackOAuthState
from tests.slack.conftest import World
from tests.slack.harness import SIGNING_SECRET, SlackSender
from tests.slack.mock_slack import Grant, MockSlack

STATE_COOKIE = "slack-app-oauth-state"
TEAM_ONE, TEAM_TWO = "T0TEAMONE", "T0TEAMTWO"


# A fixed Fernet key for the tests (never a real one): OAuth mode stores tokens encrypted.
TEST_KEY = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdCE="


def oauth_settings(db_url: str, mock: MockSlack, **extra: Any) -> Settings:
    values: dict[str, Any] = {"MSGCHOICE_ENCRYPTION_KEY": TEST_KEY, **extra}
    return Settings(
        **values,
        DATABASE_URL=db_url,
        SLACK_BOT_TOKEN=None,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_APP_TOKEN=None,
        SLACK_CLIENT_ID=mock.client_id,
        SLACK_CLIENT_SECRET=mock.client_secret,
        SLACK_API_URL=mock.api_url,
    )


@dataclass
class Response:
    status: int
    headers: Any
    body: str


@dataclass
class OAuthApp:
    mock: MockSlack
    server: Server
    send: SlackSender
    db_url: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    async def get(self, path: str, *, params: dict[str, str] | None = None, cookie: str | None = None) -> Response:
        headers = {"Cookie": f"{STATE_COOKIE}={cookie}"} if cookie else {}
        async with (
            aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http,
            http.get(f"{self.url}{path}", params=params, headers=headers, allow_redirects=False) as response,
        ):
            return Response(response.status, response.headers, await response.text())

    async def start_install(self) -> tuple[Response, str]:
        """GET /slack/install; the response and the state in Slack's authorize URL."""
        response = await self.get("/slack/install")
        assert response.status == 302, response.body
        state = parse_qs(urlsplit(response.headers["Location"]).query)["state"][0]
        return response, state

    async def redirect(self, code: str, state: str, *, cookie: str | None = None) -> Response:
        """Slack's redirect back to the app after the admin clicked Allow."""
        return await self.get("/slack/oauth_redirect", params={"code": code, "state": state}, cookie=cookie or state)

    async def install(self, team_id: str, *, code: str | None = None) -> Grant:
        """The whole install of the app in ``team_id``, as an admin's browser would do it."""
        code = code or f"code-{team_id}"
        grant = self.mock.grant(code, team_id)
        _, state = await self.start_install()
        response = await self.redirect(code, state)
        assert response.status == 200, response.body
        return grant

    async def installations(self) -> dict[str, str]:
        """team id → stored bot token."""
        async with sessions_for(self.db_url)() as session:
            rows = (await session.scalars(select(SlackInstallation))).all()
        return {row.team_id: row.bot_token for row in rows}

    async def start(self, team_id: str, channel: str, text: str = "kafka or nats?") -> str:
        """``/msgchoice`` from ``team_id`` in ``channel``; the token the app's root message was posted with."""
        sent = await self.send.command(text, team_id=team_id, channel=channel)
        assert sent.status == 200, sent.body

        def posted() -> Any:
            return next((c for c in self.mock.calls_to("chat.postMessage") if c.args.get("channel") == channel), None)

        call = await self.mock.wait_for(posted, what=f"a message in {channel}")
        return str(call.token)


@asynccontextmanager
async def running_oauth_app(db_url: str) -> AsyncIterator[OAuthApp]:
    """`msgchoice serve` in OAuth mode against a fresh Slack stand-in; afterwards, nothing it sent may be
    something Slack would have rejected."""
    mock = MockSlack()
    await mock.start()
    server = Server(oauth_settings(db_url, mock), host="127.0.0.1", port=0)
    await server.start()
    app = OAuthApp(mock, server, SlackSender(f"http://127.0.0.1:{server.port}", mock), db_url)
    try:
        yield app
    finally:
        await server.stop()
        await mock.stop()
    assert not mock.problems, f"Slack would have rejected: {mock.problems}"


@pytest.fixture
async def oauth_app(db_url: str) -> AsyncIterator[OAuthApp]:
    async with running_oauth_app(db_url) as app:
        yield app


async def test_install_redirects_to_slacks_authorize_page_with_client_id_scopes_and_a_state(
    oauth_app: OAuthApp,
) -> None:
    response, state = await oauth_app.start_install()

    location = urlsplit(response.headers["Location"])
    assert (location.scheme, location.netloc, location.path) == ("https", "slack.com", "/oauth/v2/authorize")
    query = parse_qs(location.query)
    assert query["client_id"] == [oauth_app.mock.client_id]
    assert query["scope"][0].split(",") == list(BOT_SCOPES)
    assert "user_scope" not in query or query["user_scope"] == [""]
    assert len(state) >= 32
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{STATE_COOKIE}={state};") and "HttpOnly" in cookie and "Secure" in cookie
    async with sessions_for(oauth_app.db_url)() as session:
        stored = (await session.scalars(select(SlackOAuthState))).all()
    assert [s.state for s in stored] == [state]  # in the database, where any replica finds it


async def test_the_install_links_team_parameter_cannot_add_parameters_to_slacks_authorize_url(
    oauth_app: OAuthApp,
) -> None:
    # ``/slack/install?team=T…`` preselects a workspace on Slack's authorize page. The value was pasted
    # into that URL as it came: a link on the app's own domain could add another app's client_id, a
    # redirect_uri or scopes to the consent screen an admin was sent to, and a line break in it made
    # the server drop the connection.
    forged = "T0TEAMONE&client_id=999.999&scope=admin&redirect_uri=https://evil.example/cb"
    for team in (forged, "T0TEAMONE\r\nX-Evil: 1", "<script>"):
        response = await oauth_app.get("/slack/install", params={"team": team})
        assert response.status == 302
        query = parse_qs(urlsplit(response.headers["Location"]).query, keep_blank_values=True)
        assert query["client_id"] == [oauth_app.mock.client_id]
        assert query["scope"] == [",".join(BOT_SCOPES)]
        assert "redirect_uri" not in query and "team" not in query
        assert "X-Evil" not in response.headers

    response = await oauth_app.get("/slack/install", params={"team": "T0TEAMONE"})
    assert parse_qs(urlsplit(response.headers["Location"]).query)["team"] == ["T0TEAMONE"]


async def test_the_oauth_redirect_stores_the_installation_and_that_teams_commands_use_its_token(
    oauth_app: OAuthApp,
) -> None:
    grant = await oauth_app.install(TEAM_ONE)

    exchange = oauth_app.mock.calls_to("oauth.v2.access")
    assert len(exchange) == 1 and exchange[0].args["code"] == f"code-{TEAM_ONE}"
    assert await oauth_app.installations() == {TEAM_ONE: grant.bot_token}
    async with sessions_for(oauth_app.db_url)() as session:
        row = (await session.scalars(select(SlackInstallation))).one()
    assert (row.bot_user_id, row.bot_id, row.installer_user_id) == (grant.bot_user_id, grant.bot_id, grant.installer)
    assert row.bot_scopes.split(",") == list(BOT_SCOPES)

    assert await oauth_app.start(TEAM_ONE, "C0ONE00001") == grant.bot_token


async def test_each_team_gets_its_own_token(oauth_app: OAuthApp) -> None:
    one = await oauth_app.install(TEAM_ONE)
    two = await oauth_app.install(TEAM_TWO)
    assert one.bot_token != two.bot_token

    assert await oauth_app.start(TEAM_TWO, "C0TWO00001") == two.bot_token
    assert await oauth_app.start(TEAM_ONE, "C0ONE00001") == one.bot_token
    # Bolt learnt each bot's own user id from auth.test with that team's token.
    auth_tokens = {c.token for c in oauth_app.mock.calls_to("auth.test")}
    assert {one.bot_token, two.bot_token} <= auth_tokens


async def test_a_reinstall_replaces_the_teams_token(oauth_app: OAuthApp) -> None:
    await oauth_app.install(TEAM_ONE, code="first")
    again = await oauth_app.install(TEAM_ONE, code="second")

    assert await oauth_app.installations() == {TEAM_ONE: again.bot_token}
    assert await oauth_app.start(TEAM_ONE, "C0ONE00001") == again.bot_token


async def test_an_unknown_expired_or_reused_state_is_refused(oauth_app: OAuthApp) -> None:
    oauth_app.mock.grant("the-code", TEAM_ONE)

    forged = await oauth_app.redirect("the-code", "a-state-the-app-never-issued")
    assert forged.status == 401

    _, state = await oauth_app.start_install()
    no_cookie = await oauth_app.redirect("the-code", state, cookie="another-browsers-state")
    assert no_cookie.status == 400

    async with sessions_for(oauth_app.db_url)() as session:
        past = datetime.now(UTC) - timedelta(seconds=1)
        await session.execute(update(SlackOAuthState).where(SlackOAuthState.state == state).values(expires_at=past))
        await session.commit()
    expired = await oauth_app.redirect("the-code", state)
    assert expired.status == 401

    assert not oauth_app.mock.calls_to("oauth.v2.access")  # no code was exchanged for a refused state
    assert await oauth_app.installations() == {}

    _, state = await oauth_app.start_install()
    assert (await oauth_app.redirect("the-code", state)).status == 200
    oauth_app.mock.grant("another-code", TEAM_TWO)
    replayed = await oauth_app.redirect("another-code", state)
    assert replayed.status == 401
    assert set(await oauth_app.installations()) == {TEAM_ONE}


async def test_a_code_slack_does_not_accept_installs_nothing(oauth_app: OAuthApp) -> None:
    _, state = await oauth_app.start_install()
    response = await oauth_app.redirect("a-code-slack-never-granted", state)

    assert response.status == 401
    assert await oauth_app.installations() == {}


async def test_a_failed_install_says_what_happened_and_how_to_start_again(oauth_app: OAuthApp) -> None:
    """Bolt's own page said "Oops, Something Went Wrong!" whatever the cause; the admin needs to know
    whether to retry, from where, and that nothing was installed."""
    _, state = await oauth_app.start_install()
    cancelled = await oauth_app.get("/slack/oauth_redirect", params={"error": "access_denied", "state": state},
                                    cookie=state)
    _, state = await oauth_app.start_install()
    other_browser = await oauth_app.redirect("the-code", state, cookie="another-browsers-state")
    stale = await oauth_app.redirect("the-code", "a-state-the-app-never-issued")
    _, state = await oauth_app.start_install()
    refused_code = await oauth_app.redirect("a-code-slack-never-granted", state)

    pages = {"cancelled": cancelled, "other browser": other_browser, "stale": stale, "refused": refused_code}
    for name, page in pages.items():
        assert page.status in (200, 400, 401), name
        assert "Oops" not in page.body, name
        assert 'href="/slack/install"' in page.body, name
        assert "not installed" in page.body, name
    assert "cancelled" in cancelled.body
    assert "same browser" in other_browser.body
    assert "expired" in stale.body
    assert "Slack did not accept" in refused_code.body
    assert await oauth_app.installations() == {}


async def test_app_uninstalled_deletes_the_installation(oauth_app: OAuthApp) -> None:
    one = await oauth_app.install(TEAM_ONE)
    await oauth_app.install(TEAM_TWO)

    sent = await oauth_app.send.event({"type": "app_uninstalled", "event_ts": "1700000000.000100"}, team_id=TEAM_ONE)
    assert sent.status == 200

    remaining = await _wait_installations(oauth_app, {TEAM_TWO})
    assert TEAM_ONE not in remaining
    # A command from the uninstalled team is answered "install the app first", and nothing is posted there.
    calls_before = len(oauth_app.mock.calls)
    sent = await oauth_app.send.command("kafka or nats?", team_id=TEAM_ONE, channel="C0ONE00001")
    assert sent.status == 200
    replies = await oauth_app.mock.wait_calls("response_url")
    assert "install" in str(replies[0].args.get("text")).lower()
    assert not oauth_app.mock.calls_to("chat.postMessage")
    assert all(c.token != one.bot_token for c in oauth_app.mock.calls[calls_before:])


async def test_a_revoked_bot_token_deletes_the_installation_and_a_user_token_does_not(oauth_app: OAuthApp) -> None:
    await oauth_app.install(TEAM_ONE)

    users_only = {"type": "tokens_revoked", "tokens": {"oauth": ["U0SOMEONE"]}, "event_ts": "1700000000.000200"}
    assert (await oauth_app.send.event(users_only, team_id=TEAM_ONE)).status == 200
    await asyncio.sleep(0.3)  # the listener runs after the ack
    assert set(await oauth_app.installations()) == {TEAM_ONE}
    bot = {"type": "tokens_revoked", "tokens": {"bot": ["U0BOTTEAM"]}, "event_ts": "1700000000.000300"}
    assert (await oauth_app.send.event(bot, team_id=TEAM_ONE)).status == 200

    assert await _wait_installations(oauth_app, set()) == set()


async def _wait_installations(app: OAuthApp, expected: set[str]) -> set[str]:
    """The installed teams once they are ``expected`` (events are handled after the ack)."""
    found: set[str] = set()

    async def check() -> bool:
        found.clear()
        found.update(await app.installations())
        return found == expected

    for _ in range(200):  # up to 10 s
        if await check():
            break
        await asyncio.sleep(0.05)
    return found


async def test_single_workspace_mode_serves_no_install_routes(world: World) -> None:
    async with aiohttp.ClientSession() as http:
        for path in ("/slack/install", "/slack/oauth_redirect"):
            async with http.get(f"{world.send.app_url}{path}", allow_redirects=False) as response:
                assert response.status == 404


# ---------------------------------------------------------------------- logs
# Slack's redirect hands the app a one-time ``code`` (a bearer credential until it is exchanged,
# RFC 6749 10.5); the exchange and the refresh carry the client secret and refresh tokens. None may
# reach a line a log reader sees (INFO and above).


def _info_and_above(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.INFO)


async def test_a_code_slack_refuses_is_not_logged(oauth_app: OAuthApp, caplog: pytest.LogCaptureFixture) -> None:
    # Bolt warned "Failed to fetch oauth.v2.access result with code: <the code> …": the code of an
    # exchange that failed (a wrong client secret, say) is still good at Slack for a few minutes.
    caplog.set_level(logging.INFO)
    code = "4724469134.4644010092847.232b4e6d82c333b475fc30f5f5a341d2"
    _, state = await oauth_app.start_install()

    response = await oauth_app.redirect(code, state)

    assert response.status == 401
    shown = _info_and_above(caplog)
    # The failure is still reported, with Slack's error and the method (it was cut to "oauth.v").
    assert "<slack api oauth.v2.access>" in shown
    assert "invalid_code" in shown
    for secret in (code, state, oauth_app.mock.client_secret):
        assert secret not in shown, f"{secret!r} logged:\n{shown}"
    assert code not in response.body and oauth_app.mock.client_secret not in response.body


async def test_a_refused_refresh_logs_no_token(oauth_app: OAuthApp, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    grant = oauth_app.mock.grant("code-rot", TEAM_ONE, rotating=True, expires_in=600)
    _, state = await oauth_app.start_install()
    assert (await oauth_app.redirect("code-rot", state)).status == 200
    oauth_app.mock.installed.clear()  # Slack no longer knows the refresh token (revoked)

    assert (await oauth_app.send.command("help", team_id=TEAM_ONE, channel="C0ONE00001")).status == 200
    await oauth_app.mock.wait_calls("response_url")

    shown = _info_and_above(caplog)
    assert "invalid_refresh_token" in shown
    assert grant.refresh_token and grant.refresh_token not in caplog.text
    assert grant.bot_token not in caplog.text and oauth_app.mock.client_secret not in caplog.text
