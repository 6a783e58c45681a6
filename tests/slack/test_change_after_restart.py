"""Change on 'what I understood' after a Restart removed that answer."""

from __future__ import annotations

from tests.slack.conftest import World
from tests.slack.harness import BOB, CHANNEL, action_ids, text_of


async def test_change_on_an_answer_a_restart_removed_says_so_and_points_to_the_open_question(world: World) -> None:
    thread_ts = await world.start("durable event log, moderate throughput, small team, no request-reply, greenfield")
    understood = next(m for m in world.thread(thread_ts) if "change:persistence" in action_ids(m))
    question = world.open_question(thread_ts)
    assert question is not None
    await world.send.click(question, "nav_restart")
    await world.mock.wait_for(
        lambda: any("restarted" in text_of(m) for m in world.thread(thread_ts)), what="the restart note"
    )
    await world.wait_question(thread_ts, "persistence")
    await world.send.click(world.mock.message(CHANNEL, understood.ts), "change:persistence", user=BOB)
    note = await world.mock.wait_for(
        lambda: next((c.args for c in world.mock.calls_to("chat.postEphemeral") if c.args.get("user") == BOB), None),
        what="Bob's note",
    )
    text = note["text"]
    # He clicked Change on the description's answers, not a card: say the answer is gone, and where things are.
    assert "card is closed" not in text, text
    assert "no answer" in text and "Do messages need to be persisted?" in text, text
    assert "The open question is" in text, text
