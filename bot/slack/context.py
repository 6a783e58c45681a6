"""Reading what listeners need out of Bolt's context and Slack's payloads."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.render.blocks import decode_value
from bot.slack.service import Flow

FLOW_KEY = "msgchoice_flow"
CONVERSATION_KEY = "msgchoice_conversation"


def flow_of(context: AsyncBoltContext) -> Flow:
    """The request's :class:`Flow`, attached by the middleware."""
    flow = context.get(FLOW_KEY)
    if not isinstance(flow, Flow):
        raise RuntimeError("msgchoice middleware did not run (build the app with bot.slack.app.build_app)")
    return flow


def team_of(body: dict[str, Any], context: AsyncBoltContext) -> str:
    team = context.team_id or body.get("team_id") or (body.get("team") or {}).get("id")
    if not team:
        team = (body.get("user") or {}).get("team_id")
    return str(team or "")


def action_value(body: dict[str, Any]) -> dict[str, Any]:
    """The decoded value of the (first) action of a block_actions payload."""
    actions = body.get("actions") or [{}]
    return decode_value(actions[0].get("value"))


def message_ts(body: dict[str, Any]) -> str | None:
    container = body.get("container") or {}
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return str(ts) if ts else None
