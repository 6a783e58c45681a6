"""Messages typed in conversation threads (the middleware lets only those through)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.slack.listeners import event
from bot.slack.listeners.messages.thread_reply import handle_thread_reply


def register(app: AsyncApp) -> None:
    event(app, "message", handle_thread_reply)
