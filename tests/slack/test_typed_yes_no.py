"""Everyday typed replies to a question: "yep", "nope", "not sure?", "no idea?"."""

from __future__ import annotations

from typing import Any

import pytest

from tests.slack.conftest import World
from tests.slack.harness import BOB, CHANNEL, text_of


async def _followups(world: World) -> list[Any]:
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        return list(await repo.followups(session, team_id=world.team_id))


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("nope", "No, ephemeral messaging is fine"),
        ("Yep!", "Yes, messages must be durable"),
        ("yeah", "Yes, messages must be durable"),
        ("nah", "No, ephemeral messaging is fine"),
        ("not sure?", "Not sure"),
        ("no idea?", "Not sure"),
        # (s33) a reply whose first word answers and whose rest says why
        ("nope, they are all transient", "No, ephemeral messaging is fine"),
        ("yes they have to be stored", "Yes, messages must be durable"),
    ],
)
async def test_an_everyday_typed_reply_answers_the_open_question(world: World, typed: str, shown: str) -> None:
    thread_ts = await world.start("")
    question = world.open_question(thread_ts)
    assert question is not None
    await world.send.say(typed, thread_ts=thread_ts, user=BOB)
    await world.mock.wait_for(
        lambda: "answered by" in text_of(world.mock.message(CHANNEL, question.ts)), what="the question answered"
    )
    assert shown in text_of(world.mock.message(CHANNEL, question.ts))
    assert await _followups(world) == []  # not a question about the systems, not counted for the digest
