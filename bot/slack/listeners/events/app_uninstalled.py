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
        await store.async_delete_all(enterprise_id=context.enterprise_id, team_id=installed_team(context))

    return app_uninstalled


def installed_team(context: AsyncBoltContext) -> str | None:
    """The team of the installation an event was delivered to: none for an org-wide (Enterprise Grid)
    install, which is the org's (``context.team_id`` is then the workspace the event came from)."""
    return None if context.is_enterprise_install else context.team_id


async def forget_if_configured(context: AsyncBoltContext) -> None:
    """With MSGCHOICE_FORGET_ON_UNINSTALL=true in the settings the app was built with, delete every row of
    the team (as ``msgchoice forget``)."""
    from bot.slack.context import flow_of

    flow = flow_of(context)
    if not flow.deps.forget_on_uninstall or not context.team_id:
        return
    if context.is_enterprise_install:
        # Uninstalled from a whole Enterprise Grid org: its workspaces are not listed here, and forgetting
        # only the one the event names would leave the others' rows; `msgchoice forget --team` per workspace.
        log.info("app uninstalled from org %s; its workspaces' rows are kept", context.enterprise_id)
        return
    from bot.store.forget import forget_team

    async with flow.deps.session_factory() as session:
        deleted = await forget_team(session, team_id=str(context.team_id))
    log.info("app uninstalled: forgot team %s (%d rows)", context.team_id, sum(deleted.values()))
