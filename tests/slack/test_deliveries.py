"""What Slack really sends beyond the app's own buttons: events it does not act on, stale clicks,
and the same request delivered twice.

Slack counts any answer but a 2xx as a failed delivery: it retries the event
(``X-Slack-Retry-Num``), disables the app's event subscriptions when most
deliveries fail, and shows a warning beside a button whose click was not
acknowledged.  A request Slack delivers again (same ``trigger_id``: Slack makes
a new one for every command, click and submission) must not do its work twice.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.slack.conftest import World
from tests.slack.harness import ALICE, CHANNEL, text_of
from tests.slack.mock_slack import APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID
from tests.slack.test_card import _card

RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
SETTLE_S = 0.5  # long enough for a listener that acked to have posted, had it anything to post


async def _stored(world: World) -> dict[str, Any]:
    from sqlalchemy import select

    from bot.store import db
    from bot.store.models import AnswerEvent, Conversation, Decision

    async with db.session_factory(world.db_url)() as session:
        return {
            "conversations": [(c.id, c.version) for c in (await session.scalars(select(Conversation))).all()],
            "answers": len((await session.scalars(select(AnswerEvent))).all()),
            "decisions": len((await session.scalars(select(Decision))).all()),
        }


def _roots(world: World) -> list[Any]:
    return [m for m in world.mock.messages.get(CHANNEL, []) if m.thread_ts is None]


def _form(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


# ---------------------------------------------------------------------- events and clicks nobody handles


async def test_events_the_app_does_not_act_on_are_acknowledged_with_200(world: World) -> None:
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    before, stored = len(world.mock.calls), await _stored(world)
    ts = f"{time.time():.6f}"
    events = {
        "app_mention in the thread": {
            "type": "app_mention",
            "user": ALICE,
            "text": f"<@{BOT_USER_ID}> yes",
            "ts": ts,
            "thread_ts": thread_ts,
            "channel": CHANNEL,
            "event_ts": ts,
        },
        "member_joined_channel": {
            "type": "member_joined_channel",
            "user": ALICE,
            "channel": CHANNEL,
            "channel_type": "C",
            "team": TEAM_ID,
            "event_ts": ts,
        },
    }
    for name, event in events.items():
        sent = await world.send.event(event)
        assert sent.status == 200, (name, sent.status, sent.body)
        retried = await world.send.event(event, retry_num=1)
        assert retried.status == 200, (name, retried.status, retried.body)
    await asyncio.sleep(SETTLE_S)
    assert world.mock.calls[before:] == []  # acknowledged, nothing done: the thread is answered by message events
    assert await _stored(world) == stored


async def test_slacks_app_rate_limited_notice_is_acknowledged_and_logged(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    # Slack posts this envelope (no inner event) when a workspace sends the app more than 30,000
    # events an hour.  It was answered 404 ("unhandled request"): one more failed delivery, and Slack
    # disables the event subscriptions of an app that fails over 5% of them in an hour.
    before, stored = len(world.mock.calls), await _stored(world)
    notice = {
        "token": "verification-token-unused",
        "type": "app_rate_limited",
        "team_id": TEAM_ID,
        "minute_rate_limited": 1518467820,
        "api_app_id": APP_ID,
    }
    with caplog.at_level(logging.INFO):
        sent = await world.send.post(json.dumps(notice), "application/json")
    assert sent.status == 200, sent.body
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in lines] == ["bot.slack"], [r.getMessage() for r in lines]
    assert TEAM_ID in lines[0].getMessage() and "2018-02-12 20:37" in lines[0].getMessage()
    await asyncio.sleep(SETTLE_S)
    assert [c.method for c in world.mock.calls[before:]] in ([], ["auth.test"])  # the app's first request
    assert await _stored(world) == stored


async def test_a_click_on_a_button_the_app_no_longer_has_and_a_closed_modal_are_acknowledged(world: World) -> None:
    _, card = await _card(world)
    before, stored = len(world.mock.calls), await _stored(world)
    old_button = world.send.block_actions(card, "card_adopt")  # a message posted by an older version of the app
    old_button["actions"][0]["action_id"] = "card_retired_button"
    sent = await world.send.interact(old_button)
    assert sent.status == 200, sent.body
    closed = {
        "type": "view_closed",
        "team": {"id": TEAM_ID, "domain": "msgchoice-test"},
        "user": {"id": ALICE, "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "view": {
            "id": "V0VIEW001",
            "type": "modal",
            "callback_id": "chose_other",
            "private_metadata": "",
            "state": {"values": {}},
            "team_id": TEAM_ID,
            "app_id": APP_ID,
            "bot_id": BOT_ID,
        },
        "is_cleared": False,
        "is_enterprise_install": False,
        "enterprise": None,
    }
    sent = await world.send.interact(closed)
    assert sent.status == 200, sent.body
    await asyncio.sleep(SETTLE_S)
    assert world.mock.calls[before:] == []
    assert await _stored(world) == stored


async def test_a_form_the_app_no_longer_has_is_refused_in_the_modal_and_changes_nothing(world: World) -> None:
    # A modal an older version of the app opened (its callback_id since renamed) was answered 404:
    # Slack kept it open with "We had some trouble connecting", and a retry could never succeed.
    before, stored = len(world.mock.calls), await _stored(world)
    retired = {
        "type": "modal",
        "callback_id": "retired_form",
        "title": {"type": "plain_text", "text": "msgchoice"},
        "blocks": [
            {
                "type": "input",
                "block_id": "why",
                "label": {"type": "plain_text", "text": "Why?"},
                "element": {"type": "plain_text_input", "action_id": "why_input"},
            }
        ],
        "private_metadata": "",
    }
    values = {"why": {"why_input": {"type": "plain_text_input", "value": "we run Kafka already"}}}
    sent = await world.send.submit_view(retired, values)
    assert sent.status == 200, sent.body
    answer = sent.json()
    assert answer["response_action"] == "errors"
    assert "older version of msgchoice" in answer["errors"]["why"]  # the text typed stays in the open modal
    await asyncio.sleep(SETTLE_S)
    assert [c.method for c in world.mock.calls[before:] if c.method != "auth.test"] == []  # the app's first request
    assert await _stored(world) == stored


# ---------------------------------------------------------------------- the same request delivered twice


async def test_a_slash_command_delivered_twice_starts_one_conversation(world: World) -> None:
    form = {
        "token": "verification-token-unused",
        "team_id": TEAM_ID,
        "team_domain": "msgchoice-test",
        "channel_id": CHANNEL,
        "channel_name": "general",
        "user_id": ALICE,
        "user_name": "alice",
        "command": "/msgchoice",
        "text": "CDC from Postgres into S3",
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": world.mock.response_url("twice"),
        "trigger_id": "4242.1111.twice",
    }
    body = urlencode(form)
    first = await world.send.post(body, "application/x-www-form-urlencoded")
    again = await world.send.post(body, "application/x-www-form-urlencoded", headers=RETRY)
    assert first.status == again.status == 200
    await world.mock.wait_for(lambda: world.open_question(_roots(world)[0].ts) if _roots(world) else None)
    await asyncio.sleep(SETTLE_S)
    assert len(_roots(world)) == 1, [text_of(m) for m in _roots(world)]
    assert len((await _stored(world))["conversations"]) == 1
    # A new command (a new trigger) from the same person still starts its own conversation.
    await world.start("CDC from Postgres into S3")
    assert len(_roots(world)) == 2


async def test_the_home_tabs_start_modal_submitted_twice_starts_one_conversation(world: World) -> None:
    from bot.render.blocks import build_start_modal, view_payload

    values = {
        "channel": {"channel_select": {"type": "conversations_select", "selected_conversation": CHANNEL}},
        "description": {"description_input": {"type": "plain_text_input", "value": "IoT telemetry at the edge"}},
    }
    submission = world.send.view_submission(
        view_payload(build_start_modal()), values, trigger_id="4343.3333.twice"
    )
    first = await world.send.post(_form(submission), "application/x-www-form-urlencoded")
    again = await world.send.post(_form(submission), "application/x-www-form-urlencoded", headers=RETRY)
    assert first.status == again.status == 200
    await world.mock.wait_for(lambda: world.open_question(_roots(world)[0].ts) if _roots(world) else None)
    await asyncio.sleep(SETTLE_S)
    assert len(_roots(world)) == 1, [text_of(m) for m in _roots(world)]
    assert len((await _stored(world))["conversations"]) == 1


async def test_card_buttons_delivered_twice_post_the_comparison_and_the_adr_once(world: World) -> None:
    thread_ts, card = await _card(world)
    for action in ("card_full_comparison", "card_export_adr"):
        click = world.send.block_actions(card, action)
        assert (await world.send.interact(click)).status == 200
        assert (await world.send.post(_form(click), "application/x-www-form-urlencoded", headers=RETRY)).status == 200
    await world.mock.wait_calls("files.completeUploadExternal")
    await asyncio.sleep(SETTLE_S)
    tables = [m for m in world.thread(thread_ts) if (m.text or "").startswith("Full comparison 1/")]
    assert len(tables) == 1
    assert len(world.mock.files) == 1
    # Clicking again (a new click, a new trigger) posts them again: that one was asked for.
    await world.send.click(card, "card_export_adr")
    await world.mock.wait_for(lambda: len(world.mock.files) == 2, what="the second ADR")


# ---------------------------------------------------------------------- what people type


async def test_a_subcommand_followed_by_a_newline_or_a_tab_is_still_the_subcommand(world: World) -> None:
    for text in ("compare\nlatency", "help\tplease", "compare\u00a0latency"):
        before = len(world.mock.calls_to("response_url"))
        assert (await world.send.command(text)).status == 200
        reply = (await world.mock.wait_calls("response_url", before + 1))[-1].args
        shown = reply.get("text", "") + json.dumps(reply.get("blocks", ""))
        assert "msgchoice help" in shown or "NATS Core" in shown, (text, shown[:300])
    assert world.mock.calls_to("chat.postMessage") == []  # no conversation posted in the channel
