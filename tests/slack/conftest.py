"""Scenario-test fixtures: a mock Slack Web API, the real server from ``msgchoice serve``, signed requests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from bot.cli.serve import Server
from bot.settings import Settings
from tests.slack.harness import ALICE, BOB, BOT_TOKEN, CHANNEL, SIGNING_SECRET, SlackSender
from tests.slack.mock_slack import TEAM_ID, Message, MockSlack


def make_settings(db_url: str, api_url: str) -> Settings:
    return Settings(
        DATABASE_URL=db_url,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_APP_TOKEN=None,
        SLACK_API_URL=api_url,
    )


def open_question_in(thread: list[Message]) -> Message | None:
    """The latest of ``thread``'s messages that still has answer buttons."""
    for message in reversed(thread):
        if any(str(b.get("block_id", "")).startswith("answers:") for b in message.blocks):
            return message
    return None


@dataclass
class World:
    """The app under test, the Slack stand-in, and helpers to drive a conversation."""

    mock: MockSlack
    server: Server
    send: SlackSender
    db_url: str
    team_id: str = TEAM_ID

    async def restart_server(self) -> None:
        """Stop the process-equivalent and start a fresh one on the same database (state is only there)."""
        await self.server.stop()
        self.server = Server(make_settings(self.db_url, self.mock.api_url), host="127.0.0.1", port=0)
        await self.server.start()
        self.send = SlackSender(f"http://127.0.0.1:{self.server.port}", self.mock)

    def thread(self, thread_ts: str, channel: str = CHANNEL) -> list[Message]:
        return self.mock.thread(channel, thread_ts)

    def open_question(self, thread_ts: str, channel: str = CHANNEL) -> Message | None:
        """The thread's latest message that still has answer buttons."""
        return open_question_in(self.thread(thread_ts, channel))

    async def wait_question(self, thread_ts: str, question_id: str, channel: str = CHANNEL) -> Message:
        def found() -> Message | None:
            message = self.open_question(thread_ts, channel)
            if message and any(
                str(b.get("block_id", "")).startswith(f"answers:{question_id}:") for b in message.blocks
            ):
                return message
            return None

        result: Message = await self.mock.wait_for(found, what=f"question {question_id!r}")
        await self.recorded(thread_ts, channel)
        return result

    async def wait_card(self, thread_ts: str, channel: str = CHANNEL) -> Message:
        def found() -> Message | None:
            for message in reversed(self.thread(thread_ts, channel)):
                if any(str(b.get("block_id", "")).startswith("card:") for b in message.blocks):
                    return message
            return None

        result: Message = await self.mock.wait_for(found, what="recommendation card")
        await self.recorded(thread_ts, channel)
        return result

    async def recorded(self, thread_ts: str, channel: str = CHANNEL, *, within: float = 10.0) -> None:
        """Wait until the app has recorded the message on screen (its question or card) as shown.

        The app posts a message and records its ts afterwards; a person reads before clicking, so
        scenario steps wait for the record.  A click that lands in between is the "overtaken" path,
        which has tests of its own that do not wait."""
        from bot.store import db, repo

        deadline = asyncio.get_running_loop().time() + within
        while True:
            question = self.open_question(thread_ts, channel)
            cards = [
                m.ts
                for m in self.thread(thread_ts, channel)
                if any(str(b.get("block_id", "")).startswith("card:") for b in m.blocks)
            ]
            async with db.session_factory(self.db_url)() as session:
                row = await repo.get_conversation_by_thread(
                    session, team_id=self.team_id, channel_id=channel, thread_ts=thread_ts
                )
            shows = (question is not None and row is not None and row.question_ts == question.ts) or (
                bool(cards) and row is not None and row.card_ts == cards[-1]
            )
            if shows and row is not None and row.shown_version == row.version:
                return
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"timed out waiting for the app to record what thread {thread_ts} shows")
            await asyncio.sleep(0.02)

    async def answer_until_card(
        self, thread_ts: str, choose: Callable[[Message], str], *, most: int = 10
    ) -> Message:
        """Click ``choose(question)`` on each open question (at most ``most``) until the card is up."""
        for _ in range(most):
            question = self.open_question(thread_ts)
            if question is None:
                break
            await self.send.click(question, choose(question))

            def moved_on(q: Message = question) -> bool:
                now = self.open_question(thread_ts)
                has_card = any(
                    str(b.get("block_id", "")).startswith("card:") for m in self.thread(thread_ts) for b in m.blocks
                )
                return has_card or (now is not None and now is not q)

            await self.mock.wait_for(moved_on, what="next step")
        return await self.wait_card(thread_ts)

    async def start(self, text: str, *, user: str | None = None) -> str:
        """``/msgchoice <text>``; returns the thread ts once the first question or card is up."""
        before = len(self.mock.messages.get(CHANNEL, []))
        kwargs: dict[str, Any] = {"user": user} if user else {}
        sent = await self.send.command(text, **kwargs)
        assert sent.status == 200, sent.body
        root: Message = await self.mock.wait_for(
            lambda: next((m for m in self.mock.messages.get(CHANNEL, [])[before:] if m.thread_ts is None), None),
            what="root message",
        )
        await self.mock.wait_for(
            lambda: any(
                str(b.get("block_id", "")).startswith(("answers:", "card:"))
                for m in self.thread(root.ts)
                for b in m.blocks
            ),
            what="first question",
        )
        await self.recorded(root.ts)
        return root.ts


@pytest.fixture
async def world(db_url: str) -> AsyncIterator[World]:
    mock = MockSlack(users={ALICE: "alice", BOB: "bob"})
    await mock.start()
    server = Server(make_settings(db_url, mock.api_url), host="127.0.0.1", port=0)
    await server.start()
    w = World(mock=mock, server=server, send=SlackSender(f"http://127.0.0.1:{server.port}", mock), db_url=db_url)
    try:
        yield w
    finally:
        await w.server.stop()
        await mock.stop()
    assert not mock.problems, f"Slack would have rejected: {mock.problems}"
