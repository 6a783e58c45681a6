"""The scenario tests' Slack Web API stand-in, plus the channel errors the digest meets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.slack.mock_slack import MockSlack


@dataclass
class DigestMockSlack(MockSlack):
    """``archived`` channels answer ``is_archived``, ``missing`` ones ``channel_not_found``."""

    archived: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)

    def _chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if channel in self.archived:
            return {"ok": False, "error": "is_archived"}
        if channel in self.missing:
            return {"ok": False, "error": "channel_not_found"}
        return super()._chat_postMessage(args)

    def posts(self, channel: str | None = None) -> list[Any]:
        calls = self.calls_to("chat.postMessage")
        return [c for c in calls if channel is None or c.args.get("channel") == channel]
