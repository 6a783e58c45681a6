"""Vocabulary is data (issue 8): the words the team-size and latency readers look for come from the
lexicon (``team_others``, ``latency_of_other``), so a copy of the knowledge with a word added or taken
away reads a sentence differently, and the parser's grammar is unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from bot.advisor.parse import parse
from knowledge import Knowledge, load


def with_lexicon(tag: str, **changes: Any) -> Knowledge:
    """The packaged knowledge with its lexicon changed, under a version of its own (the parser compiles
    the lexicon once per version)."""
    kb = load()
    return kb.model_copy(update={"version": f"{kb.version}+{tag}", "lexicon": kb.lexicon.model_copy(update=changes)})


def with_team_others(tag: str, field: str, words: list[str]) -> Knowledge:
    others = load().lexicon.team_others
    return with_lexicon(tag, team_others=others.model_copy(update={field: words}))


def reading(text: str, kb: Knowledge) -> tuple[dict[str, str], set[str]]:
    result = parse(text, kb=kb)
    return result.as_dict(), {a.question for a in result.ambiguous}


@pytest.mark.parametrize(
    ("field", "word", "text"),
    [
        ("roles", "geologists", "we are a team of 3 geologists"),
        ("teams", "geology", "the geology team (3 people) will run it"),
        ("parties_before", "franchisee", "the franchisee's team is 3 engineers"),
        ("parties_after", "franchisees?", "3 engineers from the franchisee run it"),
    ],
)
def test_a_group_of_people_added_to_the_lexicon_no_longer_counts_as_the_team_that_runs_it(field, word, text):
    packaged = load()
    assert reading(text, packaged) == ({"ops": "small"}, set())
    added = with_team_others(f"added-{field}", field, [*getattr(packaged.lexicon.team_others, field), word])
    answers, asked = reading(text, added)
    assert "ops" not in answers and "ops" in asked


def test_a_role_taken_out_of_the_lexicon_counts_as_the_team_again():
    text = "we are a team of 3 statisticians"
    packaged = load()
    assert "ops" not in reading(text, packaged)[0]
    roles = [r for r in packaged.lexicon.team_others.roles if r != "statisticians"]
    assert reading(text, with_team_others("no-statisticians", "roles", roles))[0] == {"ops": "small"}


def test_a_latency_subject_added_to_the_lexicon_is_asked_about():
    text = "the mainframe responds within 2 ms"
    packaged = load()
    assert reading(text, packaged) == ({"latency": "low-ms"}, set())
    added = with_lexicon("mainframe", latency_of_other=[*packaged.lexicon.latency_of_other, "mainframes?"])
    answers, asked = reading(text, added)
    assert "latency" not in answers and "latency" in asked


def test_a_character_class_in_a_lexicon_term_keeps_its_range():
    """A term's hyphen between words matches a space or a hyphen ("real-time" reads "real time"), but a
    hyphen inside a character class is the class's range: "[a-z]" must not become "a", a gap and "z"."""
    import re

    from bot.advisor.parse import term_regex

    ranged = re.compile(term_regex("team [a-z]+ runs it"), re.IGNORECASE)
    assert ranged.fullmatch("team alpha runs it")
    assert ranged.fullmatch("team bravo runs it")
    hyphenated = re.compile(term_regex("real-time feed"), re.IGNORECASE)
    assert hyphenated.fullmatch("real time feed")
    assert hyphenated.fullmatch("real-time feed")
