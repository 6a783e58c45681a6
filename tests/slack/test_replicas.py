"""Two real ``msgchoice serve`` processes on one real PostgreSQL database behave as one app.

Both replicas get the same signed event (as when a load balancer or Slack's
retry delivers it twice), one conversation's clicks go alternately to each
(one click to both at once), and both run the digest scheduler on a short
tick.  Expected: one answer per step, one decision, one digest per team and
week, and no ERROR in either replica's (JSON) log.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select, text

from tests.db_fixtures import create_pg_database, drop_pg_database
from tests.served import ROOT, Served, start_serve
from tests.slack.harness import ALICE, BOB, BOT_TOKEN, CHANNEL, SIGNING_SECRET, SlackSender
from tests.slack.mock_slack import TEAM_ID, Message, MockSlack

pytestmark = pytest.mark.postgres

DIGEST_CHANNEL = "C0DIGEST01"


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    url = await asyncio.to_thread(create_pg_database)  # empty: both replicas migrate it at start, at once
    try:
        yield url
    finally:
        from bot.store.db import dispose_engines

        await dispose_engines()
        await asyncio.to_thread(drop_pg_database, url)


def answer_block(message: Message) -> str | None:
    return next((str(b["block_id"]) for b in message.blocks if str(b.get("block_id", "")).startswith("answers:")), None)


def is_card(message: Message) -> bool:
    return any(str(b.get("block_id", "")).startswith("card:") for b in message.blocks)


def first_answer(message: Message) -> str:
    for block in message.blocks:
        if str(block.get("block_id", "")).startswith("answers:"):
            return str(block["elements"][0]["action_id"])
    raise AssertionError("no answer buttons")


async def scrape(replica: Served) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    async with aiohttp.ClientSession() as http, http.get(f"{replica.url}/metrics") as response:
        body = await response.text()
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(body)
        for s in family.samples
    }


async def test_two_replicas_on_one_postgresql_behave_as_one_app(pg_url: str, tmp_path: Path) -> None:
    mock = MockSlack()
    await mock.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MSGCHOICE_", "DATABASE_URL"))}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": pg_url,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": mock.api_url,
            "MSGCHOICE_HOME": str(tmp_path),
            "MSGCHOICE_LOG_FORMAT": "json",
            "MSGCHOICE_DIGEST_TICK_SECONDS": "0.2",
        }
    )
    replicas = list(await asyncio.gather(start_serve(env, name="a"), start_serve(env, name="b")))
    senders = [SlackSender(r.url, mock) for r in replicas]
    try:
        await converse_and_decide(mock, senders, replicas, pg_url)
        await one_digest_per_team_and_week(mock, replicas, pg_url)
    finally:
        codes = [(await r.stop())[0] for r in replicas]
        await mock.stop()

    assert codes == [0, 0]
    for replica in replicas:
        entries = replica.entries()  # every line is one JSON object
        problems = [e for e in entries if e["level"] in ("ERROR", "CRITICAL") or "Traceback" in e["message"]]
        assert not problems, f"replica {replica.name} logged errors: {problems}"
        assert not [e for e in entries if e["logger"] == "aiohttp.access"]  # the access log is off
    assert not mock.problems, f"Slack would have rejected: {mock.problems}"


async def converse_and_decide(
    mock: MockSlack, senders: list[SlackSender], replicas: list[Served], pg_url: str
) -> None:
    from bot.store import db, repo

    sent = await senders[0].command("")
    assert sent.status == 200, sent.body
    root: Message = await mock.wait_for(
        lambda: next((m for m in mock.messages.get(CHANNEL, []) if m.thread_ts is None), None), what="root message"
    )

    def thread() -> list[Message]:
        return mock.thread(CHANNEL, root.ts)

    def open_question() -> Message | None:
        return next((m for m in reversed(thread()) if answer_block(m)), None)

    def card() -> Message | None:
        return next((m for m in thread() if is_card(m)), None)

    first: Message = await mock.wait_for(open_question, what="first question")
    assert answer_block(first) == "answers:persistence:0"

    # Step 1: the same signed event (one event_id) delivered to both replicas at once.
    typed = senders[0].thread_message("yes", thread_ts=root.ts, user=BOB)
    both = await asyncio.gather(*(s.event(typed, event_id="Ev0REPLICA1") for s in senders))
    assert [r.status for r in both] == [200, 200]
    steps = [answer_block(first)]
    await mock.wait_for(lambda: (q := open_question()) is not None and answer_block(q) != steps[-1], what="step 2")

    # Then each question's click goes to the other replica than the last; one click goes to both.
    turn = 1
    while (done := card()) is None:
        question = open_question()
        assert question is not None
        block = answer_block(question)
        steps.append(block)
        click = senders[0].block_actions(question, first_answer(question), user=ALICE)
        if turn == 2:  # a double click that lands on both replicas
            clicked = await asyncio.gather(*(s.interact(click) for s in senders))
        else:
            clicked = [await senders[turn % 2].interact(click)]
        assert all(r.status == 200 for r in clicked)
        turn += 1
        await mock.wait_for(
            lambda b=block: card() is not None or ((q := open_question()) is not None and answer_block(q) != b),
            what=f"the step after {block}",
        )
    assert len(steps) >= 3, steps
    adopt = senders[turn % 2].block_actions(done, "card_adopt", user=ALICE)
    adopted = await asyncio.gather(*(s.interact(adopt) for s in senders))  # adopted through both at once
    assert [r.status for r in adopted] == [200, 200]
    await mock.wait_for(lambda: "adopted by" in json.dumps(mock.message(CHANNEL, done.ts).blocks), what="adopted")
    await asyncio.sleep(0.5)  # anything a replica would still post

    # One question message per step (none asked twice), one answer per step, one decision.
    # Each question's message shows its one answer and who gave it, "✅ … answered by …", however the
    # double click, the typed answer and the posting replica's own close of an overtaken message raced.
    answered_messages = [m.text for m in thread() if m.text and "✅" in m.text and "answered by @" in m.text]
    assert len(answered_messages) == len(steps), "\n".join(f"{m.ts} {m.text}" for m in thread()) + "\n" + "\n".join(
        f"{c.method} {c.args.get('ts')} {str(c.args.get('text'))[:60]}" for c in mock.calls
    )
    assert open_question() is None  # no question was posted twice (a duplicate would still have its buttons)
    async with db.session_factory(pg_url)() as session:
        [conversation] = await repo.recent_conversations(session, team_id=TEAM_ID, limit=5)
        events = await repo.answer_events(session, team_id=TEAM_ID, conversation_id=conversation.id)
        decisions = await repo.latest_decisions(session, team_id=TEAM_ID)
    answered = [e for e in events if e.kind == "answer"]
    assert len(answered) == len(steps), [(e.question, e.source) for e in answered]
    assert len({e.question for e in answered}) == len(steps)
    assert len(decisions) == 1 and decisions[0].decided_by == ALICE
    cards = [m for m in thread() if is_card(m)]
    assert len(cards) == 1
    metrics = [await scrape(r) for r in replicas]
    assert sum(v for m in metrics for (n, _), v in m.items() if n == "msgchoice_decisions_total") == 1


async def one_digest_per_team_and_week(mock: MockSlack, replicas: list[Served], pg_url: str) -> None:
    from bot.store import db
    from bot.store.models import DigestRun

    # The team's digest: Mondays 00:00 UTC, set a week ago, so this week's is due now on both replicas.
    now = datetime.now(UTC)
    async with db.session_factory(pg_url)() as session:
        await session.execute(
            text(
                "INSERT INTO digest_settings (team_id, channel_id, enabled, weekday, hour, minute, timezone, "
                "empty_policy, updated_by, updated_at) "
                "VALUES (:team, :channel, true, 0, 0, 0, 'UTC', 'one_line', :user, :at)"
            ),
            {"team": TEAM_ID, "channel": DIGEST_CHANNEL, "user": ALICE, "at": now - timedelta(days=8)},
        )
        await session.commit()

    posted = await mock.wait_for(lambda: mock.messages.get(DIGEST_CHANNEL), within=20, what="the digest")
    await asyncio.sleep(2.0)  # ten more ticks on each replica: nobody posts it again
    assert len(mock.messages.get(DIGEST_CHANNEL, [])) == 1, posted
    async with db.session_factory(pg_url)() as session:
        runs = (await session.execute(select(DigestRun.status, func.count()).group_by(DigestRun.status))).all()
    assert [tuple(r) for r in runs] == [("posted", 1)]
    metrics = [await scrape(r) for r in replicas]
    sent = [m.get(("msgchoice_digests_total", (("outcome", "posted"),)), 0.0) for m in metrics]
    assert sum(sent) == 1 and sorted(sent) == [0.0, 1.0]  # one replica posted it, the other saw it done
