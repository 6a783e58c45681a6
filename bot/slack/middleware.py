"""Cross-cutting filters, run before any listener.

Signatures are verified first, by ``bot/slack/verify.py`` (which replaces
Bolt's own check), then the payload's shape (``bot/slack/payloads.py``);
Bolt's built-in middleware answers ``url_verification`` and drops the app's
own messages.  Nothing here touches the database: everything before the ack
must be fast whatever the database does.  On top of that:

0. :class:`WorkspaceOfOrgInstall` names the workspace of an Events API delivery to an org-wide
   (Enterprise Grid) installation, which Bolt leaves unnamed.
1. :class:`AttachFlow` gives every listener the conversation service.
2. :class:`OnlyOwnedThreads` lets through only message events that are human
   replies in a thread (no other bots, no edits or deletions, no top-level
   chatter), and direct messages to the app.
3. :class:`AcknowledgeRateLimited` answers Slack's ``app_rate_limited`` notice
   (an envelope without an inner event, which no listener matches) with a 200
   and one WARNING line.

After the ack, in the listeners: the thread's conversation is looked up
within the requesting team (``listeners/messages/thread_reply.py``), and each
Events API delivery (``event_id``) is recorded once
(:func:`bot.slack.context.first_delivery`): a Slack retry of a delivery
already seen, or the copy another replica received, changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.slack.context import FLOW_KEY
from bot.slack.services import Deps, Flow

log = logging.getLogger(__name__)
events_log = logging.getLogger("bot.slack")

# Message subtypes that are still a person typing in the thread.
HUMAN_SUBTYPES = {None, "thread_broadcast", "file_share"}


def _ignored() -> BoltResponse:
    return BoltResponse(status=200, body="")


NextMiddleware = Callable[[], Awaitable[BoltResponse]]


class WorkspaceOfOrgInstall(AsyncMiddleware):
    """The workspace an Events API delivery to an org-wide installation comes from.

    Bolt takes a request's team from ``authorizations[0]``, the installation the event is
    delivered to; installed org-wide (Enterprise Grid), that is the org's, whose ``team_id``
    Slack sends as null.  Every conversation, decision and setting belongs to a workspace,
    so a typed answer, a mention, a direct message or the Home tab there was looked up in
    no workspace: the answer was dropped, the Home tab showed nothing.  The (signed)
    envelope's ``team_id`` is the workspace the event happened in; it is taken only for an
    org-wide installation, whose token serves the org's workspaces.  Installation events
    (``app_uninstalled``, ``tokens_revoked``) still concern the org's installation
    (``listeners/events/app_uninstalled.installed_team``).

    Clicks and modals of an org-wide installation name the org where Bolt looks for the team:
    a modal's (and the Home tab's) ``view.app_installed_team_id`` is the org's id (``E…``), and a
    click with ``team: null`` falls back to ``user.team_id``, which Slack may also send as the
    org's id.  The Home tab's "start a conversation" modal then stored its conversation under the
    org, where no reply, click or Home tab of the workspace finds it, and "we chose something
    else" recorded nothing.  The workspace is the first of the payload's ``team.id``,
    ``view.team_id``, ``message.team`` and ``user.team_id`` that names one.
    """

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse, next: NextMiddleware) -> BoltResponse:
        body: dict[str, Any] = req.body
        context = req.context
        team = _workspace_of(body, context.team_id, context.enterprise_id) if context.is_enterprise_install else None
        if team is not None:
            context["team_id"] = team
            # The request's Web API client was made without it: an org-wide token names the workspace
            # a call acts in (Slack requires it of some methods), as Bolt does for commands and clicks.
            context.client.default_params["team_id"] = team
        return await next()


def _workspace_of(body: dict[str, Any], team_id: str | None, enterprise_id: str | None) -> str | None:
    """The workspace a request to an org-wide installation comes from, when Bolt did not name it."""
    if body.get("type") == "event_callback":
        team = body.get("context_team_id") or body.get("team_id")
        return team if not team_id and isinstance(team, str) and 0 < len(team) <= 40 else None
    candidates = [] if _is_workspace(team_id, enterprise_id) else _interaction_teams(body)
    for team in candidates:
        if _is_workspace(team, enterprise_id) and len(str(team)) <= 40:
            return str(team)
    return None


def _is_workspace(team: object, enterprise_id: str | None) -> bool:
    """Whether ``team`` is a workspace's id: a string, not the org's (Enterprise Grid ids start with E)."""
    return isinstance(team, str) and bool(team) and team != enterprise_id and not team.startswith("E")


def _interaction_teams(body: dict[str, Any]) -> list[object]:
    """Where an interactivity payload may name the workspace it came from, most telling first."""
    found: list[object] = []
    for key, field in (("team", "id"), ("view", "team_id"), ("message", "team"), ("user", "team_id")):
        part = body.get(key)
        if isinstance(part, dict):
            found.append(part.get(field))
    return found


class AttachFlow(AsyncMiddleware):
    """Gives every listener the conversation service (``context[FLOW_KEY]``)."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse, next: NextMiddleware) -> BoltResponse:
        context = req.context
        context[FLOW_KEY] = Flow(self.deps, context.client, bot_user_id=context.bot_user_id)
        return await next()


class OnlyOwnedThreads(AsyncMiddleware):
    """Message events go on only when a person replies in a thread, or writes to the app directly."""

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse, next: NextMiddleware) -> BoltResponse:
        body: dict[str, Any] = req.body
        event = body.get("event") or {}
        if body.get("type") != "event_callback" or event.get("type") != "message":
            return await next()
        if event.get("bot_id") or event.get("subtype") not in HUMAN_SUBTYPES or not event.get("user"):
            return _ignored()
        thread_ts = event.get("thread_ts")
        if not thread_ts and event.get("channel_type") == "im":
            return await next()  # a direct message to the app (Messages tab): see listeners/messages
        if not thread_ts or thread_ts == event.get("ts"):
            return _ignored()  # a top-level message, or a thread's root
        return await next()  # the thread's conversation is looked up after the ack (listeners/messages)


class AcknowledgeRateLimited(AsyncMiddleware):
    """Slack's ``app_rate_limited`` notice: a workspace sent the app more than 30,000 events in an hour.

    It has no inner event, so no listener matches it and Bolt answered 404: one more failed
    delivery, while Slack disables the event subscriptions of an app that fails over 5% of
    them in an hour.  It is answered 200 and logged once, for the operator: events of that
    workspace beyond the limit are not delivered until the hour has passed.
    """

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse, next: NextMiddleware) -> BoltResponse:
        body: dict[str, Any] = req.body
        if body.get("type") != "app_rate_limited":
            return await next()
        minute = body.get("minute_rate_limited")
        since = (
            datetime.fromtimestamp(minute, UTC).strftime("%Y-%m-%d %H:%M UTC")
            if isinstance(minute, int) and not isinstance(minute, bool) and 0 <= minute < 2**33
            else "an unknown minute"
        )
        team = body.get("team_id")
        events_log.warning(
            "Slack is rate limiting event deliveries from team %s since %s (over 30,000 events an hour):"
            " events beyond the limit are not delivered",
            team if isinstance(team, str) and len(team) <= 40 else "?",
            since,
        )
        return _ignored()


def install(app: AsyncApp, deps: Deps) -> None:
    # Middleware classes rather than functions: Bolt builds every listener argument (say, respond, the
    # payload views …) to call a function middleware, on each request; a class gets the request as it is.
    app.middleware(WorkspaceOfOrgInstall())
    app.middleware(AttachFlow(deps))
    app.middleware(OnlyOwnedThreads())
    app.middleware(AcknowledgeRateLimited())
