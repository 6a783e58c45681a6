"""Events API events other than messages."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.slack.listeners import event
from bot.slack.listeners.events.app_home_opened import handle_app_home_opened


def register(app: AsyncApp) -> None:
    event(app, "app_home_opened", handle_app_home_opened)
