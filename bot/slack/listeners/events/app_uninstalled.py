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
        await forget_if_configured(context)
        if store is None:
            log.info("app uninstalled from team %s; SLACK_BOT_TOKEN no longer works there", context.team_id)
            return
        await store.async_delete_all(enterprise_id=context.enterprise_id, team_id=context.team_id)

    return app_uninstalled


async def forget_if_configured(context: AsyncBoltContext) -> None:
    """With MSGCHOICE_FORGET_ON_UNINSTALL=true in the settings the app was built with, delete every row of
    the team (as ``msgchoice forget``)."""
    from bot.slack.context import flow_of

    flow = flow_of(context)
    if not flow.deps.forget_on_uninstall or not context.team_id:
        return
    from bot.store.forget import forget_team

    async with flow.deps.session_factory() as session:
        deleted = await forget_team(session, team_id=str(context.team_id))
    log.info("app uninstalled: forgot team %s (%d rows)", context.team_id, sum(deleted.values()))
