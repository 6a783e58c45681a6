"""State lives in the database: a restarted app continues a thread; one full conversation end to end."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.settings import get_settings
from tests.slack.conftest import World
from tests.slack.harness import ALICE, BOB, CHANNEL, text_of


async def test_a_fresh_process_continues_the_thread_mid_conversation(world: World) -> None:
    thread_ts = await world.start("")
    question = await world.wait_question(thread_ts, "persistence")
    await world.send.click(question, "answer:yes")
    throughput = await world.wait_question(thread_ts, "throughput")
    stale_click = world.send.block_actions(throughput, "answer:moderate")  # clicked later, from an old client
    old_port = world.server.port
    await world.restart_server()  # a new app, a new port, nothing kept in memory
    assert world.server.port != old_port
    await world.send.say("high", thread_ts=thread_ts, user=BOB)
    await world.wait_question(thread_ts, "stream_processing")
    await world.mock.wait_for(  # found again through the thread (updated alongside the next question)
        lambda: "✅" in text_of(world.mock.message(CHANNEL, throughput.ts)), what="throughput answered"
    )
    await world.send.interact(stale_click)
    note = await world.mock.wait_calls("chat.postEphemeral")
    assert "The open question is" in note[0].args["text"]  # and a link to it


async def test_full_conversation_from_free_text_to_a_decision_in_history(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1. /msgchoice with a description: the flowchart's answers are read from it, and "sensors"
    #    (devices or software?) is left to ask.
    thread_ts = await world.start(
        "durable events at 2M msgs/s from sensors, no stream processing, we write our own consumers, "
        "our platform team runs it"
    )
    understood = next(m for m in world.thread(thread_ts) if "understood" in text_of(m))
    assert "2M msgs/s" in text_of(understood)
    # 2. a typed answer to the next question
    await world.wait_question(thread_ts, "edge")
    await world.send.say("no", thread_ts=thread_ts, user=BOB)
    current = await world.wait_question(thread_ts, "request_reply")
    # 3. a follow-up question in the middle
    await world.send.say("what about exactly-once?", thread_ts=thread_ts)
    await world.mock.wait_for(
        lambda: any("Exactly-once" in text_of(m) for m in world.thread(thread_ts)), what="follow-up answer"
    )
    # 4. a clicked answer leads to the recommendation card
    await world.send.click(current, "answer:no")
    card = await world.wait_card(thread_ts)
    assert card.text and card.text.startswith("Recommendation: ")
    recommended_name = card.text.removeprefix("Recommendation: ").split(" (")[0]
    # 5. adopt
    await world.send.click(card, "card_adopt", user=ALICE)
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopt")
    # 6. the decision is in `msgchoice history`
    await world.server.stop()  # the CLI runs its own event loop on the same database
    monkeypatch.setenv("DATABASE_URL", world.db_url)
    get_settings.cache_clear()
    from bot.cli import main

    captured: list[str] = []

    def run_history() -> int:
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["history", "--team", world.team_id, "--json"])
        captured.append(out.getvalue())
        return code

    try:
        assert await asyncio.to_thread(run_history) == 0
    finally:
        get_settings.cache_clear()
    decisions = json.loads(captured[0])
    assert len(decisions) == 1
    decision = decisions[0]
    assert decision["decided_by"] == ALICE
    assert decision["chosen_system"] == decision["recommended_system"]
    from knowledge import load

    assert load().system(decision["chosen_system"]).name == recommended_name  # what the card showed
    # the decision's advice was computed from the answers given in Slack, and who answered is recorded
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        stored = await repo.get_decision(session, team_id=world.team_id, decision_id=decision["id"])
        assert stored is not None
        answers = repo.decision_advice(stored).answers
        events = await repo.answer_events(session, team_id=world.team_id, conversation_id=decision["conversation_id"])
    assert answers["edge"] == "no" and answers["ops"] == "dedicated" and answers["request_reply"] == "no"
    assert ("edge", "typed", BOB) in {(e.question, e.source, e.user_id) for e in events}
    assert ("request_reply", "button", ALICE) in {(e.question, e.source, e.user_id) for e in events}
    assert ("ops", "parsed", ALICE) in {(e.question, e.source, e.user_id) for e in events}
