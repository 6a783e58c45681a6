"""The guide's tables, transcribed to YAML, validate and match the guide.

Loads ``knowledge/data/tables/*.yaml`` directly with the pydantic ``Table``
model (not through the loader) so these checks stand on their own.
"""

from __future__ import annotations

import pathlib

import pytest
import yaml

from knowledge.models import Table

TABLES_DIR = pathlib.Path(__file__).resolve().parent.parent / "knowledge" / "data" / "tables"
SYSTEM_IDS = {"kafka", "nats-core", "nats-jetstream", "hybrid"}

# Row counts as given by the guide.
EXPECTED_ROWS = {
    "architecture": 8,
    "latency": 4,
    "throughput": 4,
    "resources": 7,
    "scaling": 4,
    "features": 14,
    "kafka-operations": 8,
    "nats-operations": 9,
    "day2": 8,
    "usecases": 12,
    "event-sourcing": 4,
    "coexistence": 12,
    "migration-kafka-to-jetstream": 7,
    "migration-nats-to-kafka": 5,
    "migration-strategy": 5,
    "takeaways": 8,
    "references": 12,
    "systems-overview": 4,
}


def _load(path: pathlib.Path) -> Table:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for row in raw["rows"]:
        row.setdefault("source", raw["section"])
    return Table.model_validate(raw)


@pytest.fixture(scope="module")
def tables() -> dict[str, Table]:
    loaded = {}
    for path in sorted(TABLES_DIR.glob("*.yaml")):
        table = _load(path)
        assert path.stem == table.id, f"{path.name}: file name should match table id {table.id!r}"
        loaded[table.id] = table
    return loaded


def _row(tables: dict[str, Table], table_id: str, row_id: str):
    for row in tables[table_id].rows:
        if row.id == row_id:
            return row
    raise AssertionError(f"{table_id}/{row_id} missing")


def test_every_expected_table_present(tables):
    assert set(EXPECTED_ROWS) <= set(tables)


@pytest.mark.parametrize("table_id,count", sorted(EXPECTED_ROWS.items()))
def test_row_counts_match_guide(tables, table_id, count):
    assert len(tables[table_id].rows) == count


def test_rows_have_source_and_known_rating_keys(tables):
    for table in tables.values():
        for col in table.columns:
            assert set(col.systems) <= SYSTEM_IDS, f"{table.id}: column {col.id} has unknown systems"
        for row in table.rows:
            assert row.source.strip(), f"{table.id}/{row.id} has no source"
            assert row.topic.strip(), f"{table.id}/{row.id} has no topic"
            unknown = set(row.ratings) - SYSTEM_IDS
            assert not unknown, f"{table.id}/{row.id} rates unknown systems {unknown}"
            for value in row.values.values():
                assert isinstance(value, str)


def test_comparison_rows_are_rated(tables):
    for table in tables.values():
        if table.kind != "comparison":
            continue
        for row in table.rows:
            assert {"kafka", "nats-core", "nats-jetstream"} <= set(row.ratings), f"{table.id}/{row.id}"


@pytest.mark.parametrize(
    "table_id,row_id,column,fragment",
    [
        ("latency", "e2e-p50", "kafka", "5-15 ms"),
        ("latency", "e2e-p50", "nats-core", "100-500 us"),
        ("latency", "publish-p99", "nats-jetstream", "5-15 ms"),
        ("latency", "e2e-p99", "kafka", "20-100 ms"),
        ("throughput", "max-single-broker", "kafka", "500 MB/s - 1+ GB/s"),
        ("throughput", "max-single-broker", "nats-core", "10-20 million msgs/s"),
        ("throughput", "compression", "kafka", "zstd"),
        ("resources", "min-memory", "nats", "64-256 MB"),
        ("resources", "min-memory", "kafka", "4-8 GB"),
        ("resources", "startup-time", "kafka", "30-60 seconds"),
        ("resources", "container-image", "nats", "~20 MB"),
        ("features", "exactly-once", "nats-jetstream", "double-ack"),
        ("features", "request-reply", "nats-core", "First-class primitive"),
        ("kafka-operations", "kraft", "details", "Kafka 3.3"),
        ("kafka-operations", "heap-sizing", "details", "6-8 GB"),
        ("kafka-operations", "partition-rule-of-thumb", "details", "3-6 partitions"),
        ("nats-operations", "config-file", "details", "20-50 lines"),
        ("usecases", "cdc", "recommended", "Kafka"),
        ("usecases", "lightweight-persistent", "recommended", "NATS JetStream"),
        ("usecases", "iot-edge", "why", "20 MB binary"),
        ("migration-strategy", "keep-fallback", "details", "2-4 weeks"),
        ("takeaways", "edge-constrained", "takeaway", "64 MB"),
        ("references", "kafka-design", "url", "https://kafka.apache.org/documentation/#design"),
    ],
)
def test_figures_match_guide(tables, table_id, row_id, column, fragment):
    assert fragment in _row(tables, table_id, row_id).values[column]


@pytest.mark.parametrize(
    "ref,ratings",
    [
        ("latency/e2e-p50", {"kafka": 0, "nats-core": 3, "nats-jetstream": 1}),
        ("throughput/compression", {"kafka": 3, "nats-core": 0, "nats-jetstream": 0}),
        ("resources/disk", {"kafka": 1, "nats-core": 3, "nats-jetstream": 2}),
        ("features/exactly-once", {"kafka": 3, "nats-core": 0, "nats-jetstream": 2}),
        ("usecases/lightweight-persistent", {"kafka": 1, "nats-core": 0, "nats-jetstream": 3, "hybrid": 0}),
        ("coexistence/two-systems-burden", {"kafka": 3, "nats-core": 3, "nats-jetstream": 3, "hybrid": 0}),
        ("takeaways/hybrid-legitimate", {"kafka": 1, "nats-core": 1, "nats-jetstream": 1, "hybrid": 3}),
    ],
)
def test_advisor_ratings(tables, ref, ratings):
    table_id, _, row_id = ref.partition("/")
    assert _row(tables, table_id, row_id).ratings == ratings


def test_cost_rows_use_worst_composite(tables):
    worst = ["resources/min-memory", "day2/team-expertise", "usecases/kubernetes", "takeaways/operational-complexity"]
    for ref in worst:
        table_id, _, row_id = ref.partition("/")
        assert _row(tables, table_id, row_id).composite == "worst", ref


def test_references_urls_are_links(tables):
    for row in tables["references"].rows:
        url = row.values["url"]
        assert url == "" or url.startswith("https://"), row.id
