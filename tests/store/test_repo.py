"""The repository against SQLite and PostgreSQL: concurrency, idempotency, team scoping, history."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from bot.advisor import InvalidAnswer
from bot.advisor.advice import Advice
from bot.store import repo
from bot.store.models import AnswerEvent, Conversation, Decision


async def _conversation(session: Any, team_id: str = "T1", thread_ts: str = "1.1") -> Conversation:
    return await repo.start_conversation(
        session, team_id=team_id, channel_id="C1", thread_ts=thread_ts, started_by="U1"
    )


async def test_starting_a_conversation_gives_version_zero_and_an_empty_state(session: Any) -> None:
    conversation = await _conversation(session)

    assert conversation.version == 0
    assert conversation.status == "active"
    assert conversation.state == {"steps": [], "ask_also": [], "ask_next": []}
    assert conversation.created_at.tzinfo is not None


async def test_starting_the_same_thread_twice_returns_the_first_conversation(session: Any) -> None:
    first = await _conversation(session)
    second = await _conversation(session)

    assert second.id == first.id


async def test_an_answer_advances_the_version_and_logs_one_event(session: Any) -> None:
    conversation = await _conversation(session)

    result = await repo.apply_answer(
        session,
        team_id="T1",
        conversation_id=conversation.id,
        expected_version=0,
        question="persistence",
        value="yes",
        source="button",
        user_id="U2",
    )

    assert result.ok and result.conversation is not None
    assert result.conversation.version == 1
    assert result.state is not None and result.state.answers == {"persistence": "yes"}
    events = await repo.answer_events(session, team_id="T1", conversation_id=conversation.id)
    assert [(e.kind, e.question, e.value, e.user_id, e.version) for e in events] == [
        ("answer", "persistence", "yes", "U2", 1)
    ]


async def test_a_stale_version_is_rejected_as_already_answered(session: Any) -> None:
    conversation = await _conversation(session)
    kwargs: dict[str, Any] = dict(
        team_id="T1", conversation_id=conversation.id, expected_version=0, source="button", user_id="U2"
    )
    await repo.apply_answer(session, question="persistence", value="yes", **kwargs)

    result = await repo.apply_answer(session, question="persistence", value="no", **kwargs)

    assert not result.ok and result.reason == "already_answered"
    assert result.conversation is not None and result.conversation.version == 1
    assert result.state is not None and result.state.answers == {"persistence": "yes"}


async def test_twenty_concurrent_answers_to_one_step_record_exactly_one(session_factory: Any, session: Any) -> None:
    conversation = await _conversation(session)

    async def answer(i: int) -> repo.ApplyResult:
        async with session_factory() as own:
            return await repo.apply_answer(
                own,
                team_id="T1",
                conversation_id=conversation.id,
                expected_version=0,
                question="persistence",
                value="yes" if i % 2 else "no",
                source="button",
                user_id=f"U{i}",
            )

    results = await asyncio.gather(*(answer(i) for i in range(20)))

    winners = [r for r in results if r.ok]
    assert len(winners) == 1
    assert all(r.reason == "already_answered" for r in results if not r.ok)
    events = await repo.answer_events(session, team_id="T1", conversation_id=conversation.id)
    assert len(events) == 1
    assert winners[0].event is not None and events[0].user_id == winners[0].event.user_id
    current = await repo.get_conversation(session, team_id="T1", conversation_id=conversation.id)
    assert current is not None and current.version == 1
    assert len(repo.conversation_state(current).steps) == 1


async def test_the_unique_step_constraint_rejects_a_second_event_for_one_version(session: Any) -> None:
    conversation = await _conversation(session)
    await repo.apply_answer(
        session,
        team_id="T1",
        conversation_id=conversation.id,
        expected_version=0,
        question="persistence",
        value="yes",
        source="button",
        user_id="U2",
    )
    # Someone rewinds the version behind the repository's back: the event log still refuses a duplicate.
    await session.execute(update(Conversation).values(version=0).where(Conversation.id == conversation.id))
    await session.commit()

    result = await repo.apply_answer(
        session,
        team_id="T1",
        conversation_id=conversation.id,
        expected_version=0,
        question="persistence",
        value="no",
        source="button",
        user_id="U3",
    )

    assert not result.ok and result.reason == "already_answered"
    assert len(await repo.answer_events(session, team_id="T1", conversation_id=conversation.id)) == 1


async def test_an_invalid_answer_raises_and_changes_nothing(session: Any) -> None:
    conversation = await _conversation(session)

    with pytest.raises(InvalidAnswer):
        await repo.apply_answer(
            session,
            team_id="T1",
            conversation_id=conversation.id,
            expected_version=0,
            question="persistence",
            value="maybe",
            source="typed",
            user_id="U2",
        )

    current = await repo.get_conversation(session, team_id="T1", conversation_id=conversation.id)
    assert current is not None and current.version == 0
    assert await repo.answer_events(session, team_id="T1", conversation_id=conversation.id) == []


async def test_undo_drops_the_latest_answer_and_logs_what_it_undid(session: Any) -> None:
    conversation = await _conversation(session)
    base: dict[str, Any] = dict(team_id="T1", conversation_id=conversation.id, user_id="U2")
    await repo.apply_answer(session, expected_version=0, question="persistence", value="no", source="button", **base)
    await repo.apply_answer(session, expected_version=1, question="latency", value="sub-ms", source="typed", **base)

    result = await repo.undo(session, expected_version=2, **base)

    assert result.ok and result.state is not None
    assert result.state.answers == {"persistence": "no"}
    events = await repo.answer_events(session, team_id="T1", conversation_id=conversation.id)
    assert [(e.kind, e.question, e.version) for e in events][-1] == ("back", "latency", 3)


async def test_undo_at_the_start_has_nothing_to_undo(session: Any) -> None:
    conversation = await _conversation(session)

    result = await repo.undo(session, team_id="T1", conversation_id=conversation.id, expected_version=0, user_id="U")

    assert not result.ok and result.reason == "nothing_to_undo"


async def test_restart_forgets_every_answer_and_reactivates(session: Any) -> None:
    conversation = await _conversation(session)
    await repo.apply_answer(
        session,
        team_id="T1",
        conversation_id=conversation.id,
        expected_version=0,
        question="persistence",
        value="no",
        source="button",
        user_id="U2",
    )
    assert await repo.set_status(session, team_id="T1", conversation_id=conversation.id, status="recommended")

    result = await repo.restart_conversation(
        session, team_id="T1", conversation_id=conversation.id, expected_version=1, user_id="U3"
    )

    assert result.ok and result.conversation is not None
    assert result.conversation.status == "active"
    assert result.state is not None and result.state.steps == []


async def test_the_same_idempotency_key_twice_records_one_decision(session: Any, kafka_advice: Advice) -> None:
    conversation = await _conversation(session)
    kwargs: dict[str, Any] = dict(
        team_id="T1",
        idempotency_key="adopt:1.1",
        conversation_id=conversation.id,
        advice=kafka_advice,
        chosen_system="kafka",
        rationale="we already run Kafka",
        decided_by="U1",
    )

    first, created_first = await repo.record_decision(session, **kwargs)
    second, created_second = await repo.record_decision(session, **{**kwargs, "rationale": "retry"})

    assert (created_first, created_second) == (True, False)
    assert second.id == first.id and second.rationale == "we already run Kafka"
    assert await session.scalar(select(func.count()).select_from(Decision)) == 1
    decided = await repo.get_conversation(session, team_id="T1", conversation_id=conversation.id)
    assert decided is not None and decided.status == "decided"


async def test_concurrent_decisions_with_one_key_record_one(session_factory: Any, kafka_advice: Advice) -> None:
    async def decide(i: int) -> tuple[Decision, bool]:
        async with session_factory() as own:
            return await repo.record_decision(
                own,
                team_id="T1",
                idempotency_key="adopt:race",
                conversation_id=None,
                advice=kafka_advice,
                chosen_system="kafka",
                rationale=f"attempt {i}",
                decided_by=f"U{i}",
            )

    results = await asyncio.gather(*(decide(i) for i in range(10)))

    assert sum(created for _, created in results) == 1
    assert len({d.id for d, _ in results}) == 1


async def test_a_stored_decision_gives_back_its_advice(session: Any, kafka_advice: Advice) -> None:
    decision, _ = await repo.record_decision(
        session,
        team_id="T1",
        idempotency_key="k",
        conversation_id=None,
        advice=kafka_advice,
        chosen_system="nats-jetstream",
        rationale="smaller team",
        decided_by="U1",
    )

    stored = await repo.get_decision(session, team_id="T1", decision_id=decision.id)

    assert stored is not None and stored.overridden
    assert stored.recommended_system == kafka_advice.recommendation
    assert stored.knowledge_version == kafka_advice.knowledge_version
    assert repo.decision_advice(stored) == kafka_advice


async def test_team_a_never_sees_team_b_rows(session: Any, kafka_advice: Advice) -> None:
    conversation_b = await _conversation(session, team_id="TB", thread_ts="9.9")
    decision_b, _ = await repo.record_decision(
        session,
        team_id="TB",
        idempotency_key="k",
        conversation_id=conversation_b.id,
        advice=kafka_advice,
        chosen_system="kafka",
        rationale="team B's reasons",
        decided_by="UB",
    )

    assert await repo.history(session, team_id="TA") == []
    assert await repo.history(session, team_id="TA", text="team B") == []
    assert await repo.get_decision(session, team_id="TA", decision_id=decision_b.id) is None
    assert await repo.get_conversation(session, team_id="TA", conversation_id=conversation_b.id) is None
    assert await repo.get_conversation_by_thread(session, team_id="TA", channel_id="C1", thread_ts="9.9") is None
    assert await repo.recent_conversations(session, team_id="TA") == []
    assert await repo.answer_events(session, team_id="TA", conversation_id=conversation_b.id) == []
    stolen = await repo.apply_answer(
        session,
        team_id="TA",
        conversation_id=conversation_b.id,
        expected_version=0,
        question="persistence",
        value="yes",
        source="button",
        user_id="UA",
    )
    assert not stolen.ok and stolen.reason == "not_found"
    with pytest.raises(LookupError):
        await repo.record_decision(
            session,
            team_id="TA",
            idempotency_key="k",
            conversation_id=conversation_b.id,
            advice=kafka_advice,
            chosen_system="kafka",
            rationale="",
            decided_by="UA",
        )
    assert [d.id for d in await repo.history(session, team_id="TB")] == [decision_b.id]


async def _decide(session: Any, advice: Advice, key: str, chosen: str, rationale: str, when: datetime) -> int:
    decision, _ = await repo.record_decision(
        session,
        team_id="T1",
        idempotency_key=key,
        conversation_id=None,
        advice=advice,
        chosen_system=chosen,
        rationale=rationale,
        decided_by="alice",
    )
    await session.execute(update(Decision).where(Decision.id == decision.id).values(created_at=when))
    await session.commit()
    return decision.id


async def test_history_filters_by_system_dates_and_text_newest_first(
    session: Any, kafka_advice: Advice, nats_advice: Advice
) -> None:
    jan = datetime(2026, 1, 10, 12, tzinfo=UTC)
    old_kafka = await _decide(session, kafka_advice, "a", "kafka", "CDC into the lake", jan)
    nats = await _decide(session, nats_advice, "b", "nats-core", "RPC between services", jan + timedelta(days=30))
    new_kafka = await _decide(session, kafka_advice, "c", "kafka", "Replay 100% of events", jan + timedelta(days=60))

    def ids(decisions: list[Decision]) -> list[int]:
        return [d.id for d in decisions]

    assert ids(await repo.history(session, team_id="T1")) == [new_kafka, nats, old_kafka]
    assert ids(await repo.history(session, team_id="T1", system="kafka")) == [new_kafka, old_kafka]
    assert ids(await repo.history(session, team_id="T1", since=date(2026, 2, 9))) == [new_kafka, nats]
    assert ids(await repo.history(session, team_id="T1", until=date(2026, 2, 9))) == [nats, old_kafka]
    assert ids(await repo.history(session, team_id="T1", text="rpc")) == [nats]
    assert ids(await repo.history(session, team_id="T1", text="NATS")) == [nats]
    assert ids(await repo.history(session, team_id="T1", text="100%")) == [new_kafka]
    assert ids(await repo.history(session, team_id="T1", text="_")) == []
    assert ids(await repo.history(session, team_id="T1", text="ALICE", limit=1, offset=1)) == [nats]
    assert ids(
        await repo.history(
            session,
            team_id="T1",
            system="kafka",
            since=datetime(2026, 1, 1, tzinfo=UTC),
            until=datetime(2026, 2, 1, tzinfo=UTC),
            text="lake",
        )
    ) == [old_kafka]
    stored = await repo.get_decision(session, team_id="T1", decision_id=old_kafka)
    assert stored is not None and stored.created_at == jan


async def test_a_slack_delivery_is_processed_once(session: Any) -> None:
    assert await repo.mark_delivery(session, team_id="T1", delivery_key="Ev1") is True
    assert await repo.mark_delivery(session, team_id="T1", delivery_key="Ev1") is False
    assert await repo.mark_delivery(session, team_id="T2", delivery_key="Ev1") is True


async def test_followups_are_recorded_per_team(session: Any) -> None:
    await repo.record_followup(
        session,
        team_id="T1",
        conversation_id=None,
        user_id="U1",
        question_text="what about exactly-once?",
        topic="exactly-once",
        covered=True,
    )

    assert [f.topic for f in await repo.followups(session, team_id="T1")] == ["exactly-once"]
    assert await repo.followups(session, team_id="T2") == []


async def test_answer_events_are_never_rewritten(session: Any) -> None:
    conversation = await _conversation(session)
    await repo.apply_answer(
        session,
        team_id="T1",
        conversation_id=conversation.id,
        expected_version=0,
        question="persistence",
        value="yes",
        source="parsed",
        user_id="U1",
        span=(0, 7),
        text="durable",
    )
    await repo.undo(session, team_id="T1", conversation_id=conversation.id, expected_version=1, user_id="U1")

    events = (await session.scalars(select(AnswerEvent).order_by(AnswerEvent.id))).all()
    assert [(e.kind, e.source, e.span_start, e.span_end, e.text) for e in events] == [
        ("answer", "parsed", 0, 7, "durable"),
        ("back", "button", None, None, None),
    ]


async def test_a_terminal_session_is_stored_as_conversation_events_and_decision(
    db_url: str, session: Any, kafka_advice: Advice
) -> None:
    from bot.advisor.machine import Step
    from bot.store.session_log import record_terminal_session

    steps = [
        Step(question="persistence", value="yes", source="parsed", span=(0, 7), text="durable"),
        Step(question="throughput", value="high", source="cli"),
    ]

    decision_id = await record_terminal_session(
        db_url,
        team_id="local",
        user="alice",
        steps=steps,
        advice=kafka_advice,
        chosen_system="kafka",
        rationale="fits",
        free_text="durable stream",
    )

    decision = await repo.get_decision(session, team_id="local", decision_id=decision_id)
    assert decision is not None and decision.conversation_id is not None
    conversation = await repo.get_conversation(session, team_id="local", conversation_id=decision.conversation_id)
    assert conversation is not None
    assert (conversation.channel_id, conversation.status, conversation.version) == ("cli", "decided", 2)
    assert repo.conversation_state(conversation).steps == steps
    events = await repo.answer_events(session, team_id="local", conversation_id=conversation.id)
    assert [(e.question, e.source, e.user_id) for e in events] == [
        ("persistence", "parsed", "alice"),
        ("throughput", "cli", "alice"),
    ]


async def test_a_terminal_session_whose_decision_cannot_be_written_leaves_nothing_behind(
    db_url: str, session: Any, kafka_advice: Advice
) -> None:
    """The decision is the last of a terminal session's writes. When it fails (a disk full, the database
    restarting; here a trigger), nothing of the session stays: it was a conversation with its answers,
    still 'active', that the digest listed as "questions still open" for four weeks, and again beside
    the session the user then ran a second time."""
    from sqlalchemy import text

    from bot.advisor.machine import Step
    from bot.store.db import DatabaseError, engine_for
    from bot.store.session_log import record_terminal_session

    async with engine_for(db_url).begin() as conn:
        if conn.dialect.name == "sqlite":
            await conn.execute(text(
                "CREATE TRIGGER no_room BEFORE INSERT ON decisions BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            ))
        else:
            await conn.execute(text(
                "CREATE FUNCTION no_room() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'disk full'; END $$"
            ))
            await conn.execute(text(
                "CREATE TRIGGER no_room BEFORE INSERT ON decisions FOR EACH ROW EXECUTE FUNCTION no_room()"
            ))
    try:
        with pytest.raises(DatabaseError, match="disk full"):
            await record_terminal_session(
                db_url,
                team_id="local",
                user="alice",
                steps=[Step(question="persistence", value="yes", source="cli")],
                advice=kafka_advice,
                chosen_system="kafka",
                rationale="fits",
                free_text="durable stream",
            )
        for model in (Conversation, AnswerEvent, Decision):
            assert await session.scalar(select(func.count()).select_from(model)) == 0, model.__tablename__
    finally:
        await session.rollback()  # its reads hold a lock that DROP TRIGGER waits for
        async with engine_for(db_url).begin() as conn:
            if conn.dialect.name == "sqlite":
                await conn.execute(text("DROP TRIGGER no_room"))
            else:
                await conn.execute(text("DROP TRIGGER no_room ON decisions"))
                await conn.execute(text("DROP FUNCTION no_room()"))
