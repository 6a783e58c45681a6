"""The card's reasons claim only what the guide's row they cite says."""

from __future__ import annotations

from bot.advisor.engine import advise
from bot.render.blocks.card import card_parts
from knowledge import load


def test_a_small_team_reason_citing_the_hybrid_overkill_row_speaks_of_running_one_system() -> None:
    """For CDC into a lake with a small team the guide picks Kafka, and the small-team row it can cite
    is "When hybrid is overkill": running two systems doubles the burden.  That row says nothing of
    Kafka being light to run (the card's caveat says Kafka wants a dedicated team), so the reason must
    not say Kafka "asks least of a small team"."""
    kb = load()
    advice = advise(text="durable CDC from Postgres to S3, 50k events/s, small team")
    assert advice.recommendation == "kafka"
    parts = card_parts(advice, kb)
    small = [r for r in parts.reasons if r.citation.ref == "coexistence/overkill-small-team"]
    assert small, [r.text for r in parts.reasons]
    assert "asks least" not in small[0].text
    assert "one system" in small[0].text
    # the same need citing a row about the system's own weight keeps its general wording
    nats = advise(text="a 2-person team, ephemeral notifications, nothing is stored")
    light = [r for r in card_parts(nats, kb).reasons if r.citation.ref != "coexistence/overkill-small-team"]
    assert any("small team" in r.text for r in light), [r.text for r in light]
