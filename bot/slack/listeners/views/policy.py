"""The policy upload modal: validate, show a problem in the modal (nothing saved), else store a new version."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.render.blocks import decode_value
from bot.render.blocks.policy import ACTION_POLICY_YAML, BLOCK_POLICY_YAML
from bot.render.escape import escape
from bot.slack.context import flow_of, state_value, team_of
from bot.slack.services.base import NotInChannel, raising_not_in_channel
from bot.slack.services.policy import PolicyChanged, PolicyError, PolicyTooLong
from bot.slack.text import user_text

log = logging.getLogger("bot.slack")
ERROR_LIMIT = 150  # Slack shows a modal's field error in a short line
DAMAGED = "This form's data is damaged or from an older msgchoice: nothing saved. Reopen the modal and edit there."
_MAX_VERSION = 2**31 - 1  # policies.version is an INTEGER


def opened_on(metadata: object) -> int | None:
    """The policy version the modal was opened on, from its private_metadata (``v``; 0: none then).

    Raises ValueError for anything the app did not write: without the version a save could
    replace a newer policy unseen, so a damaged (or pre-versioning) modal saves nothing."""
    meta = decode_value(metadata) if isinstance(metadata, str) else {}
    version = meta.get("v")
    if isinstance(version, bool) or not isinstance(version, int) or not 0 <= version <= _MAX_VERSION:
        raise ValueError(f"private_metadata has no policy version: {str(metadata)[:80]!r}")
    return version or None


async def handle_policy_submission(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    view = body["view"]
    # Cleaned as every modal's text is: NUL (which PostgreSQL refuses) and lone surrogates never reach the store.
    text = user_text(state_value(view["state"]["values"], BLOCK_POLICY_YAML, ACTION_POLICY_YAML).get("value"))
    flow = flow_of(context)
    team_id = team_of(body, context)
    user_id = str(body["user"]["id"])
    try:
        based_on = opened_on(view.get("private_metadata"))
    except ValueError as exc:
        log.warning("policy modal refused: %s", exc)
        await ack(response_action="errors", errors={BLOCK_POLICY_YAML: DAMAGED})
        return
    try:
        saved = await flow.policy.save(
            team_id=team_id, user_id=user_id, text=text, based_on=based_on, enterprise_id=context.enterprise_id
        )
    except (PolicyError, PermissionError, PolicyTooLong, PolicyChanged) as exc:
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
            with raising_not_in_channel(channel):
                await flow.client.chat_postEphemeral(channel=channel, user=user_id, text=note)
            return
        except NotInChannel:
            # `/msgchoice policy` works in any channel (its reply goes to the response_url), but the app
            # can only whisper in one it is in: a private channel or a DM between people is not.
            pass
    # The modal is closed and the policy saved: the person hears so in the app's DM instead.
    await flow.post(user_id, note)
