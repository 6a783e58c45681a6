"""The sizing sketch: arithmetic checked by hand, every figure traced to a guide row, inputs read from text.

The guide's figures used below, by row:
- throughput/max-single-broker: Kafka "500 MB/s - 1+ GB/s", NATS Core "10-20 million msgs/s (small msgs)",
  NATS JetStream "1-5 million msgs/s";
- resources/min-memory: Kafka "4-8 GB heap recommended (plus page cache)", NATS "64-256 MB typical";
- kafka-operations/partition-rule-of-thumb: "3-6 partitions per topic per broker".
The replication factor (3) is msgchoice's stated assumption, not the guide's.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.advisor.engine import advise
from bot.advisor.quantities import Rate, canonical, format_rate, parse_rate, read_sizing
from bot.cli import main
from knowledge import KnowledgeError, load
from knowledge.loader import DATA_DIR, load_from

KAFKA_MB_S_PER_BROKER = (500, 1000)
NATS_CORE_MSGS_PER_SERVER = (10_000_000, 20_000_000)
JETSTREAM_MSGS_PER_SERVER = (1_000_000, 5_000_000)
KAFKA_HEAP_GB = (4, 8)
NATS_MEMORY_MB = (64, 256)
PARTITIONS_PER_BROKER = (3, 6)
RF = 3

KAFKA = {"persistence": "yes", "throughput": "high", "stream_processing": "yes"}
JETSTREAM = {"persistence": "yes", "throughput": "moderate", "ops": "small"}
NATS_CORE = {"persistence": "no", "latency": "sub-ms"}


def sizing_for(answers: dict[str, str]):  # type: ignore[no-untyped-def]
    advice = advise(answers)
    assert advice.sizing is not None
    return advice.recommendation, advice.sizing


def test_the_guide_figures_the_sketch_uses_are_the_ones_quoted_here() -> None:
    kb = load()
    assert kb.sizing is not None
    figures = {f.id: (f.low, f.high) for f in kb.sizing.figures}
    assert figures["kafka-broker-throughput"] == KAFKA_MB_S_PER_BROKER
    assert figures["nats-core-server-throughput"] == NATS_CORE_MSGS_PER_SERVER
    assert figures["jetstream-server-throughput"] == JETSTREAM_MSGS_PER_SERVER
    assert figures["kafka-memory"] == KAFKA_HEAP_GB
    assert figures["nats-memory"] == NATS_MEMORY_MB
    assert figures["kafka-partitions-per-broker"] == PARTITIONS_PER_BROKER
    assert kb.sizing.replication.factor == RF
    for figure in kb.sizing.figures:  # each quote is in its row, word for word
        _, row = kb.row(figure.ref)
        assert figure.quote in row.values[figure.column]


def test_kafka_at_50k_one_kb_messages_kept_a_week() -> None:
    system, sizing = sizing_for({**KAFKA, "message_rate": "50k/s", "message_size": "1KB", "retention": "7d"})
    assert system == "kafka"

    mb_s = 50_000 * 1_000 / 1e6  # 50 MB/s
    stored = 50_000 * 1_000 * 7 * 86_400 * RF  # 90.72 TB
    assert sizing.line("sustained-throughput").low == pytest.approx(mb_s)
    assert sizing.line("storage").low == pytest.approx(stored)
    assert sizing.line("storage").value == "90.7 TB"
    # 50 MB/s x 3 copies = 150 MB/s written, under one broker's 500 MB/s: the 3 copies set the count
    assert sizing.line("kafka-brokers").value == "3"
    assert sizing.line("kafka-memory").low == 3 * KAFKA_HEAP_GB[0]
    assert sizing.line("kafka-memory").high == 3 * KAFKA_HEAP_GB[1]
    assert (sizing.line("kafka-partitions").low, sizing.line("kafka-partitions").high) == (9, 18)
    assert sizing.missing == []


def test_kafka_at_two_million_messages_a_second_needs_brokers_for_the_bandwidth() -> None:
    _, sizing = sizing_for({**KAFKA, "message_rate": "2M/s", "message_size": "1KB", "retention": "1d"})

    written = 2_000_000 * 1_000 / 1e6 * RF  # 6,000 MB/s across the cluster
    assert sizing.line("kafka-brokers").high == written / KAFKA_MB_S_PER_BROKER[0]  # 12 at 500 MB/s each
    assert sizing.line("kafka-brokers").low == written / KAFKA_MB_S_PER_BROKER[1]  # 6 at 1 GB/s each
    assert sizing.line("kafka-memory").value == f"{12 * 4}-{12 * 8} GB"
    assert sizing.line("kafka-partitions").value == f"{12 * 3}-{12 * 6}"
    assert sizing.line("storage").low == pytest.approx(2_000_000 * 1_000 * 86_400 * RF)  # 518.4 TB
    assert sizing.line("storage").value == "518 TB"


def test_jetstream_servers_count_the_replicas_against_the_per_server_message_rate() -> None:
    system, sizing = sizing_for({**JETSTREAM, "message_rate": "2M/s", "message_size": "100B", "retention": "30d"})
    assert system == "nats-jetstream"

    stored_msgs = 2_000_000 * RF  # 6 million msgs/s with replicas
    assert sizing.line("nats-jetstream-servers").high == stored_msgs / JETSTREAM_MSGS_PER_SERVER[0]  # 6
    assert sizing.line("nats-jetstream-servers").low == RF  # 6M / 5M = 2, but 3 replicas need 3 servers
    memory = sizing.line("nats-jetstream-memory")
    assert (memory.low, memory.high) == (6 * NATS_MEMORY_MB[0], 6 * NATS_MEMORY_MB[1])
    assert memory.value == "384-1,536 MB"
    assert sizing.line("storage").low == pytest.approx(2_000_000 * 100 * 30 * 86_400 * RF)  # 1.56 PB
    assert sizing.line("jetstream-streams").value == "at least 6"
    assert sizing.line("kafka-brokers") is None


def test_nats_core_stores_nothing_and_counts_servers_by_message_rate() -> None:
    system, sizing = sizing_for({**NATS_CORE, "message_rate": "25M/s", "message_size": "200B", "retention": "7d"})
    assert system == "nats-core"

    assert sizing.line("nats-core-servers").value == "3"  # 25M / 10M = 2.5
    assert sizing.line("nats-core-servers").low == 2  # 25M / 20M = 1.25
    assert sizing.line("nats-core-memory").value == f"{3 * 64}-{3 * 256} MB"
    assert sizing.line("storage").value == "none"
    assert [r.ref for r in sizing.line("storage").rows] == ["architecture/persistence-model"]
    assert "retention" not in sizing.missing


def test_a_byte_rate_and_a_message_size_give_the_message_rate() -> None:
    _, sizing = sizing_for({**KAFKA, "message_rate": "2 TB/day", "message_size": "1KB", "retention": "7d"})
    mb_s = 2e12 / 86_400 / 1e6  # 23.1 MB/s
    assert sizing.line("sustained-throughput").low == pytest.approx(mb_s, rel=1e-3)  # the answer keeps 4 digits
    assert "23,150 msgs/s" in sizing.line("sustained-throughput").working


def test_every_line_cites_guide_rows_and_quotes_the_guide_figure_it_divides_by() -> None:
    kb = load()
    assert kb.sizing is not None
    for answers in (KAFKA, JETSTREAM, NATS_CORE):
        _, sizing = sizing_for({**answers, "message_rate": "300k/s", "message_size": "2KB", "retention": "3d"})
        assert sizing.lines
        for line in sizing.lines:
            for citation in line.rows:
                _, row = kb.row(citation.ref)  # a real guide row
                assert citation.values == row.values
        for line in sizing.lines:
            used = [f for f in kb.sizing.figures if f.ref in {r.ref for r in line.rows} and f.quote in line.working]
            if line.id.endswith(("-servers", "-brokers", "-memory", "-partitions")):
                assert used, f"{line.id} quotes no guide figure: {line.working}"
        assert "not capacity planning" in sizing.note


def test_the_replication_factor_is_stated_as_an_assumption_where_it_is_used() -> None:
    _, sizing = sizing_for({**KAFKA, "message_rate": "50k/s", "message_size": "1KB", "retention": "7d"})
    for line_id in ("storage", "kafka-brokers"):
        line = sizing.line(line_id)
        assert line.assumption is not None and line.assumption.startswith("3 copies: Assumed")


def test_only_a_throughput_answer_uses_its_bound_and_says_so() -> None:
    _, sizing = sizing_for({**JETSTREAM, "message_size": "1KB"})
    rate = sizing.inputs[0]
    assert rate.source == "assumed" and rate.value == "100,000/s"
    assert "thresholds.yaml throughput-moderate-msgs" in (rate.note or "")
    assert sizing.line("sustained-throughput").low == pytest.approx(100.0)
    assert sizing.missing == ["retention"]
    assert sizing.line("storage") is None


def test_with_nothing_known_the_sketch_only_asks() -> None:
    _, sizing = sizing_for({"persistence": "yes"})
    assert sizing.lines == []
    assert sizing.missing == ["message_rate", "message_size", "retention"]


def test_sizing_answers_never_change_the_recommendation_or_appear_as_what_would_change() -> None:
    plain = advise(JETSTREAM)
    sized = advise({**JETSTREAM, "message_rate": "10M/s", "message_size": "1MB", "retention": "365d"})
    assert sized.recommendation == plain.recommendation
    assert [r.score for r in sized.ranking] == [r.score for r in plain.ranking]
    assert {c.question for c in sized.what_would_change} == {c.question for c in plain.what_would_change}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 KB events, keep 7 days", {"message_size": "1KB", "retention": "7d"}),
        ("messages of about 2 KB, retention of 30 days", {"message_size": "2KB", "retention": "30d"}),
        ("average message size is 500 bytes; 14-day retention", {"message_size": "500B", "retention": "14d"}),
        ("payloads up to 4KB each, we retain events for 2 years", {"message_size": "4KB", "retention": "730d"}),
        ("keep them for a week", {"retention": "7d"}),
        ("brokers have 64 GB RAM and 1 TB disks", {}),
        ("we push 200 MB/s", {}),
        # "an" is no amount when it is the start of "and": no one-day retention in these.
        ("the bus must offer retention and replay for audits", {}),
        ("retention and ordering guarantees matter", {}),
        ("a retention policy and a dead-letter topic", {}),
        # A bare "B" before a count per period is billions of messages, not a size in bytes.
        ("the clickstream reaches 40B events/day", {}),
        ("about 3B records a month land in the lake", {}),
        ("500B payloads, small ones", {"message_size": "500B"}),
        # A size before a period is a volume (a rate), not one message's size.
        ("about 900 GB of payload a day", {}),
        ("20 GB of log lines per hour, 1 KB events", {"message_size": "1KB"}),
    ],
)
def test_message_size_and_retention_are_read_from_text(text: str, expected: dict[str, str]) -> None:
    assert {p.question: p.value for p in read_sizing(text)} == expected


def test_a_description_gives_rate_size_and_retention_to_the_sketch() -> None:
    advice = advise(text="CDC from Postgres into S3, 50k events/s of 1 KB events, keep 7 days, 2-person team")
    assert advice.answers["message_rate"] == "50k/s"
    assert advice.answers["message_size"] == "1KB" and advice.answers["retention"] == "7d"
    assert advice.sizing is not None
    assert {i.source for i in advice.sizing.inputs} == {"text"}
    assert advice.sizing.line("storage").value == "90.7 TB"


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [("bytes", "1.5kb", "1.5KB"), ("bytes", "512 bytes", "512B"), ("seconds", "2 weeks", "14d"),
     ("seconds", "12 hours", "12h"), ("rate", "50,000 msgs/sec", "50k/s"), ("rate", "1 msg/s", "1/s"),
     ("rate", "20MB/s", "20MB/s"), ("bytes", "lots", None), ("seconds", "0 days", None),
     ("rate", "1 trillion/day", "11.57M/s"), ("rate", "2T/s", "2T/s"),
     # Slow rates keep their figure ("0/s" would be refused), small byte rates stay bytes (not "512B/s",
     # which reads back as 512 billion messages a second).
     ("rate", "10 notifications a day", "10/day"), ("rate", "0.004/s", "14.4/h"),
     ("rate", "512 bytes/s", "512 bytes/s"), ("rate", "100 bytes/day", "4.17 bytes/h")],
)
def test_quantity_answers_take_one_canonical_form(kind: str, raw: str, value: str | None) -> None:
    assert canonical(kind, raw) == value


def test_advise_json_carries_the_sizing_and_refuses_a_bad_quantity(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["advise", "--json", "-a", "persistence=yes", "-a", "throughput=high", "-a", "stream_processing=yes",
            "-a", "message_rate=50000/s", "-a", "message_size=1kb", "-a", "retention=7 days"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["answers"]["message_size"] == "1KB"
    lines = {line["id"]: line for line in out["sizing"]["lines"]}
    assert lines["kafka-brokers"]["value"] == "3"
    assert lines["storage"]["rows"][0]["table"] == "architecture"

    assert main(["advise", "--json", "-a", "message_size=huge"]) == 2
    assert "'huge' is not a bytes value for 'message_size'" in capsys.readouterr().err


def test_a_figure_whose_quote_is_not_in_its_row_stops_the_knowledge_from_loading(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    sizing = data / "sizing.yaml"
    sizing.write_text(sizing.read_text().replace('"500 MB/s - 1+ GB/s"', '"900 MB/s"'))

    with pytest.raises(KnowledgeError) as raised:
        load_from(data)
    assert "'900 MB/s' is not in throughput/max-single-broker" in str(raised.value)


def test_the_adr_and_the_terminal_show_the_sketch_with_its_rows() -> None:
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from rich.console import Console

    from bot.render.adr import render_adr
    from bot.render.terminal import render_advice

    advice = advise({**KAFKA, "message_rate": "50k/s", "message_size": "1KB", "retention": "7d"})
    decision = SimpleNamespace(
        id=1, team_id="T", recommended_system="kafka", chosen_system="kafka", rationale="", decided_by="alice",
        knowledge_version=advice.knowledge_version, confidence=advice.confidence,
        advice=advice.model_dump(mode="json"), created_at=datetime(2026, 11, 30, tzinfo=UTC),
    )

    adr = render_adr(decision)
    assert "## Sizing Sketch" in adr and "not capacity planning" in adr
    assert "| Kafka brokers | 3 |" in adr and "throughput/max-single-broker" in adr
    assert "assuming 3 copies" in adr

    console = Console(record=True, width=200)
    render_advice(console, advice, load())
    text = console.export_text()
    assert "Sizing sketch for Apache Kafka" in text and "90.7 TB" in text


@given(
    per_second=st.floats(min_value=1e-6, max_value=1e13, allow_nan=False, allow_infinity=False),
    in_bytes=st.booleans(),
)
def test_every_rate_is_written_in_a_form_that_reads_back_as_itself(per_second: float, in_bytes: bool) -> None:
    rate = Rate(bytes_per_s=per_second) if in_bytes else Rate(msgs_per_s=per_second)
    written = format_rate(rate)
    assert canonical("rate", written) == written  # a question that takes it gives it back unchanged
    back = parse_rate(written)
    assert back is not None and (back.bytes_per_s is not None) == in_bytes  # bytes stay bytes
