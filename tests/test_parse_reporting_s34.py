""""Reporting" the noun is a use of kept data; "reporting" the verb is a thing sending (issue 8, s34).

"each phone reporting every 4 s" leaned persistence = yes, as if the phones' fixes fed reports: the weak
evidence of kept data (lean-durable-history) read the verb of a device that sends.  The noun still leans.
Sentences written for this test.
"""

import pytest

from bot.advisor.parse import parse


def persistence_lean(text: str) -> str | None:
    return {lean.question: lean.value for lean in parse(text).leans}.get("persistence")


@pytest.mark.parametrize(
    "text",
    [
        "every scooter in the city keeps reporting every 3 seconds, and the dispatcher sees them move on a map",
        "thousands of meters reporting in every minute; ops watches a map of which ones went quiet",
        "a few hundred build agents reporting status to the coordinator, the console draws who is busy right now",
        "the vending machines keep reporting back to the central service whenever stock changes, shown on a live board",
    ],
)
def test_a_thing_reporting_what_it_sees_is_no_evidence_of_kept_data(text: str) -> None:
    assert persistence_lean(text) != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "the order events also feed reporting for the finance people at the end of each month",
        "sales figures go to the reporting side where the managers look at weekly trends",
    ],
)
def test_reporting_as_a_use_of_the_data_still_leans_kept(text: str) -> None:
    # controls: these leaned "yes" before the change and still do
    assert persistence_lean(text) == "yes"
