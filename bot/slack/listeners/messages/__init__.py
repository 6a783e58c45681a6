"""Messages: replies in conversation threads, and direct messages to the app.

The middleware lets through only those two kinds; the matchers tell them apart.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.slack.listeners import event
from bot.slack.listeners.messages.direct_message import handle_direct_message
from bot.slack.listeners.messages.thread_reply import handle_thread_reply


async def _in_thread(body: dict[str, Any]) -> bool:
    return bool((body.get("event") or {}).get("thread_ts"))


async def _top_level_dm(body: dict[str, Any]) -> bool:
    event = body.get("event") or {}
    return event.get("channel_type") == "im" and not event.get("thread_ts")


def register(app: AsyncApp) -> None:
    event(app, "message", handle_thread_reply, matchers=[_in_thread], dedupe=False)
    event(app, "message", handle_direct_message, matchers=[_top_level_dm])
