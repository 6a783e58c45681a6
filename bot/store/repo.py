"""Repository functions: keyword-only, handed an ``AsyncSession``, every query scoped by team.

Write functions are one unit of work each: they commit on success and roll
back on failure, so a Slack handler needs one call per click.  Read functions
leave the session as they found it.

Concurrency rules live in the database:

- answers are optimistic: ``UPDATE conversations … WHERE version = :expected``;
  the loser of a race gets ``ApplyResult(ok=False, reason="already_answered")``
  and the unique ``answers (conversation_id, version)`` is the backstop;
- decisions and Slack deliveries are ``INSERT … ON CONFLICT DO NOTHING`` on
  their unique keys, so a retry or a second replica records nothing new.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal, cast

from sqlalchemy import ColumnElement, CursorResult, Select, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.advisor.advice import Advice, ParsedAnswer
from bot.advisor.machine import AdvisorState, InvalidAnswer, Source
from bot.advisor.machine import apply as apply_step
from bot.advisor.machine import back as back_step
from bot.advisor.machine import reopen as reopen_step
from bot.advisor.machine import restart as restart_step
from bot.store.db import execute_committed
from bot.store.models import (
    CONVERSATION_STATUSES,
    AnswerEvent,
    Conversation,
    Decision,
    Followup,
    SlackDelivery,
)

Status = Literal["active", "recommended", "decided", "abandoned"]
# The status a conversation's new state puts it in (None: leave it); see ``_advance``.
StatusAfter = Callable[[AdvisorState], Status | None]
Reason = Literal["already_answered", "not_found", "nothing_to_undo"]


@dataclass(frozen=True)
class ApplyResult:
    """What became of an answer, Back or Restart.

    ``ok`` is False when the step was stale (``already_answered``: someone else
    answered first; ``conversation`` then holds the current state), the
    conversation does not exist for this team (``not_found``) or there was
    nothing to undo (``nothing_to_undo``).
    """

    ok: bool
    conversation: Conversation | None
    reason: Reason | None = None
    event: AnswerEvent | None = None
    # When stale: the event that moved the conversation on from the expected version (who got there first).
    superseded_by: AnswerEvent | None = None

    @property
    def state(self) -> AdvisorState | None:
        return conversation_state(self.conversation) if self.conversation is not None else None


def conversation_state(conversation: Conversation) -> AdvisorState:
    return AdvisorState.model_validate(conversation.state)


def decision_advice(decision: Decision) -> Advice:
    return Advice.model_validate(decision.advice)


# --- conversations ---------------------------------------------------------------------------


async def start_conversation(
    session: AsyncSession,
    *,
    team_id: str,
    channel_id: str | None,
    thread_ts: str | None,
    started_by: str,
    free_text: str | None = None,
    state: AdvisorState | None = None,
) -> Conversation:
    """Create a conversation (version 0).  A thread that already has one gets it back unchanged."""
    if channel_id is not None and thread_ts is not None:
        existing = await get_conversation_by_thread(
            session, team_id=team_id, channel_id=channel_id, thread_ts=thread_ts
        )
        if existing is not None:
            return existing
    conversation = Conversation(
        team_id=team_id,
        channel_id=channel_id,
        thread_ts=thread_ts,
        started_by=started_by,
        status="active",
        state=(state or AdvisorState()).model_dump(mode="json"),
        free_text=free_text,
        version=0,
    )
    session.add(conversation)
    try:
        await session.commit()
    except IntegrityError:
        # Two replicas started the same thread at once: the other one won.
        await session.rollback()
        winner = await get_conversation_by_thread(
            session, team_id=team_id, channel_id=channel_id, thread_ts=thread_ts
        )
        if winner is None:
            raise
        return winner
    await session.refresh(conversation)
    return conversation


async def start_with_answers(
    session: AsyncSession,
    *,
    team_id: str,
    channel_id: str,
    started_by: str,
    free_text: str | None,
    state: AdvisorState,
    answers: Sequence[ParsedAnswer],
    status_after: StatusAfter | None = None,
) -> tuple[Conversation, list[ParsedAnswer]]:
    """A new conversation with the answers read from its description, in one commit.

    Each answer is one event (versions 1…n), as if given one by one; an answer
    the question does not accept is skipped.  Returns the conversation and the
    answers recorded.  The thread is attached once its root message is up.
    """
    state, applied = _apply_parsed(state, answers)
    events = [
        AnswerEvent(team_id=team_id, kind="answer", version=n, **_parsed_event(item, started_by))
        for n, item in enumerate(applied, start=1)
    ]
    conversation = Conversation(
        team_id=team_id,
        channel_id=channel_id,
        thread_ts=None,
        started_by=started_by,
        status=(status_after(state) if status_after is not None else None) or "active",
        state=state.model_dump(mode="json"),
        free_text=free_text,
        version=len(applied),
    )
    session.add(conversation)
    try:
        await session.flush()  # the conversation's id, for its events
        for event in events:
            event.conversation_id = conversation.id
        session.add_all(events)
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    return conversation, applied


async def get_conversation(
    session: AsyncSession, *, team_id: str, conversation_id: int
) -> Conversation | None:
    return await _fresh(
        session,
        select(Conversation).where(Conversation.id == conversation_id, Conversation.team_id == team_id),
    )


async def get_conversation_by_thread(
    session: AsyncSession, *, team_id: str, channel_id: str | None, thread_ts: str | None
) -> Conversation | None:
    query = select(Conversation).where(
        Conversation.team_id == team_id,
        _eq_or_null(Conversation.channel_id, channel_id),
        _eq_or_null(Conversation.thread_ts, thread_ts),
    )
    return await _fresh(session, query.order_by(Conversation.id.desc()).limit(1))


async def recent_conversations(
    session: AsyncSession,
    *,
    team_id: str,
    status: Status | Sequence[Status] | None = None,
    since: datetime | None = None,
    limit: int = 20,
) -> list[Conversation]:
    """The team's conversations, most recently touched first (``status`` may be one or several)."""
    query = select(Conversation).where(Conversation.team_id == team_id)
    if status is not None:
        statuses = [status] if isinstance(status, str) else list(status)
        query = query.where(Conversation.status.in_(statuses))
    if since is not None:
        query = query.where(Conversation.updated_at >= since)
    query = query.order_by(Conversation.updated_at.desc(), Conversation.id.desc()).limit(limit)
    return list((await session.scalars(query.execution_options(populate_existing=True))).all())


async def answer_events(session: AsyncSession, *, team_id: str, conversation_id: int) -> list[AnswerEvent]:
    """The conversation's event log, oldest first."""
    query = (
        select(AnswerEvent)
        .where(AnswerEvent.team_id == team_id, AnswerEvent.conversation_id == conversation_id)
        .order_by(AnswerEvent.version)
    )
    return list((await session.scalars(query)).all())


async def apply_answer(
    session: AsyncSession,
    *,
    team_id: str,
    conversation_id: int,
    expected_version: int,
    question: str,
    value: str,
    source: Source,
    user_id: str,
    span: tuple[int, int] | None = None,
    text: str | None = None,
    current: Conversation | None = None,
    claim_next: bool = False,
    status_after: StatusAfter | None = None,
    advice: dict[str, Any] | None = None,
) -> ApplyResult:
    """Record an answer given at ``expected_version``; a stale version is rejected.

    Raises :class:`bot.advisor.InvalidAnswer` (and changes nothing) for an
    unknown question or a value the question does not offer.
    """

    def step(state: AdvisorState) -> AdvisorState:
        return apply_step(state, question, value, source=source, span=span, text=text)

    return await _advance(
        session,
        team_id=team_id,
        conversation_id=conversation_id,
        expected_version=expected_version,
        kind="answer",
        step=step,
        events=[
            {
                "question": question,
                "value": value,
                "source": source,
                "user_id": user_id,
                "span_start": span[0] if span else None,
                "span_end": span[1] if span else None,
                "text": text,
            }
        ],
        current=current,
        claim_next=claim_next,
        status_after=status_after,
        advice=advice,
    )


async def apply_answers(
    session: AsyncSession,
    *,
    team_id: str,
    conversation: Conversation,
    answers: Sequence[ParsedAnswer],
    user_id: str,
    claim_next: bool = False,
    status_after: StatusAfter | None = None,
) -> tuple[ApplyResult, list[ParsedAnswer]]:
    """Several answers read from a typed message, one event each, in one transaction.

    Versioned like :func:`apply_answer` (against ``conversation.version``); an
    answer the question does not accept is skipped.  Returns the result and the
    answers recorded.
    """
    new_state, applied = _apply_parsed(conversation_state(conversation), answers)
    if not applied:
        return ApplyResult(ok=False, conversation=conversation, reason="nothing_to_undo"), []
    result = await _advance(
        session,
        team_id=team_id,
        conversation_id=conversation.id,
        expected_version=conversation.version,
        kind="answer",
        step=lambda _read: new_state,  # ``current`` is ``conversation``: the state it was applied to
        events=[_parsed_event(item, user_id) for item in applied],
        current=conversation,
        claim_next=claim_next,
        status_after=status_after,
    )
    return result, applied if result.ok else []


def _apply_parsed(state: AdvisorState, answers: Sequence[ParsedAnswer]) -> tuple[AdvisorState, list[ParsedAnswer]]:
    """Apply answers read from text one by one, skipping any the question does not accept."""
    applied: list[ParsedAnswer] = []
    for item in answers:
        try:
            state = apply_step(state, item.question, item.value, source="parsed", span=item.span, text=item.text)
        except InvalidAnswer:
            continue
        applied.append(item)
    return state, applied


def _parsed_event(item: ParsedAnswer, user_id: str) -> dict[str, Any]:
    """The event fields of an answer read from text."""
    return {
        "question": item.question,
        "value": item.value,
        "source": "parsed",
        "user_id": user_id,
        "span_start": item.span[0],
        "span_end": item.span[1],
        "text": item.text,
    }


async def undo(
    session: AsyncSession,
    *,
    team_id: str,
    conversation_id: int,
    expected_version: int,
    user_id: str,
    source: Source = "button",
    current: Conversation | None = None,
    claim_next: bool = False,
    status_after: StatusAfter | None = None,
) -> ApplyResult:
    """Back: drop the latest answer.  The event names the answer that was undone."""
    return await _advance(
        session,
        team_id=team_id,
        conversation_id=conversation_id,
        expected_version=expected_version,
        kind="back",
        step=back_step,
        events=[{"source": source, "user_id": user_id}],
        current=current,
        claim_next=claim_next,
        status_after=status_after,
    )


async def retract(
    session: AsyncSession,
    *,
    team_id: str,
    conversation_id: int,
    expected_version: int,
    question: str,
    user_id: str,
    source: Source = "button",
    current: Conversation | None = None,
    claim_next: bool = False,
    status_after: StatusAfter | None = None,
) -> ApplyResult:
    """Change: drop every answer to ``question`` so that it is asked again (recorded like a Back of it).

    A recommended conversation becomes active again.  ``nothing_to_undo`` when
    the question has no answer.
    """
    conversation = current or await get_conversation(session, team_id=team_id, conversation_id=conversation_id)
    if conversation is None:
        return ApplyResult(ok=False, conversation=None, reason="not_found")
    previous = [s for s in conversation_state(conversation).steps if s.question == question]
    if not previous:
        return ApplyResult(ok=False, conversation=conversation, reason="nothing_to_undo")

    def without(state: AdvisorState) -> AdvisorState:
        return reopen_step(state, question)

    return await _advance(
        session,
        team_id=team_id,
        conversation_id=conversation_id,
        expected_version=expected_version,
        kind="back",
        step=without,
        events=[{"source": source, "user_id": user_id, "question": question, "value": previous[-1].value}],
        reopen=True,
        current=conversation,
        claim_next=claim_next,
        status_after=status_after,
    )


async def restart_conversation(
    session: AsyncSession,
    *,
    team_id: str,
    conversation_id: int,
    expected_version: int,
    user_id: str,
    source: Source = "button",
    current: Conversation | None = None,
    claim_next: bool = False,
    status_after: StatusAfter | None = None,
) -> ApplyResult:
    """Restart: forget every answer; the conversation becomes active again."""
    return await _advance(
        session,
        team_id=team_id,
        conversation_id=conversation_id,
        expected_version=expected_version,
        kind="restart",
        step=restart_step,
        events=[{"source": source, "user_id": user_id}],
        current=current,
        claim_next=claim_next,
        status_after=status_after,
    )


async def _advance(
    session: AsyncSession,
    *,
    team_id: str,
    conversation_id: int,
    expected_version: int,
    kind: Literal["answer", "back", "restart"],
    step: Any,
    events: list[dict[str, Any]],
    reopen: bool = False,
    current: Conversation | None = None,
    claim_next: bool = False,
    status_after: StatusAfter | None = None,
    advice: dict[str, Any] | None = None,
) -> ApplyResult:
    """One transaction: (read,) versioned ``UPDATE … RETURNING``, the events; committed together.

    ``events`` are the fields of one event per version the step moves (several answers read
    from one message are one step of several versions).

    ``current`` is the row the caller read in this session (saves the read).
    ``status_after`` gives the status the new state puts the conversation in
    (``recommended`` when the card comes next), written in the same UPDATE.
    ``claim_next`` also claims the right to post the message that follows the new
    version (see :mod:`bot.store.screen`), so the click that made the step posts
    it without a second commit; a request that dies before posting leaves a
    claim that another replica takes over once it is ``stale_after`` old.
    """
    conversation = current
    if conversation is None:
        conversation = await get_conversation(session, team_id=team_id, conversation_id=conversation_id)
    if conversation is None:
        return ApplyResult(ok=False, conversation=None, reason="not_found")
    if conversation.version != expected_version:
        return await _stale(
            session, team_id=team_id, conversation_id=conversation_id, expected_version=expected_version,
            current=conversation,
        )
    state = conversation_state(conversation)
    new_state: AdvisorState = step(state)  # InvalidAnswer propagates before anything is written
    if kind == "back" and "question" not in events[0]:
        if not state.steps:
            return ApplyResult(ok=False, conversation=conversation, reason="nothing_to_undo")
        undone = state.steps[-1]
        events = [{**events[0], "question": undone.question, "value": undone.value}]

    new_version = expected_version + len(events)
    values: dict[str, Any] = {
        "state": new_state.model_dump(mode="json"),
        "version": Conversation.version + len(events),
        "updated_at": func.now(),
    }
    if kind == "restart" or reopen:
        values["status"] = "active"
    if status_after is not None and (status := status_after(new_state)) is not None:
        values["status"] = status
    if claim_next:
        values["showing_version"] = new_version
        values["showing_since"] = datetime.now(UTC)
    if advice is not None:  # the card comes next: its advice, computed by the caller for the new state
        values["advice"] = advice
        values["advice_version"] = new_version
    statement = (
        update(Conversation)
        .where(
            Conversation.id == conversation_id,
            Conversation.team_id == team_id,
            Conversation.version == expected_version,
        )
        .values(**values)
        .returning(Conversation)
        .execution_options(synchronize_session=False, populate_existing=True)
    )
    try:
        updated = (await session.scalars(statement)).one_or_none()
        if updated is None:
            await session.rollback()
            return await _stale(
                session, team_id=team_id, conversation_id=conversation_id, expected_version=expected_version
            )
        added = [
            AnswerEvent(conversation_id=conversation_id, team_id=team_id, kind=kind, version=expected_version + n, **f)
            for n, f in enumerate(events, start=1)
        ]
        session.add_all(added)
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return await _stale(
            session, team_id=team_id, conversation_id=conversation_id, expected_version=expected_version
        )
    return ApplyResult(ok=True, conversation=updated, event=added[-1])


async def _stale(
    session: AsyncSession,
    *,
    team_id: str,
    conversation_id: int,
    expected_version: int,
    current: Conversation | None = None,
) -> ApplyResult:
    """A step made at a version the conversation has moved on from: its row now, and the event that moved it."""
    current = current or await get_conversation(session, team_id=team_id, conversation_id=conversation_id)
    if current is None:
        return ApplyResult(ok=False, conversation=None, reason="not_found")
    superseded_by = await _fresh(
        session,
        select(AnswerEvent).where(
            AnswerEvent.team_id == team_id,
            AnswerEvent.conversation_id == conversation_id,
            AnswerEvent.version == expected_version + 1,
        ),
    )
    return ApplyResult(ok=False, conversation=current, reason="already_answered", superseded_by=superseded_by)


async def set_status(session: AsyncSession, *, team_id: str, conversation_id: int, status: Status) -> bool:
    """Set a conversation's status; False when it does not exist for this team."""
    if status not in CONVERSATION_STATUSES:
        raise ValueError(f"unknown status {status!r}; one of {', '.join(CONVERSATION_STATUSES)}")
    statement = (
        update(Conversation)
        .where(Conversation.id == conversation_id, Conversation.team_id == team_id)
        .values(status=status, updated_at=func.now())
        .execution_options(synchronize_session=False)
    )
    result = cast(CursorResult[Any], await session.execute(statement))
    await session.commit()
    return result.rowcount == 1


async def set_thread(
    session: AsyncSession, *, team_id: str, conversation_id: int, thread_ts: str, claim_version: int | None = None
) -> bool:
    """Attach the Slack thread to a conversation stored before its root message was posted.

    With ``claim_version``, the same UPDATE claims the right to post the message
    that follows that version (the first question; see :mod:`bot.store.screen`).
    """
    values: dict[str, Any] = {"thread_ts": thread_ts, "updated_at": func.now()}
    if claim_version is not None:
        values.update(showing_version=claim_version, showing_since=datetime.now(UTC))
    statement = (
        update(Conversation)
        .where(Conversation.id == conversation_id, Conversation.team_id == team_id, Conversation.thread_ts.is_(None))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    result = cast(CursorResult[Any], await session.execute(statement))
    await session.commit()
    return result.rowcount == 1


async def discard_unposted(session: AsyncSession, *, team_id: str, conversation_id: int) -> None:
    """Delete a conversation whose root message could not be posted (it has no thread, so nothing else)."""
    from sqlalchemy import delete

    await session.execute(
        delete(AnswerEvent).where(AnswerEvent.conversation_id == conversation_id, AnswerEvent.team_id == team_id)
    )
    await session.execute(
        delete(Conversation).where(
            Conversation.id == conversation_id, Conversation.team_id == team_id, Conversation.thread_ts.is_(None)
        )
    )
    await session.commit()


# --- decisions -------------------------------------------------------------------------------


async def record_decision(
    session: AsyncSession,
    *,
    team_id: str,
    idempotency_key: str,
    conversation_id: int | None,
    advice: Advice,
    chosen_system: str,
    rationale: str,
    decided_by: str,
    owner_checked: bool = False,
) -> tuple[Decision, bool]:
    """Record the team's decision once per ``idempotency_key``; returns (decision, created).

    The same key again (a retried click, a second replica) returns the decision
    already stored and False.  The conversation, if any, is marked 'decided'.
    ``owner_checked``: the caller read the conversation within ``team_id`` in
    this transaction already.
    """
    if not chosen_system:
        raise ValueError("chosen_system is empty")
    if conversation_id is not None and not owner_checked:
        owner = await session.scalar(
            select(Conversation.id).where(Conversation.id == conversation_id, Conversation.team_id == team_id)
        )
        if owner is None:
            raise LookupError(f"conversation {conversation_id} not found")
    statement = (
        _insert(session, Decision)
        .values(
            team_id=team_id,
            conversation_id=conversation_id,
            recommended_system=advice.recommendation,
            chosen_system=chosen_system,
            rationale=rationale,
            decided_by=decided_by,
            knowledge_version=advice.knowledge_version,
            confidence=advice.confidence,
            advice=advice.model_dump(mode="json"),
            idempotency_key=idempotency_key,
            policy_version=advice.policy.version if advice.policy is not None else None,
            against_policy=advice.policy is not None and advice.policy.goes_against(chosen_system),
        )
        .on_conflict_do_nothing(index_elements=["team_id", "idempotency_key"])
        .returning(Decision)
    )
    try:
        inserted: Decision | None = (await session.scalars(statement)).one_or_none()
        if inserted is not None and conversation_id is not None:
            await session.execute(
                update(Conversation)
                .where(Conversation.id == conversation_id, Conversation.team_id == team_id)
                .values(status="decided", updated_at=func.now())
                .execution_options(synchronize_session=False)
            )
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    if inserted is not None:
        from bot import metrics

        metrics.decision_recorded(inserted.chosen_system, followed=not inserted.overridden)
        return inserted, True
    decision = await _fresh(
        session,
        select(Decision).where(Decision.team_id == team_id, Decision.idempotency_key == idempotency_key),
    )
    assert decision is not None  # inserted by whoever holds the key
    return decision, False


async def open_conversation_counts(session: AsyncSession) -> dict[str, int]:
    """Conversations still open (``active``, ``recommended``) across all teams, by status: for the metrics."""
    query = (
        select(Conversation.status, func.count())
        .where(Conversation.status.in_(("active", "recommended")))
        .group_by(Conversation.status)
    )
    counts = {str(status): int(count) for status, count in (await session.execute(query)).all()}
    await session.commit()
    return counts


async def get_decision(session: AsyncSession, *, team_id: str, decision_id: int) -> Decision | None:
    return await _fresh(
        session, select(Decision).where(Decision.id == decision_id, Decision.team_id == team_id)
    )


async def decision_for_conversation(
    session: AsyncSession, *, team_id: str, conversation_id: int
) -> Decision | None:
    """The latest decision recorded in a conversation, if any."""
    return await _fresh(
        session,
        select(Decision)
        .where(Decision.team_id == team_id, Decision.conversation_id == conversation_id)
        .order_by(Decision.created_at.desc(), Decision.id.desc())
        .limit(1),
    )


async def set_decision_permalink(session: AsyncSession, *, team_id: str, decision_id: int, permalink: str) -> None:
    """Store the thread's permalink with the decision (asked of Slack once, when it is recorded)."""
    await session.execute(
        update(Decision)
        .where(Decision.id == decision_id, Decision.team_id == team_id)
        .values(permalink=permalink)
        .execution_options(synchronize_session=False)
    )
    await session.commit()


async def history(
    session: AsyncSession,
    *,
    team_id: str,
    system: str | Sequence[str] | None = None,
    since: datetime | date | None = None,
    until: datetime | date | None = None,
    text: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Decision]:
    """The team's decisions, newest first.

    ``system`` matches the chosen system (or any of several); ``since`` is inclusive and ``until``
    exclusive (a ``date`` for ``until`` includes that whole day, UTC); ``text``
    matches rationale, chosen or recommended system and who decided,
    case-insensitively.
    """
    query = select(Decision).where(Decision.team_id == team_id)
    if system:
        query = query.where(Decision.chosen_system.in_([system] if isinstance(system, str) else list(system)))
    if since is not None:
        query = query.where(Decision.created_at >= _as_utc(since))
    if until is not None:
        end = _as_utc(until) + (timedelta(days=1) if not isinstance(until, datetime) else timedelta(0))
        query = query.where(Decision.created_at < end)
    if text:
        query = query.where(
            or_(
                Decision.rationale.icontains(text, autoescape=True),
                Decision.chosen_system.icontains(text, autoescape=True),
                Decision.recommended_system.icontains(text, autoescape=True),
                Decision.decided_by.icontains(text, autoescape=True),
            )
        )
    query = query.order_by(Decision.created_at.desc(), Decision.id.desc()).limit(limit).offset(offset)
    return list((await session.scalars(query)).all())


async def latest_decisions(session: AsyncSession, *, team_id: str, limit: int = 10) -> list[Decision]:
    return await history(session, team_id=team_id, limit=limit)


# --- follow-ups and deliveries ------------------------------------------------------------------


async def record_followup(
    session: AsyncSession,
    *,
    team_id: str,
    conversation_id: int | None,
    user_id: str,
    question_text: str,
    topic: str | None,
    covered: bool,
) -> Followup:
    followup = Followup(
        team_id=team_id,
        conversation_id=conversation_id,
        user_id=user_id,
        question_text=question_text,
        topic=topic,
        covered=covered,
    )
    session.add(followup)
    await session.commit()
    await session.refresh(followup)
    return followup


async def followups(
    session: AsyncSession,
    *,
    team_id: str,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 200,
) -> list[Followup]:
    query = select(Followup).where(Followup.team_id == team_id)
    if since is not None:
        query = query.where(Followup.created_at >= since)
    if until is not None:
        query = query.where(Followup.created_at < until)
    query = query.order_by(Followup.created_at.desc(), Followup.id.desc()).limit(limit)
    return list((await session.scalars(query)).all())


async def mark_delivery(session: AsyncSession, *, team_id: str, delivery_key: str) -> bool:
    """True the first time a Slack delivery is seen, False for a retry or another replica's copy."""
    statement = (
        _insert(session, SlackDelivery)
        .values(team_id=team_id, delivery_key=delivery_key)
        .on_conflict_do_nothing(index_elements=["team_id", "delivery_key"])
        .returning(SlackDelivery.delivery_key)
    )
    try:
        inserted = (await session.execute(statement)).scalar_one_or_none()
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    return inserted is not None


async def prune_deliveries(session: AsyncSession, *, before: datetime) -> int:
    """Forget the deliveries received before ``before`` (every team's); returns how many.

    A delivery id only has to be remembered while Slack may deliver it again; past
    that, the table would grow with every event and click for as long as the app runs.
    """
    statement = delete(SlackDelivery).where(SlackDelivery.received_at < before)
    result = await execute_committed(session, statement)
    return int(result.rowcount or 0)


# --- helpers ---------------------------------------------------------------------------------


def _insert(session: AsyncSession, model: type[Any]) -> Any:
    """The dialect's INSERT (it has ``on_conflict_do_nothing``) for SQLite or PostgreSQL."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model)
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(model)
    raise NotImplementedError(f"unsupported database dialect {name!r}")


async def _fresh(session: AsyncSession, query: Select[Any]) -> Any:
    """One row or None, overwriting whatever the session's identity map holds."""
    return (await session.scalars(query.execution_options(populate_existing=True))).first()


def _eq_or_null(column: Any, value: str | None) -> ColumnElement[bool]:
    return cast(ColumnElement[bool], column.is_(None) if value is None else column == value)


def _as_utc(moment: datetime | date) -> datetime:
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time.min, tzinfo=UTC)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
