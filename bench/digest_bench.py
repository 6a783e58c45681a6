"""Digest benchmark (not a test): one team's weekly digest with 5,000 decisions in its week,
out of 1,000,000 rows in the decisions table, on SQLite and PostgreSQL.  Target: under 200 ms.

What is timed, ``--runs`` times (median and p95, milliseconds), each in a fresh session as the
runner uses it: ``bot.digest.content.build_digest`` (every query) and ``render_digest`` (the
Jinja2 template), separately and together.  The baseline, timed the same way (same warm-up,
same runs) on the same database: ``SELECT 1`` in a fresh session from the same
``session_factory``, the floor cost of a round trip through SQLAlchemy and the driver; every
row also shows its total median as a ratio to it (``× baseline``), which compares across machines.

The table holds:

- the digest team ``TDIGEST``: ``--week-decisions`` (5,000) decisions inside the digest's week,
  each with its Slack conversation (for the thread links), 20% of them overrides with a
  rationale; 10,000 more of its decisions spread over the two previous years; 200 conversations
  left unfinished; 1,000 follow-up questions in the week, a fifth not covered;
- every other row: ``--teams`` (1,000) other teams, spread over the last two years, so some of
  them fall in the same week (they must not be read).

Usage::

    python bench/digest_bench.py                       # both databases, full size (about 45 s)
    python bench/digest_bench.py --decisions 50000     # quick run
    python bench/digest_bench.py --backend sqlite --runs 20

PostgreSQL comes from ``MSGCHOICE_TEST_PG_URL`` (default
``postgresql+asyncpg://postgres@127.0.0.1:5432/test``); a database
``msgchoice_digest_bench_<random>`` is created there and dropped afterwards (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PG_DEFAULT_URL, chunks, pg_admin
from sqlalchemy import text as sql_text
from sqlalchemy.engine import make_url

from bot.digest.content import build_digest
from bot.digest.render import render_digest, system_names
from bot.digest.schedule import Schedule, current_slot, period_ending
from bot.store.db import dispose_engines, ensure_schema, session_factory

TARGET_MS = 200.0
WARM_UP = 3
TEAM = "TDIGEST"
TIMEZONE = "Europe/Berlin"
SYSTEMS = ["kafka", "nats-core", "nats-jetstream", "hybrid"]
SLOT = current_slot(Schedule(0, 9, 0, TIMEZONE), datetime(2026, 3, 11, tzinfo=UTC))  # Mon 9 Mar 2026 09:00
PERIOD = period_ending(SLOT.at, TIMEZONE)
SPAN = timedelta(days=730)
OTHER_TEAM_DECISIONS = 10_000
UNFINISHED = 200
FOLLOWUPS = 1_000

DECISION_COLUMNS = [
    "team_id",
    "conversation_id",
    "recommended_system",
    "chosen_system",
    "rationale",
    "decided_by",
    "knowledge_version",
    "confidence",
    "advice",
    "idempotency_key",
    "created_at",
]
CONVERSATION_COLUMNS = [
    "id",
    "team_id",
    "channel_id",
    "thread_ts",
    "started_by",
    "status",
    "state",
    "version",
    "created_at",
    "updated_at",
]
FOLLOWUP_COLUMNS = ["team_id", "user_id", "question_text", "topic", "covered", "created_at"]
ADVICE = json.dumps({"recommendation": "kafka", "knowledge_version": "bench", "bulk": True})


def _in_week(rng: random.Random) -> datetime:
    return PERIOD.start + (PERIOD.end - PERIOD.start) * rng.random()


def conversations(week_decisions: int, seed: int = 11) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(seed)
    for i in range(week_decisions):
        moment = _in_week(rng)
        yield (
            i + 1,
            TEAM,
            "C0BENCH01",
            f"{1773000000 + i}.{i:06d}",
            f"U{i % 300:05d}",
            "decided",
            "{}",
            3,
            moment,
            moment,
        )
    for j in range(UNFINISHED):
        moment = PERIOD.end - timedelta(days=4 + 20 * rng.random())
        cid = week_decisions + j + 1
        yield (cid, TEAM, "C0BENCH01", f"{1772000000 + j}.{j:06d}", f"U{j:05d}", "active", "{}", 1, moment, moment)


def decisions(total: int, week_decisions: int, teams: int, seed: int = 7) -> Iterator[tuple[Any, ...]]:
    """Deterministic synthetic rows: the digest team's week first, then its other weeks, then other teams."""
    rng = random.Random(seed)
    others = [f"T{i:05d}" for i in range(teams)]
    for i in range(total):
        recommended = rng.choice(SYSTEMS)
        chosen = recommended if rng.random() < 0.8 else rng.choice([s for s in SYSTEMS if s != recommended])
        if i < week_decisions:
            team, conversation, moment = TEAM, i + 1, _in_week(rng)
        elif i < week_decisions + OTHER_TEAM_DECISIONS:
            team, conversation, moment = TEAM, None, PERIOD.start - SPAN * rng.random()
        else:
            team, conversation, moment = others[i % teams], None, PERIOD.end - SPAN * rng.random()
        rationale = f"we *need* replay <!here> for audit ({i})" if chosen != recommended else ""
        yield (
            team,
            conversation,
            recommended,
            chosen,
            rationale,
            f"U{rng.randrange(5000):05d}",
            "bench",
            round(rng.random(), 2),
            ADVICE,
            f"bulk:{i}",
            moment,
        )


def followups(seed: int = 13) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(seed)
    topics = ["latency", "exactly-once", "ordering", "retention", "operations", "connectors"]
    for i in range(FOLLOWUPS):
        covered = rng.random() > 0.2
        text = f"what about {rng.choice(topics)}?" if covered else f"does it run on platform {i % 37}?"
        yield (TEAM, f"U{i % 300:05d}", text, rng.choice(topics) if covered else None, covered, _in_week(rng))




def _sqlite_value(value: Any) -> Any:
    # Stored as SQLAlchemy stores DateTime on SQLite: naive UTC with microseconds.
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def fill_sqlite(path: Path, args: argparse.Namespace) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        for table, columns, rows in (
            ("conversations", CONVERSATION_COLUMNS, conversations(args.week_decisions)),
            ("decisions", DECISION_COLUMNS, decisions(args.decisions, args.week_decisions, args.teams)),
            ("followups", FOLLOWUP_COLUMNS, followups()),
        ):
            statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
            for chunk in chunks(rows, 100_000):
                conn.executemany(statement, [tuple(_sqlite_value(v) for v in row) for row in chunk])
                conn.commit()
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()


async def fill_postgresql(url: str, args: argparse.Namespace) -> None:
    import asyncpg

    conn = await asyncpg.connect(make_url(url).set(drivername="postgresql").render_as_string(False))
    try:
        for table, columns, rows in (
            ("conversations", CONVERSATION_COLUMNS, conversations(args.week_decisions)),
            ("decisions", DECISION_COLUMNS, decisions(args.decisions, args.week_decisions, args.teams)),
            ("followups", FOLLOWUP_COLUMNS, followups()),
        ):
            for chunk in chunks(rows, 100_000):
                await conn.copy_records_to_table(table, records=chunk, columns=columns)
        await conn.execute("SELECT setval('conversations_id_seq', (SELECT max(id) FROM conversations))")
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()




def stats(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


async def measure_baseline(url: str, runs: int) -> tuple[float, float]:
    """``SELECT 1`` in a fresh session from the same factory, with the digest's warm-up and runs."""
    factory = session_factory(url)
    total_ms: list[float] = []
    for i in range(runs + WARM_UP):
        start = time.perf_counter()
        async with factory() as session:
            (await session.execute(sql_text("SELECT 1"))).all()
        if i >= WARM_UP:
            total_ms.append((time.perf_counter() - start) * 1000)
    return stats(total_ms)


async def measure(url: str, runs: int) -> dict[str, Any]:
    factory = session_factory(url)
    names = system_names()
    query_ms: list[float] = []
    render_ms: list[float] = []
    total_ms: list[float] = []
    text = ""
    count = 0
    for i in range(runs + WARM_UP):  # three warm-up runs (connection pool, statement caches, template compile)
        start = time.perf_counter()
        async with factory() as session:
            content = await build_digest(session, team_id=TEAM, week=SLOT.week, period=PERIOD)
        built = time.perf_counter()
        text = render_digest(content, names=names) or ""
        done = time.perf_counter()
        count = content.decision_count
        if i >= WARM_UP:
            query_ms.append((built - start) * 1000)
            render_ms.append((done - built) * 1000)
            total_ms.append((done - start) * 1000)

    return {
        "query": stats(query_ms),
        "render": stats(render_ms),
        "total": stats(total_ms),
        "decisions": count,
        "chars": len(text),
    }


def remove_sqlite(directory: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{directory / 'bench.db'}{suffix}").unlink(missing_ok=True)
    directory.rmdir()


async def bench_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    pg_name: str | None = None
    directory: Path | None = None
    if backend == "sqlite":
        directory = Path(tempfile.mkdtemp(prefix="msgchoice-digest-bench-"))
        path = directory / "bench.db"
        url = f"sqlite+aiosqlite:///{path}"
    else:
        pg_name = f"msgchoice_digest_bench_{uuid.uuid4().hex[:10]}"
        await pg_admin(f'CREATE DATABASE "{pg_name}"')
        base = make_url(os.environ.get("MSGCHOICE_TEST_PG_URL", PG_DEFAULT_URL))
        url = base.set(drivername="postgresql+asyncpg", database=pg_name).render_as_string(False)
    try:
        await ensure_schema(url)
        await dispose_engines()
        start = time.perf_counter()
        if backend == "sqlite":
            await asyncio.to_thread(fill_sqlite, path, args)
        else:
            await fill_postgresql(url, args)
        print(f"{backend}: filled {args.decisions:,} decisions in {time.perf_counter() - start:.1f} s", flush=True)
        baseline = await measure_baseline(url, args.runs)
        result = await measure(url, args.runs)
        result["backend"] = backend
        result["baseline"] = baseline
        return result
    finally:
        await dispose_engines()
        if pg_name and not args.keep:
            await pg_admin(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        if directory is not None and not args.keep:
            remove_sqlite(directory)
        elif directory is not None:
            print(f"kept {directory / 'bench.db'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--decisions", type=int, default=1_000_000, help="rows in decisions (default 1,000,000)")
    parser.add_argument("--week-decisions", type=int, default=5_000, help="the team's decisions in the week (5,000)")
    parser.add_argument("--teams", type=int, default=1_000, help="other teams (default 1,000)")
    parser.add_argument("--runs", type=int, default=50, help="measured repetitions (default 50)")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--keep", action="store_true", help="keep the filled databases")
    args = parser.parse_args()
    if args.decisions < args.week_decisions + OTHER_TEAM_DECISIONS:
        parser.error(f"--decisions must be at least --week-decisions + {OTHER_TEAM_DECISIONS:,}")

    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = [asyncio.run(bench_backend(backend, args)) for backend in backends]
    print()
    print(
        f"{args.decisions:,} decisions ({args.week_decisions:,} in the team's week), {args.teams:,} other teams, "
        f"{args.runs} runs; {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {datetime.now(UTC):%Y-%m-%d}"
    )
    print(
        "| backend    | what               | build (queries) ms | render ms | total median ms | total p95 ms "
        "| × baseline | decisions |  chars | < 200 ms |"
    )
    print(
        "|------------|--------------------|-------------------:|----------:|----------------:|-------------:"
        "|-----------:|----------:|-------:|---------:|"
    )
    for r in results:
        base_median, base_p95 = r["baseline"]
        print(
            f"| {r['backend']:<10} | {'baseline: SELECT 1':<18} | {'':>18} | {'':>9} | {base_median:>15.2f} "
            f"| {base_p95:>12.2f} | {1.0:>10.1f} | {'':>9} | {'':>6} | {'—':>8} |"
        )
        met = "met" if r["total"][0] < TARGET_MS else "MISSED"
        print(
            f"| {r['backend']:<10} | {'weekly digest':<18} | {r['query'][0]:>18.1f} | {r['render'][0]:>9.1f} "
            f"| {r['total'][0]:>15.1f} | {r['total'][1]:>12.1f} | {r['total'][0] / base_median:>10.1f} "
            f"| {r['decisions']:>9,} | {r['chars']:>6,} | {met:>8} |"
        )


if __name__ == "__main__":
    main()
