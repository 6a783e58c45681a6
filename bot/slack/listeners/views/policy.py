"""The policy upload modal: validate, show a problem in the modal (nothing saved), else store a new version."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError

from bot.render.blocks import decode_value
from bot.render.blocks.policy import ACTION_POLICY_YAML, BLOCK_POLICY_YAML
from bot.render.escape import escape
from bot.slack.context import flow_of, team_of
from bot.slack.services.base import NOT_IN_CHANNEL_ERRORS
from bot.slack.services.policy import PolicyError, PolicyTooLong

log = logging.getLogger("bot.slack")
ERROR_LIMIT = 150  # Slack shows a modal's field error in a short line


async def handle_policy_submission(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    view = body["view"]
    text = str(
        view["state"]["values"].get(BLOCK_POLICY_YAML, {}).get(ACTION_POLICY_YAML, {}).get("value") or ""
    )
    flow = flow_of(context)
    team_id = team_of(body, context)
    user_id = str(body["user"]["id"])
    try:
        saved = await flow.policy.save(team_id=team_id, user_id=user_id, text=text)
    except (PolicyError, PermissionError, PolicyTooLong) as exc:
        message = str(exc)
        if len(message) > ERROR_LIMIT:
            message = message[: ERROR_LIMIT - 1] + "…"
        await ack(response_action="errors", errors={BLOCK_POLICY_YAML: message})
        return
    await ack()
    channel = decode_value(view.get("private_metadata")).get("ch")
    note = (
        f"Team policy is now version {saved.version} ({escape(saved.name)}). "
        "New advice follows it; `msgchoice decisions recheck` lists earlier decisions it would change."
        if saved.created
        else f"Unchanged: version {saved.version} is already this policy."
    )
    if isinstance(channel, str) and channel:
        try:
            await flow.client.chat_postEphemeral(channel=channel, user=user_id, text=note)
            return
        except SlackApiError as exc:
            # `/msgchoice policy` works in any channel (its reply goes to the response_url), but the app
            # can only whisper in one it is in: a private channel or a DM between people is not.
            if str(exc.response.get("error", "")) not in NOT_IN_CHANNEL_ERRORS:
                raise
    # The modal is closed and the policy saved: the person hears so in the app's DM instead.
    await flow.post(user_id, note)
