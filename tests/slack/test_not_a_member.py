"""Channels the app posts in without being a member: typed replies there, and a decision whose thread is gone."""

from __future__ import annotations

import logging

import pytest

from tests.slack.conftest import World
from tests.slack.harness import ALICE, BOB, CHANNEL, action_ids, text_of
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


async def test_a_private_channel_that_cannot_be_joined_keeps_its_typing_hints(world: World) -> None:
    # A private channel cannot be joined (method_not_supported_for_channel_type), and the app posts there
    # only as a member: typed replies reach it, and the questions say so.  (A public channel it is in
    # already is answered ok with a warning: every other scenario test.)
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


# Enough in the description to reach the flowchart's leaf; the two extras are then answered by clicking.
DESCRIPTION = "durable event log, moderate throughput, small team, no request-reply, greenfield"
KAFKA = {
    "system": {
        "system_select": {
            "type": "static_select",
            "selected_option": {"text": {"type": "plain_text", "text": "Apache Kafka"}, "value": "kafka"},
        }
    },
    "rationale": {"rationale_input": {"type": "plain_text_input", "value": "Platform team already runs Kafka"}},
}


async def _card(world: World) -> tuple[str, Message]:
    thread_ts = await world.start(DESCRIPTION)
    card = await world.answer_until_card(
        thread_ts, lambda q: next(a for a in action_ids(q) if a.startswith("answer:")), most=4
    )
    return thread_ts, card


async def _decisions(world: World) -> list[tuple[str, str]]:
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        return [(d.chosen_system, d.decided_by) for d in await repo.history(session, team_id=world.team_id)]


async def test_another_choice_submitted_after_the_app_was_removed_is_recorded_and_its_author_told(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    # The app was removed from the channel while the "We chose something else" modal was open: the
    # decision was recorded, but "Decision recorded" could not be posted in the thread, and a modal has
    # no response_url to say so: nobody learned that it was recorded, nor that the thread was stuck.
    thread_ts, card = await _card(world)
    await world.send.click(card, "card_chose_other")
    opened = (await world.mock.wait_calls("views.open"))[0].args["view"]
    world.mock.not_in_channel.add(CHANNEL)
    with caplog.at_level(logging.INFO):
        sent = await world.send.submit_view(opened, KAFKA)
        assert sent.status == 200 and sent.body == ""  # the modal closes: the decision is recorded
        dm = await world.mock.wait_for(lambda: world.mock.messages.get(ALICE), what="a direct message")
    assert len(dm) == 1
    note = dm[0].text or ""
    assert "Decision recorded" in note and "Apache Kafka" in note, note
    assert f"<#{CHANNEL}>" in note and "/invite @msgchoice" in note, note
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], [r.getMessage() for r in caplog.records]
    assert await _decisions(world) == [("kafka", ALICE)]
    assert not any("Decision recorded" in text_of(m) for m in world.thread(thread_ts))
    # Submitted again before the app is back: nothing more is recorded, and the person is told so.
    await world.send.submit_view(opened, KAFKA)
    dm = await world.mock.wait_for(lambda: world.mock.messages[ALICE][1:], what="a second direct message")
    assert "Already recorded: Apache Kafka" in (dm[0].text or "") and "/invite @msgchoice" in (dm[0].text or "")
    # Invited back, the same choice submitted again records nothing more; the card is marked.
    world.mock.not_in_channel.discard(CHANNEL)
    await world.send.submit_view(opened, KAFKA)
    again = (await world.mock.wait_calls("chat.postEphemeral"))[0].args
    assert again["user"] == ALICE and "Already recorded" in again["text"]
    await world.mock.wait_for(lambda: "The team chose" in text_of(world.mock.message(CHANNEL, card.ts)), what="card")
    assert await _decisions(world) == [("kafka", ALICE)]


async def test_adopt_clicked_after_the_app_was_removed_tells_its_author_it_was_recorded(world: World) -> None:
    _, card = await _card(world)
    world.mock.not_in_channel.add(CHANNEL)
    assert (await world.send.click(card, "card_adopt", user=BOB)).status == 200
    dm = await world.mock.wait_for(lambda: world.mock.messages.get(BOB), what="a direct message")
    assert "Decision recorded" in (dm[0].text or "") and "/invite @msgchoice" in (dm[0].text or "")
    assert await _decisions(world) == [("nats-jetstream", BOB)]
