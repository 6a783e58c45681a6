"""Signed payloads of shapes Slack never sends: a 400 or a quiet 200 with a WARNING, never a 5xx or a traceback.

First the triggers found by the attack, one by one; then property-based tests
(hypothesis) over slash-command text, button values and event payloads, all
through the real server.  The number of examples comes from the hypothesis
profile (tests/conftest.py): bounded with a fixed seed by default, 10,000 with
``MSGCHOICE_HYPOTHESIS_PROFILE=full``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.render.blocks import ACTION_BACK, ACTION_RESTART, ACTION_UNSURE, ANSWER_PREFIX
from tests.slack.conftest import World
from tests.slack.harness import ALICE, CHANNEL, Sent
from tests.slack.mock_slack import APP_ID, TEAM_ID

ACTION_IDS = [
    f"{ANSWER_PREFIX}yes",
    ACTION_UNSURE,
    ACTION_BACK,
    ACTION_RESTART,
    "change:persistence",
    "card_adopt",
    "card_chose_other",
    "card_full_comparison",
    "card_export_adr",
    "home_start",
    "card_details",
    "show_open_question",
]


async def settle(baseline: set[asyncio.Task[Any]], within: float = 20.0) -> None:
    """Wait until every task started since ``baseline`` (listeners run after the ack) has finished."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    current = asyncio.current_task()
    while True:
        pending = [
            t
            for t in asyncio.all_tasks()
            if t not in baseline and t is not current and not t.done() and not _idle_connection(t)
        ]
        if not pending:
            return
        if loop.time() > deadline:
            raise AssertionError(f"{len(pending)} tasks still running: {[t.get_coro() for t in pending][:3]}")
        await asyncio.sleep(0.01)


def _idle_connection(task: asyncio.Task[Any]) -> bool:
    """A stand-in server's task for one kept-alive HTTP connection (the app's Web API client reuses its
    connections): it waits for the next request, not for any work of the app's."""
    return getattr(task.get_coro(), "__qualname__", "") == "RequestHandler.start"


def assert_quiet(caplog: pytest.LogCaptureFixture) -> None:
    """No ERROR, no traceback: a malformed payload is worth one WARNING line at most."""
    loud = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not loud, [f"{r.levelname} {r.name}: {r.getMessage()}" for r in loud]
    assert "Traceback" not in caplog.text


def block_actions(action_id: str, value: Any, **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": ALICE, "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "team": {"id": TEAM_ID},
        "container": {"type": "message", "message_ts": "1700000000.000002", "channel_id": CHANNEL},
        "channel": {"id": CHANNEL},
        "trigger_id": "1.2.3",
        "response_url": "http://127.0.0.1:9/never",
        "actions": [{"action_id": action_id, "block_id": "b", "type": "button", "value": value}],
    }
    payload.update(overrides)
    return payload


# ---------------------------------------------------------------------- the attack's triggers


TRIGGERS: dict[str, Any] = {
    "payload not JSON": "payload=" + "{not json",
    "payload a JSON list": urlencode({"payload": "[1, 2]"}),
    "actions empty": block_actions("card_adopt", "{}", actions=[]),
    "actions null": block_actions("card_adopt", "{}", actions=None),
    "action not an object": block_actions("card_adopt", "{}", actions=["card_adopt"]),
    "action value a number": block_actions("card_adopt", 12),
    "button value that does not decode": block_actions("card_adopt", "%%%not-json"),
    "button value with a text id": block_actions(
        f"{ANSWER_PREFIX}yes", json.dumps({"c": "x", "v": 0, "q": "q", "a": "a"})
    ),
    "button value with a list id": block_actions("card_full_comparison", json.dumps({"c": [1]})),
    "button value with a huge id": block_actions("card_export_adr", json.dumps({"c": 10**40})),
    "missing user": block_actions("card_adopt", json.dumps({"c": 1, "v": 0, "s": "kafka"}), user=None),
    "user a string": block_actions(ACTION_BACK, json.dumps({"c": 1, "v": 0}), user="U1"),
    "missing trigger": block_actions("home_start", "", trigger_id=None),
    "team a list": block_actions("card_adopt", "{}", team=[TEAM_ID]),
    "view without type": {
        "type": "view_submission",
        "user": {"id": ALICE},
        "team": {"id": TEAM_ID},
        "view": {"callback_id": "chose_other", "state": {"values": {}}},
    },
    "view state values a list": {
        "type": "view_submission",
        "user": {"id": ALICE},
        "team": {"id": TEAM_ID},
        "view": {"type": "modal", "callback_id": "chose_other", "state": {"values": []}},
    },
    "view metadata forged": {
        "type": "view_submission",
        "user": {"id": ALICE},
        "team": {"id": TEAM_ID},
        "view": {
            "type": "modal",
            "callback_id": "chose_other",
            "private_metadata": json.dumps({"c": "1; drop", "v": None}),
            "state": {
                "values": {
                    "system": {"system_select": {"selected_option": {"value": "kafka"}}},
                    "rationale": {"rationale_input": {"value": "why"}},
                }
            },
        },
    },
    "view selected option a string": {
        "type": "view_submission",
        "user": {"id": ALICE},
        "team": {"id": TEAM_ID},
        "view": {
            "type": "modal",
            "callback_id": "chose_other",
            "state": {"values": {"system": {"system_select": {"selected_option": "kafka"}}}},
        },
    },
}


def _event_body(event: Any, **envelope: Any) -> str:
    body = {
        "token": "x",
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "type": "event_callback",
        "event_id": "Ev0MALFORMED",
        "event_time": 1,
        "event": event,
        **envelope,
    }
    return json.dumps(body)


EVENT_TRIGGERS: dict[str, str] = {
    "message without channel": _event_body(
        {"type": "message", "user": ALICE, "text": "yes", "ts": "1.1", "thread_ts": "1.0"}
    ),
    "message without user": _event_body(
        {"type": "message", "channel": CHANNEL, "text": "yes", "ts": "1.1", "thread_ts": "1.0"}
    ),
    "message text a number": _event_body(
        {"type": "message", "user": ALICE, "channel": CHANNEL, "text": 5, "ts": "1.1", "thread_ts": "1.0"}
    ),
    "event a string": _event_body("message"),
    "event without type": _event_body({"user": ALICE}),
    "home without user": _event_body({"type": "app_home_opened", "tab": "home"}),
    "direct message without user": _event_body(
        {"type": "message", "channel": "D0DM", "channel_type": "im", "ts": "1.1"}
    ),
    "authorizations a string": _event_body({"type": "app_home_opened", "user": ALICE}, authorizations="x"),
    "a JSON list": "[1, 2, 3]",
    "not JSON": "{nope",
}


@pytest.mark.parametrize("name", sorted(TRIGGERS))
async def test_a_malformed_interactivity_payload_is_a_400_or_a_quiet_200(
    world: World, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    caplog.set_level(logging.INFO)
    baseline = asyncio.all_tasks()
    payload = TRIGGERS[name]
    body = payload if isinstance(payload, str) else urlencode({"payload": json.dumps(payload)})
    sent = await world.send.post(body, "application/x-www-form-urlencoded")
    await settle(baseline)
    assert sent.status in (200, 400), (sent.status, sent.body)
    assert_quiet(caplog)
    # One line says what was wrong, unless the modal itself shows the person what to fix.
    shown_in_modal = sent.status == 200 and '"response_action": "errors"' in sent.body.replace('":"', '": "')
    assert shown_in_modal or any(r.levelno == logging.WARNING for r in caplog.records)
    assert world.mock.calls_to("chat.postMessage") == [] and world.mock.calls_to("views.open") == []


@pytest.mark.parametrize("name", sorted(EVENT_TRIGGERS))
async def test_a_malformed_event_payload_is_a_400_or_a_quiet_200(
    world: World, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    caplog.set_level(logging.INFO)
    baseline = asyncio.all_tasks()
    sent = await world.send.post(EVENT_TRIGGERS[name], "application/json")
    await settle(baseline)
    assert sent.status in (200, 400), (sent.status, sent.body)
    assert_quiet(caplog)
    assert world.mock.calls_to("chat.postMessage") == []


# ---------------------------------------------------------------------- properties


# JSON values of every kind, small enough to keep examples fast.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
# What the app's own button values hold, with each field possibly of the wrong type.
button_fields = st.fixed_dictionaries(
    {},
    optional={
        "c": st.integers(-(2**70), 2**70) | json_values,
        "v": st.integers(-5, 5) | json_values,
        "q": st.sampled_from(["persistence", "latency", "nope"]) | json_values,
        "a": st.sampled_from(["yes", "no", "unsure"]) | json_values,
        "s": st.sampled_from(["kafka", "nats-core", "🙂"]) | json_values,
    },
)
button_values = (
    button_fields.map(json.dumps)
    | st.text(max_size=60)
    | st.none()
    | st.integers()
    | st.lists(st.integers(), max_size=2)
)
command_text = st.text(max_size=300) | st.sampled_from(
    ["help", "compare", "compare <!channel>", "usecase", "history kafka", "digest here", "digest off", "digest when x"]
).flatmap(lambda word: st.text(max_size=40).map(lambda rest: f"{word} {rest}"))


async def _check(world: World, caplog: pytest.LogCaptureFixture, send: Any, allowed: tuple[int, ...]) -> Sent:
    caplog.clear()
    baseline = asyncio.all_tasks()
    sent: Sent = await send()
    await settle(baseline)
    assert sent.status in allowed, (sent.status, sent.body)
    assert_quiet(caplog)
    assert not world.mock.problems, world.mock.problems
    return sent


@given(text=command_text)
@example(text="kafka\x00 durable")  # PostgreSQL refuses NUL in text
@example(text="compare <!channel> <https://evil.example|x>")
async def test_property_any_command_text_is_answered_without_an_error(
    world: World, caplog: pytest.LogCaptureFixture, text: str
) -> None:
    caplog.set_level(logging.INFO)
    await _check(world, caplog, lambda: world.send.command(text), (200,))


@given(action_id=st.sampled_from(ACTION_IDS), value=button_values, user=st.sampled_from([ALICE, None, "", 7]))
async def test_property_any_button_value_is_a_400_or_a_quiet_200(
    world: World, caplog: pytest.LogCaptureFixture, action_id: str, value: Any, user: Any
) -> None:
    caplog.set_level(logging.INFO)
    payload = block_actions(action_id, value, user={"id": user, "team_id": TEAM_ID})
    await _check(world, caplog, lambda: world.send.interact(payload), (200, 400))


event_types = st.sampled_from(["message", "app_home_opened", "app_uninstalled", "tokens_revoked", "reaction_added"])
message_fields = st.fixed_dictionaries(
    {},
    optional={
        "user": st.sampled_from([ALICE, "U0BOT0001"]) | json_values,
        "channel": st.sampled_from([CHANNEL, "D0DIRECT1"]) | json_values,
        "text": st.text(max_size=80) | json_values,
        "ts": st.sampled_from(["1700000000.000001", "1.1"]) | json_values,
        "thread_ts": st.sampled_from(["1700000000.000001", "1700000000.000002"]) | json_values,
        "subtype": st.sampled_from(["bot_message", "message_changed", "thread_broadcast"]) | json_values,
        "channel_type": st.sampled_from(["channel", "im", "group"]) | json_values,
        "tab": st.sampled_from(["home", "messages"]) | json_values,
        "tokens": json_values,
        "bot_id": json_values,
    },
)


@given(
    event_type=event_types | json_values,
    fields=message_fields,
    envelope=st.fixed_dictionaries(
        {}, optional={"team_id": json_values, "authorizations": json_values, "event_id": json_values}
    ),
)
@example(  # a direct message with NUL and a lone surrogate (valid JSON, not UTF-8) starts a conversation
    event_type="message",
    fields={"user": ALICE, "channel": "D0DIRECT1", "channel_type": "im", "ts": "1.1", "text": "kafka\x00 \ud800 log"},
    envelope={},
)
async def test_property_any_event_payload_is_a_400_or_a_quiet_200(
    world: World, caplog: pytest.LogCaptureFixture, event_type: Any, fields: dict[str, Any], envelope: dict[str, Any]
) -> None:
    caplog.set_level(logging.INFO)
    body = _event_body({"type": event_type, **fields}, **envelope)
    await _check(world, caplog, lambda: world.send.post(body, "application/json"), (200, 400, 404))
