"""Scenario tests: signed Slack requests to the running app, a local Slack Web API stand-in."""

from __future__ import annotations

import json

from tests.slack.conftest import World
from tests.slack.harness import ALICE, BOB, CHANNEL, action_ids, text_of


async def test_url_verification_challenge_is_answered(world: World) -> None:
    body = json.dumps(
        {"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}
    )
    sent = await world.send.post(body, "application/json")
    assert sent.status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in sent.body


async def test_request_with_a_bad_signature_is_refused(world: World) -> None:
    sent = await world.send.post(
        "token=x&command=%2Fmsgchoice", "application/x-www-form-urlencoded", signature="v0=" + "0" * 64
    )
    assert sent.status == 401
    assert world.mock.calls_to("chat.postMessage") == []


async def test_command_posts_a_root_message_and_asks_in_its_thread(world: World) -> None:
    thread_ts = await world.start("")
    root = world.mock.message(CHANNEL, thread_ts)
    assert f"<@{ALICE}>" in text_of(root)
    question = await world.wait_question(thread_ts, "persistence")
    assert question.thread_ts == thread_ts
    ids = action_ids(question)
    assert {"answer:yes", "answer:no", "nav_back", "answer_unsure", "nav_restart"} <= set(ids)
    assert "durable" in text_of(question) or "persist" in text_of(question).lower()


async def test_clicking_an_answer_shows_who_answered_and_asks_the_next_question(world: World) -> None:
    thread_ts = await world.start("")
    question = await world.wait_question(thread_ts, "persistence")
    sent = await world.send.click(question, "answer:yes", user=BOB)
    assert sent.status == 200
    await world.wait_question(thread_ts, "throughput")
    answered = world.mock.message(CHANNEL, question.ts)
    assert "✅" in text_of(answered) and f"<@{BOB}>" in text_of(answered)
    assert action_ids(answered) == []
