"""Alembic migrations on SQLite and PostgreSQL: from empty, round trip, and models in step."""

from __future__ import annotations

from typing import Any

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
