"""manifest.yml is a valid Slack app manifest and matches what the code handles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT.parent / "shared" / "schemas" / "slack-app-manifest.json"


def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    return loaded


def registered() -> dict[str, set[str]]:
    from bot.settings import Settings
    from bot.slack.app import build_app
    from bot.slack.listeners import REGISTERED
    from bot.store.db import session_factory

    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-1-2-x",
        SLACK_SIGNING_SECRET="abc",
        SLACK_APP_TOKEN=None,
        DATABASE_URL="sqlite+aiosqlite:///:memory:",
    )
    build_app(settings, session_factory=session_factory("sqlite+aiosqlite:///:memory:"))
    return REGISTERED


def test_manifest_validates_against_the_slack_manifest_schema() -> None:
    if not SCHEMA.exists():
        pytest.skip(f"the shared schema is not here ({SCHEMA}); CI checks out ../shared")
    import jsonschema  # type: ignore[import-untyped]

    jsonschema.validate(manifest(), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_every_handled_command_is_declared_and_every_declared_one_is_handled() -> None:
    declared = {c["command"] for c in manifest()["features"]["slash_commands"]}
    assert declared == registered()["commands"]


def test_every_handled_event_is_subscribed_and_every_subscription_is_handled() -> None:
    subscribed = manifest()["settings"]["event_subscriptions"]["bot_events"]
    # message.channels / .groups / .im / .mpim all arrive as "message" events
    assert {e.split(".")[0] for e in subscribed} == registered()["events"]
    assert {"message.channels", "message.groups", "message.im", "message.mpim"} <= set(subscribed)


def test_the_manifest_asks_for_the_scopes_and_features_the_app_uses() -> None:
    m = manifest()
    assert set(m["oauth_config"]["scopes"]["bot"]) == {
        "chat:write",
        "chat:write.public",
        "commands",
        "app_mentions:read",
        "channels:history",
        "groups:history",
        "im:history",
        "mpim:history",
        "users:read",
        "files:write",
        "channels:join",  # to hear what is typed in a public channel's thread (joined when a conversation starts)
    }
    assert m["features"]["app_home"]["home_tab_enabled"] is True
    assert m["features"]["app_home"]["messages_tab_enabled"] is True
    assert m["settings"]["interactivity"]["is_enabled"] is True
    assert m["settings"]["socket_mode_enabled"] is True
    command = m["features"]["slash_commands"][0]
    assert command["should_escape"] is False and command["usage_hint"]


def test_the_oauth_install_asks_for_the_manifests_bot_scopes() -> None:
    from bot.slack.oauth import BOT_SCOPES

    assert list(BOT_SCOPES) == manifest()["oauth_config"]["scopes"]["bot"]


def test_uninstalls_and_revoked_tokens_are_subscribed() -> None:
    assert {"app_uninstalled", "tokens_revoked"} <= set(manifest()["settings"]["event_subscriptions"]["bot_events"])
