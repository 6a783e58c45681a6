"""A conformance sweep: payloads shaped exactly as a real Slack workspace sends them, through `msgchoice serve`.

The harness's helpers build the payloads the app's own tests need; here every request is written out
field by field as Slack's documentation and SDK fixtures show it (ids like ``T0…``/``U0…``/``C0…``,
``ts`` values like ``1733190000.000100``, ``view.app_installed_team_id``, ``container.is_ephemeral``,
``is_ext_shared_channel``, retry headers …), and what a person would notice is asserted: a 2xx well
within Slack's 3 s, no traceback in the logs, the visible reply (or rightly none), nothing written into
another team's rows, and their text escaped on the way out.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from bot.render.blocks import build_start_modal, view_payload
from bot.store import repo, sealed
from bot.store.db import session_factory as sessions_for
from bot.store.models import Conversation
from tests.slack.conftest import World, open_question_in
from tests.slack.harness import ALICE, BOB, CHANNEL, Sent, text_of
from tests.slack.mock_slack import APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID, Message
from tests.slack.test_oauth import OAuthApp, running_oauth_app

FORM = "application/x-www-form-urlencoded"
SLACK_ACK_S = 3.0
SETTLE_S = 0.5  # long enough for a listener that acked to have posted, had it anything to post
RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
OTHER_TEAM = "T0OTHERCO1"  # a Slack Connect partner's workspace
CAROL = "U0CAROL001"  # a person of that partner workspace
_n = iter(range(1, 10_000))


def _ts() -> str:
    return f"{time.time():.6f}"


def _quiet(caplog: pytest.LogCaptureFixture) -> None:
    loud = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not loud, [r.getMessage() for r in loud]
    assert "Traceback" not in caplog.text


async def _timed(coro: Any) -> Sent:
    started = time.perf_counter()
    sent: Sent = await coro
    assert time.perf_counter() - started < SLACK_ACK_S, "not acknowledged within Slack's 3 s"
    assert 200 <= sent.status < 300, (sent.status, sent.body)
    return sent


async def _rows(db_url: str) -> list[tuple[str, str, str]]:
    async with sessions_for(db_url)() as session:
        rows = (await session.scalars(select(Conversation))).all()
    return [(c.team_id, c.channel_id, c.thread_ts) for c in rows]


def _command_form(world: World, text: str, **fields: str) -> dict[str, str]:
    n = next(_n)
    form = {
        "token": "gIkuvaNzQIHg97ATvDxqgjtO",
        "team_id": TEAM_ID,
        "team_domain": "acme-eng",
        "channel_id": CHANNEL,
        "channel_name": "general",
        "user_id": ALICE,
        "user_name": "alice.smith",
        "command": "/msgchoice",
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": world.mock.response_url(f"conformance-cmd{n}"),
        "trigger_id": f"13345224609.738474920.8088930838d88f008e0{n:04d}",
    }
    return form | fields


def _envelope(event: dict[str, Any], *, team_id: str = TEAM_ID, shared: bool = False) -> dict[str, Any]:
    return {
        "token": "gIkuvaNzQIHg97ATvDxqgjtO",
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev0CONF{next(_n):06d}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": shared,
        "event_context": "4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJUMFRFU1QwMDEiLCJhaWQiOiJBMEFQUDAwMDEifQ",
    }


async def _event(world: World, event: dict[str, Any], *, headers: dict[str, str] | None = None, **kw: Any) -> Sent:
    return await _timed(world.send.post(json.dumps(_envelope(event, **kw)), "application/json", headers=headers))


def _reply(text: str, thread_ts: str, **extra: Any) -> dict[str, Any]:
    ts = _ts()
    return {
        "client_msg_id": f"5c5e6b1e-0000-4000-8000-{next(_n):012d}",
        "type": "message",
        "text": text,
        "user": ALICE,
        "ts": ts,
        "blocks": [
            {
                "type": "rich_text",
                "block_id": "Vfs1",
                "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
            }
        ],
        "team": TEAM_ID,
        "thread_ts": thread_ts,
        "parent_user_id": BOT_USER_ID,
        "channel": CHANNEL,
        "event_ts": ts,
        "channel_type": "channel",
    } | extra


async def _at_the_first_question(world: World, caplog: pytest.LogCaptureFixture) -> tuple[str, Message]:
    """A conversation started by /msgchoice and its first question, the logs captured from here on."""
    thread_ts = await world.start("")
    question = await world.wait_question(thread_ts, "persistence")
    caplog.set_level(logging.INFO)
    return thread_ts, question


def _click(world: World, message: Message, action_id: str, **extra: Any) -> dict[str, Any]:
    """A block_actions payload as Slack sends it for a click on a message in a channel thread."""
    for block in message.blocks:
        for element in [*(block.get("elements") or []), block.get("accessory") or {}]:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                n = next(_n)
                return {
                    "type": "block_actions",
                    "user": {"id": ALICE, "username": "alice.smith", "name": "alice.smith", "team_id": TEAM_ID},
                    "api_app_id": APP_ID,
                    "token": "gIkuvaNzQIHg97ATvDxqgjtO",
                    "container": {
                        "type": "message",
                        "message_ts": message.ts,
                        "channel_id": message.channel,
                        "is_ephemeral": False,
                        "thread_ts": message.thread_ts,
                    },
                    "trigger_id": f"13345224609.738474920.click{n:06d}",
                    "team": {"id": TEAM_ID, "domain": "acme-eng"},
                    "enterprise": None,
                    "is_enterprise_install": False,
                    "channel": {"id": message.channel, "name": "general"},
                    "message": {
                        "user": BOT_USER_ID,
                        "type": "message",
                        "ts": message.ts,
                        "bot_id": BOT_ID,
                        "app_id": APP_ID,
                        "text": message.text,
                        "team": TEAM_ID,
                        "thread_ts": message.thread_ts,
                        "parent_user_id": BOT_USER_ID,
                        "blocks": message.blocks,
                    },
                    "state": {"values": {}},
                    "response_url": world.mock.response_url(f"conformance-click{n}"),
                    "actions": [
                        {
                            "action_id": action_id,
                            "block_id": block.get("block_id"),
                            "text": element.get("text"),
                            "value": element.get("value"),
                            "type": "button",
                            "action_ts": _ts(),
                        }
                    ],
                } | extra
    raise AssertionError(f"no {action_id} in {message.ts}")


async def _interact(world: World, payload: dict[str, Any], **kw: Any) -> Sent:
    return await _timed(world.send.post(urlencode({"payload": json.dumps(payload)}), FORM, **kw))


# ---------------------------------------------------------------------- slash commands


@pytest.mark.parametrize(
    ("channel", "name"),
    [("D0DM00ALIC", "directmessage"), ("G0PRIVGRP1", "privategroup"), ("C0MPIM0001", "mpdm-alice--bob--carol-1")],
)
async def test_a_command_where_the_app_cannot_post_is_answered_through_the_response_url(
    world: World, caplog: pytest.LogCaptureFixture, channel: str, name: str
) -> None:
    # Slack sends the command from a DM between people or a private channel the app is not in; the
    # app cannot post there, and the person hears why, privately.
    world.mock.not_in_channel.add(channel)
    caplog.set_level(logging.INFO)
    form = _command_form(world, "orders from checkout to billing, 2k/s", channel_id=channel, channel_name=name)
    await _timed(world.send.post(urlencode(form), FORM))
    reply = (await world.mock.wait_calls("response_url"))[-1].args
    assert reply.get("response_type") == "ephemeral"
    assert "post" in (reply.get("text") or "") or "/invite" in json.dumps(reply), reply
    assert await _rows(world.db_url) == [] or all(r[0] == TEAM_ID for r in await _rows(world.db_url))
    _quiet(caplog)


async def test_a_command_from_a_workspace_in_an_enterprise_grid_starts_there(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    form = _command_form(world, "", enterprise_id="E0ACMEORG1", enterprise_name="Acme Corp")
    await _timed(world.send.post(urlencode(form), FORM))
    root = await world.mock.wait_for(lambda: next(iter(world.mock.messages.get(CHANNEL, [])), None), what="root")
    await world.wait_question(root.ts, "persistence")
    assert {r[0] for r in await _rows(world.db_url)} == {TEAM_ID}
    _quiet(caplog)


async def test_slacks_ssl_check_is_acknowledged_and_does_nothing(world: World) -> None:
    # Slack checks the command URL's certificate with a form post carrying ssl_check=1 and a token.
    before = len(world.mock.calls)
    await _timed(world.send.post(urlencode({"ssl_check": "1", "token": "gIkuvaNzQIHg97ATvDxqgjtO"}), FORM))
    await asyncio.sleep(SETTLE_S)
    assert [c.method for c in world.mock.calls[before:] if c.method != "auth.test"] == []


async def test_user_text_in_a_command_is_escaped_in_what_the_app_posts(world: World) -> None:
    form = _command_form(world, "&lt;!channel&gt; <!here> orders &amp; payments from <@U0BOB00001|bob> to S3")
    await _timed(world.send.post(urlencode(form), FORM))
    root = await world.mock.wait_for(lambda: next(iter(world.mock.messages.get(CHANNEL, [])), None), what="root")
    await world.wait_question(root.ts, "persistence")
    for message in world.thread(root.ts):
        shown = text_of(message)
        assert "<!here>" not in shown and "<!channel>" not in shown and "<@U0BOB00001>" not in shown, shown


# ---------------------------------------------------------------------- Events API


async def test_url_verification_is_answered_with_the_challenge(world: World) -> None:
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    body = {"token": "Jhj5dZrVaK7ZwHHjRyZWjbDl", "challenge": challenge, "type": "url_verification"}
    sent = await _timed(world.send.post(json.dumps(body), "application/json"))
    assert challenge in sent.body


@pytest.mark.parametrize(
    "subtype",
    ["message_changed", "message_deleted", "bot_message", "channel_join", "message_replied", "thread_broadcast_edit"],
)
async def test_message_events_that_are_no_reply_are_acknowledged_and_change_nothing(
    world: World, caplog: pytest.LogCaptureFixture, subtype: str
) -> None:
    thread_ts, _ = await _at_the_first_question(world, caplog)
    before, rows = len(world.mock.calls), await _rows(world.db_url)
    ts = _ts()
    inner = _reply("yes", thread_ts)
    events: dict[str, dict[str, Any]] = {
        "message_changed": {
            "type": "message",
            "subtype": "message_changed",
            "message": inner | {"edited": {"user": ALICE, "ts": ts}},
            "previous_message": inner | {"text": "ye"},
            "channel": CHANNEL,
            "hidden": True,
            "ts": ts,
            "event_ts": ts,
            "channel_type": "channel",
        },
        "message_deleted": {
            "type": "message",
            "subtype": "message_deleted",
            "previous_message": inner,
            "channel": CHANNEL,
            "hidden": True,
            "deleted_ts": inner["ts"],
            "ts": ts,
            "event_ts": ts,
            "channel_type": "channel",
        },
        "bot_message": {
            "type": "message",
            "subtype": "bot_message",
            "text": "yes",
            "ts": ts,
            "username": "deploy-bot",
            "bot_id": "B0DEPLOY01",
            "thread_ts": thread_ts,
            "channel": CHANNEL,
            "event_ts": ts,
            "channel_type": "channel",
        },
        "channel_join": {
            "type": "message",
            "subtype": "channel_join",
            "user": BOB,
            "text": f"<@{BOB}> has joined the channel",
            "inviter": ALICE,
            "ts": ts,
            "channel": CHANNEL,
            "event_ts": ts,
            "channel_type": "channel",
        },
        "message_replied": {
            "type": "message",
            "subtype": "message_replied",
            "hidden": True,
            "message": {"type": "message", "user": BOT_USER_ID, "text": "…", "ts": thread_ts, "thread_ts": thread_ts},
            "channel": CHANNEL,
            "ts": ts,
            "event_ts": ts,
            "channel_type": "channel",
        },
        "thread_broadcast_edit": {
            "type": "message",
            "subtype": "message_changed",
            "message": inner | {"subtype": "thread_broadcast", "edited": {"user": ALICE, "ts": ts}},
            "previous_message": inner | {"subtype": "thread_broadcast"},
            "channel": CHANNEL,
            "hidden": True,
            "ts": ts,
            "event_ts": ts,
            "channel_type": "channel",
        },
    }
    await _event(world, events[subtype])
    await _event(world, events[subtype], headers=RETRY)
    await asyncio.sleep(SETTLE_S)
    assert [c.method for c in world.mock.calls[before:]] == []
    assert await _rows(world.db_url) == rows
    assert world.open_question(thread_ts) is not None
    _quiet(caplog)


async def test_a_reply_also_sent_to_the_channel_is_an_answer(world: World, caplog: pytest.LogCaptureFixture) -> None:
    thread_ts, _ = await _at_the_first_question(world, caplog)
    broadcast = _reply("yes", thread_ts, subtype="thread_broadcast", root={"ts": thread_ts, "user": BOT_USER_ID})
    await _event(world, broadcast)
    await world.wait_question(thread_ts, "throughput")
    _quiet(caplog)


async def test_a_file_shared_in_the_thread_without_text_posts_nothing_broken(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    thread_ts, _ = await _at_the_first_question(world, caplog)
    shared = _reply("", thread_ts, subtype="file_share", upload=False, display_as_bot=False)
    shared["files"] = [{"id": "F0SCHEMA01", "name": "schema.png", "mimetype": "image/png", "filetype": "png"}]
    shared.pop("blocks")
    await _event(world, shared)
    await asyncio.sleep(SETTLE_S)
    assert world.open_question(thread_ts) is not None  # the question is still open, nothing answered
    _quiet(caplog)


async def test_a_retried_first_delivery_still_counts(world: World) -> None:
    # The first attempt timed out before it reached the app (a load balancer dropped it): Slack's retry
    # is the only copy, and it must be processed.
    thread_ts = await world.start("")
    await world.wait_question(thread_ts, "persistence")
    retry = {"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_timeout"}
    await _event(world, _reply("yes", thread_ts), headers=retry)
    await world.wait_question(thread_ts, "throughput")


async def test_a_reply_from_a_slack_connect_partner_is_an_answer_of_this_team(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    thread_ts, _ = await _at_the_first_question(world, caplog)
    reply = _reply("yes", thread_ts, user=CAROL, team=OTHER_TEAM, user_team=OTHER_TEAM, source_team=OTHER_TEAM)
    reply["user_profile"] = {"display_name": "carol", "team": OTHER_TEAM, "is_restricted": False}
    await _event(world, reply, shared=True, team_id=OTHER_TEAM)
    await world.wait_question(thread_ts, "throughput")
    assert {r[0] for r in await _rows(world.db_url)} == {TEAM_ID}
    _quiet(caplog)


async def test_a_mention_in_a_channel_starts_a_conversation_and_escapes_the_text(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    ts = "1733190000.000100"
    text = f"<@{BOT_USER_ID}> &lt;!channel&gt; we stream order events from Postgres CDC into S3 for <!here>"
    mention = {
        "client_msg_id": "a8744611-0210-4f85-9f15-5faf7fb225c8",
        "type": "app_mention",
        "text": text,
        "user": ALICE,
        "ts": ts,
        "team": TEAM_ID,
        "channel": CHANNEL,
        "event_ts": ts,
    }
    await _event(world, mention)
    root = await world.mock.wait_for(lambda: next(iter(world.mock.messages.get(CHANNEL, [])), None), what="root")
    await world.mock.wait_for(lambda: world.open_question(root.ts) is not None, what="first question")
    for message in world.thread(root.ts):
        shown = text_of(message)
        assert "<!here>" not in shown and "<!channel>" not in shown, shown
    _quiet(caplog)


async def test_a_mention_in_someone_elses_thread_is_answered_privately(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    ts = _ts()
    mention = {
        "type": "app_mention",
        "text": f"<@{BOT_USER_ID}> what do you think?",
        "user": ALICE,
        "ts": ts,
        "thread_ts": "1733190000.000100",
        "parent_user_id": BOB,
        "team": TEAM_ID,
        "channel": CHANNEL,
        "event_ts": ts,
    }
    await _event(world, mention)
    calls = await world.mock.wait_calls("chat.postEphemeral")
    assert calls[-1].args["user"] == ALICE and calls[-1].args.get("thread_ts") == "1733190000.000100"
    assert world.mock.calls_to("chat.postMessage") == []
    _quiet(caplog)


@pytest.mark.parametrize("tab", ["home", "messages"])
async def test_app_home_opened(world: World, caplog: pytest.LogCaptureFixture, tab: str) -> None:
    caplog.set_level(logging.INFO)
    event: dict[str, Any] = {
        "type": "app_home_opened",
        "user": ALICE,
        "channel": "D0HOMEALIC",
        "tab": tab,
        "event_ts": _ts(),
    }
    if tab == "home":
        # the Home view as Slack sends it with the event: the one the app published, blocks left out
        event["view"] = {**_home_view(), "blocks": [], "hash": "1733190000.abcd1234"}
    await _event(world, event)
    await asyncio.sleep(SETTLE_S)
    published = world.mock.calls_to("views.publish")
    assert (len(published) == 1) == (tab == "home")
    if published:
        assert published[0].args["user_id"] == ALICE
    _quiet(caplog)


@pytest.mark.parametrize(
    "event",
    [
        {
            "type": "member_joined_channel",
            "user": BOT_USER_ID,
            "channel": CHANNEL,
            "channel_type": "C",
            "team": TEAM_ID,
            "inviter": ALICE,
        },
        {"type": "member_left_channel", "user": BOB, "channel": CHANNEL, "channel_type": "C", "team": TEAM_ID},
        {"type": "app_uninstalled"},
        {"type": "tokens_revoked", "tokens": {"oauth": [ALICE], "bot": [BOT_USER_ID]}},
        {"type": "channel_archive", "channel": CHANNEL, "user": ALICE, "is_moved": 0},
    ],
    ids=lambda e: e["type"],
)
async def test_other_events_are_acknowledged(
    world: World, caplog: pytest.LogCaptureFixture, event: dict[str, Any]
) -> None:
    caplog.set_level(logging.INFO)
    await _event(world, event | {"event_ts": _ts()})
    await _event(world, event | {"event_ts": _ts()}, headers=RETRY)
    await asyncio.sleep(SETTLE_S)
    assert world.mock.calls_to("chat.postMessage") == []
    _quiet(caplog)


# ---------------------------------------------------------------------- interactivity


async def test_a_click_with_slacks_full_payload_is_recorded(world: World, caplog: pytest.LogCaptureFixture) -> None:
    thread_ts, question = await _at_the_first_question(world, caplog)
    await _interact(world, _click(world, question, "answer:yes"))
    await world.wait_question(thread_ts, "throughput")
    _quiet(caplog)


async def test_a_click_of_a_slack_connect_partner_is_recorded_in_the_apps_team(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    # In a shared channel, team is the app's workspace (whose message it is) and user.team_id the clicker's.
    thread_ts, question = await _at_the_first_question(world, caplog)
    click = _click(world, question, "answer:yes")
    click["user"] = {"id": CAROL, "username": "carol", "name": "carol", "team_id": OTHER_TEAM}
    await _interact(world, click)
    await world.wait_question(thread_ts, "throughput")
    assert {r[0] for r in await _rows(world.db_url)} == {TEAM_ID}
    _quiet(caplog)


def _home_view(team_in_view: str = TEAM_ID, installed: str = TEAM_ID) -> dict[str, Any]:
    return {
        "id": "V0HOMEVIEW",
        "team_id": team_in_view,
        "type": "home",
        "blocks": [
            {
                "type": "actions",
                "block_id": "home_actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "home_start",
                        "text": {"type": "plain_text", "text": "Start a conversation", "emoji": True},
                        "style": "primary",
                    }
                ],
            }
        ],
        "private_metadata": "",
        "callback_id": "",
        "state": {"values": {}},
        "hash": "1733190000.H0me1234",
        "title": {"type": "plain_text", "text": "View Title", "emoji": True},
        "clear_on_close": False,
        "notify_on_close": False,
        "close": None,
        "submit": None,
        "previous_view_id": None,
        "root_view_id": "V0HOMEVIEW",
        "app_id": APP_ID,
        "external_id": "",
        "app_installed_team_id": installed,
        "bot_id": BOT_ID,
    }


def _home_click(team: dict[str, Any] | None, user_team: str, view: dict[str, Any], **extra: Any) -> dict[str, Any]:
    n = next(_n)
    return {
        "type": "block_actions",
        "user": {"id": ALICE, "username": "alice.smith", "name": "alice.smith", "team_id": user_team},
        "api_app_id": APP_ID,
        "token": "gIkuvaNzQIHg97ATvDxqgjtO",
        "container": {"type": "view", "view_id": "V0HOMEVIEW"},
        "trigger_id": f"13345224609.738474920.home{n:06d}",
        "team": team,
        "enterprise": None,
        "is_enterprise_install": False,
        "view": view,
        "actions": [
            {
                "action_id": "home_start",
                "block_id": "home_actions",
                "text": {"type": "plain_text", "text": "Start a conversation", "emoji": True},
                "style": "primary",
                "type": "button",
                "action_ts": _ts(),
            }
        ],
    } | extra


def _submission(
    view: dict[str, Any], values: dict[str, Any], *, team: dict[str, Any] | None, user_team: str, **extra: Any
) -> dict[str, Any]:
    n = next(_n)
    return {
        "type": "view_submission",
        "team": team,
        "user": {"id": ALICE, "username": "alice.smith", "name": "alice.smith", "team_id": user_team},
        "api_app_id": APP_ID,
        "token": "gIkuvaNzQIHg97ATvDxqgjtO",
        "trigger_id": f"13345224609.738474920.submit{n:06d}",
        "view": view | {"state": {"values": values}},
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    } | extra


def _opened_view(opened: dict[str, Any], *, team_id: str, installed: str) -> dict[str, Any]:
    return {
        **opened,
        "id": "V0MODAL001",
        "team_id": team_id,
        "private_metadata": opened.get("private_metadata", ""),
        "callback_id": opened.get("callback_id", ""),
        "hash": "1733190000.M0dal123",
        "clear_on_close": False,
        "notify_on_close": False,
        "previous_view_id": None,
        "root_view_id": "V0MODAL001",
        "app_id": APP_ID,
        "external_id": "",
        "app_installed_team_id": installed,
        "bot_id": BOT_ID,
    }


START_VALUES = {
    "channel": {"channel_select": {"type": "conversations_select", "selected_conversation": CHANNEL}},
    "description": {"description_input": {"type": "plain_text_input", "value": "IoT telemetry from 40k devices"}},
}


async def test_the_home_tab_start_button_and_modal(world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    await _interact(world, _home_click({"id": TEAM_ID, "domain": "acme-eng"}, TEAM_ID, _home_view()))
    opened = (await world.mock.wait_calls("views.open"))[-1].args["view"]
    opened = opened if isinstance(opened, dict) else json.loads(opened)
    view = _opened_view(opened, team_id=TEAM_ID, installed=TEAM_ID)
    sent = await _interact(
        world, _submission(view, START_VALUES, team={"id": TEAM_ID, "domain": "acme-eng"}, user_team=TEAM_ID)
    )
    assert sent.body in ("", "{}") or json.loads(sent.body).get("response_action") != "errors", sent.body
    root = await world.mock.wait_for(lambda: next(iter(world.mock.messages.get(CHANNEL, [])), None), what="root")
    await world.mock.wait_for(lambda: world.open_question(root.ts) is not None, what="first question")
    assert {r[0] for r in await _rows(world.db_url)} == {TEAM_ID}
    _quiet(caplog)


async def test_a_closed_modal_and_a_shortcut_are_acknowledged(world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    modal = _opened_view(view_payload(build_start_modal()), team_id=TEAM_ID, installed=TEAM_ID)
    closed = {
        "type": "view_closed",
        "team": {"id": TEAM_ID, "domain": "acme-eng"},
        "user": {"id": ALICE, "username": "alice.smith", "name": "alice.smith", "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "gIkuvaNzQIHg97ATvDxqgjtO",
        "view": modal | {"state": {"values": {}}},
        "is_cleared": False,
        "is_enterprise_install": False,
        "enterprise": None,
    }
    await _interact(world, closed)
    shortcut = {
        "type": "shortcut",
        "token": "gIkuvaNzQIHg97ATvDxqgjtO",
        "action_ts": _ts(),
        "team": {"id": TEAM_ID, "domain": "acme-eng"},
        "user": {"id": ALICE, "username": "alice.smith", "team_id": TEAM_ID},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": "choose_system",
        "trigger_id": "13345224609.738474920.shortcut01",
    }
    await _interact(world, shortcut)
    message_action = {
        "type": "message_action",
        "token": "gIkuvaNzQIHg97ATvDxqgjtO",
        "action_ts": _ts(),
        "team": {"id": TEAM_ID, "domain": "acme-eng"},
        "user": {"id": ALICE, "name": "alice.smith", "team_id": TEAM_ID},
        "channel": {"id": CHANNEL, "name": "general"},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": "ask_msgchoice",
        "trigger_id": "13345224609.738474920.msgaction1",
        "response_url": world.mock.response_url("conformance-msgaction"),
        "message_ts": "1733190000.000100",
        "message": {"type": "message", "user": BOB, "ts": "1733190000.000100", "text": "kafka or nats?"},
    }
    await _interact(world, message_action)
    _quiet(caplog)


# ---------------------------------------------------------------------- Enterprise Grid, org-wide install

ORG, WORKSPACE = "E0ACMEORG1", "T0ACMEWS01"


@pytest.fixture
async def org_app(db_url: str) -> AsyncIterator[OAuthApp]:
    try:
        async with running_oauth_app(db_url) as app:
            app.mock.grant("org-code", ORG, workspaces=(WORKSPACE, "T0ACMEWS02"))
            _, state = await app.start_install()
            assert (await app.redirect("org-code", state)).status == 200
            yield app
    finally:
        sealed.configure(sealed.TokenCipher(allow_plaintext=True))


async def test_the_home_tab_modal_of_an_org_wide_install_starts_the_conversation_in_the_workspace(
    org_app: OAuthApp, caplog: pytest.LogCaptureFixture
) -> None:
    # Installed org-wide, Slack names the org's installation in view.app_installed_team_id (E…), which
    # Bolt takes for the request's team: the conversation was stored under the org, where no thread
    # reply, click or Home tab of the workspace ever finds it.
    caplog.set_level(logging.INFO)
    org = {"enterprise": {"id": ORG, "name": "Acme Corp"}, "is_enterprise_install": True}
    home = _home_view(team_in_view=WORKSPACE, installed=ORG)
    await _timed(org_app.send.post(urlencode({"payload": json.dumps(_home_click(None, WORKSPACE, home, **org))}), FORM))
    opened = (await org_app.mock.wait_calls("views.open"))[-1].args["view"]
    opened = opened if isinstance(opened, dict) else json.loads(opened)
    view = _opened_view(opened, team_id=WORKSPACE, installed=ORG)
    team = {"id": WORKSPACE, "domain": "acme-ws1", "enterprise_id": ORG, "enterprise_name": "Acme Corp"}
    payload = _submission(view, START_VALUES, team=team, user_team=WORKSPACE, **org)
    await _timed(org_app.send.post(urlencode({"payload": json.dumps(payload)}), FORM))
    mock = org_app.mock
    root = await mock.wait_for(lambda: next(iter(mock.messages.get(CHANNEL, [])), None), what="root")
    await mock.wait_for(lambda: open_question_in(mock.thread(CHANNEL, root.ts)) is not None, what="first question")
    assert {r[0] for r in await _rows(org_app.db_url)} == {WORKSPACE}
    async with sessions_for(org_app.db_url)() as session:
        found = await repo.get_conversation_by_thread(session, team_id=WORKSPACE, channel_id=CHANNEL, thread_ts=root.ts)
    assert found is not None
    _quiet(caplog)


async def test_a_click_of_an_org_wide_install_naming_the_org_as_the_users_team_is_recorded(
    org_app: OAuthApp, caplog: pytest.LogCaptureFixture
) -> None:
    # Slack sends an org-wide install's clicks with team: null, and for a user of an Enterprise Grid org
    # user.team_id may be the org's id (E…): Bolt took it for the team, the conversation of the workspace
    # was not found, and the click changed nothing.  The message the button is on names the workspace.
    caplog.set_level(logging.INFO)
    sent = await org_app.send.command("", team_id=WORKSPACE, org_wide_install_of=ORG)
    assert sent.status == 200, sent.body
    mock = org_app.mock

    def question() -> Message | None:
        for root in (m for m in mock.messages.get(CHANNEL, []) if m.thread_ts is None):
            for message in mock.thread(CHANNEL, root.ts):
                if any(str(b.get("block_id", "")).startswith("answers:persistence:") for b in message.blocks):
                    return message
        return None

    asked: Message = await mock.wait_for(question, what="the first question")
    await asyncio.sleep(SETTLE_S)  # the app records the question's ts after posting it
    click = _click(org_app, asked, "answer:yes")  # type: ignore[arg-type]
    click["user"]["team_id"] = ORG
    click["message"]["team"] = WORKSPACE
    click |= {"team": None, "enterprise": {"id": ORG, "name": "Acme Corp"}, "is_enterprise_install": True}
    await _timed(org_app.send.post(urlencode({"payload": json.dumps(click)}), FORM))

    def answered() -> bool:
        return "✅" in json.dumps(mock.message(CHANNEL, asked.ts).blocks, ensure_ascii=False)

    await mock.wait_for(answered, what="the click recorded")
    assert {r[0] for r in await _rows(org_app.db_url)} == {WORKSPACE}
    _quiet(caplog)


# ---------------------------------------------------------------------- the app's Messages tab, ephemeral messages

DM = "D0APPALIC1"  # Alice's direct messages with the app


def _dm(text: str, **extra: Any) -> dict[str, Any]:
    ts = _ts()
    return {
        "client_msg_id": f"5c5e6b1e-0000-4000-8000-{next(_n):012d}",
        "type": "message",
        "text": text,
        "user": ALICE,
        "ts": ts,
        "team": TEAM_ID,
        "channel": DM,
        "event_ts": ts,
        "channel_type": "im",
    } | extra


async def test_a_direct_message_to_the_app_gets_help_and_an_edit_of_it_nothing(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    first = _dm("hi")
    await _event(world, first)
    posted = await world.mock.wait_calls("chat.postMessage")
    assert posted[-1].args["channel"] == DM and "/msgchoice" in text_of(world.mock.messages[DM][-1])
    edited = {
        "type": "message",
        "subtype": "message_changed",
        "message": first | {"text": "hi there", "edited": {"user": ALICE, "ts": _ts()}},
        "previous_message": first,
        "channel": DM,
        "hidden": True,
        "ts": _ts(),
        "event_ts": _ts(),
        "channel_type": "im",
    }
    await _event(world, edited)
    await asyncio.sleep(SETTLE_S)
    assert len(world.mock.calls_to("chat.postMessage")) == 1
    _quiet(caplog)


async def test_a_workload_described_in_a_direct_message_is_asked_about_there(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await _event(world, _dm("we move payment events between 12 services &amp; keep them 30 days <!channel>"))
    root = await world.mock.wait_for(
        lambda: next((m for m in world.mock.messages.get(DM, []) if m.thread_ts is None), None), what="root"
    )
    await world.mock.wait_for(lambda: world.open_question(root.ts, DM) is not None, what="first question")
    for message in world.mock.thread(DM, root.ts):
        assert "<!channel>" not in text_of(message)
    assert {r[:2] for r in await _rows(world.db_url)} == {(TEAM_ID, DM)}
    _quiet(caplog)


async def test_the_upload_button_of_an_ephemeral_reply_opens_the_modal(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    # A button in an ephemeral message: Slack sends no message object, and container.is_ephemeral is true.
    world.mock.admins.add(ALICE)
    caplog.set_level(logging.INFO)
    await _timed(world.send.post(urlencode(_command_form(world, "policy")), FORM))
    reply = (await world.mock.wait_calls("response_url"))[-1].args
    shown = Message(CHANNEL, "1733190000.000200", reply.get("text"), reply.get("blocks") or [])
    click = _click(world, shown, "policy_upload")
    del click["message"]
    click["container"] = {
        "type": "message",
        "message_ts": "1733190000.000200",
        "channel_id": CHANNEL,
        "is_ephemeral": True,
    }
    await _interact(world, click)
    opened = (await world.mock.wait_calls("views.open"))[-1].args["view"]
    opened = opened if isinstance(opened, dict) else json.loads(opened)
    assert opened["callback_id"] == "policy_upload"
    _quiet(caplog)


HOSTILE = "<!here> &lt;!channel&gt; <@U0BOB00001|bob> <https://evil.example/x|click me> *bold* `code`"


@pytest.mark.parametrize(
    "command",
    ["compare", "usecase", "history", "digest when", "digest empty", "digest", "help", "policy", "nonsense", ""],
)
async def test_what_a_sub_command_echoes_back_is_escaped(
    world: World, caplog: pytest.LogCaptureFixture, command: str
) -> None:
    caplog.set_level(logging.INFO)
    await _timed(world.send.post(urlencode(_command_form(world, f"{command} {HOSTILE}".strip())), FORM))
    described = command in ("", "nonsense")  # a description: the conversation starts in the channel
    reply = None if described else (await world.mock.wait_calls("response_url"))[-1].args
    if described:
        await world.mock.wait_for(lambda: len(world.mock.calls_to("chat.postMessage")) >= 2, what="the thread")
    await asyncio.sleep(SETTLE_S)
    shown = [json.dumps(reply)] if reply else []
    shown += [text_of(m) for msgs in world.mock.messages.values() for m in msgs]
    shown += [json.dumps(c.args) for c in world.mock.calls_to("chat.postEphemeral")]
    for text in shown:
        for live in ("<!here>", "<!channel>", "<@U0BOB00001>", "<https://evil.example"):
            assert live not in text, (command, live, text[:400])
    _quiet(caplog)


async def test_we_chose_something_else_from_a_grid_workspace_is_recorded_with_its_rationale_escaped(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.slack.test_card import _card

    thread_ts, card = await _card(world)
    caplog.set_level(logging.INFO)
    grid = {"enterprise": {"id": "E0ACMEORG1", "name": "Acme Corp"}}
    await _interact(world, _click(world, card, "card_chose_other", **grid))
    opened = (await world.mock.wait_calls("views.open"))[-1].args["view"]
    opened = opened if isinstance(opened, dict) else json.loads(opened)
    view = _opened_view(opened, team_id=TEAM_ID, installed=TEAM_ID)
    values = {
        "system": {
            "system_select": {
                "type": "static_select",
                "selected_option": {
                    "text": {"type": "plain_text", "text": "Kafka", "emoji": True},
                    "value": "kafka",
                },
            }
        },
        "rationale": {
            "rationale_input": {"type": "plain_text_input", "value": "<!channel> we run Kafka & <@U0BOB00001>"}
        },
    }
    team = {"id": TEAM_ID, "domain": "acme-eng", "enterprise_id": "E0ACMEORG1", "enterprise_name": "Acme Corp"}
    sent = await _interact(world, _submission(view, values, team=team, user_team=TEAM_ID, **grid))
    assert "errors" not in sent.body, sent.body
    from tests.slack.test_card import _decisions

    deadline = time.monotonic() + 10
    while not await _decisions(world):
        assert time.monotonic() < deadline, "the decision was not recorded"
        await asyncio.sleep(0.05)
    await asyncio.sleep(SETTLE_S)
    for message in world.thread(thread_ts):
        shown = text_of(message)
        assert "<!channel>" not in shown and "<@U0BOB00001>" not in shown, shown
    _quiet(caplog)


async def test_modal_inputs_left_empty_are_refused_in_the_modal(world: World, caplog: pytest.LogCaptureFixture) -> None:
    # Slack sends an input left empty as null (a select's selected_option / selected_conversation, a
    # text input's value), never as a missing key.
    world.mock.admins.add(ALICE)
    caplog.set_level(logging.INFO)
    await _timed(world.send.post(urlencode(_command_form(world, "policy")), FORM))
    reply = (await world.mock.wait_calls("response_url"))[-1].args
    shown = Message(CHANNEL, "1733190000.000200", reply.get("text"), reply.get("blocks") or [])
    await _interact(world, _click(world, shown, "policy_upload"))
    policy = (await world.mock.wait_calls("views.open"))[-1].args["view"]
    policy = policy if isinstance(policy, dict) else json.loads(policy)
    empty = {
        "policy_upload": {"policy_yaml": {"yaml": {"type": "plain_text_input", "value": None}}},
        "start_conversation": {
            "channel": {"channel_select": {"type": "conversations_select", "selected_conversation": None}},
            "description": {"description_input": {"type": "plain_text_input", "value": None}},
        },
    }
    team = {"id": TEAM_ID, "domain": "acme-eng"}
    for modal in (policy, view_payload(build_start_modal())):
        view = _opened_view(modal, team_id=TEAM_ID, installed=TEAM_ID)
        sent = await _interact(world, _submission(view, empty[modal["callback_id"]], team=team, user_team=TEAM_ID))
        assert json.loads(sent.body).get("response_action") == "errors", (modal["callback_id"], sent.body)
    await asyncio.sleep(SETTLE_S)
    assert world.mock.calls_to("chat.postMessage") == [] and await _rows(world.db_url) == []
    _quiet(caplog)
