"""msgchoice serve: configuration errors, the health check, graceful shutdown."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.cli.serve import config_problems
from bot.settings import Settings
from tests.slack.conftest import World

SERVE = "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))"


def _env(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env.update({"MSGCHOICE_HOME": str(tmp_path), "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    env.update(values)
    return env


def test_missing_configuration_is_one_message_listing_everything_and_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SERVE, "serve"],
        env=_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "SLACK_BOT_TOKEN" in done.stderr and "SLACK_SIGNING_SECRET" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_a_malformed_token_is_reported_without_showing_it(tmp_path: Path) -> None:
    env = _env(tmp_path, SLACK_BOT_TOKEN="xoxp-user-token-sekrit", SLACK_APP_TOKEN="not-an-app-token-sekrit")
    done = subprocess.run(
        [sys.executable, "-c", SERVE, "serve"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "xoxb-" in done.stderr and "xapp-" in done.stderr
    assert "sekrit" not in done.stderr and "Traceback" not in done.stderr


def test_socket_mode_needs_no_signing_secret() -> None:
    settings = Settings(SLACK_BOT_TOKEN="xoxb-1-2-abc", SLACK_APP_TOKEN="xapp-1-A1-2-abc", SLACK_SIGNING_SECRET=None)
    assert config_problems(settings) == []
    http = Settings(SLACK_BOT_TOKEN="xoxb-1-2-abc", SLACK_APP_TOKEN=None, SLACK_SIGNING_SECRET=None)
    assert [p.split(" ")[0] for p in config_problems(http)] == ["SLACK_SIGNING_SECRET"]


async def test_healthz_answers(world: World) -> None:
    async with aiohttp.ClientSession() as session, session.get(f"{world.send.app_url}/healthz") as response:
        assert response.status == 200
        assert await response.json() == {"ok": True}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
async def test_sigterm_stops_the_http_server_gracefully(tmp_path: Path) -> None:
    env = _env(
        tmp_path,
        SLACK_BOT_TOKEN="xoxb-1-2-abc",
        SLACK_SIGNING_SECRET="abc123",
        SLACK_API_URL="http://127.0.0.1:9/api/",
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        SERVE,
        "serve",
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        env=env,
        cwd=tmp_path,
        stderr=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stderr is not None
    lines: list[str] = []
    async with asyncio.timeout(60):
        while True:
            line = (await process.stderr.readline()).decode()
            lines.append(line)
            if "listening on" in line or not line:
                break
    assert "listening on http://127.0.0.1:" in lines[-1], "".join(lines)
    assert (tmp_path / "db.sqlite").exists()  # the schema was ensured at start-up
    process.send_signal(signal.SIGTERM)
    async with asyncio.timeout(30):
        code = await process.wait()
    rest = (await process.stderr.read()).decode()
    assert code == 0, rest
    assert "shutting down" in rest and "Traceback" not in rest


async def test_with_an_app_token_the_server_connects_over_socket_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    from bot.cli.serve import Server

    seen: list[str] = []
    original_close = AsyncSocketModeHandler.close_async

    async def connect(self: AsyncSocketModeHandler) -> None:
        seen.append(f"connect {self.app_token}")

    async def close(self: AsyncSocketModeHandler) -> None:
        seen.append("close")
        await original_close(self)  # releases the client's HTTP session

    monkeypatch.setattr(AsyncSocketModeHandler, "connect_async", connect)
    monkeypatch.setattr(AsyncSocketModeHandler, "close_async", close)
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-1-2-abc",
        SLACK_APP_TOKEN="xapp-1-A1-2-abc",
        SLACK_SIGNING_SECRET=None,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}",
    )
    server = Server(settings, host="127.0.0.1", port=0)
    await server.start()
    try:  # no Slack routes over HTTP, but the health check and the metrics for the platform
        async with aiohttp.ClientSession() as http:
            base = f"http://127.0.0.1:{server.port}"
            async with http.get(f"{base}/healthz") as health, http.get(f"{base}/metrics") as scraped:
                assert health.status == 200 and scraped.status == 200
                assert "msgchoice_slack_api_calls_total" in await scraped.text()
            async with http.post(f"{base}/slack/events", data=b"{}") as events:
                assert events.status in (404, 405)
    finally:
        await server.stop()
    assert seen == ["connect xapp-1-A1-2-abc", "close"]
    assert (tmp_path / "db.sqlite").exists()


def test_oauth_needs_client_id_client_secret_and_signing_secret_but_no_bot_token() -> None:
    key = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdCE="  # OAuth stores tokens: encrypted (tests/slack/test_tokens.py)
    oauth = Settings(
        SLACK_BOT_TOKEN=None,
        SLACK_APP_TOKEN=None,
        SLACK_SIGNING_SECRET="abc123",
        SLACK_CLIENT_ID="1111.2222",
        SLACK_CLIENT_SECRET="abcdef0123",
        MSGCHOICE_ENCRYPTION_KEY=key,
    )
    assert config_problems(oauth) == [] and oauth.oauth_enabled

    half = Settings(
        SLACK_BOT_TOKEN=None,
        SLACK_APP_TOKEN=None,
        SLACK_SIGNING_SECRET=None,
        SLACK_CLIENT_ID="1111.2222",
        MSGCHOICE_ENCRYPTION_KEY=key,
    )
    assert [p.split(" ")[0] for p in config_problems(half)] == ["SLACK_CLIENT_SECRET", "SLACK_SIGNING_SECRET"]
    assert not half.oauth_enabled

    over_socket = Settings(
        SLACK_BOT_TOKEN=None,
        SLACK_APP_TOKEN="xapp-1-A1-2-abc",
        SLACK_SIGNING_SECRET="abc123",
        SLACK_CLIENT_ID="1111.2222",
        SLACK_CLIENT_SECRET="abcdef0123",
        MSGCHOICE_ENCRYPTION_KEY=key,
    )
    [problem] = config_problems(over_socket)
    assert problem.startswith("SLACK_APP_TOKEN") and "HTTP mode" in problem


def test_half_an_oauth_configuration_is_one_message_without_the_secrets(tmp_path: Path) -> None:
    env = _env(tmp_path, SLACK_CLIENT_SECRET="not a secret-sekrit")
    done = subprocess.run(
        [sys.executable, "-c", SERVE, "serve"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "SLACK_CLIENT_ID is not set" in done.stderr and "SLACK_SIGNING_SECRET is not set" in done.stderr
    assert "SLACK_CLIENT_SECRET does not look like" in done.stderr
    assert "SLACK_BOT_TOKEN" not in done.stderr  # not needed with OAuth
    assert "sekrit" not in done.stderr and "Traceback" not in done.stderr


async def _healthz_of(database_url: str, within: float) -> tuple[int, str]:
    """GET /healthz of the real web app (over HTTP) whose database is ``database_url``."""
    from aiohttp.test_utils import TestServer

    from bot.cli.serve import build_web_app
    from bot.slack.app import build_app
    from bot.store import db

    sessions = db.session_factory(database_url)
    settings = Settings(SLACK_BOT_TOKEN="xoxb-1-2-abc", SLACK_SIGNING_SECRET="abc123", SLACK_APP_TOKEN=None)
    web_app = build_web_app(
        build_app(settings, session_factory=sessions), database_ok=lambda: db.is_reachable(sessions, within=within)
    )
    async with (
        TestServer(web_app, host="127.0.0.1") as server,
        aiohttp.ClientSession() as http,
        http.get(server.make_url("/healthz")) as response,
    ):
        return response.status, await response.text()


async def test_healthz_is_503_when_the_database_refuses_connections(caplog: pytest.LogCaptureFixture) -> None:
    from bot.store.db import dispose_engines

    try:
        status, body = await _healthz_of("postgresql+asyncpg://msgchoice:sekrit@127.0.0.1:9/msgchoice", within=2.0)
    finally:
        await dispose_engines()
    assert status == 503
    assert json.loads(body) == {"ok": False, "database": "unreachable"}
    assert "sekrit" not in body and "sekrit" not in caplog.text


async def test_healthz_is_503_when_the_database_does_not_answer_in_time() -> None:
    from bot.store.db import dispose_engines

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(30)  # accepts the connection, never speaks

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with asyncio.timeout(10):
            status, body = await _healthz_of(f"postgresql+asyncpg://postgres:sekrit@127.0.0.1:{port}/x", within=0.3)
    finally:
        server.close()
        await dispose_engines()
    assert status == 503 and json.loads(body) == {"ok": False, "database": "unreachable"}


async def test_the_server_compiles_the_lexicon_before_the_first_description(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Seen: the first description after a deploy waited while the parser compiled the lexicon (over half a
    # second with the on-disk cache, seconds without it); every later one took tens of milliseconds.
    import logging

    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    from bot.advisor import parse as parse_module
    from bot.cli.serve import Server
    from knowledge import load as load_knowledge

    async def nothing(self: AsyncSocketModeHandler) -> None:
        return None

    monkeypatch.setattr(AsyncSocketModeHandler, "connect_async", nothing)
    monkeypatch.setattr(parse_module, "_COMPILED", {})
    monkeypatch.setenv("MSGCHOICE_CACHE_DIR", str(tmp_path / "cache"))
    caplog.set_level(logging.INFO, logger="msgchoice.serve")
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-1-2-abc",
        SLACK_APP_TOKEN="xapp-1-A1-2-abc",
        SLACK_SIGNING_SECRET=None,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}",
    )
    ready = asyncio.Event()

    class Ready(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.getMessage().startswith("parser ready in "):
                ready.set()

    serve_log, handler = logging.getLogger("msgchoice.serve"), Ready()
    serve_log.addHandler(handler)
    server = Server(settings, host="127.0.0.1", port=0)
    await server.start()
    try:  # no description has arrived: the server does it on its own
        await asyncio.wait_for(ready.wait(), timeout=60)
    finally:
        await server.stop()
        serve_log.removeHandler(handler)
    assert load_knowledge().version in parse_module._COMPILED
