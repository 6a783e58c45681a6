"""Prometheus metrics of one ``msgchoice serve`` process (``GET /metrics`` in HTTP mode).

Every process counts what it did itself: with several replicas, Prometheus
scrapes each one and sums.  The metrics live in prometheus-client's default
registry; other modules call the small functions below (which never raise), so
that nothing but this module knows the metric names.

The metrics (docs/DEPLOY.md has the table, and which to alert on):
``msgchoice_slack_requests_total{kind,outcome}``, ``msgchoice_slack_ack_seconds{kind}``,
``msgchoice_slack_handler_seconds{kind,outcome}``, ``msgchoice_slack_api_calls_total{method,error}``,
``msgchoice_database_errors_total{kind}``, ``msgchoice_decisions_total{system,followed}``,
``msgchoice_digests_total{outcome}`` and ``msgchoice_open_conversations{status}``.
"""

from __future__ import annotations

import contextvars
import logging
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest

log = logging.getLogger("msgchoice.metrics")

KINDS = ("command", "action", "event", "view", "other")
# Slack wants an answer within 3 s; the buckets resolve that range finely.
ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)
HANDLER_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter(
    "msgchoice_slack_requests", "Requests from Slack, by kind and how they were answered", ["kind", "outcome"]
)
ACK_SECONDS = Histogram(
    "msgchoice_slack_ack_seconds", "Time to answer Slack's HTTP request (the ack)", ["kind"], buckets=ACK_BUCKETS
)
HANDLER_SECONDS = Histogram(
    "msgchoice_slack_handler_seconds",
    "Time from receiving a request until its listener finished",
    ["kind", "outcome"],
    buckets=HANDLER_BUCKETS,
)
API_CALLS = Counter(
    "msgchoice_slack_api_calls", "Slack Web API calls (each attempt), by method and error", ["method", "error"]
)
DATABASE_ERRORS = Counter("msgchoice_database_errors", "Database errors, by exception class", ["kind"])
DECISIONS = Counter(
    "msgchoice_decisions", "Decisions recorded, by chosen system and whether the advice was followed",
    ["system", "followed"],
)
DIGESTS = Counter("msgchoice_digests", "Weekly digests, by outcome", ["outcome"])
OPEN_CONVERSATIONS = Gauge(
    "msgchoice_open_conversations", "Conversations not yet decided or abandoned (database, at scrape)", ["status"]
)


def request_kind(body: dict[str, Any]) -> str:
    """command, action, event, view or other, from a Slack request body as Bolt parsed it."""
    if body.get("command"):
        return "command"
    kind = body.get("type")
    if kind == "event_callback":
        return "event"
    if kind in ("block_actions", "interactive_message", "shortcut", "message_action", "block_suggestion"):
        return "action"
    if kind in ("view_submission", "view_closed"):
        return "view"
    return "other"


def outcome_of(status: int) -> str:
    if status < 400:
        return "acked"
    return "rejected" if status < 500 else "failed"


def request_answered(kind: str, status: int, seconds: float) -> None:
    REQUESTS.labels(kind, outcome_of(status)).inc()
    ACK_SECONDS.labels(kind).observe(seconds)


# Set by a listener that caught its own failure (bot.slack.context.report_failure), read when it completes.
_listener_failed: contextvars.ContextVar[bool] = contextvars.ContextVar("msgchoice_listener_failed", default=False)


def listener_failed() -> None:
    _listener_failed.set(True)


def reset_listener_failure() -> None:
    _listener_failed.set(False)


def take_listener_failure() -> bool:
    failed = _listener_failed.get()
    _listener_failed.set(False)
    return failed


def handler_finished(kind: str, ok: bool, seconds: float) -> None:
    HANDLER_SECONDS.labels(kind, "ok" if ok else "error").observe(seconds)


def api_call(method: str, error: str = "") -> None:
    API_CALLS.labels(method, error).inc()


def database_error(exc: BaseException) -> None:
    DATABASE_ERRORS.labels(type(exc).__name__).inc()


def decision_recorded(system: str, *, followed: bool) -> None:
    DECISIONS.labels(system, "yes" if followed else "no").inc()


def digest_result(outcome: str) -> None:
    if outcome in ("posted", "skipped", "failed", "error"):
        DIGESTS.labels(outcome).inc()


def set_open_conversations(counts: dict[str, int]) -> None:
    for status in ("active", "recommended"):
        OPEN_CONVERSATIONS.labels(status).set(counts.get(status, 0))


def exposition() -> tuple[bytes, str]:
    """The text exposition of every metric of this process, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
