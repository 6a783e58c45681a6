"""The 'we chose something else' modal: validate, then record the decision with its rationale."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.render import OTHER_SYSTEM
from bot.render import blocks as ids
from bot.slack.context import checked_value, flow_of, state_value, team_of, user_of
from bot.slack.text import user_text

log = logging.getLogger("bot.slack")


async def handle_chose_other_submission(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    view = body["view"]
    values = view["state"]["values"]  # an object of objects (bot/slack/payloads.py checked)
    flow = flow_of(context)
    selected = state_value(values, ids.BLOCK_SYSTEM, ids.ACTION_SYSTEM).get("selected_option")
    system = selected.get("value") if isinstance(selected, dict) else None
    rationale = user_text(state_value(values, ids.BLOCK_RATIONALE, ids.ACTION_RATIONALE).get("value")).strip()
    errors = {}
    # Any system of the modal's list, or "Something else" (a system the knowledge does not cover).
    if not isinstance(system, str) or system not in {s.id for s in flow.kb.systems} | {OTHER_SYSTEM}:
        errors[ids.BLOCK_SYSTEM] = "Choose the system the team picked."
    if not rationale:
        errors[ids.BLOCK_RATIONALE] = "Say why: the rationale is what the digest and the ADR show."
    if errors:
        await ack(response_action="errors", errors=errors)
        return
    await ack()
    metadata = view.get("private_metadata")
    meta = checked_value(ids.decode_value(metadata) if isinstance(metadata, str) else {}, "c", "v")
    # The conversation is looked up within the requesting team, and its channel and thread come
    # from the database: private_metadata only says which conversation, never whose or where.
    recorded = await flow.decisions.decide(
        team_of(body, context),
        conversation_id=int(meta["c"]),
        version=int(meta["v"]),
        chosen_system=str(system),
        rationale=rationale,
        user_id=user_of(body),
        card_ts=meta["m"] if isinstance(meta.get("m"), str) and meta["m"] else None,
    )
    if recorded is None:
        log.warning("chose_other submission for a conversation unknown to team %s", team_of(body, context))
