"""Alembic migrations on SQLite and PostgreSQL: from empty, round trip, and models in step."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import inspect

from bot.store import repo
from bot.store.db import current_revision, downgrade, engine_for, ensure_schema, session_factory
from bot.store.models import Base

TABLES = {
    "conversations",
    "answers",
    "decisions",
    "followups",
    "digest_settings",
    "digest_runs",
    "slack_deliveries",
    "slack_installations",
    "slack_oauth_states",
    "policies",
}


async def _tables(url: str) -> set[str]:
    async with engine_for(url).connect() as conn:
        return set(await conn.run_sync(lambda sync: inspect(sync).get_table_names()))


def _head(url: str) -> str:
    from alembic.script import ScriptDirectory

    from bot.store.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert head is not None
    return head


async def test_upgrade_from_an_empty_database_creates_every_table(empty_db_url: str) -> None:
    await ensure_schema(empty_db_url)

    assert await _tables(empty_db_url) == TABLES | {"alembic_version"}
    assert await current_revision(empty_db_url) == _head(empty_db_url)


async def test_the_open_question_migration_adds_and_removes_its_columns(empty_db_url: str) -> None:
    await ensure_schema(empty_db_url)
    await downgrade(empty_db_url, "0001")
    assert "question_ts" not in await _columns(empty_db_url, "conversations")
    await ensure_schema(empty_db_url)
    assert {"question_ts", "question_id"} <= await _columns(empty_db_url, "conversations")


async def test_the_policies_migration_adds_and_removes_its_table_and_columns(empty_db_url: str) -> None:
    await ensure_schema(empty_db_url)
    await downgrade(empty_db_url, "0003")
    assert "policies" not in await _tables(empty_db_url)
    assert not {"policy_version", "against_policy"} & await _columns(empty_db_url, "decisions")
    await ensure_schema(empty_db_url)
    assert "policies" in await _tables(empty_db_url)
    assert {"policy_version", "against_policy"} <= await _columns(empty_db_url, "decisions")


async def test_the_installations_migration_adds_and_removes_its_tables(empty_db_url: str) -> None:
    await ensure_schema(empty_db_url)
    await downgrade(empty_db_url, "0002")
    assert not {"slack_installations", "slack_oauth_states"} & await _tables(empty_db_url)
    await ensure_schema(empty_db_url)
    assert {"slack_installations", "slack_oauth_states"} <= await _tables(empty_db_url)


async def _columns(url: str, table: str) -> set[str]:
    async with engine_for(url).connect() as conn:
        return set(await conn.run_sync(lambda sync: {c["name"] for c in inspect(sync).get_columns(table)}))


async def test_upgrading_twice_changes_nothing(empty_db_url: str) -> None:
    await ensure_schema(empty_db_url)
    async with session_factory(empty_db_url)() as session:
        await repo.start_conversation(session, team_id="T", channel_id="C", thread_ts="1", started_by="U")

    await ensure_schema(empty_db_url)

    async with session_factory(empty_db_url)() as session:
        assert len(await repo.recent_conversations(session, team_id="T")) == 1


async def test_downgrade_to_base_and_upgrade_to_head_round_trips(empty_db_url: str) -> None:
    await ensure_schema(empty_db_url)

    await downgrade(empty_db_url, "base")
    assert await _tables(empty_db_url) == {"alembic_version"}
    assert await current_revision(empty_db_url) is None

    await ensure_schema(empty_db_url)
    assert await _tables(empty_db_url) == TABLES | {"alembic_version"}
    async with session_factory(empty_db_url)() as session:
        conversation = await repo.start_conversation(
            session, team_id="T", channel_id="C", thread_ts="1", started_by="U"
        )
        assert conversation.id == 1


async def test_the_models_and_the_migrations_describe_the_same_schema(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    def diff(sync_conn: Any) -> list[Any]:
        context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with engine_for(db_url).connect() as conn:
        assert await conn.run_sync(diff) == []


_EARLIER_REVISIONS = ["0001", "0002", "0003", "0004", "0005", "0006", "0007"]

# Rows every revision has, written in the columns of the first one: a decided conversation with
# two answers, its decision and a follow-up question.
_SEED = [
    "INSERT INTO conversations (id, team_id, channel_id, thread_ts, started_by, status, state, version)"
    " VALUES (1, 'T', 'C', '1.1', 'U', 'decided', '{}', 2)",
    "INSERT INTO answers (conversation_id, team_id, kind, question, value, source, user_id, version)"
    " VALUES (1, 'T', 'answer', 'persistence', 'yes', 'button', 'U', 1),"
    " (1, 'T', 'answer', 'latency', 'low-ms', 'button', 'U', 2)",
    "INSERT INTO decisions (team_id, conversation_id, recommended_system, chosen_system, rationale,"
    " decided_by, knowledge_version, confidence, advice, idempotency_key)"
    " VALUES ('T', 1, 'kafka', 'kafka', '', 'U', 'k', 0.9, '{}', 'd1')",
    "INSERT INTO followups (team_id, conversation_id, user_id, question_text, covered)"
    " VALUES ('T', 1, 'U', 'does kafka need zookeeper?', true)",
]


async def _stored(url: str) -> dict[str, Any]:
    from sqlalchemy import text

    async with engine_for(url).connect() as conn:

        async def rows(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(row) for row in (await conn.execute(text(sql))).all()]

        return {
            "conversations": await rows("SELECT id, status, version FROM conversations"),
            "answers": await rows("SELECT conversation_id, question, value FROM answers ORDER BY version"),
            "decisions": await rows("SELECT conversation_id, chosen_system FROM decisions"),
            "followups": await rows("SELECT conversation_id, question_text FROM followups"),
        }


@pytest.mark.parametrize("revision", _EARLIER_REVISIONS)
async def test_rolling_back_to_an_earlier_revision_and_upgrading_again_keeps_every_row(
    empty_db_url: str, revision: str
) -> None:
    """`msgchoice db downgrade REV` is the documented way back (docs/DEPLOY.md, Upgrading): with data
    in the database, going back to each earlier revision and up again loses nothing and unlinks nothing."""
    from sqlalchemy import text

    await ensure_schema(empty_db_url)
    async with engine_for(empty_db_url).begin() as conn:
        for statement in _SEED:
            await conn.execute(text(statement))
    before = await _stored(empty_db_url)
    assert len(before["answers"]) == 2 and before["decisions"] == [(1, "kafka")]

    await downgrade(empty_db_url, revision)
    assert await current_revision(empty_db_url) == revision
    assert await _stored(empty_db_url) == before

    await ensure_schema(empty_db_url)
    assert await _stored(empty_db_url) == before
    if empty_db_url.startswith("sqlite"):  # the pooled connection the migration used enforces references again
        async with engine_for(empty_db_url).connect() as conn:
            assert (await conn.exec_driver_sql("PRAGMA foreign_keys")).scalar() == 1


async def test_rows_orphaned_by_hand_do_not_stop_a_sqlite_migration(tmp_path: Any) -> None:
    """The sqlite3 shell runs with foreign keys off: a conversation deleted there leaves its answers referring
    to nothing. The migration's own check (it runs with foreign keys off too) counts only what it broke."""
    import sqlite3

    url = f"sqlite+aiosqlite:///{tmp_path / 'msgchoice.db'}"
    await ensure_schema(url)
    await downgrade(url, "0006")
    with sqlite3.connect(tmp_path / "msgchoice.db") as shell:  # foreign keys off, as in the sqlite3 shell
        shell.executescript(";\n".join(_SEED[:2]) + ";\nDELETE FROM conversations;")

    await ensure_schema(url)

    assert await current_revision(url) == _head(url)
    stored = await _stored(url)
    assert (stored["conversations"], len(stored["answers"])) == ([], 2)
