"""CLI start-up: the schema check is a query when the database is current, and `advise` imports no server code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.store.db import MIGRATIONS_DIR, alembic_config, current_revision, downgrade, head_revision

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "MSGCHOICE_"))}
    environment.update({"PYTHONPATH": str(ROOT), **env})
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_head_read_from_the_migration_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    assert (MIGRATIONS_DIR / "versions").is_dir()
    assert head_revision() == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


SCHEMA_CHECK = """
import sys
from bot.store.db import ensure_schema, run_sync
run_sync(lambda: ensure_schema(sys.argv[-1] if len(sys.argv) > 1 else None))
print("alembic" in sys.modules)
"""


async def test_a_current_database_is_checked_without_loading_alembic(db_url: str) -> None:
    import asyncio

    loaded = await asyncio.to_thread(_python, SCHEMA_CHECK, DATABASE_URL=db_url)
    assert loaded == "False"


async def test_a_database_behind_head_is_migrated_on_first_use(db_url: str) -> None:
    import asyncio

    await downgrade(db_url, "0003")
    assert await current_revision(db_url) == "0003"

    loaded = await asyncio.to_thread(_python, SCHEMA_CHECK, DATABASE_URL=db_url)

    assert loaded == "True"  # it had to migrate
    assert await current_revision(db_url) == head_revision()


def test_a_new_sqlite_file_is_created_and_migrated(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'new' / 'msgchoice.db'}"
    assert _python(SCHEMA_CHECK, DATABASE_URL=url) == "True"
    assert _python(SCHEMA_CHECK, DATABASE_URL=url) == "False"  # the second time it is current


SERVER_MODULES = [
    "asyncio", "sqlalchemy", "alembic", "slack_bolt", "slack_sdk", "aiohttp", "prometheus_client",
    "cryptography", "jinja2", "rich", "logging", "getpass",
]


@pytest.mark.parametrize("args", [["--json", "CDC from Postgres into S3, 50k events/s"], ["--list"]])
def test_advise_imports_nothing_it_does_not_use(args: list[str]) -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "from bot.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['advise', *{args!r}])\n"
        f"print(json.dumps([code, sorted(m for m in {SERVER_MODULES!r} if m in sys.modules)]))\n"
    )
    code_and_loaded = json.loads(_python(code))
    assert code_and_loaded == [0, []]


async def test_a_database_a_newer_version_migrated_is_refused_with_what_to_do(empty_db_url: str) -> None:
    # An image rolled back without running the newer version's downgrade first.
    from sqlalchemy import text

    from bot.store.db import DatabaseError, dispose_engines, engine_for, ensure_schema

    await ensure_schema(empty_db_url)
    async with engine_for(empty_db_url).begin() as connection:
        await connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    try:
        with pytest.raises(DatabaseError) as refused:
            await ensure_schema(empty_db_url)
        message = str(refused.value)
        assert "is at revision 0099" in message and "does not know" in message
        assert f"msgchoice db downgrade {head_revision()}" in message
        assert "\n" not in message
        async with engine_for(empty_db_url).connect() as connection:  # nothing was changed
            stored = (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalar_one()
        assert stored == "0099"
    finally:
        await dispose_engines()


START_TOGETHER = """
import sys, time
import alembic.command  # loaded before the start line, so the processes reach the migration together
from bot.store.db import DatabaseError, ensure_schema, run_sync
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
try:
    run_sync(lambda: ensure_schema())
except DatabaseError as exc:
    print(exc)
    raise SystemExit(1)
print("ok")
"""


def test_processes_starting_together_on_a_new_database_all_migrate_it(empty_db_url: str) -> None:
    """A first start of several processes at once (`serve` and a `digest run` CronJob, two replicas, two
    `msgchoice ask` in two terminals) on a database with no tables: each one finds it migrated or migrates
    it, none fails with "table … already exists"."""
    import time

    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "MSGCHOICE_"))}
    environment.update({"PYTHONPATH": str(ROOT), "DATABASE_URL": empty_db_url, "MSGCHOICE_CACHE_DIR": "off"})
    start = str(time.time() + 4)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", START_TOGETHER, start], env=environment, cwd=ROOT, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    outcomes = [process.communicate(timeout=120) for process in processes]

    assert [(process.returncode, out.strip()) for process, (out, _err) in zip(processes, outcomes, strict=True)] == [
        (0, "ok")
    ] * 4, outcomes
    from bot.store.db import run_sync

    assert run_sync(lambda: current_revision(empty_db_url)) == head_revision()
