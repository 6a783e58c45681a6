"""Store benchmark (not a test): 1,000,000 decisions across 1,000 teams, on SQLite and PostgreSQL.

Measures, over ``--runs`` repetitions each (median and p95, milliseconds):

- the baseline: ``SELECT 1`` in a fresh session from the same ``session_factory``
  (the floor cost of a round trip through SQLAlchemy and the driver), timed the
  same way, so every figure is also reported as a ratio to it (``× baseline``),
  which compares across machines;
- recording one decision (``repo.record_decision``, with a real ``Advice``, committed);
- reading a team's 50 latest decisions (``repo.history``);
- a filtered history query (system + since + text).

Usage::

    python bench/store_bench.py                      # both databases, full size
    python bench/store_bench.py --decisions 20000    # quick run
    python bench/store_bench.py --backend sqlite

PostgreSQL: a fresh database ``msgchoice_bench_<random>`` is created on the
server named by ``MSGCHOICE_TEST_PG_URL`` (default
``postgresql+asyncpg://postgres@127.0.0.1:5432/test``), migrated, filled with
COPY and dropped afterwards (``--keep`` keeps it).  SQLite: a file in a
temporary directory (or ``--sqlite-path``), filled with ``executemany``.

The bulk rows carry a compact advice document (about 200 bytes) rather than a
full one (about 6 KB), so that a million rows fit in a few hundred MB; the
decisions recorded during the measurement carry real, full advice.

Target: a median under 5 ms for each operation (the baseline has no target).
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
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PG_DEFAULT_URL, chunks, pg_admin
from sqlalchemy import text as sql_text
from sqlalchemy.engine import make_url

from bot.advisor.advice import Advice
from bot.store import repo
from bot.store.db import dispose_engines, ensure_schema, session_factory

TARGET_MS = 5.0
BASELINE = "baseline: SELECT 1"
SYSTEMS = ["kafka", "nats-core", "nats-jetstream", "hybrid"]
PHRASES = [
    "we need replay for audit",
    "sub-millisecond RPC between services",
    "CDC into the lake with Debezium",
    "small team, no JVM expertise",
    "edge sites with leaf nodes",
    "already run Kafka Connect",
    "ksqlDB for stream processing",
    "request-reply plus durable streams",
]
NOW = datetime.now(UTC)
SPAN = timedelta(days=730)
COLUMNS = [
    "team_id",
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


def team_ids(teams: int) -> list[str]:
    return [f"T{i:05d}" for i in range(teams)]


def bulk_rows(decisions: int, teams: int, seed: int = 7) -> Iterator[tuple[Any, ...]]:
    """Deterministic synthetic decisions: spread over teams, systems and the last two years."""
    rng = random.Random(seed)
    ids = team_ids(teams)
    for i in range(decisions):
        recommended = rng.choice(SYSTEMS)
        chosen = recommended if rng.random() < 0.8 else rng.choice(SYSTEMS)
        advice = {
            "recommendation": recommended,
            "confidence": 0.5,
            "answers": {"persistence": "yes"},
            "knowledge_version": "bench",
            "bulk": True,
        }
        yield (
            ids[i % teams],
            recommended,
            chosen,
            f"{rng.choice(PHRASES)} ({i})",
            f"U{rng.randrange(5000):05d}",
            "bench",
            round(rng.random(), 2),
            json.dumps(advice),
            f"bulk:{i}",
            NOW - SPAN * rng.random(),
        )




def fill_sqlite(path: Path, decisions: int, teams: int) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        statement = f"INSERT INTO decisions ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
        for chunk in chunks(bulk_rows(decisions, teams), 100_000):
            # Stored as SQLAlchemy stores DateTime on SQLite: naive UTC with microseconds.
            rows = [(*r[:-1], r[-1].replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")) for r in chunk]
            conn.executemany(statement, rows)
            conn.commit()
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()


async def fill_postgresql(url: str, decisions: int, teams: int) -> None:
    import asyncpg

    conn = await asyncpg.connect(make_url(url).set(drivername="postgresql").render_as_string(False))
    try:
        for chunk in chunks(bulk_rows(decisions, teams), 100_000):
            await conn.copy_records_to_table("decisions", records=chunk, columns=COLUMNS)
        await conn.execute("VACUUM ANALYZE decisions")
    finally:
        await conn.close()




def real_advice() -> Advice:
    from bot.advisor.engine import advise

    return advise({"persistence": "yes", "throughput": "high", "stream_processing": "yes"})


async def measure(runs: int, op: Callable[[int], Awaitable[int]]) -> tuple[float, float, float]:
    """Median and p95 in ms, and the mean number of rows the operation returned."""
    for i in range(min(10, runs)):  # warm the pool and the caches
        await op(-1 - i)
    timings: list[float] = []
    returned = 0
    for i in range(runs):
        start = time.perf_counter()
        returned += await op(i)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    return statistics.median(timings), p95, returned / runs


async def run_operations(url: str, teams: int, runs: int) -> list[tuple[str, float, float, float]]:
    factory = session_factory(url)
    advice = real_advice()
    ids = team_ids(teams)
    rng = random.Random(11)
    run_id = uuid.uuid4().hex[:8]

    async def baseline(_i: int) -> int:
        async with factory() as session:
            return len((await session.execute(sql_text("SELECT 1"))).all())

    async def record(i: int) -> int:
        async with factory() as session:
            await repo.record_decision(
                session,
                team_id=rng.choice(ids),
                idempotency_key=f"bench:{run_id}:{i}",
                conversation_id=None,
                advice=advice,
                chosen_system=rng.choice(SYSTEMS),
                rationale="benchmark decision",
                decided_by="bench",
            )
        return 1

    async def latest(_i: int) -> int:
        async with factory() as session:
            return len(await repo.history(session, team_id=rng.choice(ids), limit=50))

    async def filtered(_i: int) -> int:
        async with factory() as session:
            found = await repo.history(
                session,
                team_id=rng.choice(ids),
                system=rng.choice(SYSTEMS),
                since=NOW - timedelta(days=365),
                text=rng.choice(["replay", "team", "kafka", "edge"]),
                limit=50,
            )
            return len(found)

    results = []
    for name, op in [
        (BASELINE, baseline),
        ("record one decision", record),
        ("50 latest decisions", latest),
        ("filtered history", filtered),
    ]:
        median, p95, rows = await measure(runs, op)
        results.append((name, median, p95, rows))
    return results


def remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.rmdir()


async def bench_backend(backend: str, args: argparse.Namespace) -> list[tuple[str, str, float, float, float]]:
    keep_pg: str | None = None
    if backend == "sqlite":
        directory = Path(args.sqlite_path) if args.sqlite_path else Path(tempfile.mkdtemp(prefix="msgchoice-bench-"))
        path = directory / "bench.db"
        if path.exists():
            path.unlink()
        url = f"sqlite+aiosqlite:///{path}"
    else:
        name = f"msgchoice_bench_{uuid.uuid4().hex[:10]}"
        await pg_admin(f'CREATE DATABASE "{name}"')
        base = make_url(os.environ.get("MSGCHOICE_TEST_PG_URL", PG_DEFAULT_URL))
        url = base.set(drivername="postgresql+asyncpg", database=name).render_as_string(False)
        keep_pg = name
    try:
        await ensure_schema(url)
        await dispose_engines()
        start = time.perf_counter()
        if backend == "sqlite":
            await asyncio.to_thread(fill_sqlite, path, args.decisions, args.teams)
        else:
            await fill_postgresql(url, args.decisions, args.teams)
        fill_s = time.perf_counter() - start
        print(f"{backend}: filled {args.decisions:,} decisions across {args.teams:,} teams in {fill_s:.1f} s")
        results = await run_operations(url, args.teams, args.runs)
        await dispose_engines()
        return [(backend, name, median, p95, rows) for name, median, p95, rows in results]
    finally:
        await dispose_engines()
        if keep_pg and not args.keep:
            await pg_admin(f'DROP DATABASE IF EXISTS "{keep_pg}" WITH (FORCE)')
        if backend == "sqlite" and not args.keep and not args.sqlite_path:
            remove_sqlite(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decisions", type=int, default=1_000_000, help="rows to fill (default 1,000,000)")
    parser.add_argument("--teams", type=int, default=1_000, help="teams they are spread over (default 1,000)")
    parser.add_argument("--runs", type=int, default=200, help="measured repetitions per operation (default 200)")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--sqlite-path", help="directory for the SQLite file (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the filled databases")
    args = parser.parse_args()

    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    rows: list[tuple[str, str, float, float, float]] = []
    for backend in backends:
        rows.extend(asyncio.run(bench_backend(backend, args)))

    print()
    print(
        f"{args.decisions:,} decisions, {args.teams:,} teams, {args.runs} runs; "
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{datetime.now(UTC):%Y-%m-%d}"
    )
    baselines = {backend: median for backend, name, median, _p95, _rows in rows if name == BASELINE}
    print(
        f"| {'backend':<10} | {'operation':<20} | {'median ms':>9} | {'p95 ms':>7} | {'× baseline':>10} "
        f"| {'rows':>5} | {f'< {TARGET_MS:g} ms':>8} |"
    )
    print(f"|{'-' * 12}|{'-' * 22}|{'-' * 10}:|{'-' * 8}:|{'-' * 11}:|{'-' * 6}:|{'-' * 9}:|")
    for backend, name, median, p95, returned in rows:
        met = "—" if name == BASELINE else ("met" if median < TARGET_MS else "MISSED")
        print(
            f"| {backend:<10} | {name:<20} | {median:>9.2f} | {p95:>7.2f} | {median / baselines[backend]:>10.1f} "
            f"| {returned:>5.1f} | {met:>8} |"
        )


if __name__ == "__main__":
    main()
