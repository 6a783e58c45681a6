"""A lean local stand-in for the Slack Web API, for ``python -m bench``.

It answers the methods a conversation uses the way Slack does (``auth.test``,
``chat.postMessage`` with a fresh ``ts``, ``chat.update``,
``chat.postEphemeral``; every other method ``ok``) and notes, for every call
that shows something in a channel, the moment it arrived
(``time.perf_counter``), so that the driver can measure the time from its
request to the message it waits for.  It does not validate blocks (the test
suite's ``tests/slack/mock_slack.py`` does that): here it must cost as little
as possible, since it shares the machine with the server it measures.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

TEAM_ID = "T0BENCH01"
BOT_USER_ID = "U0BOTBENCH"
BOT_ID = "B0BOTBENCH"
APP_ID = "A0APPBENCH"


@dataclass
class Posted:
    """One chat.postMessage / chat.update / chat.postEphemeral as it reached the stand-in."""

    at: float  # time.perf_counter() on arrival
    method: str
    channel: str
    ts: str
    thread_ts: str | None
    text: str
    blocks: list[dict[str, Any]]

    def block_ids(self) -> list[str]:
        return [str(b.get("block_id", "")) for b in self.blocks]


@dataclass
class StandIn:
    channels: dict[str, list[Posted]] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    ephemerals: list[Posted] = field(default_factory=list)
    port: int = 0
    _waiters: dict[str, asyncio.Event] = field(default_factory=dict)
    _runner: web.AppRunner | None = None
    _ts: Any = field(default_factory=lambda: itertools.count(1))

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # ------------------------------------------------------------------ for the driver

    def seen(self, channel: str) -> int:
        return len(self.channels.get(channel, ()))

    async def wait(
        self, channel: str, start: int, match: Callable[[Posted], bool], *, within: float
    ) -> tuple[Posted, int]:
        """The first call at index ``start`` or later in ``channel`` that ``match``es, and its index."""
        deadline = time.perf_counter() + within
        index = start
        while True:
            posted = self.channels.get(channel, [])
            while index < len(posted):
                if match(posted[index]):
                    return posted[index], index
                index += 1
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"nothing matching in {channel} within {within:g} s")
            event = self._waiters.setdefault(channel, asyncio.Event())
            event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), left)

    # ------------------------------------------------------------------ HTTP

    async def _response(self, request: web.Request) -> web.Response:
        await request.read()
        self.calls["response_url"] = self.calls.get("response_url", 0) + 1
        return web.Response(text="ok")

    async def _api(self, request: web.Request) -> web.Response:
        arrived = time.perf_counter()
        method = request.match_info["method"]
        raw = await request.text()
        args: dict[str, Any] = dict(request.query)
        if raw:
            if request.content_type == "application/json":
                args.update(json.loads(raw))
            else:
                args.update(parse_qsl(raw, keep_blank_values=True))
        self.calls[method] = self.calls.get(method, 0) + 1
        if method == "auth.test":
            return web.json_response(
                {
                    "ok": True,
                    "url": "https://bench.slack.com/",
                    "team": "bench",
                    "user": "msgchoice",
                    "team_id": TEAM_ID,
                    "user_id": BOT_USER_ID,
                    "bot_id": BOT_ID,
                    "is_enterprise_install": False,
                }
            )
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            channel = str(args.get("channel", ""))
            ts = str(args.get("ts") or f"1700000000.{next(self._ts):06d}")
            blocks = args.get("blocks") or []
            if isinstance(blocks, str):
                blocks = json.loads(blocks)
            posted = Posted(arrived, method, channel, ts, args.get("thread_ts"), str(args.get("text") or ""), blocks)
            if method == "chat.postEphemeral":
                self.ephemerals.append(posted)
                return web.json_response({"ok": True, "message_ts": ts})
            self.channels.setdefault(channel, []).append(posted)
            waiter = self._waiters.get(channel)
            if waiter is not None:
                waiter.set()
            return web.json_response({"ok": True, "channel": channel, "ts": ts})
        return web.json_response({"ok": True})
