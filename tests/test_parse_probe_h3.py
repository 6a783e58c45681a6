"""Held-out probes for the system a team runs today (current_system) and the one it is leaving.

Written after the lexicon changes of branch h3, in new words, in the registers of public decision
records (ADR/RFC lines, issue reports, Slack asides).  Guide § Migration Considerations weighs the
team's own investment, and Key Takeaways 8 its expertise: a system the team runs or is moving off
is read; a product described in general, a system weighed or only wished for, another party's
system, or a part of a product being deprecated is not.
"""

import pytest

from bot.advisor.parse import parse


def read(text):
    return parse(text).as_dict()


@pytest.mark.parametrize(
    ("text", "current"),
    [
        ("Our Kafka brokers (six of them, on i3 instances) are the main cost line in the infra budget.", "kafka"),
        ("For context: payments already flow through a JetStream stream with three replicas.", "nats"),
        ("we've run rabbitmq for the billing queues since 2017 and nobody loves it", "other"),
        ("The SQS queues we rely on today cost almost nothing, but FIFO throughput caps are biting.", "other"),
        ("Our platform team self-hosts Redpanda for the analytics events.", "kafka"),
        ("Every order event ends up in our Kafka topics within a second.", "kafka"),
        ("Most of our microservices speak NATS request/reply already.", "nats"),
        ("we've had kinesis in production for three years and the shard math is painful", "other"),
        ("Kafka has been our integration backbone since 2020.", "kafka"),
        ("Problem statement: our Azure Service Bus namespace throttles at peak.", "other"),
        ("Two engineers on our team are Kafka veterans and run the Strimzi-managed cluster.", "kafka"),
    ],
)
def test_the_system_the_team_runs_is_read(text, current):
    answers = read(text)
    assert answers["current_system"] == current
    assert "leaving" not in answers


@pytest.mark.parametrize(
    ("text", "leaving"),
    [
        ("RFC: decommission the MSK cluster and move its two remaining consumers to NATS.", "kafka"),
        ("Status: the NATS Streaming deployment is being phased out this quarter.", "nats"),
        ("Heads up: we're tearing the ActiveMQ broker out once the last Java app is migrated.", "other"),
        ("We are moving our consumers off Confluent Cloud to cut costs.", "kafka"),
        ("The old RabbitMQ cluster is slated for retirement after Black Friday.", "other"),
    ],
)
def test_a_system_the_team_is_leaving_is_read_and_still_runs(text, leaving):
    answers = read(text)
    assert answers["leaving"] == leaving
    # what a team leaves it runs today, whatever it moves to (the destination is not read as current)
    assert answers["current_system"] == leaving


@pytest.mark.parametrize(
    "text",
    [
        "Running NATS yourself is supposedly trivial.",
        "Kafka is the streaming platform behind most big tech data stacks.",
        "Our logistics partner uses RabbitMQ and sends us CSV exports.",
        "Should we move off Postgres queues to Kafka?",
        "Kafka has been around since 2011 and is battle tested.",
        "We dropped NATS from the shortlist after the spike.",
        "If we had a Kafka cluster, replay would be free.",
        "The idea of operating Kafka ourselves makes everyone nervous.",
        "Kafka's transactional producer API is deprecated in some client libraries.",
        "Nobody here runs a message broker yet; it's all cron and HTTP.",
        "A JetStream stream needs a storage backend, file or memory.",
    ],
)
def test_a_system_weighed_described_or_someone_elses_is_not_read(text):
    answers = read(text)
    assert answers.get("current_system") in (None, "none")
    assert "leaving" not in answers
