"""Vocabulary is data (issue 8): the words the latency reader looks for come from the lexicon
(``latency_of_other``), so a copy of the knowledge with a word added or taken away reads a sentence
differently, and the parser's grammar is unchanged."""

from __future__ import annotations

from typing import Any

from bot.advisor.parse import parse
from knowledge import Knowledge, load


def with_lexicon(tag: str, **changes: Any) -> Knowledge:
    """The packaged knowledge with its lexicon changed, under a version of its own (the parser compiles
    the lexicon once per version)."""
    kb = load()
    return kb.model_copy(update={"version": f"{kb.version}+{tag}", "lexicon": kb.lexicon.model_copy(update=changes)})


def reading(text: str, kb: Knowledge) -> tuple[dict[str, str], set[str]]:
    result = parse(text, kb=kb)
    return result.as_dict(), {a.question for a in result.ambiguous}


def test_a_latency_subject_added_to_the_lexicon_is_asked_about():
    text = "the mainframe responds within 2 ms"
    packaged = load()
    assert reading(text, packaged) == ({"latency": "low-ms"}, set())
    added = with_lexicon("mainframe", latency_of_other=[*packaged.lexicon.latency_of_other, "mainframes?"])
    answers, asked = reading(text, added)
    assert "latency" not in answers and "latency" in asked
