"""What an operator sees: /metrics after a real conversation, and the log lines of its requests."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot import logs
from tests.slack.conftest import World
from tests.slack.harness import ALICE, BOB, CHANNEL, text_of

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def scrape(world: World) -> Samples:
    async with aiohttp.ClientSession() as http, http.get(f"{world.send.app_url}/metrics") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        text = await response.text()
    samples: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def total(samples: Samples, name: str, **labels: str) -> float:
    """Sum over every label set that includes ``labels``."""
    wanted = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and wanted <= set(ls))


async def test_metrics_count_a_conversation_its_slack_calls_and_its_decision(world: World) -> None:
    before = await scrape(world)
    world.mock.rate_limit_once.add("chat.postMessage")  # the first post is refused once, then retried

    thread_ts = await world.start(
        "durable events at 2M msgs/s from sensors, no stream processing, custom consumers are fine, "
        "our platform team runs it"
    )
    await world.wait_question(thread_ts, "edge")
    during = await scrape(world)
    assert value(during, "msgchoice_open_conversations", status="active") == 1

    await world.send.say("no", thread_ts=thread_ts, user=BOB)
    current = await world.wait_question(thread_ts, "request_reply")
    await world.send.click(current, "answer:no")
    card = await world.wait_card(thread_ts)
    recommended = (card.text or "").removeprefix("Recommendation: ").split(" (")[0]
    await world.send.click(card, "card_adopt", user=ALICE)
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopt")

    # Every Web API call the stand-in received is counted once (the app works after its ack: poll).
    def calls(method: str) -> int:
        return len(world.mock.calls_to(method))

    after: Samples = {}
    for _ in range(100):
        after = await scrape(world)
        posted = value(after, "msgchoice_slack_api_calls_total", method="chat.postMessage", error="") - value(
            before, "msgchoice_slack_api_calls_total", method="chat.postMessage", error=""
        )
        if posted == calls("chat.postMessage") and total(
            after, "msgchoice_slack_handler_seconds_count", kind="action"
        ) - total(before, "msgchoice_slack_handler_seconds_count", kind="action") >= 2:
            break
        await asyncio.sleep(0.05)

    def delta(name: str, **labels: str) -> float:
        return total(after, name, **labels) - total(before, name, **labels)

    assert calls("chat.postMessage") >= 3
    assert delta("msgchoice_slack_api_calls_total", method="chat.postMessage", error="") == calls("chat.postMessage")
    assert delta("msgchoice_slack_api_calls_total", method="chat.postMessage", error="ratelimited") == 1
    assert delta("msgchoice_slack_api_calls_total", method="chat.update") == calls("chat.update")
    # Requests by kind: one command, the typed answer as an event, two clicks; all acked.
    assert delta("msgchoice_slack_requests_total", kind="command", outcome="acked") == 1
    assert delta("msgchoice_slack_requests_total", kind="event", outcome="acked") == 1
    assert delta("msgchoice_slack_requests_total", kind="action", outcome="acked") == 2
    assert delta("msgchoice_slack_requests_total", outcome="failed") == 0
    assert delta("msgchoice_slack_ack_seconds_count", kind="action") == 2
    # Each listener's run is observed once, and none failed.
    assert delta("msgchoice_slack_handler_seconds_count", kind="command", outcome="ok") == 1
    assert delta("msgchoice_slack_handler_seconds_count", kind="action", outcome="ok") == 2
    assert delta("msgchoice_slack_handler_seconds_count", outcome="error") == 0
    # The decision, by the system the card recommended, advice followed; the conversation is no longer open.
    decided = [
        labels
        for (name, labels), count in after.items()
        if name == "msgchoice_decisions_total" and count > value(before, name, **dict(labels))
    ]
    assert len(decided) == 1 and dict(decided[0])["followed"] == "yes"
    from knowledge import load

    assert load().system(dict(decided[0])["system"]).name == recommended
    assert value(after, "msgchoice_open_conversations", status="active") == 0


async def test_a_bad_signature_counts_as_rejected(world: World) -> None:
    before = await scrape(world)
    form = "token=x&team_id=T0TEST001&command=%2Fmsgchoice&text=hi"
    sent = await world.send.post(form, "application/x-www-form-urlencoded", signature="v0=" + "0" * 64)
    assert sent.status == 401
    after = await scrape(world)
    key = {"outcome": "rejected"}  # its kind is not read: nothing of an unverified request is
    name = "msgchoice_slack_requests_total"
    assert total(after, name, **key) - total(before, name, **key) == 1


async def test_database_errors_are_counted(db_url: str) -> None:
    from prometheus_client import REGISTRY
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from bot.store.db import session_factory

    def errors() -> float:
        return sum(
            s.value
            for m in REGISTRY.collect()
            if m.name == "msgchoice_database_errors"
            for s in m.samples
            if s.name.endswith("_total")
        )

    before = errors()
    async with session_factory(db_url)() as session:
        with pytest.raises(SQLAlchemyError):
            await session.execute(text("SELECT * FROM no_such_table"))
    assert errors() == before + 1


# ---------------------------------------------------------------------- logs


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """Everything the app logs at INFO and above during the test, formatted as MSGCHOICE_LOG_FORMAT=json does."""
    stream = io.StringIO()
    handler = logs.make_handler("json", stream)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


SECRET_WORKLOAD = "zebra-ledger CDC from Postgres into S3, ~50k events/s, 2-person team"


async def test_json_logs_carry_the_request_id_and_ids_but_no_user_text(world: World, json_log: io.StringIO) -> None:
    thread_ts = await world.start(SECRET_WORKLOAD)
    await world.wait_question(thread_ts, "request_reply")
    typed = world.send.thread_message("no", thread_ts=thread_ts, user=BOB)
    assert (await world.send.event(typed, event_id="Ev0LOGGED01")).status == 200
    await world.wait_card(thread_ts)  # nothing left could change the answer
    assert (await world.send.event(typed, event_id="Ev0LOGGED01", retry_num=1)).status == 200  # logged, ignored
    before = len(world.thread(thread_ts))
    await world.send.say("what about exactly-once for zebra-ledger?", thread_ts=thread_ts)
    await world.mock.wait_for(lambda: len(world.thread(thread_ts)) > before, what="the answer to the follow-up")
    logging.getLogger("bot.slack.test").info("a line inside no request")
    await world.server.stop()  # every request's listener has finished

    entries = [json.loads(line) for line in json_log.getvalue().splitlines()]  # each line is one JSON object
    for entry in entries:
        assert {"time", "level", "logger", "message"} <= entry.keys()
        assert "zebra" not in json.dumps(entry), entry
    retried = [e for e in entries if "Ev0LOGGED01" in e["message"]]
    assert len(retried) == 1, entries
    assert retried[0]["team_id"] == world.team_id and retried[0]["channel_id"] == CHANNEL
    assert len(retried[0]["request_id"]) == 16
    # Every line logged while handling a request carries its id; different requests, different ids.
    in_requests = [e for e in entries if e["logger"].startswith(("bot.slack", "slack_bolt"))]
    in_requests.remove(next(e for e in entries if e["message"] == "a line inside no request"))
    assert all("request_id" in e for e in in_requests), in_requests
    outside = next(e for e in entries if e["message"] == "a line inside no request")
    assert "request_id" not in outside


def test_tokens_are_masked_in_any_line() -> None:
    stream = io.StringIO()
    logger = logging.getLogger("msgchoice.test.redact")
    logger.propagate = False
    logger.addHandler(logs.make_handler("text", stream))
    logger.setLevel(logging.INFO)
    try:
        logger.info("posting with %s and %s", "xoxb-1111-2222-abcdef", "xapp-1-A1-xyz")
    finally:
        logger.handlers.clear()
        logger.propagate = True
    assert "abcdef" not in stream.getvalue() and "xyz" not in stream.getvalue()
    assert "xoxb-***" in stream.getvalue() and "xapp-***" in stream.getvalue()
