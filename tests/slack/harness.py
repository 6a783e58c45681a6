"""Signed Slack requests, built the way Slack sends them, against the running app.

Slash commands and interactivity payloads are ``application/x-www-form-urlencoded``
(interactivity as one ``payload=`` JSON field); the Events API posts JSON
``event_callback`` envelopes.  Every request is signed like Slack signs it:
``v0=`` HMAC-SHA256 of ``v0:{timestamp}:{body}`` with the signing secret.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

from tests.slack.mock_slack import APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID, Message, MockSlack

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-1111-2222-testtoken"
CHANNEL = "C0GENERAL01"
ALICE = "U0ALICE001"
BOB = "U0BOB00001"
_counter = itertools.count(1)


@dataclass
class Sent:
    status: int
    body: str

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class SlackSender:
    app_url: str  # http://127.0.0.1:<port>
    mock: MockSlack
    signing_secret: str = SIGNING_SECRET
    verifier: SignatureVerifier = field(init=False)

    def __post_init__(self) -> None:
        self.verifier = SignatureVerifier(self.signing_secret)

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        signature: str | None = None,
    ) -> Sent:
        timestamp = str(int(time.time()))
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature or str(self.verifier.generate_signature(timestamp=timestamp, body=body)),
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            **(headers or {}),
        }
        async with (
            aiohttp.ClientSession() as session,
            session.post(f"{self.app_url}/slack/events", data=body.encode(), headers=all_headers) as response,
        ):
            return Sent(response.status, await response.text())

    # ------------------------------------------------------------------ slash commands

    async def command(
        self,
        text: str,
        *,
        user: str = ALICE,
        channel: str = CHANNEL,
        command: str = "/msgchoice",
        team_id: str = TEAM_ID,
        org_wide_install_of: str | None = None,
        enterprise_id: str | None = None,
    ) -> Sent:
        """``/msgchoice text``; ``org_wide_install_of``: from a workspace of that Enterprise Grid org, whose
        install of the app is org-wide (Slack then adds the org and ``is_enterprise_install``);
        ``enterprise_id``: from a workspace of that org that installed the app itself."""
        n = next(_counter)
        form = {
            "token": "verification-token-unused",
            "team_id": team_id,
            "team_domain": "msgchoice-test",
            "channel_id": channel,
            "channel_name": "general" if channel == CHANNEL else "private-stuff",
            "user_id": user,
            "user_name": "alice" if user == ALICE else "bob",
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": self.mock.response_url(f"cmd{n}"),
            "trigger_id": f"{n}.1111.abcdef{n}",
        }
        if enterprise_id:
            form |= {"enterprise_id": enterprise_id, "enterprise_name": "the org"}
        if org_wide_install_of:
            form |= {
                "enterprise_id": org_wide_install_of,
                "enterprise_name": "the org",
                "is_enterprise_install": "true",
            }
        return await self.post(urlencode(form), "application/x-www-form-urlencoded")

    # ------------------------------------------------------------------ interactivity

    async def interact(self, payload: dict[str, Any]) -> Sent:
        return await self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    def block_actions(self, message: Message, action_id: str, *, user: str = ALICE) -> dict[str, Any]:
        """A click on the button ``action_id`` of a message the app posted (as stored by the mock)."""
        element, block_id = _find_element(message, action_id)
        n = next(_counter)
        return {
            "type": "block_actions",
            "user": {"id": user, "username": "alice", "name": "alice", "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": "verification-token-unused",
            "container": {
                "type": "message",
                "message_ts": message.ts,
                "channel_id": message.channel,
                "is_ephemeral": False,
                **({"thread_ts": message.thread_ts} if message.thread_ts else {}),
            },
            "trigger_id": f"{n}.2222.trigger{n}",
            "team": {"id": TEAM_ID, "domain": "msgchoice-test"},
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": message.channel, "name": "general"},
            "message": {
                "type": "message",
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "app_id": APP_ID,
                "text": message.text,
                "ts": message.ts,
                **({"thread_ts": message.thread_ts} if message.thread_ts else {}),
                "blocks": message.blocks,
                "team": TEAM_ID,
            },
            "state": {"values": {}},
            "response_url": self.mock.response_url(f"action{n}"),
            "actions": [
                {
                    "action_id": element["action_id"],
                    "block_id": block_id,
                    "text": element["text"],
                    "value": element.get("value"),
                    **({"style": element["style"]} if element.get("style") else {}),
                    "type": "button",
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }

    async def click(self, message: Message, action_id: str, *, user: str = ALICE) -> Sent:
        return await self.interact(self.block_actions(message, action_id, user=user))

    async def submit_view(self, view: dict[str, Any], values: dict[str, dict[str, Any]], *, user: str = ALICE) -> Sent:
        """Submit a modal the app opened (``view`` as sent to views.open) with ``values`` as its state."""
        return await self.interact(self.view_submission(view, values, user=user))

    def view_submission(
        self,
        view: dict[str, Any],
        values: dict[str, dict[str, Any]],
        *,
        user: str = ALICE,
        trigger_id: str | None = None,
    ) -> dict[str, Any]:
        """The ``view_submission`` payload Slack sends for ``view`` submitted with ``values``."""
        return {
            "type": "view_submission",
            "team": {"id": TEAM_ID, "domain": "msgchoice-test"},
            "user": {"id": user, "username": "alice", "name": "alice", "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": "verification-token-unused",
            "trigger_id": trigger_id or f"{next(_counter)}.3333.trigger",
            "view": {
                **view,
                "id": "V0VIEW001",
                "team_id": TEAM_ID,
                "state": {"values": values},
                "hash": "1700000000.abcdef",
                "app_id": APP_ID,
                "bot_id": BOT_ID,
                "root_view_id": "V0VIEW001",
                "previous_view_id": None,
            },
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }

    # ------------------------------------------------------------------ Events API

    def envelope(
        self, event: dict[str, Any], *, event_id: str | None = None, team_id: str = TEAM_ID
    ) -> dict[str, Any]:
        return {
            "token": "verification-token-unused",
            "team_id": team_id,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev0{next(_counter):08d}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team_id,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": "4-eyJldCI6Im1lc3NhZ2UifQ",
        }

    async def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        team_id: str = TEAM_ID,
    ) -> Sent:
        if not self.mock.delivers(event):
            return Sent(0, f"not delivered: the app is not a member of {event.get('channel')}")
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        body = json.dumps(self.envelope(event, event_id=event_id, team_id=team_id))
        return await self.post(body, "application/json", headers=headers)

    @staticmethod
    def thread_message(text: str, *, thread_ts: str, user: str = ALICE, channel: str = CHANNEL) -> dict[str, Any]:
        ts = f"{time.time():.6f}"
        return {
            "type": "message",
            "user": user,
            "text": text,
            "ts": ts,
            "thread_ts": thread_ts,
            "parent_user_id": BOT_USER_ID,
            "team": TEAM_ID,
            "channel": channel,
            "event_ts": ts,
            "channel_type": "channel",
            "client_msg_id": f"c0ffee00-0000-4000-8000-{next(_counter):012d}",
        }

    async def say(self, text: str, *, thread_ts: str, user: str = ALICE, channel: str = CHANNEL, **kw: Any) -> Sent:
        return await self.event(self.thread_message(text, thread_ts=thread_ts, user=user, channel=channel), **kw)

    async def home_opened(self, user: str = ALICE) -> Sent:
        ts = f"{time.time():.6f}"
        return await self.event(
            {"type": "app_home_opened", "user": user, "channel": "D0HOME0001", "tab": "home", "event_ts": ts}
        )


def _find_element(message: Message, action_id: str) -> tuple[dict[str, Any], str]:
    for block in message.blocks:
        elements = list(block.get("elements") or [])
        if block.get("accessory"):
            elements.append(block["accessory"])
        for element in elements:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return element, str(block.get("block_id", ""))
    raise AssertionError(f"no button {action_id!r} in message {message.ts}: {json.dumps(message.blocks)[:500]}")


def action_ids(message: Message) -> list[str]:
    ids = []
    for block in message.blocks:
        for element in [*(block.get("elements") or []), block.get("accessory") or {}]:
            if isinstance(element, dict) and "action_id" in element:
                ids.append(element["action_id"])
    return ids


def text_of(message: Message) -> str:
    """Everything a person would read in a message: its text and all text in its blocks."""
    parts = [message.text or ""]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text") and "text" in node:
                parts.append(str(node["text"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.blocks)
    return "\n".join(parts)
