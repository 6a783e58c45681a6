"""A real ``msgchoice serve`` process as a platform team runs it: shutdown, a database outage, Bolt's defaults.

Each test starts the console command in a subprocess against a local stand-in
for the Slack Web API (tests/slack/mock_slack.py), sends it signed requests the
way Slack does, and reads what the process logged.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest

from tests.db_fixtures import create_pg_database, drop_pg_database, pg_base_url
from tests.served import ROOT, Served, start_serve
from tests.slack.harness import BOT_TOKEN, CHANNEL, SIGNING_SECRET, SlackSender
from tests.slack.mock_slack import MockSlack


def serve_env(tmp_path: Path, mock: MockSlack, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MSGCHOICE_", "DATABASE_URL"))}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "HOME": str(tmp_path),
            "MSGCHOICE_HOME": str(tmp_path / "data"),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": mock.api_url,
        }
    )
    env.update(values)
    return env


@pytest.fixture
async def mock() -> AsyncIterator[MockSlack]:
    slack = MockSlack()
    await slack.start()
    try:
        yield slack
    finally:
        await slack.stop()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_a_stop_signal_lets_a_command_already_acked_post_its_messages(
    tmp_path: Path, mock: MockSlack, signum: int
) -> None:
    # Slack answers slowly: the command's root message and first question are still on their way
    # when the platform stops the pod (a rollout).  The person saw the command accepted (200).
    mock.delay["chat.postMessage"] = 0.7
    served = await start_serve(serve_env(tmp_path, mock), tmp_path)
    sent = await SlackSender(served.url, mock).command("durable queues between services, 2k msgs/s")
    assert sent.status == 200
    await asyncio.sleep(0.2)
    code, took = await served.stop(signum)

    assert code == 0, served.log
    assert "Traceback" not in served.log
    posted = list(mock.messages.get(CHANNEL, []))
    roots = [m for m in posted if m.thread_ts is None]
    assert len(roots) == 1, f"the conversation was cut off: {[c.method for c in mock.calls]}\n{served.log}"
    assert any(m.thread_ts == roots[0].ts for m in posted), "the first question was never posted"
    assert took < 25  # within Kubernetes' default grace period (30 s)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
async def test_a_stop_signal_with_nothing_in_progress_exits_at_once(tmp_path: Path, mock: MockSlack) -> None:
    served = await start_serve(serve_env(tmp_path, mock), tmp_path)
    code, took = await served.stop()
    assert code == 0 and "Traceback" not in served.log
    assert took < 5


async def test_empty_oauth_variables_leave_one_workspace_mode_alone(tmp_path: Path, mock: MockSlack) -> None:
    # An empty SLACK_CLIENT_ID / SLACK_CLIENT_SECRET (a chart's unset values) means "no OAuth" to
    # msgchoice; Bolt, reading the environment itself, switched on its own file-based OAuth flow.
    env = serve_env(tmp_path, mock, SLACK_CLIENT_ID="", SLACK_CLIENT_SECRET="")
    served = await start_serve(env, tmp_path)
    try:
        async with aiohttp.ClientSession() as http, http.get(f"{served.url}/slack/install") as response:
            status = response.status
    finally:
        code, _took = await served.stop()
    assert status == 404
    created = await asyncio.to_thread(lambda: sorted(p.name for p in tmp_path.glob(".bolt-app-*")))
    assert not created, f"Bolt's file-based OAuth stores were created: {created}"
    assert code == 0


async def test_a_start_logs_no_warning_about_a_token_it_uses(tmp_path: Path, mock: MockSlack) -> None:
    served = await start_serve(serve_env(tmp_path, mock), tmp_path)
    code, _took = await served.stop()
    assert code == 0
    warnings = [line for line in served.lines if " WARNING " in line or " ERROR " in line]
    assert not warnings, "".join(warnings)


async def test_a_start_on_a_new_database_logs_the_migrations_not_alembics_plugins(
    tmp_path: Path, mock: MockSlack
) -> None:
    served = await start_serve(serve_env(tmp_path, mock), tmp_path)  # MSGCHOICE_HOME: a new SQLite file
    code, _took = await served.stop()
    assert code == 0
    assert "Running upgrade 0007 -> 0008" in served.log
    assert "setup plugin" not in served.log, served.log


# ---------------------------------------------------------------------- the database goes away mid-run


@dataclass
class TcpProxy:
    """127.0.0.1:<port> forwarded to the PostgreSQL server; ``down()`` drops it and every connection."""

    target: tuple[str, int]
    port: int = 0
    _server: asyncio.Server | None = None
    _writers: set[asyncio.StreamWriter] = field(default_factory=set)

    async def up(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    async def down(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()
        await self._server.wait_closed()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._writers.update((writer, up_writer))

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                sink.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


async def health(served: Served) -> int:
    async with aiohttp.ClientSession() as http, http.get(f"{served.url}/healthz") as response:
        return response.status


@pytest.mark.postgres
async def test_a_database_outage_mid_run_is_503_and_one_line_a_tick_then_recovers(
    tmp_path: Path, mock: MockSlack
) -> None:
    from sqlalchemy.engine import make_url

    url = await asyncio.to_thread(create_pg_database)
    base = pg_base_url()
    proxy = TcpProxy((base.host or "127.0.0.1", base.port or 5432))
    await proxy.up()
    through_proxy = make_url(url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    env = serve_env(tmp_path, mock, DATABASE_URL=through_proxy, MSGCHOICE_DIGEST_TICK_SECONDS="0.2")
    served = await start_serve(env, tmp_path)
    try:
        assert await health(served) == 200
        await proxy.down()
        await asyncio.sleep(2.0)  # ten digest ticks against a database that is gone
        assert await health(served) == 503
        outage = len(served.lines)
        await proxy.up()
        await asyncio.sleep(0.5)
        assert await health(served) == 200
    finally:
        code, _took = await served.stop()
        await proxy.down()
        await asyncio.to_thread(drop_pg_database, url)
    assert code == 0
    assert "Traceback" not in served.log, served.log[-4000:]
    during = served.lines[:outage]
    skipped = [line for line in during if "digest tick skipped, the database is unavailable" in line]
    assert len(skipped) >= 3, served.log[-4000:]
    assert all(" WARNING " in line for line in skipped)
