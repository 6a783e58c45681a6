"""Kafka's deciding signals said in people's words, beside a stated need to keep the data (issue 8, s31).

The guide answers Kafka when the data must be kept AND one of the flowchart's Kafka branches holds: high
throughput (Q3), stream processing (Q5), a connector ecosystem (Q7) or a dedicated platform team (Q4).  With
only persistence read, a description gets NATS JetStream.  The sentences below were written for this test,
Slack style, after reading public write-ups of clickstream pipelines, Kafka-to-Snowflake sinks and "why we
run Kafka" posts; none comes from the eval corpus.  What they exercise:

- throughput said as scale, read only as a lean (a user notices the recommendation, not a settled figure):
  every event of a whole site, fleet, estate or company ("all the logs from every service in every
  region", "the whole company's event traffic"), "our busiest topic", billions of events a day;
- stream processing said as what is computed over the kept stream (a materialised view built from the
  events, a Spark job reading the stream);
- connectors: a store loaded "without writing a custom loader", "an off-the-shelf way to get them into
  bigquery";
- ops: people who already run Kafka;
- traps that must settle nothing (or not the Kafka way): no aggregation, a few hundred events a day, a team
  that "might want it one day", a nightly CSV put in S3 by cron (batch, not a stream), Flink run by another
  team for something else, every click of an internal tool with five users.
"""

import pytest

from bot.advisor.engine import advise
from bot.advisor.parse import parse


def settled(text: str) -> dict[str, str]:
    return {a.question: a.value for a in parse(text).answers}


def leaning(text: str) -> dict[str, str]:
    return {a.question: a.value for a in parse(text).leans}


# Every event of a whole site, fleet, estate or company: reach implies volume.  Weak evidence only: the
# throughput question is never settled by these words, it leans high (Use Case Decision Matrix,
# "High-throughput event streaming ... analytics pipelines").
SCALE = [
    "all the telemetry from the whole fleet of trucks goes through it and has to be stored durably",
    "this is our busiest topic by far, every order event, must be durable",
    "all the logs from every service in every region, persisted so we can re-read them",
    "we're talking every search query across the whole site, stored for replay",
    "every page view from all our properties lands here and must be kept 7 days",
    "the whole company's event traffic goes through this bus and it must be durable",
    "we collect all metrics from every node in the datacenter, must be retained for a week",
    "we ingest billions of rows a day from the trackers and none of it can be lost",
    "durable log; it's every event from every microservice at the company",
    "durable ingestion of all iot readings from our 2 million meters",
]


@pytest.mark.parametrize("text", SCALE)
def test_scale_said_as_reach_leans_high_and_settles_nothing(text):
    assert leaning(text).get("throughput") == "high"
    assert "throughput" not in settled(text)


@pytest.mark.parametrize("text", SCALE[:4])
def test_a_durable_feed_of_everything_is_advised_kafka(text):
    assert advise(text=text).recommendation == "kafka"


STREAM_PROCESSING = [
    "we want materialised views of inventory built from the stored stock events",
    "a spark job reads the durable stream and joins it with the customer table",
    "durable events; spark jobs consume the feed every few seconds to update the risk model",
]


@pytest.mark.parametrize("text", STREAM_PROCESSING)
def test_computation_over_the_kept_stream_is_stream_processing(text):
    assert settled(text).get("stream_processing") == "yes"


CONNECTORS = [
    "keep the events and push them into clickhouse without writing a custom loader",
    "retain events, and there should be an off the shelf way to get them into bigquery",
]


@pytest.mark.parametrize("text", CONNECTORS)
def test_loading_a_store_without_own_code_wants_connectors(text):
    assert settled(text).get("connectors") == "yes"


OPS = [
    "retained 7 days. we have folks who operate kafka clusters day to day",
    "durable event log, and there are people here who already run kafka for the payments side",
    "must not lose data; we're the team that runs kafka for the whole company",
    "messages must be persisted; we have kafka ops experience in-house",
]


@pytest.mark.parametrize("text", OPS)
def test_people_who_run_kafka_are_a_dedicated_team(text):
    assert settled(text).get("ops") == "dedicated"


@pytest.mark.parametrize(
    "text",
    [
        "durable events; we would need people who run kafka, and we have none",
        "durable events; the team that runs kafka at netflix wrote a great post about it",
        "durable events; another company's kafka people helped us once",
    ],
)
def test_kafka_people_still_to_be_hired_or_someone_elses_settle_nothing(text):
    assert "ops" not in settled(text)


def test_no_people_who_run_kafka_is_a_small_team():
    assert settled("durable events, and we don't have people who run kafka")["ops"] == "small"


def test_a_durable_high_volume_analytics_feed_with_a_platform_team_is_advised_kafka():
    text = (
        "every click on the web and mobile apps, kept 7 days so the analytics jobs can replay it; "
        "our platform team of 8 runs the clusters"
    )
    advice = advise(text=text)
    assert advice.recommendation == "kafka"
    assert settled(text)["ops"] == "dedicated"


# Traps: the words touch a Kafka signal but do not state it.
def test_no_aggregation_is_no_stream_processing():
    text = "events must be kept for a month but we don't do any aggregation on them"
    assert settled(text).get("stream_processing") != "yes"
    assert advise(text=text).recommendation == "nats-jetstream"


def test_terabytes_a_day_without_a_figure_is_asked_and_leans_high():
    text = "durable; our volumes are measured in terabytes per day"
    assert leaning(text).get("throughput") == "high"
    assert "throughput" not in settled(text)


def test_terabytes_a_day_with_a_figure_is_not_settled_by_the_word():
    # 3 TB a day is ~35 MB/s, between the guide's bounds: asked, as before
    assert "throughput" not in settled("durable; we keep 3 terabytes a day")


def test_a_few_hundred_events_a_day_is_not_high():
    text = "a few hundred events a day, all must be persisted"
    assert settled(text).get("throughput") == "moderate"
    assert leaning(text).get("throughput") != "high"


def test_a_team_that_might_want_the_data_one_day_settles_nothing():
    text = "we persist the events; the analytics team might want it one day"
    answers = settled(text)
    for q in ("stream_processing", "connectors", "ops", "throughput", "data_lake"):
        assert q not in answers
    assert advise(text=text).recommendation == "nats-jetstream"


@pytest.mark.parametrize(
    "text",
    [
        "durable job queue, and we land a nightly CSV in S3 by cron",
        "orders must be durable; a cron job dumps a daily csv export into s3 for finance",
    ],
)
def test_a_nightly_file_put_in_s3_is_no_stream_landed_in_a_lake(text):
    answers = settled(text)
    assert "data_lake" not in answers
    assert "connectors" not in answers
    assert advise(text=text).recommendation == "nats-jetstream"


@pytest.mark.parametrize(
    "text",
    [
        "the data team runs flink for something else, we just need durable delivery of orders",
        "another team already uses kafka streams for their own stuff; for us it's durable delivery of orders",
    ],
)
def test_a_processor_someone_else_runs_for_another_purpose_settles_nothing(text):
    assert "stream_processing" not in settled(text)
    assert advise(text=text).recommendation == "nats-jetstream"


def test_every_click_of_an_internal_tool_does_not_lean_high():
    text = "persist every click in our internal admin tool, which has five users"
    assert leaning(text).get("throughput") != "high"
    assert advise(text=text).recommendation == "nats-jetstream"


def test_a_platform_team_that_only_asks_settles_no_ops():
    assert "ops" not in settled("our platform team asked us to keep the events durable")


# Controls, read before this change and still read.
@pytest.mark.parametrize(
    ("text", "question", "value"),
    [
        ("durable event log; our platform team of 8 runs the clusters", "ops", "dedicated"),
        ("durable order events, and we need rolling 15 minute aggregates per merchant", "stream_processing", "yes"),
        (
            "events must be kept and synced to snowflake, we'd rather not write consumers for every destination",
            "connectors",
            "yes",
        ),
        (
            "events are persisted and a flink job consumes the feed to compute session metrics",
            "stream_processing",
            "yes",
        ),
    ],
)
def test_controls_still_read(text, question, value):
    assert settled(text).get(question) == value


# Written once after the change, in new words, and not tuned on: 9 of 10 recommendations read right when first
# measured, 8 of 10 after a later narrowing of the schedule modifier.  The misses are kept as strict xfails (a
# figure kept per customer "that updates with each new order event" is stream processing said in words no entry
# reads yet; a weekly report export is read as a lake again).
HELD_OUT = [
    (
        "every tap and swipe from the mobile app has to be kept around for two weeks so product can reprocess it",
        "kafka",
    ),
    pytest.param(
        "orders are stored durably and we maintain per-customer lifetime value that updates with each new order event",
        "kafka",
        marks=pytest.mark.xfail(strict=True, reason="a per-key figure updated by each event is not read"),
    ),
    (
        "the events must survive restarts, and we'd like them mirrored into opensearch, s3 and redshift without us"
        " writing sink code",
        "kafka",
    ),
    ("must be replayable for 3 days; we've got a six person streaming platform squad that owns the brokers", "kafka"),
    ("we need durable storage for the entire org's audit and access logs, from all regions", "kafka"),
    ("retain the trip events; a flink pipeline reads them and keeps ETA estimates per driver", "kafka"),
    (
        "a couple thousand orders a day, each must be stored until a worker acks it, no transformations needed",
        "nats-jetstream",
    ),
    pytest.param(
        "keep the invoices durably; once a week finance pulls a report export into bigquery",
        "nats-jetstream",
        marks=pytest.mark.xfail(
            strict=True,
            reason="read right when first measured; the schedule modifier was then narrowed to a schedule next to a"
            " file (so that 'loaded into the warehouse nightly' still reads a lake), and 'once a week' is too far",
        ),
    ),
    (
        "durable delivery of webhooks; the folks at our parent company run kafka but we'd be on our own",
        "nats-jetstream",
    ),
    ("persist each click on our tiny internal wiki", "nats-jetstream"),
]


@pytest.mark.parametrize(("text", "expected"), HELD_OUT)
def test_held_out(text, expected):
    assert advise(text=text).recommendation == expected
