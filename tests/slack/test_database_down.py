"""The database goes away (on PostgreSQL, behind a TCP proxy the test cuts and restores).

Slack still gets its ack at once; nothing is posted that the database did not
store; the person is told, ephemerally, that it could not be saved; every
database call is bounded; and when the database is back the app works without
a restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from bot.cli.serve import Server
from tests.slack.conftest import World, make_settings
from tests.slack.harness import CHANNEL, SlackSender
from tests.slack.mock_slack import MockSlack

SLACK_LIMIT_S = 3.0  # Slack's own limit for an ack: a bound, not a benchmark


@dataclass
class Proxy:
    """A TCP proxy in front of PostgreSQL: ``up`` forwards, ``down`` refuses, ``hung`` accepts and never answers."""

    target_port: int
    mode: str = "up"
    port: int = 0
    server: asyncio.Server | None = None
    links: set[asyncio.StreamWriter] = field(default_factory=set)

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.mode == "down":
            writer.close()
            return
        if self.mode == "hung":
            self.links.add(writer)
            await asyncio.sleep(3600)
            return
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        self.links |= {writer, upstream_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    if self.mode != "up":
                        return  # cut mid-conversation: drop everything
                    dst.write(data)
                    await dst.drain()
            with contextlib.suppress(Exception):
                dst.close()

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))

    def cut(self, mode: str = "down") -> None:
        self.mode = mode
        for link in list(self.links):
            link.close()
        self.links.clear()

    def restore(self) -> None:
        self.mode = "up"

    async def stop(self) -> None:
        self.cut()
        if self.server is not None:
            self.server.close()


@pytest.fixture
async def outage(pg_database_url: str) -> AsyncIterator[tuple[World, Proxy]]:
    from sqlalchemy.engine import make_url

    from bot.store.db import dispose_engines
    from tests.db_fixtures import TABLES, _pg_execute

    url = make_url(pg_database_url)
    proxy = Proxy(target_port=url.port or 5432)
    await proxy.start()
    proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    mock = MockSlack()
    await mock.start()
    server = Server(make_settings(proxied, mock.api_url), host="127.0.0.1", port=0)
    await server.start()
    world = World(mock=mock, server=server, send=SlackSender(f"http://127.0.0.1:{server.port}", mock), db_url=proxied)
    try:
        yield world, proxy
    finally:
        proxy.restore()
        await world.server.stop()
        await mock.stop()
        await proxy.stop()
        await dispose_engines()
        await _pg_execute(url, f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")


async def _timed(send: object) -> tuple[int, float]:
    started = time.perf_counter()
    sent = await send  # type: ignore[misc]
    return sent.status, time.perf_counter() - started


async def test_with_the_database_down_slack_is_acked_nothing_is_posted_and_the_user_is_told(
    outage: tuple[World, Proxy],
) -> None:
    world, proxy = outage
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    posted = len(world.mock.messages.get(CHANNEL, []))

    proxy.cut("down")
    status, took = await _timed(world.send.command("durable log for orders, moderate throughput"))
    assert status == 200 and took < SLACK_LIMIT_S
    reply = await world.mock.wait_for(
        lambda: next((c for c in world.mock.calls_to("response_url") if "could not save" in c.args["text"]), None),
        within=20,
        what="'could not save' reply",
    )
    assert reply.args["response_type"] == "ephemeral"
    status, took = await _timed(world.send.say("yes", thread_ts=thread_ts))
    assert status == 200 and took < SLACK_LIMIT_S
    await world.mock.wait_for(
        lambda: any("could not save" in c.args.get("text", "") for c in world.mock.calls_to("chat.postEphemeral")),
        within=20,
        what="'could not save' in the thread",
    )
    assert len(world.mock.messages.get(CHANNEL, [])) == posted  # no root message without a conversation

    proxy.restore()  # no restart: the next command works
    thread_two = await world.start("")
    assert thread_two != thread_ts
    await world.wait_question(thread_two, "persistence")


async def test_with_the_database_hung_a_thread_reply_is_acked_at_once_and_the_wait_is_bounded(
    outage: tuple[World, Proxy],
) -> None:
    world, proxy = outage
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")

    proxy.cut("hung")
    status, took = await _timed(world.send.say("yes", thread_ts=thread_ts))
    assert status == 200 and took < SLACK_LIMIT_S  # the dedupe no longer queries before the ack
    await world.mock.wait_for(
        lambda: any("could not save" in c.args.get("text", "") for c in world.mock.calls_to("chat.postEphemeral")),
        within=30,
        what="'could not save' after the bounded wait",
    )
    proxy.restore()
    await world.send.say("yes", thread_ts=thread_ts)
    await world.wait_question(thread_ts, "throughput", channel=CHANNEL)
