"""Database fixtures shared by every test folder (loaded from tests/conftest.py).

- ``migrated_db_url`` (sync): a fresh database migrated to head, once for
  SQLite (a copy of a file migrated once per session) and once for the real
  PostgreSQL (a uniquely named database migrated once per session with the
  Alembic migrations and emptied after each test).
- ``db_url`` (async): the same URL; the cached engines are disposed in the
  test's own event loop afterwards.
- ``session_factory`` (async): an ``async_sessionmaker`` bound to ``db_url``.
- ``empty_db_url`` (sync): a database with nothing in it, for migration tests.

PostgreSQL comes from ``MSGCHOICE_TEST_PG_URL`` (default
``postgresql+asyncpg://postgres@127.0.0.1:5432/test``).  When it cannot be
reached the PostgreSQL half of each test is skipped with the reason, except
when ``CI`` is set, where it fails.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

PG_DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
BACKENDS = ["sqlite", "postgresql"]
TABLES = [
    "answers",
    "decisions",
    "followups",
    "conversations",
    "digest_runs",
    "digest_settings",
    "slack_deliveries",
    "slack_installations",
    "slack_oauth_states",
    "policies",
]


def pg_base_url() -> Any:
    from sqlalchemy.engine import make_url

    return make_url(os.environ.get("MSGCHOICE_TEST_PG_URL", PG_DEFAULT_URL))


def _plain_dsn(url: Any) -> str:
    """An asyncpg DSN (no SQLAlchemy driver suffix) for ``url``."""
    return str(url.set(drivername="postgresql").render_as_string(hide_password=False))


async def _pg_execute(url: Any, *statements: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(_plain_dsn(url), timeout=5)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


def create_pg_database() -> str:
    """Create a uniquely named empty database on the test server; returns its async URL."""
    import asyncpg

    from bot.store.db import describe

    base = pg_base_url()
    name = f"msgchoice_test_{uuid.uuid4().hex[:16]}"
    try:
        asyncio.run(_pg_execute(base, f'CREATE DATABASE "{name}"'))
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        reason = f"PostgreSQL at {describe(base)} is not usable ({exc}); set MSGCHOICE_TEST_PG_URL"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return str(base.set(drivername="postgresql+asyncpg", database=name).render_as_string(hide_password=False))


def drop_pg_database(url: str) -> None:
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    asyncio.run(_pg_execute(pg_base_url(), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(autouse=True)
def plaintext_tokens_allowed() -> Iterator[None]:
    """Store tests write Slack tokens without a key; a test that wants encryption configures its own cipher."""
    from bot.store import sealed

    sealed.configure(sealed.TokenCipher(allow_plaintext=True))
    yield
    sealed.configure(sealed.TokenCipher(allow_plaintext=True))


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[str]:
    """One PostgreSQL database per test session, migrated once with the real migrations."""
    from bot.store.db import ensure_schema, run_sync

    url = create_pg_database()
    try:
        run_sync(lambda: ensure_schema(url))
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per session; each test gets a copy."""
    from bot.store.db import ensure_schema, run_sync

    path = tmp_path_factory.mktemp("sqlite-template") / "msgchoice.db"
    run_sync(lambda: ensure_schema(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(params=BACKENDS)
def migrated_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: SQLite and PostgreSQL in turn."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "msgchoice.db"
        shutil.copyfile(template, path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    url: str = request.getfixturevalue("pg_database_url")
    try:
        yield url
    finally:
        from sqlalchemy.engine import make_url

        asyncio.run(_pg_execute(make_url(url), f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))


@pytest.fixture
async def db_url(migrated_db_url: str) -> AsyncIterator[str]:
    from bot.store.db import dispose_engines

    try:
        yield migrated_db_url
    finally:
        await dispose_engines()


@pytest.fixture
async def session_factory(db_url: str) -> Any:
    from bot.store.db import session_factory as factory

    return factory(db_url)


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no tables (a SQLite file not yet created, or a new PostgreSQL database)."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'new' / 'msgchoice.db'}"
        return
    url = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)
