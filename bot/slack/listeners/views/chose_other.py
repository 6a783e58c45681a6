"""The 'we chose something else' modal: validate, then record the decision with its rationale."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext

from bot.render import blocks as ids
from bot.slack.context import flow_of, team_of

log = logging.getLogger("bot.slack")


async def handle_chose_other_submission(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
    view = body["view"]
    values = view["state"]["values"]
    selected = values.get(ids.BLOCK_SYSTEM, {}).get(ids.ACTION_SYSTEM, {}).get("selected_option") or {}
    rationale = str(values.get(ids.BLOCK_RATIONALE, {}).get(ids.ACTION_RATIONALE, {}).get("value") or "").strip()
    errors = {}
    if not selected.get("value"):
        errors[ids.BLOCK_SYSTEM] = "Choose the system the team picked."
    if not rationale:
        errors[ids.BLOCK_RATIONALE] = "Say why: the rationale is what the digest and the ADR show."
    if errors:
        await ack(response_action="errors", errors=errors)
        return
    await ack()
    meta = ids.decode_value(view.get("private_metadata"))
    if not {"c", "v"} <= meta.keys():
        return
    # The conversation is looked up within the requesting team, and its channel and thread come
    # from the database: private_metadata only says which conversation, never whose or where.
    flow = flow_of(context)
    found = await flow.where_of(team_of(body, context), int(meta["c"]))
    if found is None:
        log.warning("chose_other submission for a conversation unknown to team %s", team_of(body, context))
        return
    await flow.decisions.decide(
        found[0],
        conversation_id=int(meta["c"]),
        version=int(meta["v"]),
        chosen_system=str(selected["value"]),
        rationale=rationale,
        user_id=str(body["user"]["id"]),
        card_ts=str(meta["m"]) if meta.get("m") else None,
    )
