"""Two denials that are no refusal of the need (issue 8, s34; one negation mechanism, precision first).

- A capability lacked today ("we don't have durability today and we need it") settled persistence = no: the
  lack is read as a state of things (`state_before`, `state_markers`), but any need word in the clause made
  it a denial of the need, even the "we need it" after it.  Now only a need word before the phrase, or a
  need denied after it ("… and we don't need it"), denies.  "we can't have gaps" forbids (still yes),
  "we don't have any need for replay" still denies, and facts of the setting still deny.
- A "without" that opens its sentence sets a condition ("without persistence the whole thing falls apart",
  "Without replay, a bad deploy means lost orders"): it settled no.  Asked now; "we run without persistence"
  and "fire and forget, without any persistence" still deny.

Sentences written for this test.
"""

import pytest

from tests.parse_helpers import read


@pytest.mark.parametrize(
    "text",
    [
        "we don't have durability today and we need it",
        "we don't have replay right now and we really need it",
        "we do not have persistence yet and we need it for the billing events",
        "the team does not have durable storage for events and wants it",
    ],
)
def test_a_capability_lacked_today_is_asked(text: str) -> None:
    answers, asked = read(text)
    assert answers.get("persistence") != "no"
    assert "persistence" in asked or answers.get("persistence") == "yes"


@pytest.mark.parametrize(
    ("text", "question", "value"),
    [
        # controls: a prohibition, a denied need, facts of the setting
        ("we can't have gaps in the feed", "persistence", "yes"),
        ("we don't have any need for replay", "persistence", "no"),
        ("we don't have a platform team, it's two of us", "ops", "small"),
        ("we don't have durability today and we don't need it", "persistence", "no"),
    ],
)
def test_prohibitions_denied_needs_and_facts_keep_their_reading(text: str, question: str, value: str) -> None:
    assert read(text)[0].get(question) == value


@pytest.mark.parametrize(
    "text",
    [
        "without persistence the whole thing falls apart",
        "Without replay, a bad deploy means lost orders.",
        "checkout events go through the bus. without durability we refund people by hand",
    ],
)
def test_a_without_that_opens_the_sentence_is_a_condition(text: str) -> None:
    answers, asked = read(text)
    assert answers.get("persistence") != "no"
    assert "persistence" in asked or answers.get("persistence") == "yes"


@pytest.mark.parametrize(
    "text",
    [
        # controls: "without" after its verb still denies
        "we run the price feed without persistence, the next tick replaces the last",
        "it's all fire and forget, without any persistence",
        # a manner, no condition (session 19's probe)
        "without having to maintain any glue for the warehouse",
    ],
)
def test_a_without_after_its_verb_still_denies(text: str) -> None:
    answers = read(text)[0]
    assert answers.get("persistence") == "no" or answers.get("connectors") == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "replay has never come up in any of our planning meetings",
        "durability has never been a topic for the lobby chat",
        "replay never came up in the design review",
    ],
)
def test_a_topic_that_never_came_up_is_asked(text: str) -> None:
    # the phrase as the subject of a denied "been" or "come up" the lexicon cannot read: it settled yes
    answers, asked = read(text)
    assert answers.get("persistence") != "yes"
    assert "persistence" in asked


def test_a_need_said_never_to_be_optional_still_settles() -> None:
    # control
    assert read("persistence has never been optional here")[0].get("persistence") == "yes"
