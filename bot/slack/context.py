"""Reading what listeners need out of Bolt's context and Slack's payloads."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot import logs, metrics
from bot.render.blocks import decode_value
from bot.slack.services import Flow, Where

log = logging.getLogger("bot.slack")

FLOW_KEY = "msgchoice_flow"
CONVERSATION_KEY = "msgchoice_conversation"


def flow_of(context: AsyncBoltContext) -> Flow:
    """The request's :class:`Flow`, attached by the middleware."""
    flow = context.get(FLOW_KEY)
    if not isinstance(flow, Flow):
        raise RuntimeError("msgchoice middleware did not run (build the app with bot.slack.app.build_app)")
    return flow


def team_of(body: dict[str, Any], context: AsyncBoltContext) -> str:
    """The requesting team: the workspace Bolt authorized this (verified) request for.

    Every conversation, decision and setting is looked up within this team only;
    nothing a payload carries elsewhere (``private_metadata``, a button value, the
    envelope's other fields) may name another team.  ``""`` when Slack sent none,
    which matches no stored row.
    """
    del body
    return str(context.team_id or "")


def action_value(body: dict[str, Any]) -> dict[str, Any]:
    """The decoded value of the (first) action of a block_actions payload."""
    actions = body.get("actions") or [{}]
    return decode_value(actions[0].get("value"))


async def conversation_action(
    body: dict[str, Any], context: AsyncBoltContext, *required: str
) -> tuple[Flow, Where, dict[str, Any]] | None:
    """For a button on a conversation's message: the flow, where the conversation lives, and the
    button's decoded value; None when the value lacks a ``required`` key or the conversation is not
    this team's (a stale or forged click changes nothing)."""
    value = action_value(body)
    if not {"c", *required} <= value.keys():
        return None
    flow = flow_of(context)
    logs.bind(conversation_id=int(value["c"]))
    found = await flow.where_of(team_of(body, context), int(value["c"]))
    if found is None:
        return None
    where, conversation = found
    # Never stranded: a click in a thread whose next message never reached Slack posts it first.
    await flow.conversation.ensure_shown(where, conversation)
    return flow, where, value


def message_ts(body: dict[str, Any]) -> str | None:
    container = body.get("container") or {}
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return str(ts) if ts else None


async def report_failure(error: BaseException, body: dict[str, Any], respond: AsyncRespond | None) -> None:
    """Log a failed listener (never the tokens) and tell the person who asked, so nothing fails silently."""
    kind = body.get("type") or ("slash_command" if "command" in body else "unknown")
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    log.error("listener failed on %s (team %s)", kind, team, exc_info=error)
    metrics.listener_failed()
    if respond is not None and respond.response_url:
        try:
            await respond(
                text=":warning: Sorry, that did not work (the error is logged). Please try again in a moment.",
                response_type="ephemeral",
                replace_original=False,
            )
        except Exception:  # the apology is best effort; the failure itself is logged above
            log.warning("could not tell the user about the failure", exc_info=True)


Handler = Callable[..., Awaitable[None]]


def reported(handler: Handler) -> Handler:
    """Wrap a listener so that a failure after ``ack()`` is logged and reported to the user.

    Bolt's own error handler cannot be relied on once a listener has acked (it
    may reset the acknowledgement and answer Slack with an error); Bolt still
    injects the handler's own arguments, read through ``functools.wraps``.
    """

    @functools.wraps(handler)
    async def wrapper(**kwargs: Any) -> None:
        try:
            await handler(**kwargs)
        except Exception as exc:
            context = kwargs.get("context")
            respond = context.respond if isinstance(context, AsyncBoltContext) else None
            await report_failure(exc, kwargs.get("body") or {}, respond)

    return wrapper
