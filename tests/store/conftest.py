"""Store test helpers.  The database fixtures (db_url, session_factory …) come from tests/db_fixtures.py."""

from __future__ import annotations

from typing import Any

import pytest

from bot.advisor.advice import Advice


def make_advice(**answers: str) -> Advice:
    """Advice from the real advisor for ``answers``."""
    from bot.advisor.engine import advise

    return advise(dict(answers))


@pytest.fixture
def kafka_advice() -> Advice:
    return make_advice(persistence="yes", throughput="high", stream_processing="yes")


@pytest.fixture
def nats_advice() -> Advice:
    return make_advice(persistence="no", latency="sub-ms")


@pytest.fixture
async def session(session_factory: Any) -> Any:
    async with session_factory() as s:
        yield s
