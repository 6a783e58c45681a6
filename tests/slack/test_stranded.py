"""Never stranded: an answer committed but the next message never posted is repaired, once.

Seen: when the process died between committing an answer and posting the next
question (or chat.postMessage failed past its retries), clicking again said
"already answered — see the latest message", and no such message existed.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import update

from bot.cli import serve
from bot.slack.services import ConversationService, Deps, Where
from bot.slack.services.sweep import sweep_once
from bot.store import db, repo
from bot.store.models import Conversation
from tests.slack.conftest import World
from tests.slack.harness import ALICE, BOT_TOKEN, CHANNEL, action_ids, text_of


async def _conversation(world: World, thread_ts: str) -> Any:
    async with db.session_factory(world.db_url)() as session:
        return await repo.get_conversation_by_thread(
            session, team_id=world.team_id, channel_id=CHANNEL, thread_ts=thread_ts
        )


async def _wait_version(world: World, thread_ts: str, version: int) -> None:
    for _ in range(500):
        conversation = await _conversation(world, thread_ts)
        if conversation is not None and conversation.version >= version:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"version {version} never committed")


def _questions(world: World, thread_ts: str) -> list[str]:
    """The question id of every question message ever posted in the thread (live or closed since)."""
    found = []
    for call in world.mock.calls_to("chat.postMessage"):
        blocks = call.args.get("blocks") or []
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if call.args.get("thread_ts") != thread_ts:
            continue
        for block in blocks:
            block_id = str(block.get("block_id", ""))
            if block_id.startswith("question:"):
                found.append(block_id.split(":")[1])
    return found


async def _die_between_commit_and_post(
    world: World, monkeypatch: pytest.MonkeyPatch, thread_ts: str, click: Any
) -> asyncio.Event:
    """Click, let the answer commit, and 'kill' the process before it posts (then start a fresh one)."""
    release, reached = asyncio.Event(), asyncio.Event()
    before = (await _conversation(world, thread_ts)).version
    commit = repo.apply_answer

    async def commit_then_die(*args: Any, **kwargs: Any) -> Any:
        result = await commit(*args, **kwargs)  # the answer is committed ...
        reached.set()
        await release.wait()  # ... and the process never gets further (nothing updated, nothing posted)
        return result

    monkeypatch.setattr(repo, "apply_answer", commit_then_die)
    await click()
    await _wait_version(world, thread_ts, before + 1)
    await asyncio.wait_for(reached.wait(), 10)
    monkeypatch.undo()
    # A process that dies gives what it was doing no grace: without this, stopping the
    # stand-in waits LISTENER_GRACE_S (20 s) for the listener parked above.
    with monkeypatch.context() as crash:
        crash.setattr(serve, "LISTENER_GRACE_S", 0.0)
        await world.restart_server()
    return release


async def _claim_times_out(world: World, thread_ts: str) -> None:
    """Time passes: the dead process's claim to post the next message (taken with its step) goes stale."""
    conversation = await _conversation(world, thread_ts)
    assert conversation.showing_version == conversation.version  # the step claimed it; nobody posted
    async with db.session_factory(world.db_url)() as session:
        await session.execute(
            update(Conversation)
            .where(Conversation.id == conversation.id)
            .values(showing_since=datetime.now(UTC) - Deps.create(db.session_factory(world.db_url)).claim_timeout * 2)
        )
        await session.commit()


async def test_a_click_after_a_crash_between_commit_and_post_reposts_the_question_and_the_conversation_ends_with_one_decision(  # noqa: E501
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread_ts = await world.start("")
    first = await world.wait_question(thread_ts, "persistence")
    release = await _die_between_commit_and_post(
        world, monkeypatch, thread_ts, lambda: world.send.click(first, "answer:yes")
    )
    assert _questions(world, thread_ts) == ["persistence"]  # stranded: the next question never went out
    # Clicked again at once: the dead request's claim still holds, so nothing is posted twice.
    await world.send.click(first, "answer:yes")
    note = (await world.mock.wait_calls("chat.postEphemeral"))[-1].args["text"]
    assert "on its way" in note
    assert _questions(world, thread_ts) == ["persistence"]
    # Once the claim has timed out, a click on the only card on screen posts the next question.
    await _claim_times_out(world, thread_ts)
    await world.send.click(first, "answer:yes")
    throughput = await world.wait_question(thread_ts, "throughput")
    note = (await world.mock.wait_calls("chat.postEphemeral", 2))[-1].args["text"]
    assert "The open question is" in note and "Go to it" in note and "already answered" not in note
    # ... and the conversation goes on to one decision.
    question = throughput
    for _ in range(10):
        answer = next(a for a in action_ids(question) if a.startswith("answer:"))
        await world.send.click(question, answer)
        step = await world.mock.wait_for(
            lambda q=question: ((m := world.open_question(thread_ts)) is not None and m.ts != q.ts and m)
            or any(b.get("block_id", "").startswith("card:") for m in world.thread(thread_ts) for b in m.blocks),
            what="next step",
        )
        if step is True:
            break
        question = step
    card = await world.wait_card(thread_ts)
    await world.send.click(card, "card_adopt")
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopted")
    async with db.session_factory(world.db_url)() as session:
        assert len(await repo.history(session, team_id=world.team_id)) == 1
    assert _questions(world, thread_ts).count("throughput") == 1
    release.set()


async def test_the_sweep_in_serve_repairs_a_thread_nobody_touches(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread_ts = await world.start("")
    first = await world.wait_question(thread_ts, "persistence")
    release = await _die_between_commit_and_post(
        world, monkeypatch, thread_ts, lambda: world.send.say("yes", thread_ts=thread_ts)
    )
    deps = Deps.create(db.session_factory(world.db_url))
    client = AsyncWebClient(base_url=world.mock.api_url, token=BOT_TOKEN)

    async def token(team_id: str) -> str | None:
        return BOT_TOKEN

    assert await sweep_once(deps, client, token, idle_for=timedelta(seconds=0)) == 0  # the claim still holds
    await _claim_times_out(world, thread_ts)
    assert await sweep_once(deps, client, token, idle_for=timedelta(seconds=0)) == 1
    await world.wait_question(thread_ts, "throughput")
    assert await sweep_once(deps, client, token, idle_for=timedelta(seconds=0)) == 0  # nothing left to repair
    assert _questions(world, thread_ts) == ["persistence", "throughput"]
    closed = world.mock.message(CHANNEL, first.ts)
    assert action_ids(closed) == [] and "Answered: Yes" in text_of(closed)  # one live question at a time
    release.set()


async def test_two_replicas_repairing_the_same_thread_post_the_question_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread_ts = await world.start("")
    first = await world.wait_question(thread_ts, "persistence")
    release = await _die_between_commit_and_post(
        world, monkeypatch, thread_ts, lambda: world.send.click(first, "answer:yes")
    )
    await _claim_times_out(world, thread_ts)
    conversation = await _conversation(world, thread_ts)
    where = Where(world.team_id, CHANNEL, thread_ts)
    replicas = [
        ConversationService(
            Deps.create(db.session_factory(world.db_url)), AsyncWebClient(base_url=world.mock.api_url, token=BOT_TOKEN)
        )
        for _ in range(2)
    ]
    posted = await asyncio.gather(*(r.ensure_shown(where, conversation) for r in replicas))
    assert sorted(posted) == [False, True]
    assert _questions(world, thread_ts) == ["persistence", "throughput"]
    release.set()


async def test_a_post_that_fails_past_its_retries_is_posted_by_the_next_message_in_the_thread(world: World) -> None:
    thread_ts = await world.start("")
    first = await world.wait_question(thread_ts, "persistence")
    world.mock.error_once["chat.postMessage"] = "fatal_error"
    await world.send.click(first, "answer:yes", user=ALICE)
    await world.mock.wait_calls("chat.postMessage#error")
    await world.mock.wait_calls("response_url")  # the user is told it did not work
    assert _questions(world, thread_ts) == ["persistence"]
    await world.send.say("hello? did it work?", thread_ts=thread_ts)
    await world.wait_question(thread_ts, "throughput")
    assert _questions(world, thread_ts) == ["persistence", "throughput"]


async def test_the_sweep_does_not_retry_every_minute_a_thread_it_cannot_post_in(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    # The app was removed from the channel (or it was archived) while a conversation waited for its next
    # question: the sweep tried again every minute on every replica, forever, with a traceback each time.
    thread_ts = await world.start("")
    first = await world.wait_question(thread_ts, "persistence")
    world.mock.not_in_channel.add(CHANNEL)
    await world.send.click(first, "answer:yes", user=ALICE)
    await world.mock.wait_calls("response_url")  # the user is told it did not work
    deps = Deps.create(db.session_factory(world.db_url))
    client = AsyncWebClient(base_url=world.mock.api_url, token=BOT_TOKEN)

    async def token(team_id: str) -> str | None:
        return BOT_TOKEN

    def attempts() -> int:
        return len([c for c in world.mock.calls_to("chat.postMessage") if c.args.get("channel") == CHANNEL])

    before = attempts()
    parked: dict[Any, Any] = {}
    with caplog.at_level("INFO", logger="bot.slack.services.sweep"):
        for _ in range(5):  # five minutes of sweeps
            assert await sweep_once(deps, client, token, idle_for=timedelta(seconds=0), parked=parked) == 0
    assert attempts() == before + 1
    [warning] = [r for r in caplog.records if r.name == "bot.slack.services.sweep"]
    assert "not_in_channel" in warning.getMessage() and warning.exc_info is None
    # Invited back: the next message in the thread posts the question on the spot.
    world.mock.not_in_channel.discard(CHANNEL)
    await world.send.say("hello? did it work?", thread_ts=thread_ts)
    await world.wait_question(thread_ts, "throughput")


async def test_the_sweep_says_once_an_hour_not_every_minute_that_a_team_has_no_installation(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    # The app was uninstalled while a conversation waited for its next question: one line a minute, forever.
    thread_ts = await world.start("")
    first = await world.wait_question(thread_ts, "persistence")
    world.mock.not_in_channel.add(CHANNEL)
    await world.send.click(first, "answer:yes", user=ALICE)
    await world.mock.wait_calls("response_url")
    deps = Deps.create(db.session_factory(world.db_url))
    client = AsyncWebClient(base_url=world.mock.api_url)

    async def uninstalled(team_id: str) -> str | None:
        return None

    parked: dict[Any, Any] = {}
    with caplog.at_level("INFO", logger="bot.slack.services.sweep"):
        for _ in range(5):
            assert await sweep_once(deps, client, uninstalled, idle_for=timedelta(seconds=0), parked=parked) == 0
    [line] = [r for r in caplog.records if r.name == "bot.slack.services.sweep"]
    assert "no installation" in line.getMessage() and world.team_id in line.getMessage()


async def test_the_sweep_says_once_an_hour_not_every_minute_that_slack_refuses_a_teams_token(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    # The app was uninstalled from a workspace served by SLACK_BOT_TOKEN, or its OAuth token was revoked
    # while no replica was up to hear tokens_revoked: Slack refuses the token, and the sweep tried every
    # waiting thread of the team every minute, forever, each time with a traceback.
    thread_ts = await world.start("")
    first = await world.wait_question(thread_ts, "persistence")
    world.mock.not_in_channel.add(CHANNEL)
    await world.send.click(first, "answer:yes", user=ALICE)
    await world.mock.wait_calls("response_url")
    world.mock.not_in_channel.discard(CHANNEL)
    dead = "xoxb-uninstalled-token"
    world.mock.revoked.add(dead)
    deps = Deps.create(db.session_factory(world.db_url))
    client = AsyncWebClient(base_url=world.mock.api_url)

    async def refused(team_id: str) -> str | None:
        return dead

    def attempts() -> int:
        return len([c for c in world.mock.calls_to("chat.postMessage") if c.token == dead])

    parked: dict[Any, Any] = {}
    with caplog.at_level("INFO", logger="bot.slack.services.sweep"):
        for _ in range(5):  # five minutes of sweeps
            assert await sweep_once(deps, client, refused, idle_for=timedelta(seconds=0), parked=parked) == 0
    assert attempts() == 1
    [line] = [r for r in caplog.records if r.name == "bot.slack.services.sweep"]
    assert "token_revoked" in line.getMessage() and world.team_id in line.getMessage()
    assert line.exc_info is None
