"""Data-pipeline words spelled once: each idea is one word class of the lexicon (issue 8, s32).

Stream processing, connectors, data lake, CDC and log aggregation each spelled the same idea several times, with
different and incomplete lists.  Each idea is now one class, used by every entry whose context takes all of it:

- `stream_op`: what is done to each record as it flows (aggregate, enrich, transform, filter, dedupe, normalise,
  canonicalise, clean, annotate, sessionise, correlate, downsample, reconcile, average), in any form;
- `lake_store` and `olap_store`: a lake, warehouse or object store, and an analytics column store, that a stream
  is landed in (both reused by `sink_store`);
- `load_verb`: a loader's verbs (load, land, sink, sync, ship, ingest, export, dump, copy, archive ...), the
  loader half of `flow_verb`;
- `source_db` and `db_change_log`: the database whose changes are captured and its change log (wal, binlog,
  oplog, redo log, replication slot);
- `log_shipper` and `log_ship_verb`: the host agents that ship logs, and the verbs of shipping them.

The sentences are written for this test in new words; none comes from the corpus.  Each of the first list is
read only since the classes (it is not read by the lexicon before them).  The controls use the same words for
something else (a list filtered on a screen, a transformer model, "clean up", a correlation id, a streaming job
that only moves data, another team's Flink, SQLite's WAL, a cache kept in sync) and must not flip.
"""

import pytest

from bot.advisor.parse import parse


def reading(text: str, question: str) -> str | None:
    """The value settled for ``question``, "?" when it is asked, None when the text says nothing of it."""
    result = parse(text)
    settled = {a.question: a.value for a in result.answers}
    if question in settled:
        return settled[question]
    if any(a.question == question for a in result.ambiguous):
        return "?"
    return None


READ_NOW = [
    # stream_op
    ("stream_processing", "we canonicalise the addresses on the fly before they reach the routing service", "yes"),
    ("stream_processing", "vibration frames are averaged before anyone downstream sees them", "yes"),
    ("stream_processing", "page hits get averaged into per-region topics", "yes"),
    ("stream_processing", "inbound quotes get canonicalised & enriched", "yes"),
    ("stream_processing", "the processors publish to a deduplicated topic", "yes"),
    ("stream_processing", "the pipeline annotates and filters the meter readings as they come in", "yes"),
    ("stream_processing", "the relay doesn't filter them, it only forwards", "no"),
    # lake_store, olap_store, load_verb
    ("data_lake", "the clickstream gets archived into gcs for the analysts", "yes"),
    ("data_lake", "we mirror the shipment topic to adls gen2 for the data science team", "yes"),
    ("data_lake", "the scan events land in tinybird within seconds", "yes"),
    ("data_lake", "rockset ingests straight from the orders topic", "yes"),
    ("connectors", "we want an out-of-the-box way to archive the events in azure blob storage", "yes"),
    ("connectors", "the same topic gets copied into s3, clickhouse and datadog", "yes"),
    ("connectors", "a bigquery sink would save us a lot of work", "yes"),
    ("connectors", "we stream aurora into the lakehouse", "yes"),
    # source_db, db_change_log
    ("cdc", "we capture changes from aurora", "yes"),
    ("cdc", "a relay tails the oracle redo logs", "yes"),
    ("cdc", "the search index has to stay in sync with cockroachdb", "yes"),
    ("cdc", "change events from cockroachdb go to the bus", "yes"),
    # log_shipper, log_ship_verb
    ("log_aggregation", "promtail on every node forwards the container output to loki", "yes"),
    ("log_aggregation", "rsyslog relays everything to the central box", "yes"),
    ("log_aggregation", "we stream the nginx logs to a central cluster", "yes"),
    ("log_aggregation", "each pod pushes its logs to the collector", "yes"),
]

# (question, text, what it may read: None = nothing, "?" = asked)
CONTROLS = [
    ("stream_processing", "users filter the results by date in real time as they type", {None}),
    ("stream_processing", "a janitor job cleans up old partitions continuously", {None}),
    ("stream_processing", "we attach correlation ids to all topics", {None}),
    # (read as stream processing before the class: a transformer is a model, not a transformation)
    ("stream_processing", "the transformer model runs continuously on the gpu box", {None}),
    ("stream_processing", "a streaming job that just dumps the events into s3", {None}),
    ("stream_processing", "the analytics team already runs flink", {"?"}),
    ("stream_processing", "the sensor gateway annotates each reading with the site id before publishing", {None}),
    ("data_lake", "users upload photos to gcs", {None}),
    ("data_lake", "a nightly csv export is copied into s3 by cron", {None, "?"}),
    ("cdc", "sqlite's wal keeps the local cache crash safe", {None}),
    ("cdc", "the redis cache stays in sync with postgres", {None}),
    ("cdc", "the dbas apply database changes by hand", {None}),
    ("log_aggregation", "services write logs to stdout", {None}),
    ("log_aggregation", "the vector embeddings are stored in pgvector", {None}),
]


@pytest.mark.parametrize(("question", "text", "expected"), READ_NOW)
def test_each_class_member_is_read(question: str, text: str, expected: str) -> None:
    assert reading(text, question) == expected


@pytest.mark.parametrize(("question", "text", "allowed"), CONTROLS)
def test_same_words_for_something_else_do_not_flip(question: str, text: str, allowed: set[str | None]) -> None:
    assert reading(text, question) in allowed
