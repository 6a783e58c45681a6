"""Two people answer the same question at once: the one who lost is told who answered, and what."""

from __future__ import annotations

from tests.slack.conftest import World
from tests.slack.harness import ALICE, BOB, CHANNEL, action_ids, text_of

DESCRIPTION = "durable event log, moderate throughput, small team, no request-reply, greenfield"


async def test_a_different_answer_that_lost_the_race_says_who_answered_first_and_that_it_was_not_recorded(
    world: World,
) -> None:
    thread_ts = await world.start(DESCRIPTION)
    question = world.open_question(thread_ts)
    assert question is not None
    answers = [a for a in action_ids(question) if a.startswith("answer:")]
    # Both read the same question; Alice's click lands first, Bob's (another option) right after.
    alice_click = world.send.block_actions(question, answers[0], user=ALICE)
    bob_click = world.send.block_actions(question, answers[1], user=BOB)
    assert (await world.send.interact(alice_click)).status == 200
    await world.mock.wait_for(lambda: "answered by" in text_of(world.mock.message(CHANNEL, question.ts)), what="mark")
    await world.recorded(thread_ts)
    assert (await world.send.interact(bob_click)).status == 200
    note = await world.mock.wait_for(
        lambda: next((c.args for c in world.mock.calls_to("chat.postEphemeral") if c.args.get("user") == BOB), None),
        what="Bob's note",
    )
    text = note["text"]
    alice_label = alice_click["actions"][0]["text"]["text"]
    bob_label = bob_click["actions"][0]["text"]["text"]
    assert "@alice" in text and alice_label in text, text  # who answered, and what
    assert bob_label in text and "not recorded" in text, text  # his own answer did not count
    assert "card is closed" not in text, text  # the question he clicked was live when he read it
    assert "<@" not in text  # names, not pings


async def test_the_same_answer_given_by_two_people_at_once_tells_the_second_it_counts(world: World) -> None:
    thread_ts = await world.start(DESCRIPTION)
    question = world.open_question(thread_ts)
    assert question is not None
    first = next(a for a in action_ids(question) if a.startswith("answer:"))
    alice_click = world.send.block_actions(question, first, user=ALICE)
    bob_click = world.send.block_actions(question, first, user=BOB)
    assert (await world.send.interact(alice_click)).status == 200
    await world.mock.wait_for(lambda: "answered by" in text_of(world.mock.message(CHANNEL, question.ts)), what="mark")
    await world.recorded(thread_ts)
    assert (await world.send.interact(bob_click)).status == 200
    note = await world.mock.wait_for(
        lambda: next((c.args for c in world.mock.calls_to("chat.postEphemeral") if c.args.get("user") == BOB), None),
        what="Bob's note",
    )
    text = note["text"]
    assert "@alice" in text and "same answer" in text, text
    assert "card is closed" not in text and "not recorded" not in text, text


async def test_a_different_answer_to_the_last_question_that_lost_the_race_says_so_and_points_to_the_card(
    world: World,
) -> None:
    thread_ts = await world.start(DESCRIPTION)
    bob_click = None
    for _ in range(6):
        question = world.open_question(thread_ts)
        if question is None:
            break
        answers = [a for a in action_ids(question) if a.startswith("answer:")]
        bob_click = world.send.block_actions(question, answers[1], user=BOB)
        assert (await world.send.interact(world.send.block_actions(question, answers[0], user=ALICE))).status == 200
        await world.mock.wait_for(
            lambda q=question: "answered by" in text_of(world.mock.message(CHANNEL, q.ts)), what="mark"
        )
    await world.wait_card(thread_ts)
    assert bob_click is not None
    assert (await world.send.interact(bob_click)).status == 200
    note = await world.mock.wait_for(
        lambda: next((c.args for c in world.mock.calls_to("chat.postEphemeral") if c.args.get("user") == BOB), None),
        what="Bob's note",
    )
    text = note["text"]
    assert "@alice" in text and "not recorded" in text and "recommendation is up" in text, text
    assert "card is closed" not in text, text
