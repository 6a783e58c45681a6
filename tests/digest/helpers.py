"""Seeding helpers and a recording Slack client for the digest tests."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.models import Conversation, Decision, DigestSettings, Followup

_keys = itertools.count(1)
_threads = itertools.count(100)


async def add_conversation(
    session: AsyncSession,
    *,
    team_id: str,
    created_at: datetime,
    status: str = "decided",
    channel_id: str | None = "C0DIGEST1",
    thread_ts: str | None = None,
    started_by: str = "U0STARTER",
    updated_at: datetime | None = None,
) -> Conversation:
    conversation = Conversation(
        team_id=team_id,
        channel_id=channel_id,
        thread_ts=thread_ts if thread_ts is not None else f"1700000{next(_threads):03d}.000100",
        started_by=started_by,
        status=status,
        state={},
        version=0,
        created_at=created_at,
        updated_at=updated_at or created_at,
    )
    session.add(conversation)
    await session.commit()
    return conversation


async def add_decision(
    session: AsyncSession,
    *,
    team_id: str,
    created_at: datetime,
    chosen: str = "nats-jetstream",
    recommended: str | None = None,
    rationale: str = "",
    decided_by: str = "U0DECIDER",
    conversation: Conversation | None = None,
    with_thread: bool = True,
) -> Decision:
    if conversation is None and with_thread:
        conversation = await add_conversation(session, team_id=team_id, created_at=created_at)
    decision = Decision(
        team_id=team_id,
        conversation_id=conversation.id if conversation is not None else None,
        recommended_system=recommended or chosen,
        chosen_system=chosen,
        rationale=rationale,
        decided_by=decided_by,
        knowledge_version="test",
        confidence=0.8,
        advice={},
        idempotency_key=f"key-{next(_keys)}",
        created_at=created_at,
    )
    session.add(decision)
    await session.commit()
    return decision


async def add_followup(
    session: AsyncSession, *, team_id: str, created_at: datetime, text: str, topic: str | None, covered: bool
) -> Followup:
    followup = Followup(
        team_id=team_id,
        conversation_id=None,
        user_id="U0ASKER",
        question_text=text,
        topic=topic,
        covered=covered,
        created_at=created_at,
    )
    session.add(followup)
    await session.commit()
    return followup


async def configure(
    session: AsyncSession,
    *,
    team_id: str,
    channel_id: str = "C0DIGEST1",
    weekday: int = 0,
    hour: int = 9,
    minute: int = 0,
    timezone: str = "UTC",
    empty_policy: str = "one_line",
    configured_at: datetime,
    enabled: bool = True,
) -> DigestSettings:
    settings = DigestSettings(
        team_id=team_id,
        channel_id=channel_id,
        enabled=enabled,
        weekday=weekday,
        hour=hour,
        minute=minute,
        timezone=timezone,
        empty_policy=empty_policy,
        updated_by="U0ADMIN",
        updated_at=configured_at,
    )
    session.add(settings)
    await session.commit()
    return settings


@dataclass
class FakeSlack:
    """A client with ``chat_postMessage`` that records posts; ``errors`` maps a channel to a Slack error code."""

    errors: dict[str, str] = field(default_factory=dict)
    posts: list[dict[str, Any]] = field(default_factory=list)

    async def chat_postMessage(self, **kwargs: Any) -> dict[str, Any]:
        from slack_sdk.errors import SlackApiError

        channel = kwargs["channel"]
        if channel in self.errors:
            error = self.errors[channel]
            raise SlackApiError(f"The request to the Slack API failed: {error}", {"ok": False, "error": error})
        self.posts.append(kwargs)
        return {"ok": True, "channel": channel, "ts": f"1800000000.{len(self.posts):06d}"}

    async def conversations_history(self, *, channel: str, **kwargs: Any) -> dict[str, Any]:
        """Newest first; each post's metadata (include_all_metadata is assumed)."""
        found = [
            {"ts": f"1800000000.{i + 1:06d}", "text": p.get("text"), "metadata": p.get("metadata")}
            for i, p in enumerate(self.posts)
            if p["channel"] == channel
        ]
        return {"ok": True, "messages": found[::-1]}

    def posts_to(self, channel: str) -> list[dict[str, Any]]:
        return [p for p in self.posts if p["channel"] == channel]
