"""Helpers shared by the benchmark scripts (run as ``python bench/<name>.py``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from sqlalchemy.engine import make_url

PG_DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def chunks(rows: Iterator[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    """``rows`` in lists of ``size`` (the last one shorter), for bulk loading."""
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


async def pg_admin(statement: str) -> None:
    """Run one statement on the test server's admin database (CREATE/DROP DATABASE)."""
    import asyncpg

    base = make_url(os.environ.get("MSGCHOICE_TEST_PG_URL", PG_DEFAULT_URL))
    conn = await asyncpg.connect(base.set(drivername="postgresql").render_as_string(False), timeout=5)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()
