"""Record a terminal (``msgchoice ask``) session: conversation, answer events and decision.

Imported only by ``msgchoice ask`` after the conversation is over, so the
store stays out of ``advise``'s import path.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from bot.advisor.advice import Advice
    from bot.advisor.machine import Step

CLI_CHANNEL = "cli"


async def record_terminal_session(
    url: str | None,
    *,
    team_id: str,
    user: str,
    steps: list[Step],
    advice: Advice,
    chosen_system: str,
    rationale: str,
    free_text: str | None,
) -> int:
    """Store the session and its decision; returns the decision id.

    ``url`` None means ``DATABASE_URL`` or the default SQLite file, which is
    created and migrated here on first use.  Raises
    :class:`bot.store.db.DatabaseError` (one line) when the database cannot be used.
    """
    from sqlalchemy.ext.asyncio import AsyncSession

    from bot.store.db import database_errors, engine_for, ensure_schema

    resolved = await ensure_schema(url)
    run_id = uuid.uuid4().hex
    # One transaction for the whole session: the repository functions' commits only release savepoints,
    # so a failure at any step (the decision is the last write) leaves nothing of it behind.  SQLite's
    # driver starts no transaction of its own before a SAVEPOINT, hence the explicit BEGIN (IMMEDIATE:
    # the write lock now, so two sessions never each hold a read snapshot and wait on the other).
    async with database_errors(resolved), engine_for(resolved).connect() as connection:
        if connection.dialect.name == "sqlite":
            await connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            await connection.begin()
        session = AsyncSession(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
        try:
            decision_id = await _record(
                session, run_id, team_id=team_id, user=user, steps=steps, advice=advice,
                chosen_system=chosen_system, rationale=rationale, free_text=free_text,
            )
            await connection.commit()
        except BaseException:
            await connection.rollback()
            raise
        finally:
            await session.close()
        return decision_id


async def _record(
    session: AsyncSession,
    run_id: str,
    *,
    team_id: str,
    user: str,
    steps: list[Step],
    advice: Advice,
    chosen_system: str,
    rationale: str,
    free_text: str | None,
) -> int:
    from bot.store import repo

    conversation = await repo.start_conversation(
        session,
        team_id=team_id,
        channel_id=CLI_CHANNEL,
        thread_ts=run_id,
        started_by=user,
        free_text=free_text,
    )
    version = conversation.version
    for step in steps:
        result = await repo.apply_answer(
            session,
            team_id=team_id,
            conversation_id=conversation.id,
            expected_version=version,
            question=step.question,
            value=step.value,
            source=step.source,
            user_id=user,
            span=step.span,
            text=step.text,
        )
        assert result.ok and result.conversation is not None  # nobody else writes this conversation
        version = result.conversation.version
    decision, _created = await repo.record_decision(
        session,
        team_id=team_id,
        idempotency_key=f"cli:{run_id}",
        conversation_id=conversation.id,
        advice=advice,
        chosen_system=chosen_system,
        rationale=rationale,
        decided_by=user,
    )
    return decision.id


def record_terminal_session_sync(
    url: str | None,
    *,
    team_id: str,
    user: str,
    steps: list[Step],
    advice: Advice,
    chosen_system: str,
    rationale: str,
    free_text: str | None,
) -> int:
    """:func:`record_terminal_session` for sync callers (``asyncio.run``)."""
    from bot.store.db import run_sync

    return run_sync(
        lambda: record_terminal_session(
            url,
            team_id=team_id,
            user=user,
            steps=steps,
            advice=advice,
            chosen_system=chosen_system,
            rationale=rationale,
            free_text=free_text,
        )
    )
