"""How people signal two workloads in one description (issue 8, class 7; helper h59).

The guide's hybrid (§ Can They Coexist?: NATS for real-time, low-latency messaging, Kafka for the
heavy-duty data path; "When hybrid makes sense": low-latency request-reply AND high-throughput streaming)
is the answer when one text describes two kinds of traffic that lead to different systems.  This file is
about the *grammar* of that signal, not the vocabulary of either side: a list's numbered or lettered
labels in sequence ("(1) … (2) …", "1) …" lines, "Traffic A: … Traffic B: …", "service 1: … service 2:"),
path labels whose items state one side each ("fast lane: … slow lane: …"), fronted parts set off by a
comma ("For live tracking, we … For analytics, we …"), "there's the X side … and there's the Y side",
"On one side, … On the other, …", "X, for its part, …", a "+" between two traffics, and "two consumers
with different needs".

The controls use the same markers for one workload: a flow's steps or a plan's phases ("Step 1: … Step 2:",
"Phase 2: add …"), a list of one flow's requirements ("1. sub-ms latency 2. kept 30 days"), "Requirement
2:", and "on the other hand" weighing two systems for the same traffic.  A wrong split would be a wrong
hybrid.

Every sentence was written for this file, Slack style, in words of its own; none comes from the eval
corpus.
"""

import pytest

from bot.advisor.engine import advise
from bot.advisor.parse import parse
from tests.parse_helpers import assert_read_as_the_hybrid

# (text, words of the real-time workload, words of the data workload): read as the hybrid, which system
# serving which.  Each was read as one workload before this change.
HYBRID = [
    # a word's lettered labels
    (
        "Traffic A: device commands, request/reply, must answer in under 1 ms, not stored. Traffic B: device "
        "logs, 2M lines/s, aggregated centrally and retained 14 days.",
        "device commands",
        "device logs",
    ),
    (
        "service A: health pings, dropped if stale, live fan-out to the status page, sub-millisecond\n"
        "service B: order events, CDC out of postgres, stored durably and replayed into the warehouse",
        "health pings",
        "order events",
    ),
    # a numbered list on lines of its own
    (
        "1) internal rpc mesh: request-reply, no persistence, needs sub-millisecond latency\n"
        "2) event pipeline: CDC from mysql via debezium into kafka connect sinks, retained 30 days",
        "internal rpc mesh",
        "event pipeline",
    ),
    # a numbered list inline
    (
        "two asks from the platform review (1) the quote cache invalidations, fire and forget, sub-ms, nothing "
        "kept (2) the settlement feed, change data capture from oracle into the lake, full history",
        "quote cache invalidations",
        "settlement feed",
    ),
    # path labels, each item one side of the hybrid
    (
        "we basically have a fast lane and a slow lane. fast lane: price ticks to traders, sub-millisecond, "
        "drop stale ones. slow lane: every trade written to a log, kept 7 years, joined with reference data in "
        "flink.",
        "price ticks",
        "every trade",
    ),
    # labels that set the planes apart; a high rate is the heavy side there
    (
        "There's the control plane, which is request-reply to 5k agents and must answer in under a millisecond, "
        "nothing stored, and there's the data plane, which ships 2M metric samples/s into long-term storage for "
        "30 days.",
        "control plane",
        "data plane",
    ),
    (
        "there's the live side — cursors and presence over websockets, ephemeral — and there's the history "
        "side: document edits, event sourced, replayed on load.",
        "the live side",
        "the history side",
    ),
    # fronted parts set off by a comma
    (
        "For live tracking, we push vehicle positions to the dispatcher map over websockets and drop anything "
        "older than a second. For analytics, we keep every position for a year in the lake and run streaming "
        "aggregations over it.",
        "For live tracking",
        "For analytics",
    ),
    (
        "On one side, the robots get commands by request/reply and must answer within a millisecond; nothing "
        "is stored. On the other, their sensor readings stream through flink windows at 400k events/s and are "
        "kept 2 weeks.",
        "the robots get commands",
        "sensor readings",
    ),
    (
        "our gateway does request-reply to the pricing engine (reply in under 1 ms, nothing persisted); the "
        "recommendation engine, for its part, consumes the full clickstream with kafka streams and keeps 60 "
        "days of it.",
        "our gateway",
        "the recommendation engine",
    ),
    # chat's "+" between the two
    (
        "short version: ephemeral live fan-out of bids to browsers over websockets (nothing kept) + a durable "
        "bid log at 250k events/s for replay and windowed fraud scoring",
        "live fan-out",
        "durable bid log",
    ),
    # two parties announced with different needs
    (
        "a gateway in each shop publishes sales and stock levels. two consumers with different needs: live "
        "price alerts to the staff tablets over websockets, nothing stored, and CDC of every sale into the "
        "warehouse with full history.",
        "live price alerts",
        "CDC of every sale",
    ),
]

# Read as the hybrid before this change already: they must stay so.
HYBRID_BEFORE = [
    (
        "commands go down to the robots, telemetry comes up. commands are request/reply and must be answered "
        "in under a millisecond, nothing is kept. telemetry is around 300k readings a second and lands in the "
        "data lake for windowed aggregations.",
        "commands are request/reply",
        "telemetry is around",
    ),
    (
        "two things really. the first is chat typing indicators, totally ephemeral, dropped if nobody is "
        "listening. the second is the moderation pipeline which consumes every message with exactly-once "
        "stream processing and keeps them for 6 months.",
        "typing indicators",
        "moderation pipeline",
    ),
    (
        "so the chat service pushes typing indicators and presence over websockets, nothing is stored and a "
        "dropped one doesn't matter\n\nthe billing side is totally different: every usage event has to be kept "
        "90 days, processed exactly once and loaded into the warehouse",
        "typing indicators",
        "billing side",
    ),
]

# One workload, with the same markers: never split.  The first six were split before this change.
ONE_WORKLOAD_SPLIT_BEFORE = [
    # a flow's steps
    "Step 1: devices publish readings over mqtt, lossy is fine at the edge. Step 2: a consumer loads every "
    "reading into s3 and keeps it 30 days.",
    # a plan's phases
    "Phase 1: request-reply between services, no persistence. Phase 2: add CDC into the lake with replay.",
    # one flow's requirements, listed
    "1. sub-ms latency\n2. kept 30 days\n3. replay after outages",
    "- sub-ms latency\n- kept 30 days with replay\n- stream processing in flink",
    "Requirement 1: sub-ms latency. Requirement 2: events kept 30 days for replay.",
    # "on the other hand" weighing two systems for the same traffic
    "On one side, kafka would give us replay and connectors; on the other hand, nats is lighter to run. Our "
    "traffic is order events at 5k/s, kept 7 days with replay.",
]
ONE_WORKLOAD = [
    "for ingestion we read from the devices, for processing we run flink windows over the same stream. it's "
    "about 500k events/s, everything kept 30 days.",
    "on the one hand kafka has the ecosystem, on the other hand nats is simpler to run. the workload is 20k "
    "events/s of orders that must be kept for replay.",
    "(1) we need replay for 30 days (2) throughput is 400k events/s (3) it all lands in the lake",
    "(1) we need replay (2) we need sub-ms latency (3) we are two people",
    "For context, we run a small shop. For now, we use redis pubsub. We need request-reply between services "
    "with sub-ms latency and nothing is kept.",
    "Option A: kafka, with 30 day retention and replay. Option B: jetstream with the same retention. The "
    "traffic is 5k order events/s.",
    "- request-reply between services\n- sub-ms latency\n- no persistence\n- 3 person team",
    "For ingestion, we read from 4k devices at 200k events/s. For processing, the same events go through "
    "flink windows and are kept 30 days.",
    "There's the ingest part, where 300k events/s come in, and there's the processing part, where flink "
    "windows them. Everything is kept 14 days.",
    "For the pipeline, we need replay for 30 days. For the team, we have two people. For latency, we don't "
    "care.",
    "(1) devices publish readings (2) a consumer stores them in the lake for 1 year (3) dashboards read from "
    "the lake",
]


@pytest.mark.parametrize(("text", "realtime", "data"), [*HYBRID, *HYBRID_BEFORE])
def test_two_workloads_read_as_the_hybrid(text: str, realtime: str, data: str) -> None:
    assert_read_as_the_hybrid(text, realtime, data)


@pytest.mark.parametrize("text", [*ONE_WORKLOAD_SPLIT_BEFORE, *ONE_WORKLOAD])
def test_one_workload_with_the_same_markers_is_not_split(text: str) -> None:
    assert parse(text).workloads == []
    assert advise(text=text).workloads == []

