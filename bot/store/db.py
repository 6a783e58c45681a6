"""Engines, sessions and schema management.

- :func:`engine_for` / :func:`session_factory`: one cached async engine per URL
  (aiosqlite for the embedded SQLite default, asyncpg for PostgreSQL).
- :func:`ensure_schema`: runs the Alembic migrations up to head,
  programmatically (no ``alembic.ini`` needed in the working directory).  It
  creates the default SQLite file and its directory on first use, and refuses
  a database that has tables but was never migrated by msgchoice.
- :class:`DatabaseError`: one line naming the database (password masked),
  for the CLI to print instead of a traceback.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import event, inspect
from sqlalchemy.engine import URL, Connection, CursorResult, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.sql import Executable

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any constant will do: serialises `db upgrade` across replicas sharing one PostgreSQL.
_PG_MIGRATION_LOCK = 0x6D736763  # "msgc"
CONNECT_TIMEOUT_S = 5.0
STATEMENT_TIMEOUT_S = 5.0
log = logging.getLogger("msgchoice.db")

T = TypeVar("T")


class DatabaseError(Exception):
    """The database cannot be used: unreachable, corrupt, foreign or at an unknown revision."""

    def __init__(self, url: str | URL, problem: str) -> None:
        self.database = describe(url)
        self.problem = " ".join(problem.split())  # always one line
        super().__init__(f"database {self.database}: {self.problem}")


BAD_URL = (
    "not a valid database URL (dialect+driver://user:password@host:port/database; "
    "an @, :, / or % in the user name or password must be percent-encoded, e.g. @ as %40)"
)


def describe(url: str | URL) -> str:
    """The URL as safe to print: the password masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number (or an @ in the password)
        return "<unparseable database URL>"


def resolve_url(url: str | None = None) -> str:
    """``url``, or ``DATABASE_URL`` / the default SQLite file; sync driver names become async ones."""
    if url is None:
        from bot.settings import get_settings

        url = get_settings().database_url
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        # Nothing of the URL is shown: SQLAlchemy's ValueError quotes the "port" it found, which for a
        # password with an @ in it is the rest of the password.
        raise DatabaseError(url, BAD_URL) from None
    driver = parsed.drivername
    if driver in ("postgres", "postgresql", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    elif driver in ("sqlite", "sqlite+pysqlite"):
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif driver not in ("postgresql+asyncpg", "postgresql+psycopg", "sqlite+aiosqlite"):
        raise DatabaseError(url, f"unsupported driver {driver!r}; use sqlite+aiosqlite or postgresql+asyncpg")
    if parsed.drivername == "postgresql+asyncpg":
        parsed = _asyncpg_query(url, parsed)
    return parsed.render_as_string(hide_password=False)


# What asyncpg.connect() takes from the URL's query (SQLAlchemy passes each one on as a keyword).
_ASYNCPG_QUERY = frozenset({
    "host", "port", "user", "password", "passfile", "service", "servicefile", "database", "timeout",
    "statement_cache_size", "max_cached_statement_lifetime", "max_cacheable_statement_size", "command_timeout",
    "ssl", "direct_tls", "server_settings", "target_session_attrs", "krbsrvname", "gsslib",
    "prepared_statement_cache_size",
})


def _asyncpg_query(url: str, parsed: URL) -> URL:
    """libpq's ``sslmode`` (in the URLs managed PostgreSQL services hand out) as asyncpg's ``ssl``, which takes
    the same values; any other parameter asyncpg does not take is named (asyncpg would raise a TypeError)."""
    query = dict(parsed.query)
    if "sslmode" in query:
        mode = query.pop("sslmode")
        query.setdefault("ssl", mode)
        parsed = parsed.set(query=query)
    unknown = sorted(set(query) - _ASYNCPG_QUERY)
    if unknown:
        raise DatabaseError(
            url,
            f"the URL has parameters that asyncpg does not take: {', '.join(unknown)} "
            "(for TLS use ssl=require or sslmode=require)",
        )
    return parsed


def missing_database(url: str | None = None) -> Path | None:
    """The file of an SQLite database that does not exist: a command that only reads has nothing to
    read there and must not create it (a mistyped ``DATABASE_URL`` would leave an empty database that
    later commands take for the real one).  None for a file that exists and for a server's URL."""
    path = _sqlite_path(resolve_url(url))
    return path if path is not None and not path.exists() else None


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


_engines: dict[str, AsyncEngine] = {}


def engine_for(url: str | None = None) -> AsyncEngine:
    """The process-wide async engine for ``url`` (created on first use)."""
    resolved = resolve_url(url)
    engine = _engines.get(resolved)
    if engine is None:
        engine = _create_engine(resolved)
        _engines[resolved] = engine
    return engine


def _create_engine(url: str) -> AsyncEngine:
    parsed = make_url(url)
    # A failed statement's message never carries its parameters (user text) into logs and tracebacks.
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": 30}
    elif parsed.drivername == "postgresql+asyncpg":
        # Every call is bounded: connecting, waiting for a pooled connection, and each statement, so a
        # hung database costs a request seconds (then "could not save"), never an unbounded wait.
        kwargs["connect_args"] = {"timeout": CONNECT_TIMEOUT_S, "command_timeout": STATEMENT_TIMEOUT_S}
        kwargs["pool_timeout"] = CONNECT_TIMEOUT_S
        kwargs["pool_pre_ping"] = True
    engine = create_async_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
    event.listen(engine.sync_engine, "handle_error", _count_error)
    return engine


def _count_error(context: Any) -> None:
    """Every error the engine sees (connection lost, constraint, timeout …) counts in the metrics.

    Not the schema probe of :func:`ensure_schema`, which expects to fail on a new database.
    """
    execution = getattr(context, "execution_context", None)
    if execution is not None and execution.execution_options.get("msgchoice_probe"):
        return
    from bot import metrics

    metrics.database_error(context.original_exception)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Per-connection settings only: nothing here writes to the file (WAL is
    # switched on once, by ensure_schema, after the file is known to be ours).
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def session_factory(url: str | None = None) -> async_sessionmaker[AsyncSession]:
    """Sessions bound to the cached engine for ``url``; objects stay usable after commit."""
    return async_sessionmaker(engine_for(url), expire_on_commit=False)


@asynccontextmanager
async def session_scope(url: str | None = None) -> AsyncIterator[AsyncSession]:
    """A session that commits on success and rolls back on error."""
    async with session_factory(url)() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


async def execute_committed(session: AsyncSession, statement: Executable) -> CursorResult[Any]:
    """Run one UPDATE or DELETE and commit it, rolling back on any failure; its result (``rowcount``)."""
    try:
        result = cast(CursorResult[Any], await session.execute(statement))
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    return result


async def dispose_engines() -> None:
    """Close every cached engine (tests, and the end of a CLI command)."""
    engines = list(_engines.values())
    _engines.clear()
    for engine in engines:
        await engine.dispose()


def alembic_config(url: str) -> Any:
    """An Alembic ``Config`` built in code: works from an installed package, no alembic.ini."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _check_not_foreign(connection: Connection) -> None:
    tables = set(inspect(connection).get_table_names())
    if tables and "alembic_version" not in tables:
        shown = ", ".join(sorted(tables)[:3]) + (" …" if len(tables) > 3 else "")
        raise _Refused(
            f"has tables ({shown}) but no alembic_version: not a msgchoice database, refusing to migrate it"
        )


class _Refused(Exception):
    pass


def _upgrade(connection: Connection, url: str, revision: str) -> None:
    from alembic import command

    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
    _check_not_foreign(connection)
    config = alembic_config(url)
    _check_not_newer(connection, config)
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _check_not_newer(connection: Connection, config: Any) -> None:
    """A database a newer msgchoice migrated (an image rolled back without its downgrade) is named as such."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    current = MigrationContext.configure(connection).get_current_revision()
    script = ScriptDirectory.from_config(config)
    if current is None or current in {rev.revision for rev in script.walk_revisions()}:
        return
    head = script.get_current_head()
    raise _Refused(
        f"is at revision {current}, which this version of msgchoice does not know (its latest is {head}): "
        f"a newer version migrated it. Deploy that version again, or run its `msgchoice db downgrade {head}` "
        "before this one starts (docs/DEPLOY.md, Upgrading)"
    )


def _downgrade(connection: Connection, url: str, revision: str) -> None:
    from alembic import command

    _check_not_foreign(connection)
    config = alembic_config(url)
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


def _current(connection: Connection, url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


async def _run(url: str, work: Callable[[Connection, str], T], *, migration: bool = False) -> T:
    from alembic.util.exc import CommandError as AlembicCommandError

    engine = engine_for(url)
    try:
        if migration and make_url(url).get_backend_name() == "sqlite":
            return await _run_sqlite_migration(engine, url, work)
        async with engine.begin() as conn:
            return await conn.run_sync(work, url)
    except _Refused as exc:
        raise DatabaseError(url, str(exc)) from None
    except AlembicCommandError as exc:
        raise DatabaseError(url, f"migration failed: {exc}") from None
    except (TimeoutError, SQLAlchemyError, OSError) as exc:
        raise DatabaseError(url, reason(exc)) from None


async def _run_sqlite_migration(engine: AsyncEngine, url: str, work: Callable[[Connection, str], T]) -> T:
    """``work`` with SQLite's foreign keys off, as SQLite requires for changing a table's columns.

    Alembic changes a SQLite table by copying it and dropping the original; with
    ``PRAGMA foreign_keys=ON`` (every connection of ours) that drop deletes the
    rows that refer to it (``answers`` cascade) and unlinks the rest
    (``decisions``, ``followups``).  The pragma only takes effect outside a
    transaction, so it is switched off before and back on after; the references
    are checked before the commit.

    ``BEGIN IMMEDIATE`` takes the file's write lock before anything is read, so
    processes starting together on a new file migrate it one after the other
    (the later ones find it current), as PostgreSQL's advisory lock does; and
    a migration interrupted halfway leaves the file as it was.
    """
    async with engine.connect() as conn:
        await conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        await conn.commit()
        try:
            await conn.exec_driver_sql("BEGIN IMMEDIATE")
            # Rows that already refer to nothing (deleted by hand with the sqlite3 shell, whose foreign
            # keys are off) are not the migration's doing and must not stop it.
            before = len((await conn.exec_driver_sql("PRAGMA foreign_key_check")).all())
            result = await conn.run_sync(work, url)
            after = len((await conn.exec_driver_sql("PRAGMA foreign_key_check")).all())
            if after > before:
                raise _Refused(f"migration would leave {after - before} rows referring to rows that do not exist")
            await conn.commit()
        except BaseException:
            await conn.rollback()
            raise
        finally:
            await conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            await conn.commit()
        return result


# What a database that is down, unreachable or too slow raises (asyncpg's own errors come wrapped).
UNAVAILABLE = (TimeoutError, SQLAlchemyError, OSError)


def reason(exc: BaseException) -> str:
    """A short, one-line reason from a driver exception (no SQL, no parameters, no traceback)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if "file is not a database" in text or "malformed" in text:
        return f"not a SQLite database or corrupt ({text})"
    if isinstance(orig, ConnectionRefusedError) or "Connect call failed" in text or "refused" in text:
        return f"cannot connect ({text})"
    if isinstance(orig, TimeoutError):
        return f"cannot connect (timed out after {CONNECT_TIMEOUT_S:g} s)"
    return text


@asynccontextmanager
async def database_errors(url: str) -> AsyncIterator[None]:
    """Turn driver failures inside the block into a one-line :class:`DatabaseError`."""
    try:
        yield
    except DatabaseError:
        raise
    except (TimeoutError, SQLAlchemyError, OSError) as exc:
        raise DatabaseError(url, reason(exc)) from None


async def is_reachable(sessions: async_sessionmaker[AsyncSession], *, within: float = 2.0) -> bool:
    """``SELECT 1`` within ``within`` seconds: the health check.  The reason of a failure is logged, not the URL."""
    from sqlalchemy import text

    try:
        async with asyncio.timeout(within), sessions() as session:
            await session.execute(text("SELECT 1"))
    except TimeoutError:
        log.warning("database health check failed: no answer within %g s", within)
        return False
    except (SQLAlchemyError, OSError) as exc:
        log.warning("database health check failed: %s", reason(exc))
        return False
    return True


_REVISION = re.compile(r"""^revision(?:\s*:[^=]+)?\s*=\s*["']([^"']+)["']""", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(.+)$", re.MULTILINE)


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The newest migration's revision, read from the migration files' text (Alembic is not imported).

    None when the files cannot be read that way or do not have exactly one
    head: the caller then lets Alembic decide.  A test keeps it equal to
    Alembic's own answer.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        parents.update(re.findall(r"""["']([^"']+)["']""", down.group(1)))
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


async def _is_current(url: str) -> bool:
    """True when the database's ``alembic_version`` is the head: one query, no Alembic."""
    from sqlalchemy import text

    head = head_revision()
    if head is None:
        return False
    try:
        async with engine_for(url).connect() as connection:
            probe = await connection.execution_options(msgchoice_probe=True)
            stored = (await probe.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
    except (TimeoutError, SQLAlchemyError, OSError):
        return False  # no such table yet, or unreachable: the full path below says which
    return list(stored) == [head]


async def ensure_schema(url: str | None = None) -> str:
    """Create (SQLite) and migrate the database to the latest revision; returns the resolved URL.

    A database already at the latest revision costs one query (the revision
    read from ``alembic_version`` against the migration files); Alembic is
    loaded only to migrate.  Raises :class:`DatabaseError` when the database
    is unreachable, corrupt, foreign (tables but no ``alembic_version``) or at
    an unknown revision.  Nothing is written before those checks pass.
    """
    resolved = resolve_url(url)
    path = _sqlite_path(resolved)
    if (path is None or path.is_file()) and await _is_current(resolved):
        return resolved
    if path is not None:
        if path.exists() and not path.is_file():
            raise DatabaseError(resolved, "is not a file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(resolved, f"cannot create its directory ({exc.strerror})") from None
    await _run(resolved, lambda conn, u: _upgrade(conn, u, "head"), migration=True)
    if path is not None:
        await _use_wal(resolved)
    return resolved


async def _use_wal(url: str, *, within: float = 30.0) -> None:
    """Switch the SQLite file to WAL (a no-op once it is).

    Changing the journal mode needs the file to itself and answers "database is
    locked" at once, without waiting like other statements, while another
    process holds it (one starting at the same time, checking or migrating the
    schema); so it is tried again for up to ``within`` seconds.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        try:
            async with engine_for(url).connect() as connection:
                quiet = await connection.execution_options(msgchoice_probe=True)
                await quiet.exec_driver_sql("PRAGMA journal_mode=WAL")
            return
        except UNAVAILABLE as exc:
            if "database is locked" not in str(exc) or loop.time() >= deadline:
                raise DatabaseError(url, reason(exc)) from None
        await asyncio.sleep(0.05)


async def downgrade(url: str | None, revision: str) -> str:
    resolved = resolve_url(url)
    await _run(resolved, lambda conn, u: _downgrade(conn, u, revision), migration=True)
    return resolved


async def current_revision(url: str | None = None) -> str | None:
    resolved = resolve_url(url)
    return await _run(resolved, _current)


def run_sync(factory: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine from sync code (the CLI), disposing the engines afterwards."""

    async def main() -> T:
        try:
            return await factory()
        finally:
            await dispose_engines()

    return asyncio.run(main())
