"""Events API events other than messages."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.slack.listeners import event
from bot.slack.listeners.events.app_home_opened import handle_app_home_opened
from bot.slack.listeners.events.app_mention import handle_app_mention
from bot.slack.listeners.events.app_uninstalled import handle_app_uninstalled
from bot.slack.listeners.events.tokens_revoked import handle_tokens_revoked


def register(app: AsyncApp) -> None:
    event(app, "app_home_opened", handle_app_home_opened)
    event(app, "app_mention", handle_app_mention)
    event(app, "app_uninstalled", handle_app_uninstalled(app.installation_store))
    event(app, "tokens_revoked", handle_tokens_revoked(app.installation_store))
