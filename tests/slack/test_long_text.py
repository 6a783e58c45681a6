"""Long texts do not stall other users: their parsing runs off the event loop.

The one timing this suite asserts (issue 10 asks for it): while 40 KB slash
commands and thread replies are being read, another user's ``/msgchoice help``
is acked within 1 s (Slack's own limit is 3 s).  It bounds a measured ack; it is
not a benchmark.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.slack.conftest import World
from tests.slack.harness import BOB

ACK_BOUND_S = 1.0
FORTY_KB = 40 * 1024


def _long_description(size: int) -> str:
    sentence = (
        "we stream orders from postgres into s3, replay is required, a two person team runs it, "
        "latency of a few milliseconds is fine and throughput is about fifty thousand events per second. "
    )
    return (sentence * (size // len(sentence) + 1))[:size]


@pytest.mark.alone
async def test_another_users_ack_stays_under_a_second_while_40kb_texts_arrive(world: World) -> None:
    if world.db_url.startswith("postgresql"):
        pytest.skip("CPU-bound: the database plays no part, and once is enough for the CI's two cores")
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    text = _long_description(FORTY_KB)
    assert len(text.encode()) >= FORTY_KB
    heavy = [
        asyncio.create_task(world.send.command(text)),
        asyncio.create_task(world.send.say(text, thread_ts=thread_ts)),
    ]
    await asyncio.sleep(0.2)  # the long texts are being read now
    acks = []
    for _ in range(3):
        started = time.perf_counter()
        sent = await world.send.command("help", user=BOB)
        acks.append(time.perf_counter() - started)
        assert sent.status == 200
        await asyncio.sleep(0.1)
    assert all(s.status == 200 for s in await asyncio.gather(*heavy))
    print(f"acks while 40 KB texts were parsed: {[round(a, 3) for a in acks]} s")
    assert max(acks) < ACK_BOUND_S, f"acks while 40 KB texts were parsed: {[round(a, 3) for a in acks]} s"
