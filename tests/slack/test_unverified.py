"""A request whose signature does not verify is a plain 401, and nothing in it is ever used.

The attacker's body names a ``response_url`` (and a channel and user) on a
local listener of its own; whatever the headers look like, that listener must
receive nothing, the Slack Web API must not be called, and nothing is stored.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from aiohttp import web

from tests.slack.conftest import World
from tests.slack.harness import ALICE, CHANNEL, SIGNING_SECRET
from tests.slack.mock_slack import APP_ID, TEAM_ID


@dataclass
class Listener:
    """A local HTTP server that records every request it gets: the attacker's own endpoint."""

    received: list[str] = field(default_factory=list)
    runner: web.AppRunner | None = None
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def start(self) -> None:
        async def record(request: web.Request) -> web.Response:
            self.received.append(f"{request.method} {request.path} {await request.text()}")
            return web.Response(text="ok")

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", record)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


@pytest.fixture
async def listener() -> AsyncIterator[Listener]:
    hook = Listener()
    await hook.start()
    try:
        yield hook
    finally:
        assert hook.runner is not None
        await hook.runner.cleanup()


def _command_body(response_url: str) -> str:
    return urlencode(
        {
            "token": "x",
            "team_id": TEAM_ID,
            "channel_id": CHANNEL,
            "user_id": ALICE,
            "command": "/msgchoice",
            "text": "we need a queue <!channel>",
            "api_app_id": APP_ID,
            "response_url": response_url,
            "trigger_id": "1.2.3",
        }
    )


def _action_body(response_url: str) -> str:
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM_ID},
        "user": {"id": ALICE, "team_id": TEAM_ID},
        "channel": {"id": CHANNEL},
        "api_app_id": APP_ID,
        "response_url": response_url,
        "trigger_id": "1.2.3",
        "actions": [{"action_id": "answer:yes", "value": "not-a-value", "type": "button"}],
    }
    return urlencode({"payload": json.dumps(payload)})


def _garbage_body(response_url: str) -> str:
    return "payload=" + "{not json " + response_url


def _sign(body: str, timestamp: str) -> str:
    from slack_sdk.signature import SignatureVerifier

    return str(SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=timestamp, body=body))


def _now() -> str:
    return str(int(time.time()))


# (name, headers for a body): every way a signature can fail to verify.
HEADER_CASES: list[tuple[str, Any]] = [
    ("timestamp abc", lambda body: {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": _sign(body, "abc")}),
    ("timestamp empty", lambda body: {"X-Slack-Request-Timestamp": "", "X-Slack-Signature": _sign(body, "")}),
    ("timestamp 1.5", lambda body: {"X-Slack-Request-Timestamp": "1.5", "X-Slack-Signature": _sign(body, "1.5")}),
    (
        "timestamp with spaces",
        lambda body: {"X-Slack-Request-Timestamp": f" {_now()} ", "X-Slack-Signature": _sign(body, f" {_now()} ")},
    ),
    ("timestamp -1", lambda body: {"X-Slack-Request-Timestamp": "-1", "X-Slack-Signature": _sign(body, "-1")}),
    (
        "timestamp 400 digits",
        lambda body: {"X-Slack-Request-Timestamp": "9" * 400, "X-Slack-Signature": _sign(body, "9" * 400)},
    ),
    ("no timestamp", lambda body: {"X-Slack-Signature": _sign(body, _now())}),
    ("no signature", lambda body: {"X-Slack-Request-Timestamp": _now()}),
    ("no headers", lambda body: {}),
    ("empty signature", lambda body: {"X-Slack-Request-Timestamp": _now(), "X-Slack-Signature": ""}),
    ("wrong signature", lambda body: {"X-Slack-Request-Timestamp": _now(), "X-Slack-Signature": "v0=" + "0" * 64}),
    (
        "stale timestamp",
        lambda body: {
            "X-Slack-Request-Timestamp": str(int(time.time()) - 600),
            "X-Slack-Signature": _sign(body, str(int(time.time()) - 600)),
        },
    ),
    (
        "signature of another body",
        lambda body: {"X-Slack-Request-Timestamp": _now(), "X-Slack-Signature": _sign(body + "&x=1", _now())},
    ),
]
BODIES = {"command": _command_body, "action": _action_body, "garbage": _garbage_body}


async def _post(world: World, body: str, headers: dict[str, str]) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{world.send.app_url}/slack/events",
            data=body.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
        ) as response,
    ):
        return response.status, await response.text()


@pytest.mark.parametrize("body_kind", sorted(BODIES))
async def test_an_unverified_request_is_a_plain_401_and_nothing_in_it_is_used(
    world: World, listener: Listener, body_kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    outcomes = {}
    for name, headers_for in HEADER_CASES:
        body = BODIES[body_kind](listener.url)
        outcomes[name] = await _post(world, body, headers_for(body))
    await asyncio.sleep(0.3)  # anything the app would send in the background has had time to leave
    assert listener.received == []
    assert {name: status for name, (status, _) in outcomes.items()} == {name: 401 for name, _ in HEADER_CASES}
    assert all("Traceback" not in text for _, text in outcomes.values())
    assert world.mock.calls == []  # not even auth.test: nothing is authorized for a stranger
    assert "Traceback" not in caplog.text
    assert listener.url not in caplog.text and "<!channel>" not in caplog.text  # the body is never logged
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        assert await repo.recent_conversations(session, team_id=TEAM_ID) == []


async def test_a_request_signed_like_slacks_own_example_still_works(world: World) -> None:
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")


def test_slacks_published_example_verifies_and_malformed_headers_do_not_raise() -> None:
    from slack_sdk.signature import Clock

    from bot.slack.verify import signature_problem

    class At(Clock):
        def now(self) -> float:
            return 1531420618.0

    secret = "8f742231b10e8888abcd99yyyzzz85a5"
    body = (
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    )
    good = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    assert signature_problem(secret, body, "1531420618", good, clock=At()) is None
    for timestamp in ("abc", "", "1.5", "1e9", "١٥٣١٤٢٠٦١٨", "1_531_420_618", None, ["1531420618", "1531420618"]):
        assert signature_problem(secret, body, timestamp, good, clock=At()) is not None
    for signature in (None, "", "v0=", "v1=" + good[3:], good.upper(), [good, good]):
        assert signature_problem(secret, body, "1531420618", signature, clock=At()) is not None
    assert signature_problem(secret, body.encode() + b"\xff", "1531420618", good, clock=At()) is not None
    assert signature_problem("", body, "1531420618", good, clock=At()) is not None
