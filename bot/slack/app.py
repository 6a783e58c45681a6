"""Build the Bolt app: client, middleware, listeners.  Nothing here starts a server."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import Settings
from bot.slack import listeners, middleware
from bot.slack.context import report_failure
from bot.slack.service import Deps
from knowledge import Knowledge

log = logging.getLogger(__name__)


def build_client(settings: Settings) -> AsyncWebClient:
    """The Web API client on ``SLACK_API_URL``, retrying rate limits, 5xx and dropped connections."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    base_url = settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/"
    return AsyncWebClient(
        base_url=base_url,
        token=token,
        retry_handlers=[
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
) -> AsyncApp:
    client = build_client(settings)
    app = AsyncApp(
        name="msgchoice",
        signing_secret=settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else "",
        client=client,
    )
    middleware.install(app, Deps.create(session_factory, kb))
    listeners.register(app)
    app.error(_log_error)
    return app


async def _log_error(error: Exception, body: dict[str, Any], respond: AsyncRespond | None = None) -> None:
    """Failures outside the listeners (middleware, the database before a listener runs)."""
    await report_failure(error, body, respond)
