"""Letting a message go is one idea, whatever the verb (issue 8, s32).

Every entry that says losing a message is acceptable reads the lexicon's `let_go` class: drop, lose, miss, skip,
shed, discard, toss, ditch, bin, throw away, forget, in any form.  Before, each entry spelled its own short
list, so "fine to skip a few" was read and "fine to shed a few" was not.  The sentences are written for this
test; the controls keep what must not flip.
"""

import pytest

from bot.advisor.parse import parse


def persistence(text: str) -> str | None:
    return parse(text).as_dict().get("persistence")


LET_GO_IS_FINE = [
    "the gateway may shed some under load, that's acceptable for these gauges",
    "tossing the odd sample now and then is fine for the wallboard",
    "we'd rather bin stale positions than buffer them",
    "occasional readings can be down-sampled or tossed",
    "unacked notifications get binned, nobody needs them after the fact",
]

# A control for each kind: keeping stated, or letting go refused.
KEPT = [
    "we can't ditch a single payment event, every one is replayed by the ledger",
    "discarding a trade is never acceptable, the regulator audits all of them",
]


@pytest.mark.parametrize("text", LET_GO_IS_FINE)
def test_letting_go_in_any_verb_reads_ephemeral(text: str) -> None:
    assert persistence(text) == "no"


@pytest.mark.parametrize("text", KEPT)
def test_letting_go_refused_never_reads_ephemeral(text: str) -> None:
    assert persistence(text) != "no"
