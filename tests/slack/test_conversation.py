"""Scenario tests: signed Slack requests to the running app, a local Slack Web API stand-in."""

from __future__ import annotations

import asyncio
import json

from tests.slack.conftest import World
from tests.slack.harness import ALICE, BOB, CHANNEL, action_ids, text_of
from tests.slack.mock_slack import BOT_USER_ID


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
    assert {"answer:yes", "answer:no", "answer_unsure"} <= set(ids)
    assert "nav_back" not in ids  # nothing to go back to on the first question
    assert "durable" in text_of(question) or "persist" in text_of(question).lower()


async def test_clicking_an_answer_shows_who_answered_and_asks_the_next_question(world: World) -> None:
    thread_ts = await world.start("")
    question = await world.wait_question(thread_ts, "persistence")
    sent = await world.send.click(question, "answer:yes", user=BOB)
    assert sent.status == 200
    await world.wait_question(thread_ts, "throughput")  # posted first; the answered card's update goes alongside
    await world.mock.wait_for(lambda: "✅" in text_of(world.mock.message(CHANNEL, question.ts)), what="answered")
    answered = world.mock.message(CHANNEL, question.ts)
    assert "@bob" in text_of(answered)
    assert "<@" not in text_of(answered)  # named, not pinged
    assert action_ids(answered) == []


async def test_free_text_is_shown_back_escaped_and_not_asked_again(world: World) -> None:
    thread_ts = await world.start("CDC from Postgres into S3, ~50k events/s, 2-person team <!channel> <@U0EVE0001>")
    messages = world.thread(thread_ts)
    everything = "\n".join(text_of(m) for m in messages)
    assert "<!channel>" not in everything and "<@U0EVE0001>" not in everything
    assert "@\u200dchannel" in everything  # what the person typed (Slack sent <!channel>), shown broken
    understood = next(m for m in messages if "understood" in text_of(m))
    assert "2-person team" in text_of(understood)
    assert "change:ops" in action_ids(understood)
    # persistence, throughput and ops came from the text: the next question is an extra one
    question = world.open_question(thread_ts)
    assert question is not None
    assert not any(b.get("block_id", "").startswith(("answers:persistence:", "answers:ops:")) for b in question.blocks)


async def test_typed_answers_in_the_thread_count(world: World) -> None:
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    await world.send.say("yes", thread_ts=thread_ts, user=BOB)
    await world.wait_question(thread_ts, "throughput")
    await world.send.say("about 2k msgs/s", thread_ts=thread_ts)
    await world.wait_question(thread_ts, "ops")  # posted first; the answered questions' updates go alongside
    answered = await world.mock.wait_for(
        lambda: (found := [m for m in world.thread(thread_ts) if "✅" in text_of(m)]) and len(found) == 2 and found,
        what="both questions marked answered",
    )
    assert "@bob" in text_of(answered[0])


async def test_back_and_restart_buttons_move_the_conversation(world: World) -> None:
    thread_ts = await world.start("")
    first = await world.wait_question(thread_ts, "persistence")
    await world.send.click(first, "answer:yes")
    second = await world.wait_question(thread_ts, "throughput")
    await world.send.click(second, "nav_back")
    again = await world.wait_question(thread_ts, "persistence")
    assert again.ts != first.ts
    closed = text_of(world.mock.message(CHANNEL, second.ts))
    assert "went back: removed “Yes, messages must be durable”" in closed
    assert action_ids(world.mock.message(CHANNEL, second.ts)) == []
    await world.send.click(again, "answer:yes")
    throughput = await world.wait_question(thread_ts, "throughput")
    await world.send.click(throughput, "nav_restart")
    restarted = await world.wait_question(thread_ts, "persistence")
    assert restarted.ts != again.ts


async def test_not_sure_moves_on(world: World) -> None:
    thread_ts = await world.start("")
    first = await world.wait_question(thread_ts, "persistence")
    await world.send.say("not sure", thread_ts=thread_ts)
    await world.mock.wait_for(lambda: "Not sure" in text_of(world.mock.message(CHANNEL, first.ts)), what="not sure")
    assert "✅" not in text_of(world.mock.message(CHANNEL, first.ts))  # a non-answer gets no check mark
    # the next question follows the update of the answered one (wait for it: the app acks first)
    await world.mock.wait_for(
        lambda: (q := world.open_question(thread_ts)) is not None and q.ts != first.ts, what="next question"
    )


async def test_a_follow_up_question_is_answered_from_the_tables(world: World) -> None:
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    await world.send.say("what about exactly-once?", thread_ts=thread_ts)
    reply = await world.mock.wait_for(
        lambda: next((m for m in world.thread(thread_ts) if "Exactly-once" in text_of(m)), None), what="follow-up"
    )
    assert "```" in text_of(reply) or "Kafka" in text_of(reply)


async def test_a_question_outside_the_guide_gets_not_covered_and_the_topics(world: World) -> None:
    from bot.store import db, repo

    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    await world.send.say("how is the weather in <!here> Paris?", thread_ts=thread_ts)
    reply = await world.mock.wait_for(
        lambda: next((m for m in world.thread(thread_ts) if "doesn't cover" in text_of(m)), None), what="off-topic"
    )
    assert "<!here>" not in text_of(reply)
    # one sentence and three to five example questions, not the whole list of topics
    examples = [line for line in text_of(reply).splitlines() if line.startswith("• ")]
    assert 3 <= len(examples) <= 5 and text_of(reply).count("says nothing about") == 0
    recorded = []
    for _ in range(200):  # the question is recorded right after the reply is posted
        async with db.session_factory(world.db_url)() as session:
            recorded = await repo.followups(session, team_id=world.team_id)
        if recorded:
            break
        await asyncio.sleep(0.02)
    assert [f.covered for f in recorded] == [False]


async def test_change_asks_a_question_read_from_the_description_again(world: World) -> None:
    thread_ts = await world.start("2-person team, durable event log")
    understood = next(m for m in world.thread(thread_ts) if "understood" in text_of(m))
    await world.send.click(understood, "change:ops", user=BOB)
    ops = await world.wait_question(thread_ts, "ops")
    await world.send.click(ops, "answer:dedicated", user=BOB)
    await world.mock.wait_for(lambda: "✅" in text_of(world.mock.message(CHANNEL, ops.ts)), what="changed")
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        conversation = await repo.get_conversation_by_thread(
            session, team_id=world.team_id, channel_id=CHANNEL, thread_ts=thread_ts
        )
    assert conversation is not None
    assert repo.conversation_state(conversation).answers["ops"] == "dedicated"


async def test_facts_typed_in_the_thread_are_recorded_like_the_description(world: World) -> None:
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    await world.send.say("we need replay, and we have a dedicated platform team", thread_ts=thread_ts)
    await world.mock.wait_for(
        lambda: sum("understood" in text_of(m) for m in world.thread(thread_ts)) == 1, what="facts shown back"
    )
    question = await world.mock.wait_for(
        lambda: (q := world.open_question(thread_ts)) is not None and "answers:persistence:" not in str(q.blocks) and q,
        what="next question",
    )
    assert "answers:ops:" not in str(question.blocks)


async def test_a_direct_message_starts_a_conversation_in_the_dm(world: World) -> None:
    dm = "D0ALICEDM1"
    event = {**world.send.thread_message("help", thread_ts="x", channel=dm), "channel_type": "im"}
    event.pop("thread_ts")
    event.pop("parent_user_id")
    await world.send.event(event)
    await world.mock.wait_for(lambda: world.mock.messages.get(dm), what="help in the DM")
    assert "compare" in text_of(world.mock.messages[dm][0])
    await world.send.event({**event, "text": "sub-ms request-reply between services", "ts": "1700000500.000001"})
    root = await world.mock.wait_for(
        lambda: next((m for m in world.mock.messages[dm][1:] if m.thread_ts is None), None), what="root in DM"
    )
    await world.mock.wait_for(lambda: world.open_question(root.ts, dm) is not None, what="question in DM")


async def test_a_question_the_description_left_unsettled_is_asked_even_off_the_flowchart_path(world: World) -> None:
    # "sensors" may be devices or software; the durable branch never asks about the edge, so the app
    # asks it after the flowchart's own questions (an edge answer can rule Kafka out).
    thread_ts = await world.start(
        "durable events at 2M msgs/s from sensors, no stream processing, custom consumers are fine, "
        "our platform team runs it"
    )
    understood = next(m for m in world.thread(thread_ts) if "understood" in text_of(m))
    assert "sensors" in text_of(understood) and "I will ask" in text_of(understood)
    await world.wait_question(thread_ts, "edge")


async def test_asking_whether_a_system_is_good_for_something_is_answered_from_the_tables(world: World) -> None:
    # "is Kafka good for CDC?" got "The guide I draw on doesn't cover that": the verdict word
    # ("good", "better", "a good fit") was read as half the topic, and the guide has no row on it.
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    await world.send.say("is Kafka good for CDC?", thread_ts=thread_ts)
    await world.send.say("which one is better for websockets?", thread_ts=thread_ts, user=BOB)
    replies = await world.mock.wait_for(
        lambda: (found := [m for m in world.thread(thread_ts) if "Back to:" in text_of(m)]) and len(found) == 2
        and found,
        what="two follow-up answers",
    )
    shown = "\n".join(text_of(m) for m in replies)
    assert "doesn't cover" not in shown
    assert "Change Data Capture" in shown and "WebSocket" in shown


async def test_an_at_mention_with_a_description_starts_a_conversation_and_a_bare_one_gets_help(world: World) -> None:
    # "@msgchoice CDC from Postgres …" in a channel was answered with silence: the app did not
    # subscribe to app_mention, and the same message as a channel message is top-level chatter.
    import time

    from tests.slack.mock_slack import BOT_USER_ID

    ts = f"{time.time():.6f}"
    text = f"<@{BOT_USER_ID}> CDC from Postgres into S3, ~50k events/s, 2-person team <!channel>"
    mention = {"type": "app_mention", "user": BOB, "text": text, "ts": ts, "channel": CHANNEL, "event_ts": ts}
    as_message = {**mention, "type": "message", "channel_type": "channel", "client_msg_id": "c0ffee00-1"}
    assert (await world.send.event(mention, event_id="Ev0MENTION01")).status == 200
    assert (await world.send.event(as_message)).status == 200  # Slack sends both; the message is not for the app
    assert (await world.send.event(mention, event_id="Ev0MENTION01", retry_num=1)).status == 200
    root = await world.mock.wait_for(
        lambda: next((m for m in world.mock.messages.get(CHANNEL, []) if m.thread_ts is None), None), what="root"
    )
    await world.mock.wait_for(lambda: world.open_question(root.ts) is not None, what="first question")
    assert f"<@{BOB}>" in text_of(root) and "CDC from Postgres" in text_of(root)
    assert BOT_USER_ID not in text_of(root) and "<!channel>" not in text_of(root)
    understood = next(m for m in world.thread(root.ts) if "understood" in text_of(m))
    assert "2-person team" in text_of(understood)
    ts2 = f"{time.time():.6f}"
    await world.send.event({**mention, "text": f"<@{BOT_USER_ID}>", "ts": ts2, "event_ts": ts2, "user": ALICE})
    helped = (await world.mock.wait_calls("chat.postEphemeral"))[0].args
    assert helped["user"] == ALICE and "compare" in helped["text"] + str(helped.get("blocks"))
    await asyncio.sleep(0.3)
    assert len([m for m in world.mock.messages[CHANNEL] if m.thread_ts is None]) == 1


async def test_help_typed_under_the_recommendation_says_what_the_thread_can_do(world: World) -> None:
    # Once the card was up, "help" in the thread got no reply at all (as "thanks!" gets none).
    from tests.slack.test_card import _card

    thread_ts, _ = await _card(world)
    before = len(world.thread(thread_ts))
    await world.send.say("thanks!", thread_ts=thread_ts)
    await world.send.say("help", thread_ts=thread_ts, user=BOB)
    reply = await world.mock.wait_for(
        lambda: next((m for m in world.thread(thread_ts)[before:]), None), what="help in the thread"
    )
    shown = text_of(reply)
    assert "Adopt" in shown and "*back*" in shown and "*restart*" in shown and "compare latency" in shown
    await asyncio.sleep(0.3)
    assert len(world.thread(thread_ts)) == before + 1  # "thanks!" still gets nothing


async def test_facts_typed_in_the_thread_are_shown_back_as_read_from_that_reply(world: World) -> None:
    # They were shown back as "Here is what I understood from your description:", quoting the reply.
    thread_ts = await world.start("durable event log for our services")
    await world.wait_question(thread_ts, "throughput")
    await world.send.say("we have a dedicated platform team", thread_ts=thread_ts)
    shown = await world.mock.wait_for(
        lambda: (found := [m for m in world.thread(thread_ts) if "understood" in text_of(m)]) and len(found) == 2
        and found,
        what="the facts shown back",
    )
    assert "from your description" in text_of(shown[0]) and "from your description" not in text_of(shown[1])
    assert "Here is what I understood from that reply" in text_of(shown[1])


async def test_a_direct_message_that_mentions_the_app_reads_as_if_it_did_not(world: World) -> None:
    # Out of habit people write "@msgchoice help" in the app's Messages tab too.  The mention was kept:
    # "help" started a conversation about "<@U0BOT0001> help", and a description was quoted with the
    # app's id in front of it and read with it.
    dm = "D0ALICEDM2"
    event = {**world.send.thread_message(f"<@{BOT_USER_ID}> help", thread_ts="x", channel=dm), "channel_type": "im"}
    event.pop("thread_ts")
    event.pop("parent_user_id")
    await world.send.event(event)
    await world.mock.wait_for(lambda: world.mock.messages.get(dm), what="help in the DM")
    assert "compare" in text_of(world.mock.messages[dm][0])
    assert not [m for m in world.mock.messages[dm] if "is choosing a messaging system" in text_of(m)]
    described = f"<@{BOT_USER_ID}>: sub-ms request-reply between services"
    await world.send.event({**event, "text": described, "ts": "1700000600.000001"})
    root = await world.mock.wait_for(
        lambda: next((m for m in world.mock.messages[dm][1:] if m.thread_ts is None), None), what="root in DM"
    )
    assert BOT_USER_ID not in text_of(root)
    assert "sub-ms request-reply between services" in text_of(root)


async def test_an_at_mention_in_someone_elses_thread_says_where_the_app_listens(world: World) -> None:
    # "@msgchoice kafka or nats for this?" typed in a thread of people talking was answered with
    # silence: the app follows only threads it started, and nothing said so.
    import time

    parent = "1700000700.000100"
    ts = f"{time.time():.6f}"
    text = f"<@{BOT_USER_ID}> kafka or nats for this, durable orders at 5k/s?"
    mention = {
        "type": "app_mention", "user": BOB, "text": text, "ts": ts, "thread_ts": parent,
        "channel": CHANNEL, "event_ts": ts,
    }
    assert (await world.send.event(mention)).status == 200
    note = (await world.mock.wait_calls("chat.postEphemeral"))[0].args
    assert note["user"] == BOB and note["channel"] == CHANNEL and note.get("thread_ts") == parent
    assert "/msgchoice" in note["text"]
    assert not world.mock.calls_to("chat.postMessage")  # nothing started, nothing posted for all to see

    # In the app's own thread the mention is a typed reply (its message event), never this note.
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    ts2 = f"{time.time():.6f}"
    own = {**mention, "text": f"<@{BOT_USER_ID}> yes", "ts": ts2, "event_ts": ts2, "thread_ts": thread_ts}
    assert (await world.send.event(own)).status == 200
    await world.send.event({**own, "type": "message", "channel_type": "channel", "client_msg_id": "c0ffee00-2"})
    await world.wait_question(thread_ts, "throughput")
    assert len(world.mock.calls_to("chat.postEphemeral")) == 1
