"""The slash command's words typed in a conversation thread: ``usecase <name>`` and a bare ``compare``."""

from __future__ import annotations

from typing import Any

from tests.slack.conftest import World
from tests.slack.harness import BOB, text_of

DESCRIPTION = "durable event log, moderate throughput, small team, no request-reply, greenfield"


async def _conversation(world: World, thread_ts: str) -> Any:
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        return await repo.get_conversation_by_thread(
            session, team_id=world.team_id, channel_id="C0GENERAL01", thread_ts=thread_ts
        )


async def _followups(world: World) -> list[Any]:
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        return list(await repo.followups(session, team_id=world.team_id))


async def test_usecase_typed_in_the_thread_shows_the_matrix_row_and_answers_nothing(world: World) -> None:
    thread_ts = await world.start(DESCRIPTION)
    question = world.open_question(thread_ts)
    assert question is not None
    before = await _conversation(world, thread_ts)
    count = len(world.thread(thread_ts))
    await world.send.say("usecase cdc", thread_ts=thread_ts, user=BOB)
    reply = await world.mock.wait_for(
        lambda: next((m for m in world.thread(thread_ts)[count:] if "Change Data Capture" in text_of(m)), None),
        what="the use case row",
    )
    assert "Use case" in text_of(reply) and "Debezium" in text_of(reply)
    after = await _conversation(world, thread_ts)
    # Asking what the guide says about CDC is not saying the team does CDC.
    assert after.state == before.state and after.version == before.version
    assert world.open_question(thread_ts) is question or world.open_question(thread_ts).ts == question.ts
    assert not any("understood" in text_of(m) for m in world.thread(thread_ts)[count:])


async def test_a_bare_compare_typed_in_the_thread_lists_the_tables_and_is_not_counted_as_not_covered(
    world: World,
) -> None:
    thread_ts = await world.start(DESCRIPTION)
    count = len(world.thread(thread_ts))
    await world.send.say("compare", thread_ts=thread_ts, user=BOB)
    reply = await world.mock.wait_for(
        lambda: next((m for m in world.thread(thread_ts)[count:] if "compare" in text_of(m).lower()), None),
        what="a reply",
    )
    text = text_of(reply)
    assert "Latency Profiles" in text and "doesn't cover" not in text, text
    assert not any(not f.covered for f in await _followups(world))  # the digest does not count "compare"
