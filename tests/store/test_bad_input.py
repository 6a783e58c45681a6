"""A corrupt or foreign database, or an unreachable server: one line, non-zero exit, nothing touched."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import get_settings


@pytest.fixture
def use_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def use(url: str) -> None:
        monkeypatch.setenv("DATABASE_URL", url)
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("command", [["history"], ["db", "upgrade"], ["show", "1", "--adr"]])
def test_a_text_file_posing_as_sqlite_gives_one_line_and_stays_untouched(
    tmp_path: Path, use_database: Callable[[str], None], capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    before = _digest(path)
    use_database(f"sqlite+aiosqlite:///{path}")

    status = main(command)

    assert status == 1
    line = _one_error_line(capsys)
    assert str(path) in line and "not a SQLite database" in line
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


@pytest.mark.parametrize("command", [["history"], ["db", "upgrade"]])
def test_a_foreign_sqlite_database_is_refused_and_left_alone(
    tmp_path: Path, use_database: Callable[[str], None], capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "crm.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('ACME')")
    conn.close()
    before = _digest(path)
    use_database(f"sqlite:///{path}")

    status = main(command)

    assert status == 1
    line = _one_error_line(capsys)
    assert str(path) in line and "no alembic_version" in line and "customers" in line
    assert _digest(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall() == [("customers",)]
    conn.close()


def test_a_foreign_postgresql_database_is_refused_and_left_alone(
    use_database: Callable[[str], None], capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.db_fixtures import create_pg_database, drop_pg_database

    url = create_pg_database()
    try:
        asyncio.run(_pg(url, "CREATE TABLE customers (id int primary key)", "INSERT INTO customers VALUES (1)"))
        use_database(url)

        status = main(["db", "upgrade"])

        assert status == 1
        line = _one_error_line(capsys)
        assert "no alembic_version" in line
        assert asyncio.run(_pg_tables(url)) == ["customers"]
    finally:
        drop_pg_database(url)


async def _pg(url: str, *statements: str) -> None:
    from sqlalchemy.engine import make_url

    from tests.db_fixtures import _pg_execute

    await _pg_execute(make_url(url), *statements)


async def _pg_tables(url: str) -> list[str]:
    import asyncpg
    from sqlalchemy.engine import make_url

    conn = await asyncpg.connect(make_url(url).set(drivername="postgresql").render_as_string(False))
    try:
        rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return sorted(r["tablename"] for r in rows)
    finally:
        await conn.close()


@pytest.mark.parametrize("command", [["history"], ["db", "upgrade"]])
def test_an_unreachable_postgresql_gives_one_line_with_the_password_masked(
    use_database: Callable[[str], None], capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    use_database("postgresql://alice:s3cret-pw@127.0.0.1:1/decisions")

    status = main(command)

    assert status == 1
    line = _one_error_line(capsys)
    assert "postgresql+asyncpg://alice:***@127.0.0.1:1/decisions" in line
    assert "s3cret-pw" not in line
    assert "cannot connect" in line


def test_a_database_url_with_an_unknown_driver_is_one_line(
    use_database: Callable[[str], None], capsys: pytest.CaptureFixture[str]
) -> None:
    use_database("mysql://bob:hunter2@db/x")

    assert main(["history"]) == 1
    line = _one_error_line(capsys)
    assert "unsupported driver" in line and "hunter2" not in line


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("postgresql://alice:p@ss:w0rd@db.internal:5432/decisions", "w0rd"),  # @ and : in the password, not encoded
        ("postgresql://alice:s3cret@db.internal:5432x/decisions", "s3cret"),  # a port that is not a number
        ("postgresql://alice:s3cret@[fd00::1:5432/decisions", "s3cret"),  # an IPv6 host with its ] missing
    ],
)
@pytest.mark.parametrize("command", [["history"], ["db", "upgrade"]])
def test_a_malformed_database_url_is_one_line_that_shows_no_part_of_the_password(
    use_database: Callable[[str], None], capsys: pytest.CaptureFixture[str], url: str, secret: str, command: list[str]
) -> None:
    """A password with an @ is the usual way to meet this: SQLAlchemy's ValueError escaped as a traceback
    quoting the text after the @ it split at, part of the password, into the terminal or the pod's log."""
    use_database(url)

    assert main(command) == 1
    line = _one_error_line(capsys)
    assert "not a valid database URL" in line and "percent-encoded" in line
    assert secret not in line
    assert secret not in repr(get_settings())  # as `serve` logs its settings


def test_a_libpq_sslmode_in_a_postgresql_url_is_taken_as_asyncpgs_ssl(
    pg_database_url: str, use_database: Callable[[str], None], capsys: pytest.CaptureFixture[str]
) -> None:
    """Managed PostgreSQL services hand out URLs ending in ?sslmode=require, which asyncpg calls ssl=require:
    it was passed through as is, and every command stopped with a TypeError traceback."""
    use_database(f"{pg_database_url}?sslmode=disable")

    assert main(["history"]) == 0
    assert "No decisions" in capsys.readouterr().out


def test_a_postgresql_url_parameter_the_driver_does_not_take_is_one_line_naming_it(
    use_database: Callable[[str], None], capsys: pytest.CaptureFixture[str]
) -> None:
    use_database("postgresql://alice:s3cret@127.0.0.1:1/decisions?connect_timeout=10&application_name=msgchoice")

    assert main(["history"]) == 1
    line = _one_error_line(capsys)
    assert "application_name, connect_timeout" in line and "s3cret" not in line


def test_the_default_sqlite_file_and_its_directory_are_created_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("MSGCHOICE_HOME", str(tmp_path / "home" / "msgchoice"))
    get_settings.cache_clear()
    try:
        assert main(["history"]) == 0  # reading creates nothing: there is nothing recorded yet
        assert not (tmp_path / "home").exists()
        assert "No decisions for team 'local' yet." in capsys.readouterr().out
        assert main(["db", "upgrade"]) == 0  # the first command that writes creates it
    finally:
        get_settings.cache_clear()

    assert (tmp_path / "home" / "msgchoice" / "msgchoice.db").is_file()
