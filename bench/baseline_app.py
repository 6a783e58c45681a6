"""The bare Bolt app that ``python -m bench`` measures msgchoice against.

The same stack as ``msgchoice serve`` in HTTP mode: Bolt's ``AsyncApp`` behind
an aiohttp server (``POST /slack/events``, ``GET /healthz`` with ``SELECT 1``),
an ``AsyncWebClient`` on ``SLACK_API_URL`` and SQLAlchemy async (aiosqlite or
asyncpg).  For every slash command, button click and thread message it acks,
writes one row and posts one message with a few blocks (a section and a row of
buttons) in the thread: the least a Slack app on this stack can do per request.

Run: ``python -m bench.baseline_app --port 3001`` with DATABASE_URL,
SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_API_URL in the environment.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, func, insert, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

metadata = MetaData()
requests_table = Table(
    "bench_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team_id", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("detail", String(255)),
    Column("created_at", DateTime(timezone=True), server_default=func.now(), nullable=False),
)


def create_engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        return create_async_engine(url, connect_args={"timeout": 30})
    return create_async_engine(url)


async def create_table(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(metadata.create_all)
            if url.startswith("sqlite"):
                await conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    finally:
        await engine.dispose()


def message_blocks(kind: str, n: int) -> list[dict[str, Any]]:
    """A section and two buttons; the block id says "a question" to the driver, like msgchoice's."""
    return [
        {"type": "section", "block_id": "body", "text": {"type": "mrkdwn", "text": f"*Step {n}* after a {kind}."}},
        {
            "type": "actions",
            "block_id": f"answers:baseline:{n}",
            "elements": [
                {"type": "button", "action_id": "answer:yes", "text": {"type": "plain_text", "text": "Yes"},
                 "value": json.dumps({"n": n, "a": "yes"})},
                {"type": "button", "action_id": "answer:no", "text": {"type": "plain_text", "text": "No"},
                 "value": json.dumps({"n": n, "a": "no"})},
            ],
        },
    ]


def build_app(engine: AsyncEngine) -> AsyncApp:
    client = AsyncWebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    app = AsyncApp(signing_secret=os.environ["SLACK_SIGNING_SECRET"], client=client)
    counter = iter(range(1, 1 << 62))

    async def step(kind: str, team_id: str, user_id: str, channel: str, thread_ts: str | None, detail: str) -> None:
        async with engine.begin() as conn:
            await conn.execute(
                insert(requests_table).values(team_id=team_id, kind=kind, user_id=user_id, detail=detail[:255])
            )
        n = next(counter)
        await client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, text=f"Step {n}", blocks=message_blocks(kind, n)
        )

    @app.command(re.compile(".*"))
    async def command(ack: AsyncAck, command: dict[str, Any]) -> None:
        await ack()
        await step("command", command["team_id"], command["user_id"], command["channel_id"], None, command["text"])

    @app.action(re.compile(".*"))
    async def action(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        container = body.get("container") or {}
        thread_ts = container.get("thread_ts") or container.get("message_ts")
        detail = body["actions"][0].get("value") or ""
        await step("click", body["team"]["id"], body["user"]["id"], container["channel_id"], thread_ts, detail)

    @app.event("message")
    async def message(event: dict[str, Any], body: dict[str, Any]) -> None:
        if event.get("bot_id") or not event.get("thread_ts"):
            return
        await step("message", body["team_id"], event["user"], event["channel"], event["thread_ts"], event["text"])

    return app


def build_web_app(app: AsyncApp, engine: AsyncEngine) -> web.Application:
    async def slack_events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    async def healthz(_request: web.Request) -> web.Response:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return web.json_response({"ok": True})

    web_app = web.Application()
    web_app.router.add_post("/slack/events", slack_events)
    web_app.router.add_get("/healthz", healthz)
    return web_app


async def serve(host: str, port: int) -> None:
    url = os.environ["DATABASE_URL"]
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)  # a no-op on a prepared database
    runner = web.AppRunner(build_web_app(build_app(engine), engine), handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, host, port, backlog=1024).start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3001)
    args = parser.parse_args()
    asyncio.run(serve(args.host, args.port))


if __name__ == "__main__":
    main()
