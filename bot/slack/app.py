"""Build the Bolt app: client, middleware, listeners.  Nothing here starts a server.

One workspace: every request is authorized with SLACK_BOT_TOKEN.  Several
workspaces (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set): Bolt's OAuth flow
stores each workspace's installation in the database and authorizes each
request with that workspace's bot token (``bot/slack/oauth.py``).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import Settings
from bot.slack import listeners, logredact, middleware, observe
from bot.slack.context import report_failure
from bot.slack.observe import ApiCallObserver
from bot.slack.payloads import AdmitSlackRequests
from bot.slack.services import Deps
from bot.slack.verify import is_verified
from knowledge import Knowledge

log = logging.getLogger(__name__)
# Bolt names a logger after the app and pins its level to the root's at build time; "msgchoice" would
# pin the level of every msgchoice.* logger (serve, db, digest) to whatever the root had then.
BOLT_APP_NAME = "msgchoice-bolt"
# What Bolt's AsyncApp reads from os.environ on its own, beside what it is given.
_READ_BY_BOLT = ("SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET")


@contextmanager
def _settings_only() -> Iterator[None]:
    """Hide from Bolt the variables it would read itself: the settings object is the one source.

    With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET in the environment, even empty (a Helm chart's
    unset value), Bolt switched on its own file-based OAuth flow in single-workspace mode: it
    served an install page at /slack/install and wrote ~/.bolt-app-oauth-state.  And finding
    SLACK_BOT_TOKEN beside the client it is handed, it warned at every start that the token
    "will be unused" or "ignored" (it is not: the client carries it, and the authorize function
    of one workspace uses it).
    """
    from slack_bolt.logger.messages import warning_token_skipped

    # The client this app is handed carries the bot token, and Bolt warns that it "will be ignored"
    # because an authorize function is given too: that function authorizes with the same token.
    skipped = warning_token_skipped()
    bolt_log = logging.getLogger("slack_bolt.AsyncApp")

    def drop_token_skipped(record: logging.LogRecord) -> bool:
        return record.getMessage() != skipped

    hidden = {name: os.environ.pop(name) for name in _READ_BY_BOLT if name in os.environ}
    bolt_log.addFilter(drop_token_skipped)
    try:
        yield
    finally:
        bolt_log.removeFilter(drop_token_skipped)
        os.environ.update(hidden)


def build_client(settings: Settings, *, http_session: aiohttp.ClientSession | None = None) -> AsyncWebClient:
    """The Web API client on ``SLACK_API_URL``, retrying rate limits, 5xx and dropped connections.

    It carries SLACK_BOT_TOKEN in single-workspace mode and no token with OAuth
    (each request then gets its workspace's token).  With ``http_session`` every
    Web API call reuses its connections (Bolt hands the session to the client it
    makes for each request); without one slack_sdk opens a connection per call.
    """
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    if settings.oauth_enabled:
        token = None
    base_url = settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/"
    return AsyncWebClient(
        base_url=base_url,
        token=token,
        session=http_session,
        retry_handlers=[
            ApiCallObserver(),  # first: counts every attempt, never retries
            AsyncRateLimitErrorRetryHandler(max_retry_count=2),
            AsyncServerErrorRetryHandler(max_retry_count=2),
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
        ],
    )


def build_app(
    settings: Settings,
    *,
    session_factory: async_sessionmaker[AsyncSession],
    kb: Knowledge | None = None,
    http_session: aiohttp.ClientSession | None = None,
) -> AsyncApp:
    logredact.install()
    client = build_client(settings, http_session=http_session)
    signing_secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    # Bolt's own check raises on a malformed timestamp (and logs the body); ours rejects (401), then
    # refuses payloads of a shape Slack never sends (400), both before authorization.
    verification: dict[str, Any] = {
        "request_verification_enabled": False,
        "before_authorize": AdmitSlackRequests(signing_secret),
    }
    if settings.oauth_enabled:
        from bot.slack.oauth import install_flow

        with _settings_only():
            app = AsyncApp(
                name=BOLT_APP_NAME,
                signing_secret=signing_secret,
                client=client,
                oauth_flow=install_flow(settings, session_factory, client),
                **verification,
            )
    else:
        with _settings_only():
            app = AsyncApp(
                name=BOLT_APP_NAME,
                signing_secret=signing_secret,
                client=client,
                authorize=single_workspace_authorize(client.token),
                **verification,
            )
    observe.install(app)
    deps = Deps.create(
        session_factory,
        kb,
        policy_admins=settings.policy_admin_ids,
        forget_on_uninstall=settings.forget_on_uninstall,
    )
    middleware.install(app, deps)
    listeners.register(app)
    app.error(_log_error)
    return app


# How long a request waits for the auth.test that teaches the app its own ids before it goes on
# without them: authorization runs before the ack, and Slack wants that within 3 s.
AUTH_TEST_WAIT_S = 1.0


def single_workspace_authorize(bot_token: str | None) -> Any:
    """Authorize every request with the one bot token, learning the bot's ids from ``auth.test`` once.

    Bolt's default for a single token answers every request with "please install
    this app" while ``auth.test`` fails (a Web API hiccup at start-up, or an
    emulator without that method).  Here the request goes on with the token; the
    bot's own ids are filled in as soon as ``auth.test`` answers.  One call is in
    flight at a time, shared by the requests that need it, and none waits for it
    longer than :data:`AUTH_TEST_WAIT_S`: a slow Web API made the first requests
    miss Slack's 3 s.
    """
    learned: dict[str, AuthorizeResult] = {}
    asking: dict[str, asyncio.Task[Any]] = {}

    def settle(task: asyncio.Task[Any]) -> None:
        """When auth.test answers, whether or not a request still waits: learn the ids, or ask again next time."""
        if asking.get("auth.test") is task:
            del asking["auth.test"]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            learned["result"] = AuthorizeResult.from_auth_test_response(
                auth_test_response=task.result(), bot_token=bot_token, user_token=None
            )
            return
        reason = exc.response.get("error") if isinstance(exc, SlackApiError) else type(exc).__name__
        log.warning("auth.test failed (%s); going on without the bot's own ids", reason)

    async def authorize(
        enterprise_id: str | None, team_id: str | None, client: AsyncWebClient
    ) -> AuthorizeResult:
        if "result" not in learned:
            task = asking.get("auth.test")
            if task is None:
                task = asking["auth.test"] = asyncio.create_task(client.auth_test(token=bot_token))
                task.add_done_callback(settle)
            try:
                await asyncio.wait_for(asyncio.shield(task), AUTH_TEST_WAIT_S)
            except TimeoutError:
                log.warning("auth.test is slow; going on without the bot's own ids for now")
            except (SlackApiError, SlackClientError, OSError):
                pass  # logged by settle(); the request goes on with the token
        without_ids = AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, bot_token=bot_token)
        return learned.get("result") or without_ids

    return authorize


async def _log_error(
    error: Exception, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond | None = None
) -> None:
    """Failures outside the listeners (middleware, the database before a listener runs).

    Only a request whose signature verified may be answered: the ``response_url`` of
    any other body is an address an attacker chose, and its team and user are made up.
    """
    if not is_verified(context):
        log.warning("request failed before its signature was verified (%s)", type(error).__name__)
        return
    await report_failure(error, body, respond)
