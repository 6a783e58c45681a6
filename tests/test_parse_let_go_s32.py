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


# Items let go by whatever name they go by, after the words that say which ones: "unacked" says which pings are
# dropped, not that any is kept.  Seen: "unacked pings are dropped" settled persistence = yes on "unacked".
WHICH_ONES_ARE_LET_GO = [
    "unacked pings are dropped, nobody needs them after the fact",
    "unacknowledged heartbeats are simply discarded",
    "undelivered cursor positions just get tossed",
]

# A few of them let go, the items named after the count.
A_FEW_LET_GO = [
    "it's fine to drop a couple of frames when the link is slow",
    "the relay may shed a handful of readings under load, no problem",
]

STILL_KEPT = [
    "unacked orders are redelivered after 30 seconds",
    "unacked jobs are retried and never dropped",
    "we cannot lose a few orders, finance reconciles every one",
]


@pytest.mark.parametrize("text", WHICH_ONES_ARE_LET_GO + A_FEW_LET_GO)
def test_items_let_go_by_any_name_read_ephemeral(text: str) -> None:
    assert persistence(text) == "no"


@pytest.mark.parametrize("text", STILL_KEPT)
def test_items_redelivered_or_refused_to_be_lost_read_kept(text: str) -> None:
    assert persistence(text) == "yes"


def test_items_dropped_after_a_retention_period_settle_nothing() -> None:
    assert persistence("we drop the events after 7 days") is None
