"""Latency precision (h6): a figure or a latency word said of something other than the workload's
delivery path — the past, a product, a config value, a network hop, a counterfactual, another office — is
asked, not settled; the workload's own targets still read.  Sentences written after the change, held out
from the ones it was tuned on."""

import pytest

from bot.advisor.engine import advise


def _latency(text: str) -> str | None:
    value = advise(text=text).answers.get("latency")
    return None if value in (None, "unknown") else value


PLAIN = [
    ("Settlement events have to reach the ledger consumers within 40 ms at p99.", "low-ms"),
    ("hard requirement: quote updates fan out to every gateway in under 250 µs", "sub-ms"),
    ("We need the price ticks on subscribers in less than a millisecond.", "sub-ms"),
    ("Acceptance criterion: alarms are delivered end to end within 200 ms.", "low-ms"),
    ("delivery within a couple of seconds is totally fine for the audit feed", "low-ms"),
    ("The order bus must add no more than 800 microseconds per hop.", "sub-ms"),
    ("Our p99 delivery target for the notification fan-out is 15ms.", "low-ms"),
    ("Telemetry consumers should receive each reading within 100 ms of publish.", "low-ms"),
    # past words beside a stated requirement keep it
    ("Latency was the deciding factor: fills have to reach the risk engine in under 300 µs.", "sub-ms"),
    ("After the outage we agreed that events must be delivered within 50 ms p99.", "low-ms"),
    ("Our previous broker is gone; the new one must deliver control messages under 1 ms.", "sub-ms"),
    ("In 2024 the team set a delivery SLO of 100 ms for notifications.", "low-ms"),
    ("We tested the pipeline and the requirement stays: under 10 ms end to end.", "low-ms"),
]

ASKED = [
    "Our old ActiveMQ setup had roughly 25 ms p99, which nobody complained about.",
    "Before the rewrite, delivery took 3 seconds end to end; replay is the new requirement.",
    "Confluent's p99 for our tier is 8 ms, per their sizing sheet.",
    "The nginx load balancer adds 0.5 ms on every request.",
    "fetch.max.wait.ms is 500 ms on the consumers.",
    "GC pauses were around 300 ms on the brokers during the incident.",
    "Had we gone with NATS Core we would have had sub-millisecond delivery, but no replay.",
    "The risk team in the London office needs microsecond latency for their own feed.",
    "We'd like to one day explore sub-millisecond pub/sub for the game servers.",
    "Last quarter we measured 60 ms consumer lag at peak.",
    "The envoy sidecar adds 2 ms to each call.",
    "If we ever ran the matching engine on this bus we'd need 50µs delivery.",
    "Our Kafka cluster used to deliver in about 4 ms before we turned on TLS.",
    "Formerly the bus had 700µs p50.",
    "NATS's p50 is 100-500 µs per the comparison.",
    "JetStream's ack latency is 2-5 ms in the guide's table.",
    "The legacy system, built in 2015, delivered within 10 ms.",
    "When we tested JetStream on our laptops we got 300µs.",
    "The upstream exchange feed arrives with 2 ms jitter; our job is to archive it for compliance.",
]


@pytest.mark.parametrize(("text", "expected"), PLAIN)
def test_plain_latency_targets_still_read(text: str, expected: str) -> None:
    assert _latency(text) == expected


@pytest.mark.parametrize("text", ASKED)
def test_latency_said_of_something_else_is_not_settled(text: str) -> None:
    assert _latency(text) in (None, "?")
