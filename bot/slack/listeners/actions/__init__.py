"""Button clicks (block_actions) on questions, the recommendation card and the Home tab."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncApp

from bot.render import blocks as ids
from bot.render.blocks.policy import ACTION_POLICY_UPLOAD, ACTION_SIZING
from bot.slack.context import reported
from bot.slack.listeners.actions import (
    adopt,
    answer,
    change,
    chose_other,
    comparison,
    details,
    export_adr,
    home_start,
    navigate,
    policy,
)


def register(app: AsyncApp) -> None:
    app.action(re.compile(rf"^({re.escape(ids.ANSWER_PREFIX)}.+|{ids.ACTION_UNSURE})$"))(reported(answer.handle_answer))
    app.action(re.compile(rf"^({ids.ACTION_BACK}|{ids.ACTION_RESTART})$"))(reported(navigate.handle_navigate))
    app.action(re.compile(rf"^{re.escape(ids.ACTION_CHANGE_PREFIX)}.+$"))(reported(change.handle_change))
    app.action(ids.ACTION_ADOPT)(reported(adopt.handle_adopt))
    app.action(ids.ACTION_CHOSE_OTHER)(reported(chose_other.handle_chose_other))
    app.action(ids.ACTION_COMPARISON)(reported(comparison.handle_comparison))
    app.action(ids.ACTION_EXPORT_ADR)(reported(export_adr.handle_export_adr))
    app.action(ids.ACTION_HOME_START)(reported(home_start.handle_home_start))
    app.action(ids.ACTION_DETAILS)(reported(details.handle_details))
    app.action(ids.ACTION_SHOW_QUESTION)(reported(details.handle_link_button))
    app.action(ACTION_SIZING)(reported(policy.handle_sizing))
    app.action(ACTION_POLICY_UPLOAD)(reported(policy.handle_policy_upload))
