"""Decision records and design docs as people write them: lists, headings, options weighed.

Each structure is written here in words of its own (not the wording of any public record): what a
record says of a candidate system or of what a choice brings is not the workload's need, and a
phrase never runs from one list item into the next.
"""

import pytest

from bot.advisor.parse import parse


def read(text):
    return parse(text).as_dict()


def asked(text):
    return {a.question for a in parse(text).ambiguous}


# -- a phrase stays inside its list item ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # "...stream" ending one item and "processing" opening the next is no "stream processing".
        ("Needs:\n- an append-only audit stream\n- processing of refunds by a worker pool", "stream_processing"),
        ("* camera frames stream\n* processing happens in the nightly batch", "stream_processing"),
        ("1. payment events stream\n2. processing is done by two services", "stream_processing"),
        ("## Upstream data stream\n\nProcessing starts once a batch is complete.", "stream_processing"),
    ],
)
def test_a_phrase_never_runs_from_one_list_item_into_the_next(text, question):
    assert question not in read(text)


def test_a_phrase_wrapped_inside_one_paragraph_is_still_read():
    assert read("the reporting jobs do windowed stream\nprocessing over the click log")["stream_processing"] == "yes"


# -- what a record says of the options weighed is not the workload --------------------------------

RECORD = """# ADR-0042: Adopt NATS for the billing bus

Status: accepted

## Context
The invoicing services hand each other about 3k messages a second at the month-end peak. An
invoice may never vanish: consumers must pick up whatever they missed after a redeploy. We
already run a Kafka cluster for the analytics team.

## Decision
Use NATS JetStream for the billing bus.

## Considered options

### Option A — NATS JetStream
* Good, because a single binary
* Good, because sub-millisecond publish latency

### Option B — Apache Kafka
* Good, because exactly-once transactions and ksqlDB for windowed joins
* Good, because it was measured at 4M msgs/s on the vendor's hardware
* Bad, because it needs a dedicated platform team

### RabbitMQ
* Good, because request/reply is easy
* Bad, because no replay

## Consequences

### Positive
* Debezium-style connectors are not needed
* Edge sites could join through leaf nodes

### Negative
* Fewer integrations
"""


def test_what_a_record_says_of_the_options_and_of_the_choice_is_asked_not_settled():
    result = parse(RECORD)
    answers = result.as_dict()
    assert answers["persistence"] == "yes"  # the context, not "no replay" said of RabbitMQ
    assert answers["throughput"] == "moderate"  # 3k/s, not the vendor's 4M/s for Kafka
    assert answers["current_system"] == "kafka"  # "we already run", not the title or the decision
    for question in ("latency", "exactly_once", "stream_processing", "ops", "request_reply", "edge", "connectors"):
        assert question not in answers, question
    assert {"stream_processing", "request_reply", "edge"} <= asked(RECORD)


@pytest.mark.parametrize(
    "text",
    [
        "# Use NATS for device telemetry\n\nTelemetry from the plant floor goes to the cloud.",
        "ADR-7: Move the job queue onto Kafka\n\nJobs are retried until they succeed.",
        "## Decision\nUse Apache Kafka as the backbone for order events.",
        "**Chosen option**: NATS JetStream, because it is one binary.",
    ],
)
def test_the_system_a_record_chooses_is_not_the_one_that_runs_today(text):
    assert "current_system" not in read(text)


def test_a_code_block_or_config_snippet_is_not_the_workload():
    text = (
        "Context: the checkout flow emits order events.\n\n"
        "```yaml\n# ksqlDB windowed joins, 2M msgs/s\nexactly_once: true\n```\n"
    )
    answers = read(text)
    assert "stream_processing" not in answers and "throughput" not in answers and "exactly_once" not in answers


def test_a_table_comparing_systems_is_not_read_as_the_workload_but_a_form_table_still_is():
    comparison = (
        "| Need | NATS | Kafka | Pulsar |\n|---|---|---|---|\n"
        "| Latency | sub-millisecond | 5 ms | 5 ms |\n| Processing | none | Kafka Streams | Functions |\n"
    )
    assert "latency" not in read(comparison) and "stream_processing" not in read(comparison)
    form = "| Question | Answer |\n|---|---|\n| edge | no |\n| team | 3 engineers |\n"
    assert read(form)["edge"] == "no" and read(form)["ops"] == "small"


def test_a_lead_in_naming_a_system_describes_that_system():
    text = (
        "We ship payroll files between two services, nothing may be lost.\n\n"
        "RabbitMQ:\n- request/reply via direct reply-to\n- tiny footprint\n"
    )
    answers = read(text)
    assert answers["persistence"] == "yes" and "request_reply" not in answers


def test_cons_of_a_rejected_system_do_not_deny_the_workloads_need():
    text = "Orders must survive a broker restart.\n\n**Cons:**\n- Redis pub/sub: no persistence at all\n"
    assert read(text)["persistence"] == "yes"
    assert "persistence" not in asked(text)
