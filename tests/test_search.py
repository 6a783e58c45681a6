"""Looking rows up by topic: aliases, spelling variants, and honest misses."""

from __future__ import annotations

import time

import pytest

from knowledge import load
from knowledge.search import matching_tables, normalise, search, stem, topics


def refs(query: str, limit: int = 8) -> list[str]:
    return [m.ref for m in search(query, limit=limit)]


@pytest.mark.parametrize("query", ["exactly-once", "exactly once", "Exactly-Once", "EOS", "eos"])
def test_exactly_once_spelled_any_way_finds_the_feature_row_first(query: str) -> None:
    assert refs(query)[0] == "features/exactly-once"


def test_an_exact_alias_outscores_word_overlap() -> None:
    matches = search("EOS")
    assert matches[0].exact
    assert {m.ref for m in matches} == {"features/exactly-once", "usecases/eos-stream-processing"}


def test_plurals_and_singulars_meet() -> None:
    assert refs("partition")[:3] == refs("partitions")[:3]
    assert "features/dlq" in refs("dead letter queues")
    assert stem("migrating") == stem("migration") == stem("migrate")


def test_hyphens_slashes_and_case_do_not_matter() -> None:
    assert normalise("Request/Reply") == normalise("request-reply") == "request reply"
    assert refs("Request/Reply")[0] == refs("request reply")[0] == "features/request-reply"


def test_a_simple_typo_still_finds_the_topic() -> None:
    assert refs("latncy")[0].startswith("latency/")


def test_a_topic_inside_a_longer_question_is_found() -> None:
    assert refs("is there a dead letter queue in nats")[0] == "features/dlq"


@pytest.mark.parametrize("query", ["weather", "SOAP", "GraphQL", "", "?", "kafka"])
def test_words_the_guide_does_not_cover_find_nothing(query: str) -> None:
    assert search(query) == []


def test_results_are_ordered_best_first_and_limited() -> None:
    matches = search("latency", limit=3)
    assert len(matches) == 3
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)


def test_a_title_word_names_the_whole_table() -> None:
    assert [t.id for t in matching_tables("latency")] == ["latency"]
    assert [t.id for t in matching_tables("event sourcing")] == ["event-sourcing"]
    assert matching_tables("SOAP") == []


def test_covered_topics_are_short_and_unique() -> None:
    names = topics()
    assert "Feature Comparison" in names
    assert "Change Data Capture (CDC)" in names
    assert "References" not in names
    assert len(names) == len(set(names))
    assert len(names) < 40


@pytest.mark.alone
def test_search_builds_its_index_once_and_is_fast() -> None:
    kb = load()
    search("warm up", kb)
    start = time.perf_counter()
    for _ in range(50):
        search("how does kafka handle ordering", kb)
    assert (time.perf_counter() - start) / 50 < 0.02
