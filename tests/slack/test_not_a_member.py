"""Channels the app posts in without being a member: typed replies there, and a decision whose thread is gone."""

from __future__ import annotations

import logging

import pytest

from tests.slack.conftest import World
from tests.slack.harness import BOB, CHANNEL, action_ids, text_of
from tests.slack.mock_slack import Message

# What promises that a typed reply counts, in the root message, a question or "what I understood".
TYPING_PROMISES = ("by typing in the thread", "type an answer", "type *back*")


def _promises_typing(message: Message) -> bool:
    return any(p in text_of(message) for p in TYPING_PROMISES)


async def test_typed_answers_count_in_a_public_channel_the_app_was_not_in(world: World) -> None:
    # `/msgchoice` in a public channel the app was never invited to: it posts there (chat:write.public)
    # and every question says "Or type an answer here", but Slack sends no message events from a
    # channel the app is not a member of, so a typed "yes" was silently ignored.
    world.mock.outside.add(CHANNEL)
    thread_ts = await world.start("we need a queue for orders")
    await world.wait_question(thread_ts, "persistence")
    assert all(_promises_typing(m) for m in world.thread(thread_ts) if m.thread_ts is None or action_ids(m))
    sent = await world.send.say("yes", thread_ts=thread_ts)
    assert sent.status == 200, sent.body  # Slack delivers it: the app is a member now
    await world.wait_question(thread_ts, "throughput")
    assert [c.args["channel"] for c in world.mock.calls_to("conversations.join")] == [CHANNEL]


async def test_joining_a_channel_the_app_is_in_or_cannot_join_changes_nothing(world: World) -> None:
    # Already a member (Slack answers ok with a warning), or a private channel (it cannot be joined, and
    # the app posts there only as a member): typed replies reach the app, and the questions say so.
    world.mock.private.add(CHANNEL)
    thread_ts = await world.start("")
    question = await world.wait_question(thread_ts, "persistence")
    assert world.mock.calls_to("conversations.join") and _promises_typing(question)
    await world.send.say("yes", thread_ts=thread_ts)
    assert _promises_typing(await world.wait_question(thread_ts, "throughput"))


async def test_without_channels_join_the_thread_says_to_use_the_buttons_not_to_type(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    # An install from before the app asked for channels:join cannot join: Slack answers missing_scope.
    # The conversation goes on by its buttons, and no message promises that typing works.
    world.mock.outside.add(CHANNEL)
    world.mock.lacking.add("channels:join")
    with caplog.at_level(logging.INFO):
        thread_ts = await world.start("we need a queue for orders")
        first = await world.wait_question(thread_ts, "persistence")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], [r.getMessage() for r in caplog.records]
    for message in world.thread(thread_ts):
        assert not _promises_typing(message), text_of(message)
    assert "buttons" in text_of(first) and "/invite @msgchoice" in text_of(first)
    root = world.mock.message(CHANNEL, thread_ts)
    assert "buttons" in text_of(root) and "/invite @msgchoice" in text_of(root)
    assert (await world.send.say("yes", thread_ts=thread_ts)).status == 0  # Slack does not deliver it
    await world.send.click(first, "answer:yes")
    second = await world.wait_question(thread_ts, "throughput")
    assert not _promises_typing(second) and "buttons" in text_of(second)
    # Another process (a restart, a second replica) shows the next question the same way.
    await world.restart_server()
    await world.send.click(second, "answer:moderate", user=BOB)
    third = await world.wait_question(thread_ts, "ops")
    assert not _promises_typing(third) and "buttons" in text_of(third)
