"""Keep user text and URLs out of the Slack libraries' INFO and WARNING lines.

At INFO and above, msgchoice logs ids and kinds only.  Its own log lines are
written that way; Bolt and slack_sdk are not: Bolt's "Unhandled request (…)"
warning dumps the payload (user text included), and slack_sdk's retry handlers
log the URL they retry at INFO, which for ``respond()`` is the request's
``response_url`` (a credential to post into the conversation for 30 minutes),
and Bolt's OAuth flow names the ``code`` of an install whose exchange failed.

:class:`RedactSlackPayloads` rewrites such records in place: payload dumps
become the payload's kind, URLs become ``<url>`` (Web API calls keep their
method name, which is not sensitive), an OAuth code becomes ``<code>``.  DEBUG
records pass unchanged, since DEBUG may show more; slack_sdk already masks
tokens there.
"""

from __future__ import annotations

import logging
import re

# Loggers whose INFO+ lines can carry payloads or URLs (the ones Bolt and slack_sdk create for the app).
REDACTED_LOGGERS = (
    "slack_bolt.AsyncApp",
    "slack_bolt.App",
    "slack_sdk.web.async_base_client",
    "slack_sdk.web.base_client",
    "slack_sdk.webhook.async_client",
    "slack_sdk.webhook.client",
    "slack_bolt.oauth.async_oauth_flow",
)

_URL = re.compile(r"https?://[^\s'\")>,]+")
_API_METHOD = re.compile(r"/api/([A-Za-z]+\.[A-Za-z0-9.]+)")
# Bolt's OAuth flow names the code of an exchange Slack refused: a bearer credential until it expires.
_OAUTH_CODE = re.compile(r"(\bwith code: )\S+")
_PAYLOAD_DUMP = re.compile(r"(Unhandled request|request body|Request body|body)\s*[:(].*", re.DOTALL)
_TYPE = re.compile(r"'type': '([a-z_]{1,40})'")


def _url(match: re.Match[str]) -> str:
    method = _API_METHOD.search(match.group(0))
    return f"<slack api {method.group(1)}>" if method else "<url>"


def redact(message: str) -> str:
    """``message`` without payload dumps and URLs."""
    dump = _PAYLOAD_DUMP.search(message)
    if dump:
        kind = _TYPE.search(dump.group(0))
        omitted = f"payload of kind {kind.group(1) if kind else '?'} omitted"
        message = f"{message[: dump.start()]}{dump.group(1)} ({omitted})"
    return _OAUTH_CODE.sub(r"\1<code>", _URL.sub(_url, message))


class RedactSlackPayloads(logging.Filter):
    """Rewrite INFO+ records of the Slack libraries so they carry no user text and no URL."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.INFO:
            return True
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = RedactSlackPayloads()


def install() -> None:
    """Attach the filter to every logger in :data:`REDACTED_LOGGERS` (once)."""
    for name in REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


__all__ = ["REDACTED_LOGGERS", "RedactSlackPayloads", "install", "redact"]
