"""An amount called big in any of the usual size words leans to high throughput and is asked (issue 8, s32).

The size words are one word class of the lexicon (`big_size`), used by every entry that says "a lot" without a
figure.  Before, each entry spelled its own list: "large volumes" leaned high but "big volumes" did not, and "huge
amounts of data" did but "vast amounts of data" did not.  The sentences are written for this test, in words the
corpus does not use; the controls name something big that is not an amount of traffic.
"""

import pytest

from bot.advisor.parse import parse

BIG_AMOUNTS = [
    "the plants push vast amounts of data to us every shift",
    "during the holiday sale the load is really huge",
    "billing ingestion sees immense volumes at the end of each month",
    "big volumes of clicks come in from the ad network",
    "the traffic is extremely large when the match starts",
    "we expect tremendous throughput once the partners are onboarded",
]

NOT_AN_AMOUNT = [
    "a big customer asked for an on-prem install of the order service",
    "we are a large company but this service only serves the finance team",
    "the logs are huge so we ship them to s3 instead of the bus",
    "huge fan of nats, it was easy to run on our laptops",
    "losing a reading is not a big deal, the next one comes a second later",
]


@pytest.mark.parametrize("text", BIG_AMOUNTS)
def test_a_big_amount_without_a_figure_leans_high_and_is_asked(text: str) -> None:
    result = parse(text)
    assert "throughput" not in result.as_dict()  # no figure: never settled
    assert ("throughput", "high") in {(lean.question, lean.value) for lean in result.leans}
    assert "throughput" in {a.question for a in result.ambiguous}


@pytest.mark.parametrize("text", NOT_AN_AMOUNT)
def test_something_big_that_is_no_amount_of_traffic_says_nothing_of_throughput(text: str) -> None:
    result = parse(text)
    assert "throughput" not in result.as_dict()
    assert "throughput" not in {lean.question for lean in result.leans}
