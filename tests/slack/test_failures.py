"""Slack's failure modes: retries, double clicks, channels the app is not in, rate limits, 5xx, noise."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.slack.conftest import World
from tests.slack.harness import ALICE, BOB, CHANNEL, text_of
from tests.slack.mock_slack import BOT_ID, BOT_USER_ID, TEAM_ID

PRIVATE = "G0PRIVATE01"


async def _answer_events(world: World) -> list[object]:
    from sqlalchemy import select

    from bot.store import db
    from bot.store.models import AnswerEvent

    async with db.session_factory(world.db_url)() as session:
        return list((await session.scalars(select(AnswerEvent).order_by(AnswerEvent.id))).all())


async def test_a_double_click_records_one_answer(world: World) -> None:
    thread_ts = await world.start("")
    question = await world.wait_question(thread_ts, "persistence")
    # Both clicks are on the same rendering of the question, and both are in flight at once.
    clicks = [
        world.send.block_actions(question, "answer:yes", user=ALICE),
        world.send.block_actions(question, "answer:no", user=BOB),
    ]
    first = await world.send.interact(clicks[0])
    second = await world.send.interact(clicks[1])
    assert first.status == second.status == 200
    await world.mock.wait_calls("chat.postEphemeral")
    # Either click may be processed first (both are acked before the work): exactly one wins.
    events = await _answer_events(world)
    assert len(events) == 1
    winner = (events[0].question, events[0].value, events[0].user_id)  # type: ignore[attr-defined]
    assert winner in {("persistence", "yes", ALICE), ("persistence", "no", BOB)}
    if winner[1] == "yes":
        await world.wait_question(thread_ts, "throughput")
    else:
        await world.wait_card(thread_ts)  # without persistence every branch ends at NATS Core: nothing to ask
    note = world.mock.calls_to("chat.postEphemeral")[0].args
    assert note["user"] == (BOB if winner[2] == ALICE else ALICE)
    assert ("The open question is" if winner[1] == "yes" else "The recommendation is up") in note["text"]


async def test_one_persons_double_click_records_their_answer_once_and_tells_them_nothing(world: World) -> None:
    # The second of two clicks on the same button (the same request delivered again, or a real double
    # click with its own trigger) found the answer already counted and told the person who had just
    # answered "That card is closed", as if their answer had been refused.
    thread_ts = await world.start("")
    question = await world.wait_question(thread_ts, "persistence")
    click = world.send.block_actions(question, "answer:yes")
    again = {**click, "trigger_id": click["trigger_id"] + "b"}
    statuses = [(await world.send.interact(c)).status for c in (click, click, again)]
    assert statuses == [200, 200, 200]
    await world.wait_question(thread_ts, "throughput")
    await asyncio.sleep(0.5)  # what the later clicks would have posted, had they anything to post
    assert [(e.question, e.value) for e in await _answer_events(world)] == [("persistence", "yes")]  # type: ignore[attr-defined]
    assert world.mock.calls_to("chat.postEphemeral") == []
    assert len([m for m in world.thread(thread_ts) if m.text == "How much throughput do you need?"]) == 1
    # Someone else's click on the closed card is still told where the open question is.
    bobs = {**click, "trigger_id": click["trigger_id"] + "c", "user": {"id": BOB, "team_id": TEAM_ID}}
    await world.send.interact(bobs)
    note = (await world.mock.wait_calls("chat.postEphemeral"))[0].args
    assert note["user"] == BOB and "The open question is" in note["text"]


async def test_a_slack_retry_of_a_processed_event_is_acked_and_ignored(world: World) -> None:
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    event = world.send.thread_message("yes", thread_ts=thread_ts)
    first = await world.send.event(event, event_id="Ev0RETRY0001")
    await world.wait_question(thread_ts, "throughput")
    posted = len(world.mock.calls_to("chat.postMessage"))
    retry = await world.send.event(event, event_id="Ev0RETRY0001", retry_num=1)
    assert first.status == retry.status == 200
    await world.send.say("moderate", thread_ts=thread_ts, user=BOB, event_id="Ev0OTHER0001")  # a new event
    await world.wait_question(thread_ts, "ops")
    events = await _answer_events(world)
    assert [(e.question, e.value) for e in events] == [  # type: ignore[attr-defined]
        ("persistence", "yes"),
        ("throughput", "moderate"),
    ]
    assert len(world.mock.calls_to("chat.postMessage")) == posted + 1  # only the question after "moderate"


async def test_own_and_other_bots_messages_edits_and_foreign_threads_are_ignored(world: World) -> None:
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    before = len(world.mock.calls)
    own = world.send.thread_message("yes", thread_ts=thread_ts, user=BOT_USER_ID)
    own["bot_id"] = BOT_ID
    other_bot = {
        **world.send.thread_message("yes", thread_ts=thread_ts),
        "subtype": "bot_message",
        "bot_id": "B0OTHER001",
        "username": "otherbot",
    }
    other_bot.pop("user")
    edited = {
        "type": "message",
        "subtype": "message_changed",
        "channel": CHANNEL,
        "hidden": True,
        "ts": "1700000999.000100",
        "event_ts": "1700000999.000100",
        "channel_type": "channel",
        "message": {"type": "message", "user": ALICE, "text": "yes", "ts": "1700000998.000100", "thread_ts": thread_ts},
    }
    foreign = world.send.thread_message("yes", thread_ts="1600000000.000001")
    top_level = {**world.send.thread_message("yes", thread_ts=thread_ts)}
    top_level.pop("thread_ts")
    for event in (own, other_bot, edited, foreign, top_level):
        sent = await world.send.event(event)
        assert sent.status == 200
    assert [c.method for c in world.mock.calls[before:]] == []
    assert await _answer_events(world) == []


async def test_a_channel_the_app_is_not_in_gets_an_ephemeral_invite_explanation(world: World) -> None:
    world.mock.not_in_channel.add(PRIVATE)
    sent = await world.send.command("we need a queue for orders", channel=PRIVATE)
    assert sent.status == 200
    replies = await world.mock.wait_calls("response_url")
    reply = replies[0].args
    assert reply.get("response_type", "ephemeral") == "ephemeral"
    assert "/invite" in reply["text"] and PRIVATE in reply["text"]
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        assert await repo.recent_conversations(session, team_id=world.team_id) == []


async def test_a_command_in_a_direct_message_between_people_says_where_it_works_not_to_invite(world: World) -> None:
    # `/msgchoice` typed in a DM between two people: the bot cannot post there (Slack answers
    # channel_not_found) and no app can be invited into a DM, yet the reply was "I can't post in
    # <#D…> because I'm not a member of it. Invite me with `/invite @msgchoice`".
    world.mock.error_once["chat.postMessage"] = "channel_not_found"
    sent = await world.send.command("we need a queue for orders", channel="D0HUMANDM1")
    assert sent.status == 200
    reply = (await world.mock.wait_calls("response_url"))[0].args
    assert reply.get("response_type", "ephemeral") == "ephemeral"
    assert "/invite" not in reply["text"] and "<#D0HUMANDM1>" not in reply["text"], reply["text"]
    assert "direct message" in reply["text"] and "Messages" in reply["text"]
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        assert await repo.recent_conversations(session, team_id=world.team_id) == []


async def test_a_conversation_started_from_home_in_an_archived_channel_is_told_so_not_to_invite(
    world: World,
) -> None:
    # The channel picked in the Home tab's modal was archived (before Start was pressed, say): posting
    # there fails with is_archived, and the person was told to invite the app into a channel nobody
    # can post in any more.
    from bot.render.blocks import build_start_modal, view_payload

    world.mock.error_once["chat.postMessage"] = "is_archived"
    values = {
        "channel": {"channel_select": {"type": "conversations_select", "selected_conversation": "C0ARCHIVED1"}},
        "description": {"description_input": {"type": "plain_text_input", "value": "orders queue"}},
    }
    sent = await world.send.submit_view(view_payload(build_start_modal()), values)
    assert sent.status == 200
    note = (await world.mock.wait_for(lambda: world.mock.messages.get(ALICE), what="a direct message"))[0]
    assert "archived" in (note.text or "") and "/invite" not in (note.text or ""), note.text


async def test_a_click_after_the_app_was_removed_from_the_channel_says_to_invite_it_back(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    # Someone removed the app from the channel; a button of its thread is still there and is clicked.
    # The answer was recorded but the next question could not be posted (not_in_channel), and the
    # person was told "Sorry, that did not work. Please try again in a moment": no retry could help
    # until the app is back, and it was logged as a listener failure with a traceback.
    import logging

    thread_ts = await world.start("")
    question = await world.wait_question(thread_ts, "persistence")
    world.mock.not_in_channel.add(CHANNEL)
    click = world.send.block_actions(question, "answer:yes")
    with caplog.at_level(logging.INFO):
        assert (await world.send.interact(click)).status == 200
        reply = (await world.mock.wait_calls("response_url"))[0].args
    assert reply.get("response_type", "ephemeral") == "ephemeral"
    assert "/invite @msgchoice" in reply["text"] and f"<#{CHANNEL}>" in reply["text"], reply["text"]
    assert "in a moment" not in reply["text"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], [r.getMessage() for r in caplog.records]
    # Invited back, the same button clicked again (a new click, a new trigger) carries the thread on.
    world.mock.not_in_channel.discard(CHANNEL)
    await world.send.interact({**click, "trigger_id": click["trigger_id"] + "b"})
    await world.wait_question(thread_ts, "throughput")
    assert [(e.question, e.value) for e in await _answer_events(world)] == [("persistence", "yes")]  # type: ignore[attr-defined]


async def test_a_rate_limited_call_is_retried_after_retry_after(world: World) -> None:
    world.mock.rate_limit_once.add("chat.postMessage")
    thread_ts = await world.start("")
    assert [c.method for c in world.mock.calls if c.method.startswith("chat.postMessage")][:2] == [
        "chat.postMessage#429",
        "chat.postMessage",
    ]
    await world.wait_question(thread_ts, "persistence")


async def test_a_server_error_is_retried(world: World) -> None:
    thread_ts = await world.start("")
    question = await world.wait_question(thread_ts, "persistence")
    world.mock.server_error_once.add("chat.update")
    await world.send.click(question, "answer:yes")
    await world.wait_question(thread_ts, "throughput")  # the next question does not wait for the update
    await world.mock.wait_for(lambda: "✅" in text_of(world.mock.message(CHANNEL, question.ts)), what="answered")
    assert [c.method for c in world.mock.calls if c.method.startswith("chat.update")] == [
        "chat.update#500",
        "chat.update",
    ]


async def test_a_service_unavailable_answer_is_retried_and_the_next_question_still_comes(world: World) -> None:
    thread_ts = await world.start("")
    question = await world.wait_question(thread_ts, "persistence")
    world.mock.unavailable_once.add("chat.postMessage")
    await world.send.click(question, "answer:yes")
    await world.wait_question(thread_ts, "throughput")
    assert [c.method for c in world.mock.calls if c.method.startswith("chat.postMessage")][-2:] == [
        "chat.postMessage#503",
        "chat.postMessage",
    ]


async def test_an_unexpected_slack_error_is_logged_and_the_user_is_told(world: World) -> None:
    world.mock.error_once["chat.postMessage"] = "fatal_error"
    sent = await world.send.command("we need a queue for orders")
    assert sent.status == 200
    reply = (await world.mock.wait_calls("response_url"))[0].args
    assert reply["response_type"] == "ephemeral" and "did not work" in reply["text"]


async def test_a_failing_auth_test_does_not_turn_requests_away(world: World) -> None:
    # auth.test is how the app learns its own ids; when the Web API cannot answer it,
    # the conversation still starts, and the ids are learned on a later request.
    world.mock.error_once["auth.test"] = "fatal_error"
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    assert world.mock.calls_to("auth.test#error")


@pytest.mark.alone
async def test_a_slow_auth_test_does_not_hold_up_the_first_acknowledgements(world: World) -> None:
    # The app learns its own ids with auth.test when the first request comes in, before that request
    # is acknowledged: a Web API answering slowly made the first commands miss Slack's 3 s, and Slack
    # told each person their command had failed.
    world.mock.delay["auth.test"] = 4.0
    started = time.perf_counter()
    first, second = await asyncio.gather(world.send.command(""), world.send.command("help", user=BOB))
    assert first.status == second.status == 200 and time.perf_counter() - started < 3.0
    thread_ts = await world.mock.wait_for(
        lambda: next((m.ts for m in world.mock.messages.get(CHANNEL, []) if m.thread_ts is None), None),
        what="the root message",
    )
    await world.wait_question(thread_ts, "persistence")
    # The ids are learned once auth.test answers: asked once, however many requests waited for it.
    await world.mock.wait_for(lambda: world.mock.calls_to("auth.test"), what="auth.test answered")
    await world.send.command("help")
    assert world.mock.attempts["auth.test"] == 1


async def test_a_token_slack_no_longer_accepts_tells_the_user_to_reinstall_not_to_retry(world: World) -> None:
    # Trying again cannot help when Slack refuses the app's token or a permission is missing: the
    # person is told what an admin has to do, and nothing of the conversation is left behind.
    for error, says in (("invalid_auth", "reinstall"), ("token_revoked", "reinstall"), ("missing_scope", "chat:write")):
        world.mock.error_once["chat.postMessage"] = error
        before = len(world.mock.calls_to("response_url"))
        assert (await world.send.command("we need a queue for orders")).status == 200
        reply = (await world.mock.wait_calls("response_url", before + 1))[-1].args
        assert reply["response_type"] == "ephemeral", reply
        assert says in reply["text"] and "try again in a moment" not in reply["text"], reply["text"]
        assert world.mock.messages.get(CHANNEL, []) == []
    from sqlalchemy import func, select

    from bot.store import db
    from bot.store.models import Conversation

    async with db.session_factory(world.db_url)() as session:
        assert await session.scalar(select(func.count()).select_from(Conversation)) == 0
