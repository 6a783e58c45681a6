"""Two workloads in one description (issue 8, failure class 7): told apart, and not made up.

The positives are held-out sentences written after the grammar and lexicon changes (not the probes
they were tuned on): each holds a part that NATS Core serves (request-reply, traffic nothing keeps)
and a part that Kafka serves (CDC, loading into a lake or a warehouse, log aggregation), so the
guide's answer is the hybrid (Guide § Can They Coexist?, § Use Case Decision Matrix) and
``workloads`` names both parts.  The near misses are one workload said in two sentences or as a list
of requirements, two workloads that go to the same system, and contrasts that are no second
workload: none of them may be answered ``hybrid`` (precision first), and none is parted in two.
"""

import pytest

from bot.advisor.engine import advise


@pytest.mark.parametrize(
    "text",
    [
        "ADR-12. We carry two kinds of traffic: lookups between the pricing services, answered "
        "request/reply and useless after a moment; and the order history, captured from Postgres with "
        "Debezium into the warehouse.",
        "Meanwhile the SRE group collects application logs from every host and ships them to "
        "Elasticsearch. Our own services only exchange ephemeral heartbeats that nobody needs after a "
        "second.",
        "quick q — the bots send each other presence pings, totally lossy, no need to keep any. "
        "separately the analytics squad wants every chat message loaded into bigquery",
        "hot path: the matching engine asks the risk service and waits for an answer, request-reply. "
        "cold path: every match result is streamed into the data lake for the quants.",
        "Scope of this RFC: (a) control messages to the agents, fire-and-forget, stale after a second; "
        "(b) the audit feed, every change captured via CDC and retained for a year.",
        "Commands go one way and metrics the other: commands are request-reply between the controller "
        "and the nodes, while metrics are aggregated into s3 through a sink connector.",
        "- device commands: request/reply, never stored\n- telemetry: kept 30 days and loaded into the lake",
        "On the one hand we have chat typing indicators that can vanish without consequence. On the "
        "other hand, every message must be stored and exported to Snowflake.",
        "In addition, the data science team wants change data capture from the orders database into S3. "
        "The core flow is ephemeral status updates between services that can be dropped.",
        "Two separate flows. Live location pings are worthless after a few seconds, so losing some is "
        "fine. Trip receipts are captured from the billing DB through CDC into the warehouse.",
        "for the game lobby we don't keep anything, it's fire-and-forget; for the replays we need every "
        "match event loaded into the data lake",
        "Our platform has a request path and a data path. The request path is RPC between services, "
        "awaiting a reply, nothing retained. The data path streams every domain event into Snowflake.",
        "The other workload: clickstream ingestion into the data lake. The first one is just ephemeral "
        "notifications to the app that nobody replays.",
        "Status broadcasts to the dashboards are fire-and-forget. Separately, finance needs every "
        "invoice event captured from MySQL via Debezium.",
        "Real-time side: the drones get steering commands and reply with an ack, nothing is stored. "
        "Analytics side: flight logs are aggregated and loaded into the data warehouse nightly.",
    ],
)
def test_two_workloads_are_told_apart_and_served_by_each_system(text):
    advice = advise(text=text)
    assert advice.recommendation == "hybrid"
    assert sorted(w.recommendation for w in advice.workloads) == ["kafka", "nats-core"]


# (h71) "centralised log collection" is read as log aggregation (it was a strict xfail)
def test_a_numbered_list_of_rpc_and_log_collection():
    advice = advise(
        text="1) rpc calls between microservices, request/reply, non-durable\n2) centralised log collection "
        "from all pods into Elasticsearch, kept 14 days"
    )
    assert advice.recommendation == "hybrid"


@pytest.mark.parametrize(
    "text",
    [
        "We stream CDC from Postgres into the warehouse. In addition, these events must be kept for 30 "
        "days so we can replay them.",
        "Requirements: (1) request-reply between services; (2) sub-millisecond latency; (3) no persistence.",
        "We looked at Kafka for the audit log, but in the end the only traffic is ephemeral "
        "request-reply between services.",
        "Unlike Kafka, NATS has no CDC connectors; our workload is order events kept for 7 days at 3k/s.",
        "Nothing is persisted on the bus. A sink process loads the messages into the warehouse every minute.",
        "Flows:\n- inbound: 800k events/s\n- retention: 14 days\n- sink: S3",
        "Logs are collected from all hosts and shipped to Elasticsearch. They are also archived to S3 after a week.",
        "Separately managed consumers read the order stream, which is kept for 7 days.",
        "Two kinds of messages, both ephemeral: typing indicators and presence pings, fire-and-forget, sub-ms.",
        "Two flows, both durable: order events kept 7 days, and invoices captured via CDC into the warehouse.",
        "Meanwhile, those events also have to be replayable for a week. We capture them from Postgres with Debezium.",
        "The services call each other request/reply. We don't need to store anything.",
        "Requirements: (1) 1M events per second; (2) retained for 30 days; (3) loaded into S3.",
        "Requirements: (a) 1M events per second; (b) retained for 30 days; (c) loaded into S3.",
        "Needs:\n1) 1M events/s\n2) retained 30 days\n3) loaded into S3",
        "Hot path: 1M events per second. Cold path: retained for 30 days.",
        "Events are fire-and-forget. A consumer writes them to S3 every hour.",
        "Nothing is kept in the broker. Each consumer loads the events into the warehouse.",
        "We don't need persistence. The CDC connector reads the WAL directly.",
    ],
)
def test_one_workload_or_one_system_is_not_a_hybrid(text):
    advice = advise(text=text)
    assert advice.recommendation != "hybrid"
    assert advice.workloads == []
