"""Modal submissions (view_submission)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.render.blocks import VIEW_CHOSE_OTHER, VIEW_START
from bot.render.blocks.policy import VIEW_POLICY
from bot.slack.context import reported
from bot.slack.listeners.views import chose_other, policy, start


def register(app: AsyncApp) -> None:
    app.view(VIEW_CHOSE_OTHER)(reported(chose_other.handle_chose_other_submission))
    app.view(VIEW_START)(reported(start.handle_start_submission))
    app.view(VIEW_POLICY)(reported(policy.handle_policy_submission))
