"""A description that never touches persistence leans to "ephemeral" (issue 8, the lexicon's `silences`).

Most descriptions whose guide answer is NATS Core say nothing about keeping messages at all; the
ranking's tie-break then gave NATS JetStream.  Silence is weak evidence: it leans, is said as a
suggestion with where it came from, and the question is still asked.
"""

from __future__ import annotations

import pytest

from bot.advisor.engine import advise
from bot.advisor.parse import parse
from bot.render.blocks.card import card_parts
from knowledge import load as load_knowledge

SILENT = [
    "the mobile backend pushes a badge count to whichever phones are online right now, a few hundred users",
    "our twelve go services call each other through a shared bus instead of hardcoded urls",
    # (s34) "each agent pings every 5 seconds" is now read from its words (lean-live-moment, in
    # tests/test_parse_live_leans_s34.py); the same console said without a ping is silent
    "the ops console lists which build agents are up right now and greys out the ones that went away",
]


def _suggestion(advice):
    return next((r.text for r in advice.reasons if "suggests" in r.text), "")


@pytest.mark.parametrize("text", SILENT)
def test_a_description_silent_on_keeping_messages_leans_to_nats_core_and_still_asks(text):
    advice = advise(text=text)
    assert advice.recommendation == "nats-core"
    assert "persistence" not in advice.answers  # a suggestion, never an answer
    assert "persistence" in advice.missing
    assert "nothing in it speaks of keeping or losing messages" in _suggestion(advice).lower()
    # The card a team sees keeps the suggestion whole, not "The description suggests, without stating it."
    card = [r.text for r in card_parts(advice, load_knowledge()).reasons]
    suggested = [line for line in card if line.startswith("The description suggests, without stating it: ")]
    assert suggested and all("”." in line for line in suggested), card  # a whole suggestion, named
    # Asked, and answered "yes", the answer replaces the suggestion.
    answered = advise({"persistence": "yes"}, text=text)
    assert answered.recommendation != "nats-core"
    assert "nothing in it speaks" not in _suggestion(answered).lower()


@pytest.mark.parametrize(
    "text",
    [
        # a word of keeping, losing, queued work or a data pipeline: not silent
        "the mobile backend pushes a badge count to phones, and a badge that never arrives is a support ticket",
        "our twelve go services hand each other jobs through a shared bus instead of hardcoded urls",
        "build agents report their results to the ops console which shows the history per agent",
        "the click events from the storefront go into snowflake for the analysts every few seconds",
        # a system built on a retained log, named: the text speaks of a log
        "the kiosks in every branch report what is on their screens to our pulsar cluster every few seconds",
        # a need whose messages are kept by nature is read, though no word of keeping is there
        "we stream around 3 million events per second between our services at peak hours",
    ],
)
def test_a_description_that_touches_keeping_in_any_way_gets_no_silence_lean(text):
    leans = parse(text).leans
    assert not any(p.question == "persistence" and p.span == (0, 0) for p in leans)
    assert "nothing in it speaks" not in _suggestion(advise(text=text)).lower()


def test_a_line_or_two_is_too_short_for_its_silence_to_mean_anything():
    short = "each van reports its location every 30 seconds"
    assert not any(p.span == (0, 0) for p in parse(short).leans)
    assert advise(text="need a message bus please").recommendation == advise({}).recommendation


def test_what_the_description_states_is_never_overruled_by_its_silence():
    stated = "we want the orders kept until every consumer has confirmed them, three services in all"
    assert advise(text=stated).answers.get("persistence") == "yes"
    assert "nothing in it speaks" not in _suggestion(advise(text=stated)).lower()


def test_a_description_in_another_language_is_not_silent_only_unread():
    # The lexicon reads English: a German description of durable orders reads nothing, and its "silence"
    # on keeping messages is no evidence of anything.
    german = (
        "Wir brauchen ein Nachrichtensystem zwischen unseren zwölf Diensten, alle Bestellungen müssen "
        "dauerhaft gespeichert werden und dürfen nie verloren gehen"
    )
    assert not parse(german).leans
    assert "nothing in it speaks" not in _suggestion(advise(text=german)).lower()
