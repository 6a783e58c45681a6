"""Adversarial probes (issue 8, precision first), written in new words, Slack style.

Each probe puts a cue that usually settles a question where it states no requirement: in a
question, under a condition on the need, as a doubt or a wish, as the past or as another party's
figure.  What a user would notice is asserted: the wrong value is not settled (the question is
asked or left open).  Plain paraphrases of the same cue still settle, so a fix that loses them
shows here.
"""

import pytest

from bot.advisor.parse import parse


def read(text):
    return parse(text).as_dict()


def asked(text):
    return {a.question for a in parse(text).ambiguous}


# -- questions, conditions, doubts and wishes: asked, never settled --------------------------


@pytest.mark.parametrize(
    ("text", "question", "wrong"),
    [
        ("do we even need replay? not sure yet", "persistence", "yes"),
        ("is durability a requirement here? nobody knows", "persistence", "yes"),
        ("should messages survive a restart? open question", "persistence", "yes"),
        ("if we ever need replay we can bolt something on later", "persistence", "yes"),
        ("maybe later we want at least once but not now", "persistence", "yes"),
        ("we don't know yet whether we need persistence", "persistence", "yes"),
        ("whether durability matters is up to the product team", "persistence", "yes"),
        ("do we need sub-millisecond latency? probably not", "latency", "sub-ms"),
        ("is anything running at the edge? no idea yet", "edge", "yes"),
        ("if we ever reach 1m events/s we'll revisit", "throughput", "high"),
        ("another team does 2 million events per second, we're way smaller", "throughput", "high"),
        ("we might add flink later but not now", "stream_processing", "yes"),
        ("should we use kafka streams or just plain consumers?", "stream_processing", "yes"),
        ("do we need kafka connect? probably not, we write our own consumers", "connectors", "yes"),
        ("do we have a platform team? not really", "ops", "dedicated"),
        ("durability? nope", "persistence", "yes"),
    ],
)
def test_an_open_need_is_not_settled(text, question, wrong):
    assert read(text).get(question) != wrong


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("do we even need replay? not sure yet", "persistence"),
        ("if we ever need replay we can bolt something on later", "persistence"),
        ("is anything running at the edge? no idea yet", "edge"),
        ("if we ever reach 1m events/s we'll revisit", "throughput"),
    ],
)
def test_an_open_need_is_asked(text, question):
    assert question in asked(text)


# -- a store named as where files live, or a team's name, is no ready-made sink ---------------


@pytest.mark.parametrize(
    "text",
    [
        "images are stored in s3 and the message just carries the key",
        "the snowflake team handles their own loading, we just publish",
        "we dropped debezium last year",
    ],
)
def test_a_store_named_in_passing_does_not_settle_connectors(text):
    assert read(text).get("connectors") != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "we want off-the-shelf sinks into s3 and bigquery",
        "stream changes from postgres to the warehouse with debezium",
    ],
)
def test_a_ready_made_sink_settles_connectors(text):
    assert read(text)["connectors"] == "yes"


@pytest.mark.parametrize(
    "text",
    ["dump everything into s3 for the analysts", "the order topic should land in bigquery every few minutes"],
)
def test_a_destination_alone_asks_how_it_is_loaded(text):
    # session 20: where the stream lands does not say who loads it (a ready-made sink or the team's own
    # consumers); the corpus annotates such texts `connectors: unknown`.
    assert "connectors" not in read(text)
    assert "connectors" in asked(text)


# -- a mechanism denied, someone else's team, a test's figure, a batch job --------------------


@pytest.mark.parametrize(
    ("text", "question", "wrong"),
    [
        # the broker redelivers by itself: no dead-letter topic is no denial of persistence
        ("jetstream caps redeliveries itself, so no dead-letter topic like kafka would need", "persistence", "no"),
        ("nats acks and redelivers for us, no offset bookkeeping the way kafka makes you do", "persistence", "no"),
        ("our customers have platform teams but we don't", "ops", "dedicated"),
        ("the platform team at the parent company runs their own kafka, we can't use it", "ops", "dedicated"),
        ("the load test pushed 2 million msgs/s before it fell over", "throughput", "high"),
        ("the benchmark blog claims 10 million messages per second", "throughput", "high"),
        ("the data team runs windowed aggregates in the warehouse nightly", "stream_processing", "yes"),
        ("if latency ever drops under 1 ms that's a bonus", "latency", "sub-ms"),
    ],
)
def test_a_cue_about_something_else_does_not_settle(text, question, wrong):
    assert read(text).get(question) != wrong


@pytest.mark.parametrize(
    ("text", "question", "value"),
    [
        ("failed jobs go to a dead-letter queue and get retried", "persistence", "yes"),
        ("our platform team runs the brokers for every product", "ops", "dedicated"),
        ("we peak at 2 million msgs/s on black friday", "throughput", "high"),
        ("windowed aggregates per user, updated as events arrive", "stream_processing", "yes"),
    ],
)
def test_the_same_cue_said_of_the_workload_still_settles(text, question, value):
    assert read(text)[question] == value


# -- the same cues, stated: still settled ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "question", "value"),
    [
        ("nothing here needs to be persisted", "persistence", "no"),
        ("we explicitly don't need durable topics", "persistence", "no"),
        ("stale data is useless to us", "persistence", "no"),
        ("a dropped update is harmless, the next one fixes it", "persistence", "no"),
        ("must not lose anything if a node reboots", "persistence", "yes"),
        ("keep data through outages and forward it later", "persistence", "yes"),
        ("let reconnecting clients catch up on what they missed", "persistence", "yes"),
        ("records get retained for 7 years for the regulator", "persistence", "yes"),
        ("at-least-once with a dlq for poison messages", "persistence", "yes"),
        ("the raw events topic is our source of truth, if we need more history we raise retention",
         "persistence", "yes"),
        ("durability? yes, a week of it", "persistence", "yes"),
        ("latency: whatever", "latency", "low-ms"),
        ("well under a ms end to end", "latency", "sub-ms"),
        ("p99 < 1ms for order routing", "latency", "sub-ms"),
        ("p99 of 1 ms would be nice", "latency", "low-ms"),
        ("raspberry pis on each factory floor collect readings", "edge", "yes"),
        ("even the peaks are maybe 5k events/s", "throughput", "moderate"),
        ("about 3 GB/s of telemetry at peak", "throughput", "high"),
        ("join two streams of clicks and impressions", "stream_processing", "yes"),
        ("running balances in state stores", "stream_processing", "yes"),
        ("stream changes from postgres to the warehouse with debezium", "connectors", "yes"),
        ("a small data-platform team", "ops", "small"),
        ("one maintainer", "ops", "small"),
        ("no dedicated infra team", "ops", "small"),
        ("a dedicated sre team of 12 runs it", "ops", "dedicated"),
        ("we have kafka people in-house", "ops", "dedicated"),
    ],
)
def test_a_stated_need_still_settles(text, question, value):
    assert read(text).get(question) == value
