"""Tokens were revoked in a workspace: a revoked bot token deletes the workspace's installation."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore

from bot.slack.listeners.events.app_uninstalled import installed_team

log = logging.getLogger("bot.slack")


def handle_tokens_revoked(store: AsyncInstallationStore | None) -> Callable[..., Awaitable[Any]]:
    """The listener, bound to the app's installation store (None with a single bot token: nothing is stored)."""

    async def tokens_revoked(event: dict[str, Any], context: AsyncBoltContext) -> None:
        tokens = event.get("tokens") or {}
        if store is None:
            log.info("tokens revoked in team %s (%s)", context.team_id, ", ".join(sorted(tokens)) or "none listed")
            return
        # Only bot tokens are stored (the app asks for no user scopes): user tokens revoked change nothing.
        if tokens.get("bot"):
            await store.async_delete_bot(enterprise_id=context.enterprise_id, team_id=installed_team(context))

    return tokens_revoked
