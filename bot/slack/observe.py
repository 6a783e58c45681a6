"""What the Bolt app reports about itself: metrics (``bot/metrics.py``) and the ids on its log lines (``bot/logs.py``).

- :class:`ApiCallObserver`: a slack_sdk retry handler that never retries; put
  first in the Web API client's ``retry_handlers``, it sees every attempt of
  every call (Bolt copies the handlers into the client it makes per request)
  and counts it by method and error.
- :func:`install`: a global middleware (:class:`ObserveRequests`) that binds the request's team and
  channel to the log context and stamps when the request arrived (when the
  HTTP layer has not already), and a listener completion handler that
  observes how long the listener took and whether it failed.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.listener.async_listener_completion_handler import AsyncListenerCompletionHandler
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot import logs, metrics

RECEIVED_KEY = "msgchoice_received"  # time.perf_counter() when the request arrived
KIND_KEY = "msgchoice_kind"


class ApiCallObserver(AsyncRetryHandler):
    """Counts each Web API attempt (``msgchoice_slack_api_calls_total``); never asks for a retry."""

    def __init__(self) -> None:
        super().__init__(max_retry_count=0)

    async def can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        with contextlib.suppress(Exception):  # metrics never break a call
            metrics.api_call(_method(request.url), _error(response, error))
        return False


def _method(url: str) -> str:
    """``chat.postMessage`` from ``https://slack.com/api/chat.postMessage?…``."""
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or "unknown"


def _error(response: HttpResponse | None, error: Exception | None) -> str:
    if error is not None:
        return type(error).__name__
    if response is None:
        return "no_response"
    body = response.body if isinstance(response.body, dict) else None
    if response.status_code != 200:
        return str(body.get("error")) if body and body.get("error") else f"http_{response.status_code}"
    if body is not None and body.get("ok") is False:
        return str(body.get("error") or "unknown_error")
    return ""


def received(body: dict[str, Any]) -> tuple[str, float]:
    """The request's kind and arrival time, for the HTTP layer to stamp before dispatching."""
    return metrics.request_kind(body), time.perf_counter()


def ids_of(body: dict[str, Any]) -> dict[str, str | None]:
    """The team and channel a Slack payload is about, where it says."""
    event = body.get("event") if isinstance(body.get("event"), dict) else {}
    team = body.get("team_id") or (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
    channel = (
        body.get("channel_id")
        or (body.get("channel") or {}).get("id")
        or (body.get("container") or {}).get("channel_id")
        or (event or {}).get("channel")
    )
    return {
        "team_id": team if isinstance(team, str) else None,
        "channel_id": channel if isinstance(channel, str) else None,
    }


class MeteredCompletion(AsyncListenerCompletionHandler):
    """Observes ``msgchoice_slack_handler_seconds`` when a listener finishes."""

    async def handle(self, request: AsyncBoltRequest, response: BoltResponse | None) -> None:
        started = request.context.get(RECEIVED_KEY)
        if not isinstance(started, float):
            return
        # Bolt hands over no response once the listener has acked; a failure is then known only from
        # report_failure (the listeners' wrapper and app.error both call it), which flags it in this task.
        failed = metrics.take_listener_failure() or (response is not None and response.status >= 500)
        kind = str(request.context.get(KIND_KEY) or metrics.request_kind(request.body))
        metrics.handler_finished(kind, not failed, time.perf_counter() - started)


class ObserveRequests(AsyncMiddleware):
    """Binds the request's ids to the log context and stamps its arrival (Socket Mode), for every request.

    A middleware class rather than a function: Bolt builds every listener
    argument (``say``, ``respond``, the payload views …) to call a function
    middleware, on each request.
    """

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse:
        context, body = req.context, req.body
        if RECEIVED_KEY not in context:  # Socket Mode: no HTTP layer stamped it
            context[KIND_KEY], context[RECEIVED_KEY] = received(body)
            logs.start_request()
        logs.bind(**ids_of(body))
        metrics.reset_listener_failure()
        return await next()


def install(app: AsyncApp) -> None:
    """Register the observing middleware and completion handler on ``app`` (before any other middleware)."""
    app.middleware(ObserveRequests())
    # Bolt has no public setter for the completion handler; its error handler is set the same way (app.error).
    app._async_listener_runner.listener_completion_handler = MeteredCompletion()
