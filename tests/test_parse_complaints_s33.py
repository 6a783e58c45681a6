"""Delivery without keeping, named as what hurt or falls short, is no answer "no" (issue 8, s33; precision first).

"ephemeral pub/sub won't cut it for this" and "fire and forget is exactly what bit us last year" settled
persistence = no: the phrase was read, the complaint after it was not.  Now asked.  Sentences written for
this test.
"""

import pytest

from bot.advisor.parse import parse


def read(text: str) -> tuple[str | None, set[str]]:
    result = parse(text)
    return result.as_dict().get("persistence"), {a.question for a in result.ambiguous if a.question}


@pytest.mark.parametrize(
    "text",
    [
        "ephemeral pub/sub won't cut it for this",
        "fire and forget is exactly what bit us last year",
        "plain at-most-once delivery falls short for the ledger",
        "best-effort fan-out is not good enough for invoices",
    ],
)
def test_giving_messages_up_named_as_the_problem_is_asked(text: str) -> None:
    value, asked = read(text)
    assert value != "no"
    assert value == "yes" or "persistence" in asked


@pytest.mark.parametrize(
    "text",
    [
        "fire and forget is fine for the cursor feed",
        "at-most-once is enough for the live map",
        "ephemeral is ok, nobody replays presence",
    ],
)
def test_giving_messages_up_accepted_is_still_no(text: str) -> None:
    assert read(text)[0] == "no"


@pytest.mark.parametrize(
    "text",
    [
        "dropping a payment is a fireable offence here",
        "if a message disappears we get paged",
        "losing an event means a customer doesn't get charged",
        "a lost order means the customer never gets their parcel",
    ],
)
def test_a_loss_named_by_what_it_costs_somebody_wants_messages_kept(text: str) -> None:
    assert read(text)[0] == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "dropped frames mean users don't see a blip, no one cares",
        "if a reading gets lost, meh",
    ],
)
def test_a_loss_nobody_minds_is_still_no(text: str) -> None:
    assert read(text)[0] == "no"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a wish that none is lost (found by h56: it settled "no")
        ("we'd rather not lose any orders", "yes"),
        ("they'd rather never lose a payment", "yes"),
        # a wish that they are let go
        ("we'd rather the stale quotes just be thrown away", "no"),
        ("we'd rather lose a reading than show a duplicate", "no"),
    ],
)
def test_rather_not_losing_is_told_from_rather_losing(text: str, value: str) -> None:
    assert read(text)[0] == value


@pytest.mark.parametrize(
    "text",
    [
        "latency spikes are ok, data loss is not",
        "a delay is ok, a lost order isn't.",
        "retries are fine; a dropped payment is not",
    ],
)
def test_a_loss_set_against_what_is_accepted_wants_messages_kept(text: str) -> None:
    assert read(text)[0] == "yes"
