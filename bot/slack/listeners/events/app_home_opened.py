"""App Home: publish the Home tab (start button, recent decisions, digest settings)."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.slack.context import flow_of, team_of


async def handle_app_home_opened(event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext) -> None:
    if event.get("tab", "home") != "home":
        return  # the Messages tab needs nothing
    await flow_of(context).home.publish_home(team_of(body, context), str(event["user"]))
