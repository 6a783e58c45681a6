"""At INFO, logs carry ids and kinds: never what a person typed, never a URL such as a response_url.

Each scenario is one the attack saw leak: a request that fails its signature, a
listener that fails, a reply to a response_url that cannot be reached, a signed
request no listener handles, a database statement that fails.  The secrets
(bot token, signing secret) must not appear at any level.
"""

from __future__ import annotations

import asyncio
import json
import logging
from urllib.parse import urlencode

import pytest

from bot.slack.logredact import redact
from tests.slack.conftest import World
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET
from tests.slack.mock_slack import APP_ID, TEAM_ID
from tests.slack.test_malformed import settle

SECRET_TEXT = "quarterly-payroll-export-zebra"  # what the person typed; must not be logged at INFO


def _info_and_above(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(
        f"{r.levelname} {r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.INFO
    )


def _assert_clean(caplog: pytest.LogCaptureFixture, *forbidden: str) -> None:
    shown = _info_and_above(caplog)
    for word in (SECRET_TEXT, *forbidden):
        assert word not in shown, f"{word!r} logged:\n{shown}"
    everything = caplog.text
    assert BOT_TOKEN not in everything and SIGNING_SECRET not in everything


async def test_a_forged_request_is_logged_without_its_body(world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    response_url = world.mock.response_url("forged")
    body = urlencode({"command": "/msgchoice", "text": SECRET_TEXT, "response_url": response_url})
    sent = await world.send.post(body, "application/x-www-form-urlencoded", signature="v0=" + "1" * 64)
    assert sent.status == 401
    assert "rejected a request that is not Slack's" in caplog.text
    _assert_clean(caplog, response_url, "/response/")


async def test_a_failing_listener_and_an_unreachable_response_url_log_no_text_or_url(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    world.mock.error_once["chat.postMessage"] = "fatal_error"
    baseline = asyncio.all_tasks()
    # The apology goes to a response_url nobody listens on: slack_sdk retries and logs the attempt.
    dead_url = "http://127.0.0.1:9/commands/T0TEST001/123/dead-hook-secret"
    form = {
        "token": "x",
        "team_id": TEAM_ID,
        "channel_id": "C0GENERAL01",
        "user_id": "U0ALICE001",
        "command": "/msgchoice",
        "text": f"we need a durable log for {SECRET_TEXT}",
        "api_app_id": APP_ID,
        "response_url": dead_url,
        "trigger_id": "1.2.3",
    }
    sent = await world.send.post(urlencode(form), "application/x-www-form-urlencoded")
    assert sent.status == 200
    await settle(baseline)
    assert "listener failed on slash_command" in caplog.text
    _assert_clean(caplog, dead_url, "dead-hook-secret")


async def test_an_unhandled_request_is_logged_by_kind_only(world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    payload = {
        "type": "message_action",
        "callback_id": "not_ours",
        "team": {"id": TEAM_ID},
        "user": {"id": "U0ALICE001"},
        "message": {"text": SECRET_TEXT, "ts": "1.1"},
        "response_url": world.mock.response_url("unhandled"),
        "trigger_id": "1.2.3",
    }
    sent = await world.send.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")
    assert sent.status < 500
    _assert_clean(caplog, "/response/unhandled")


def test_redaction_keeps_kinds_and_api_methods() -> None:
    assert redact("Unhandled request ({'type': 'block_actions', 'text': 'hi'})") == (
        "Unhandled request (payload of kind block_actions omitted)"
    )
    assert redact("A retry handler found: X for POST https://slack.com/api/chat.postMessage - boom") == (
        "A retry handler found: X for POST <slack api chat.postMessage> - boom"
    )
    assert "hooks.slack.com" not in redact("POST https://hooks.slack.com/commands/T1/2/abc failed")
