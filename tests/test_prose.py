"""bot.advisor.prose: the clause split that shortening rests on, fast path against the plain loop."""

from __future__ import annotations

import random

import pytest

from bot.advisor import prose
from knowledge import load

SEPARATORS = ("; ", " — ", " – ", ": ", ", ")  # the ones shorten() uses
ALPHABET = [*"ab ;:,—–()[].", *SEPARATORS, "(", ")", "["]


def test_the_split_is_the_character_loop_on_random_text() -> None:
    rng = random.Random(12)
    for _ in range(5000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        for sep in (*SEPARATORS, ";", " ", "a", "ab"):
            assert prose._top_level_split(text, sep) == prose._top_level_split_slow(text, sep), (text, sep)


@pytest.mark.parametrize(
    ("text", "sep", "parts"),
    [
        ("a, b, c", ", ", ["a", "b", "c"]),
        ("a (b, c), d", ", ", ["a (b, c)", "d"]),
        ("a [b; (c; d)]; e", "; ", ["a [b; (c; d)]", "e"]),
        ("a), b, (c", ", ", ["a)", "b", "(c"]),  # a stray closing bracket changes nothing
        ("", ", ", [""]),
    ],
)
def test_brackets_keep_their_clauses_whole(text: str, sep: str, parts: list[str]) -> None:
    assert prose._top_level_split(text, sep) == parts


def test_every_guide_cell_shortens_as_before() -> None:
    kb = load()
    cells = [v for t in kb.tables for r in t.rows for v in r.values.values()]
    assert len(cells) > 100
    for cell in cells:
        for sep in SEPARATORS:
            assert prose._top_level_split(cell, sep) == prose._top_level_split_slow(cell, sep), (cell, sep)
