"""Follow-up questions typed in a conversation are answered with the guide's rows."""

from __future__ import annotations

import pytest

from bot.advisor.followup import answer_followup, is_followup, strip_question


def refs(text: str) -> list[str]:
    return [c.ref for c in answer_followup(text).rows]


@pytest.mark.parametrize(
    "text",
    [
        "what about exactly-once?",
        "compare latency",
        "why not Kafka?",
        "how hard is Kafka to run?",
        "Which one has wildcards",
        "tell me about JetStream",
        "explain the hybrid",
        "does NATS support replay",
        "Should we worry about GC?",
    ],
)
def test_questions_are_follow_ups(text: str) -> None:
    assert is_followup(text)


@pytest.mark.parametrize(
    "text", ["yes", "no", "back", "Back", "restart", "not sure", "sub-ms", "2 ms is fine", "3", "", "yes?",
             "does not matter", "small team"]
)
def test_answers_and_commands_are_not_follow_ups(text: str) -> None:
    assert not is_followup(text)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("what about exactly-once?", "exactly-once"),
        ("compare latency", "latency"),
        ("How does Kafka handle ordering?", "Kafka ordering"),
        ("does it support SOAP?", "SOAP"),
        ("tell me more about event sourcing please", "event sourcing"),
    ],
)
def test_question_words_are_stripped_before_searching(text: str, topic: str) -> None:
    assert strip_question(text) == topic


def test_what_about_exactly_once_cites_the_feature_row_with_every_systems_value() -> None:
    answer = answer_followup("what about exactly-once?")
    assert answer.covered
    assert answer.topic == "Exactly-once semantics"
    assert answer.rows[0].ref == "features/exactly-once"
    assert "usecases/eos-stream-processing" in refs("what about exactly-once?")
    assert answer.summary.startswith("From the guide's Feature Comparison: Exactly-once semantics")
    assert "idempotent producers + transactions" in answer.summary
    assert answer.rows[0].source == "Feature Comparison"
    assert answer.covered_topics == []


@pytest.mark.parametrize("text", ["what about EOS?", "What about exactly once?", "exactly-once semantics?"])
def test_aliases_of_exactly_once_give_the_same_headline_row(text: str) -> None:
    assert refs(text)[0] == "features/exactly-once"


def test_compare_latency_gives_every_row_of_the_latency_table() -> None:
    found = refs("compare latency")
    assert found[:4] == ["latency/publish-p50", "latency/publish-p99", "latency/e2e-p50", "latency/e2e-p99"]
    assert "takeaways/latency-order-of-magnitude" in found


def test_why_not_kafka_lists_the_rows_where_kafka_rates_weak_with_its_summary() -> None:
    answer = answer_followup("why not Kafka?")
    assert answer.covered
    assert answer.kind == "why-not"
    found = [c.ref for c in answer.rows]
    for ref in ("features/request-reply", "features/edge-iot", "latency/e2e-p50", "day2/team-expertise"):
        assert ref in found
    assert "features/stream-processing" not in found  # Kafka's strength, not a weakness
    assert all(not ref.startswith(("usecases/", "kafka-operations/")) for ref in found)  # comparison tables only
    assert "append-only log" in answer.summary  # its summary from systems.yaml


def test_why_not_nats_reads_nats_as_both_nats_systems() -> None:
    found = refs("why not NATS?")
    assert "features/stream-processing" in found
    assert "features/persistence" not in found  # JetStream persists, so NATS as a family does


def test_how_hard_is_kafka_to_run_cites_kafka_operations_and_day_2() -> None:
    answer = answer_followup("how hard is Kafka to run?")
    assert answer.kind == "operations"
    tables = {c.table for c in answer.rows}
    assert tables == {"kafka-operations", "day2"}
    assert "Dedicated Kafka/platform team" in answer.summary


def test_what_about_event_sourcing_cites_the_use_case_and_its_trade_off_table() -> None:
    found = refs("what about event sourcing?")
    assert found[0] == "usecases/event-sourcing"
    assert {"event-sourcing/fit", "event-sourcing/retention-snapshots", "event-sourcing/projections",
            "event-sourcing/operations"} <= set(found)


def test_migrating_from_kafka_cites_that_direction_and_the_general_strategy() -> None:
    answer = answer_followup("migrating from kafka")
    assert answer.kind == "migration"
    tables = list(dict.fromkeys(c.table for c in answer.rows))
    assert tables == ["migration-kafka-to-jetstream", "migration-strategy"]


def test_moving_from_nats_to_kafka_picks_the_other_direction() -> None:
    tables = {c.table for c in answer_followup("we're moving from NATS to Kafka, what changes?").rows}
    assert tables == {"migration-nats-to-kafka", "migration-strategy"}


def test_a_migration_question_about_a_named_topic_searches_that_topic() -> None:
    answer = answer_followup("migrating from ZooKeeper to KRaft?")
    assert answer.kind == "topic"
    assert {c.ref for c in answer.rows[:2]} == {"kafka-operations/zookeeper", "kafka-operations/kraft"}


def test_a_system_named_in_the_question_focuses_the_summary_on_it() -> None:
    answer = answer_followup("does JetStream do key-value?")
    assert answer.rows[0].ref == "features/compaction-kv"
    assert "NATS JetStream: Built-in Key-Value Store" in answer.summary
    assert "Apache Kafka" not in answer.summary


@pytest.mark.parametrize(
    "text",
    [
        "what's the weather?",
        "does it support SOAP?",
        "is it open source?",
        "why not?",
        "what about GDPR?",
        "does it support GraphQL subscriptions?",
    ],
)
def test_questions_outside_the_guide_are_not_covered_and_list_what_is(text: str) -> None:
    answer = answer_followup(text)
    assert not answer.covered
    assert answer.rows == []
    assert answer.kind == "not-covered"
    assert "Feature Comparison" in answer.covered_topics
    assert "says nothing about" in answer.summary


def test_a_not_covered_answer_keeps_the_topic_asked_about_for_the_digest() -> None:
    assert answer_followup("does it support SOAP?").topic == "SOAP"


def test_every_cited_row_names_its_guide_section() -> None:
    for text in ("compare latency", "why not Kafka?", "how hard is Kafka to run?", "migrating from kafka"):
        assert all(c.source for c in answer_followup(text).rows)
