"""The app was uninstalled from a workspace: forget its installation (and so its bot token)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore

log = logging.getLogger("bot.slack")


def handle_app_uninstalled(store: AsyncInstallationStore | None) -> Callable[..., Awaitable[Any]]:
    """The listener, bound to the app's installation store (None with a single bot token: nothing is stored)."""

    async def app_uninstalled(context: AsyncBoltContext) -> None:
        if store is None:
            log.info("app uninstalled from team %s; SLACK_BOT_TOKEN no longer works there", context.team_id)
            return
        await store.async_delete_all(enterprise_id=context.enterprise_id, team_id=context.team_id)

    return app_uninstalled
