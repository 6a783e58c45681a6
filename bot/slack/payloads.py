"""The shape of what Slack sends, checked before anything reads it.

A signed request can still carry a payload no listener can use: ``actions``
empty or null, a view without ``type``, an event without ``channel``, a
button value that does not decode.  Slack itself never sends those, so such a
request is answered ``400`` with one WARNING line naming the kind and what is
wrong (never the payload), before Bolt's authorization or any listener runs.
Checks that need a listener's knowledge (a button value's fields) raise
:class:`Malformed` there, which :func:`bot.slack.context.reported` logs the
same way after the ack.

Only what the app reads is checked; fields Slack may add later pass through.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

log = logging.getLogger("bot.slack.payloads")


class Malformed(Exception):
    """A (signed) payload that is not the shape Slack sends; the message says what, never the content."""


def kind_of(body: Any) -> str:
    """A short name of the payload kind for logs: ``slash_command``, ``block_actions``, ``event:message`` …"""
    if not isinstance(body, dict):
        return "unknown"
    if "command" in body and "type" not in body:
        return "slash_command"
    kind = body.get("type")
    if kind == "event_callback":
        event = body.get("event")
        event_type = event.get("type") if isinstance(event, dict) else None
        return f"event:{event_type}" if isinstance(event_type, str) and len(event_type) <= 40 else "event"
    return kind if isinstance(kind, str) and len(kind) <= 40 else "unknown"


def _str(container: Any, key: str, *, required: bool = True, where: str = "") -> str | None:
    value = container.get(key) if isinstance(container, dict) else None
    if value is None:
        if required:
            return f"{where}{key} is missing"
        return None
    if not isinstance(value, str) or (required and not value):
        return f"{where}{key} is not a non-empty string" if required else f"{where}{key} is not a string"
    return None


def _first(*problems: str | None) -> str | None:
    return next((p for p in problems if p), None)


def _user(body: dict[str, Any]) -> str | None:
    user = body.get("user")
    if not isinstance(user, dict):
        return "user is missing or not an object"
    return _str(user, "id", where="user.")


def _block_actions(body: dict[str, Any]) -> str | None:
    actions = body.get("actions")
    if not isinstance(actions, list) or not actions:
        return "actions is empty or not a list"
    for action in actions:
        if not isinstance(action, dict):
            return "an action is not an object"
        problem = _first(
            _str(action, "action_id", where="action."),
            _str(action, "value", required=False, where="action."),
            _str(action, "block_id", required=False, where="action."),
        )
        if problem:
            return problem
    for key in ("container", "message", "channel", "view"):
        if body.get(key) is not None and not isinstance(body.get(key), dict):
            return f"{key} is not an object"
    container = body.get("container") or {}
    message = body.get("message") or {}
    return _first(
        _user(body),
        _str(body, "trigger_id", required=False),
        _str(container, "message_ts", required=False, where="container."),
        _str(message, "ts", required=False, where="message."),
    )


def _view(body: dict[str, Any]) -> str | None:
    view = body.get("view")
    if not isinstance(view, dict):
        return "view is missing or not an object"
    problem = _first(
        _str(view, "type", where="view."),
        _str(view, "callback_id", required=False, where="view."),
        _str(view, "private_metadata", required=False, where="view."),
        _user(body),
    )
    if problem:
        return problem
    if body.get("type") == "view_submission":
        state = view.get("state")
        if not isinstance(state, dict) or not isinstance(state.get("values"), dict):
            return "view.state.values is missing or not an object"
        for block in state["values"].values():
            if not isinstance(block, dict) or not all(isinstance(v, dict) for v in block.values()):
                return "view.state.values holds something other than objects"
    return None


def _event(body: dict[str, Any]) -> str | None:
    event = body.get("event")
    if not isinstance(event, dict):
        return "event is missing or not an object"
    problem = _first(
        _str(event, "type", where="event."),
        _str(body, "event_id", required=False),
        _str(body, "team_id", required=False),
    )
    if problem:
        return problem
    if body.get("authorizations") is not None and not (
        isinstance(body["authorizations"], list) and all(isinstance(a, dict) for a in body["authorizations"])
    ):
        return "authorizations is not a list of objects"
    if event["type"] == "message":
        return _first(
            _str(event, "channel", where="event."),
            _str(event, "ts", required=False, where="event."),
            _str(event, "user", required=False, where="event."),
            _str(event, "text", required=False, where="event."),
            _str(event, "thread_ts", required=False, where="event."),
            _str(event, "subtype", required=False, where="event."),
            _str(event, "channel_type", required=False, where="event."),
            _str(event, "bot_id", required=False, where="event."),
        )
    if event["type"] == "app_home_opened":
        return _first(_str(event, "user", where="event."), _str(event, "tab", required=False, where="event."))
    if event["type"] == "tokens_revoked" and event.get("tokens") is not None and not isinstance(event["tokens"], dict):
        return "event.tokens is not an object"
    return None


def _command(body: dict[str, Any]) -> str | None:
    return _first(
        _str(body, "command"),
        _str(body, "team_id"),
        _str(body, "user_id"),
        _str(body, "channel_id"),
        _str(body, "text", required=False),
        _str(body, "response_url", required=False),
    )


def read_request(
    raw: str, *, query: str, headers: Mapping[str, str | Sequence[str]]
) -> AsyncBoltRequest:
    """The Bolt request for an HTTP request's (verified) body, read as Slack means it.

    Bolt reads any form body that contains the word "payload" anywhere as an
    interactivity payload (``payload=<JSON>``); a slash command whose text, channel
    name or team domain says "payload" became an empty request that no listener
    matched (a 404: Slack told the person the command failed).  Such a form is a
    slash command's fields.  Malformed JSON raises ``ValueError`` as before.
    """
    from slack_bolt.context.async_context import AsyncBoltContext
    from slack_bolt.request.async_internals import build_async_context

    request = AsyncBoltRequest(body=raw, query=query, headers=dict(headers))
    is_json = request.content_type == "application/json" or raw.startswith("{")
    if not request.body and raw and not is_json and "payload" in raw:
        form = dict(parse_qsl(raw, keep_blank_values=True))
        if "payload" not in form:
            request.body = form
            request.context = build_async_context(AsyncBoltContext({}), form)
    return request


def payload_problem(body: Any) -> str | None:
    """None when ``body`` has the shape of what Slack sends for its kind; else what is wrong."""
    if not isinstance(body, dict):
        return "the payload is not an object"
    if body.get("team") is not None and not isinstance(body.get("team"), dict | str):
        return "team is not an object"
    if body.get("enterprise") is not None and not isinstance(body.get("enterprise"), dict | str):
        return "enterprise is not an object"
    kind = body.get("type")
    if kind is None and "command" in body:
        return _command(body)
    if kind == "block_actions":
        return _block_actions(body)
    if kind in ("view_submission", "view_closed"):
        return _view(body)
    if kind == "event_callback":
        return _event(body)
    if kind == "url_verification":
        return _str(body, "challenge")
    if kind is not None and not isinstance(kind, str):
        return "type is not a string"
    return None


class AdmitSlackRequests(AsyncMiddleware):
    """Bolt's ``before_authorize`` step: the signature, then the payload's shape.

    An unverified request is a 401 (:mod:`bot.slack.verify`); a verified one whose
    payload no listener could use is a 400 with a WARNING line; anything else goes on.
    """

    def __init__(self, signing_secret: str) -> None:
        from bot.slack.verify import StrictRequestVerification

        self.verification = StrictRequestVerification(signing_secret)

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse:
        async def checked() -> BoltResponse:
            problem = payload_problem(req.body)
            if problem is not None:
                log.warning("malformed %s payload (%s); answered 400", kind_of(req.body), problem)
                return BoltResponse(status=400, body={"error": "malformed payload"})
            return await next()

        return await self.verification.async_process(req=req, resp=resp, next=checked)


__all__ = ["AdmitSlackRequests", "Malformed", "kind_of", "payload_problem", "read_request"]
