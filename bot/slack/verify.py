"""Is this request Slack's?  Signature verification that rejects, never raises.

Slack signs every HTTP request: ``X-Slack-Signature`` is ``v0=`` + the hex
HMAC-SHA256 of ``v0:{X-Slack-Request-Timestamp}:{raw body}`` under the signing
secret, and the timestamp must be within five minutes of now.  Bolt's built-in
check calls ``int()`` on the timestamp header, so ``abc``, an empty value or
``1.5`` raised, and Bolt's error path then used the unverified body (its
``response_url``).  Here every malformed header is just "not Slack's":

- :func:`signature_problem` is the check itself (``None`` when the request is
  Slack's, else a short reason for the log that never quotes the request);
- :class:`StrictRequestVerification` is the Bolt middleware that replaces
  Bolt's own (``request_verification_enabled=False``) and marks a verified
  request in the context (:data:`VERIFIED_KEY`), so that error handlers know
  whether anything in the body may be used;
- ``bot/cli/serve.py`` runs :func:`signature_problem` before Bolt even parses
  the body, so an unsigned request of any shape is a plain 401.

Socket Mode requests arrive over a connection authenticated with the app-level
token; they carry no signature and count as verified.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import Clock, SignatureVerifier

log = logging.getLogger("bot.slack.verify")

VERIFIED_KEY = "msgchoice_verified"
MAX_AGE_S = 60 * 5  # Slack's own window
_TIMESTAMP = re.compile(r"[0-9]{1,12}", re.ASCII)
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}", re.ASCII)

HeaderValues = str | Sequence[str] | None


def _single(value: HeaderValues) -> str | None:
    """The one value of a header; None when it is absent or repeated (Slack sends each once)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    values = list(value)
    return str(values[0]) if len(values) == 1 else None


def signature_problem(
    signing_secret: str,
    body: bytes | str,
    timestamp: HeaderValues,
    signature: HeaderValues,
    *,
    clock: Clock | None = None,
) -> str | None:
    """None when ``body`` was signed by Slack with ``signing_secret`` within five minutes; else why not.

    The reason names the header at fault, never its value or the body.
    """
    if not signing_secret:
        return "no signing secret configured"
    ts = _single(timestamp)
    sig = _single(signature)
    if ts is None:
        return "missing or repeated X-Slack-Request-Timestamp"
    if sig is None:
        return "missing or repeated X-Slack-Signature"
    if not _TIMESTAMP.fullmatch(ts):
        return "X-Slack-Request-Timestamp is not a whole number of seconds"
    if not _SIGNATURE.fullmatch(sig):
        return "X-Slack-Signature is not v0=<64 hex digits>"
    now = (clock or Clock()).now()
    if abs(now - int(ts)) > MAX_AGE_S:
        return "X-Slack-Request-Timestamp is more than five minutes away"
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            return "body is not UTF-8"
    verifier = SignatureVerifier(signing_secret, clock=_Fixed(now))
    if not verifier.is_valid(body=body, timestamp=ts, signature=sig):
        return "signature does not match"
    return None


class _Fixed(Clock):
    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        return self._now


def rejected() -> BoltResponse:
    """What an unverified request gets: 401, no detail."""
    return BoltResponse(status=401, body={"error": "invalid request"})


class StrictRequestVerification(AsyncMiddleware):
    """Bolt middleware: a request whose signature does not verify is a 401; nothing in it is read."""

    def __init__(self, signing_secret: str) -> None:
        self.signing_secret = signing_secret

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse:
        if req.mode == "socket_mode":
            req.context[VERIFIED_KEY] = True
            return await next()
        problem = signature_problem(
            self.signing_secret,
            req.raw_body,
            req.headers.get("x-slack-request-timestamp"),
            req.headers.get("x-slack-signature"),
        )
        if problem is not None:
            log.info("rejected a request that is not Slack's: %s", problem)
            return rejected()
        req.context[VERIFIED_KEY] = True
        return await next()


def is_verified(context: Mapping[str, object] | None) -> bool:
    """Whether the request behind ``context`` passed :class:`StrictRequestVerification`."""
    return bool(context is not None and context.get(VERIFIED_KEY))


__all__ = [
    "MAX_AGE_S",
    "VERIFIED_KEY",
    "StrictRequestVerification",
    "is_verified",
    "rejected",
    "signature_problem",
]
