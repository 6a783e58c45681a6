"""Team B cannot touch team A's conversation through any entry point.

Every request below is properly signed, and names team A's conversation (its
button values, its modal's ``private_metadata``, its channel and thread), but
comes from team B.  Whatever it is, nothing changes in team A: no answer, no
decision, no message posted or updated in A's channel, and B's own views show
nothing of A's.
"""

from __future__ import annotations

import asyncio
import copy
import json
from typing import Any

from tests.slack.conftest import World
from tests.slack.harness import CHANNEL, action_ids, text_of
from tests.slack.mock_slack import TEAM_ID, Message
from tests.slack.test_card import _card

TEAM_B = "T0OTHER002"
MALLORY = "U0MALLORY1"
SETTLE_S = 0.4  # long enough for a listener that acked to have posted, had it anything to post


def as_team_b(payload: dict[str, Any]) -> dict[str, Any]:
    """The same interactivity payload, sent by a user of team B."""
    forged = copy.deepcopy(payload)
    forged["team"] = {"id": TEAM_B, "domain": "other"}
    forged["user"] = {"id": MALLORY, "username": "mallory", "name": "mallory", "team_id": TEAM_B}
    if isinstance(forged.get("view"), dict):
        forged["view"]["team_id"] = TEAM_B
    if isinstance(forged.get("message"), dict):
        forged["message"]["team"] = TEAM_B
    return forged


async def _state(world: World) -> dict[str, Any]:
    """Everything team A has in the database, and everything the app did in A's channel."""
    from sqlalchemy import select

    from bot.store import db
    from bot.store.models import AnswerEvent, Conversation, Decision, Followup

    async with db.session_factory(world.db_url)() as session:
        conversations = [
            (c.team_id, c.id, c.version, c.status) for c in (await session.scalars(select(Conversation))).all()
        ]
        answers = [(a.team_id, a.question, a.value) for a in (await session.scalars(select(AnswerEvent))).all()]
        decisions = [(d.team_id, d.chosen_system) for d in (await session.scalars(select(Decision))).all()]
        followups = [(f.team_id, f.topic) for f in (await session.scalars(select(Followup))).all()]
    in_channel = [
        (c.method, c.args.get("ts")) for c in world.mock.calls if str(c.args.get("channel", "")) == CHANNEL
    ]
    messages = [(m.ts, m.text, json.dumps(m.blocks)) for m in world.mock.messages.get(CHANNEL, [])]
    return {
        "conversations": conversations,
        "answers": answers,
        "decisions": decisions,
        "followups": followups,
        "calls in A's channel": in_channel,
        "A's messages": messages,
        "modals opened": len(world.mock.calls_to("views.open")),
    }


async def _unchanged_by(world: World, send: Any) -> None:
    before = await _state(world)
    sent = await send()
    assert sent.status == 200
    await asyncio.sleep(SETTLE_S)
    assert await _state(world) == before


async def test_team_b_cannot_press_team_as_question_buttons(world: World) -> None:
    thread_ts = await world.start("")
    question = await world.wait_question(thread_ts, "persistence")
    for action in action_ids(question):
        click = as_team_b(world.send.block_actions(question, action))
        await _unchanged_by(world, lambda click=click: world.send.interact(click))


async def test_team_b_cannot_press_change_on_team_as_understood_message(world: World) -> None:
    thread_ts = await world.start("durable event log, moderate throughput")
    understood: Message = await world.mock.wait_for(
        lambda: next((m for m in world.thread(thread_ts) if any(a.startswith("change:") for a in action_ids(m))), None),
        what="understood message",
    )
    for action in [a for a in action_ids(understood) if a.startswith("change:")]:
        click = as_team_b(world.send.block_actions(understood, action))
        await _unchanged_by(world, lambda click=click: world.send.interact(click))


async def test_team_b_cannot_press_team_as_card_buttons(world: World) -> None:
    _, card = await _card(world)
    for action in ("card_adopt", "card_chose_other", "card_full_comparison", "card_export_adr"):
        click = as_team_b(world.send.block_actions(card, action))
        await _unchanged_by(world, lambda click=click: world.send.interact(click))


async def test_team_b_cannot_submit_team_as_chose_other_modal(world: World) -> None:
    """The modal's private_metadata names team A, A's channel and thread: none of it is trusted."""
    _, card = await _card(world)
    await world.send.click(card, "card_chose_other")
    opened = (await world.mock.wait_calls("views.open"))[0].args["view"]
    values = {
        "system": {
            "system_select": {
                "type": "static_select",
                "selected_option": {"text": {"type": "plain_text", "text": "Apache Kafka"}, "value": "kafka"},
            }
        },
        "rationale": {"rationale_input": {"type": "plain_text_input", "value": "B decides for A"}},
    }
    submission = {
        "type": "view_submission",
        "team": {"id": TEAM_B, "domain": "other"},
        "user": {"id": MALLORY, "username": "mallory", "name": "mallory", "team_id": TEAM_B},
        "api_app_id": "A0APP0001",
        "token": "unused",
        "trigger_id": "1.2.3",
        "view": {**opened, "id": "V0VIEWB01", "team_id": TEAM_B, "state": {"values": values}, "hash": "1.a"},
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }
    await _unchanged_by(world, lambda: world.send.interact(submission))
    # The same modal submitted by team A itself still records A's decision, in A's thread.
    own = {**submission, "team": {"id": TEAM_ID}, "user": {"id": "U0ALICE001", "team_id": TEAM_ID}}
    own["view"] = {**submission["view"], "team_id": TEAM_ID}
    assert (await world.send.interact(own)).status == 200
    await world.mock.wait_for(
        lambda: any("Decision recorded" in text_of(m) for m in world.mock.messages.get(CHANNEL, [])),
        what="A's decision",
    )


async def test_team_b_cannot_reply_in_team_as_thread(world: World) -> None:
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    for text in ("yes", "back", "restart", "what about exactly-once?", "durable, moderate throughput"):
        event = world.send.thread_message(text, thread_ts=thread_ts, user=MALLORY)
        event["team"] = TEAM_B
        await _unchanged_by(world, lambda event=event: world.send.event(event, team_id=TEAM_B))


async def test_team_bs_home_tab_and_history_show_nothing_of_team_as_decisions(world: World) -> None:
    thread_ts, card = await _card(world)
    await world.send.click(card, "card_adopt")
    await world.mock.wait_for(
        lambda: any("Decision recorded" in text_of(m) for m in world.thread(thread_ts)), what="A's decision"
    )
    home = world.send.envelope(
        {"type": "app_home_opened", "user": MALLORY, "channel": "D0HOMEB001", "tab": "home", "event_ts": "1.2"},
        team_id=TEAM_B,
    )
    assert (await world.send.post(json.dumps(home), "application/json")).status == 200
    published = (await world.mock.wait_calls("views.publish"))[-1].args
    assert published["user_id"] == MALLORY
    assert thread_ts.replace(".", "") not in json.dumps(published["view"])  # no link to A's thread
    assert (await world.send.command("history", team_id=TEAM_B, user=MALLORY)).status == 200
    reply = (await world.mock.wait_calls("response_url"))[-1].args
    assert thread_ts.replace(".", "") not in json.dumps(reply)
    assert (await world.send.command("history", team_id=TEAM_ID)).status == 200  # A itself sees it
    own = (await world.mock.wait_calls("response_url", 2))[-1].args
    assert thread_ts.replace(".", "") in json.dumps(own)
