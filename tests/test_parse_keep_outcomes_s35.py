"""Keeping messages stated as an outcome, not by its keyword (issue 8, h68).

Read as persistence "yes": a consumer that crashes and must finish the rest of its work; a party that wants
every message for a period; work that piled up while a consumer was away, handled when it is back; new
consumers that read the history; a span of past events fed through a new model; a backlog that "just grows";
what was sent while a service was being redeployed; a device that wakes up or boots and gets what was held
for it; a queue that spares the workers a burst (Guide § Decision Flowchart: "Need message persistence?").

Controls that must not settle "yes": a system of the past that kept everything ("the old queue kept …"), a
choice only talked over ("we considered keeping …"), and the usual stores, questions and other parties.  A
projection that can be thrown away and rebuilt from the topic is no loss: the rebuild reads as kept.

The sentences are written for this test; none comes from the corpus.
"""

import pytest

from tests.parse_helpers import answer_of


def persistence(text: str) -> str | None:
    return answer_of(text, "persistence")


KEPT = [
    # a consumer that crashes and must finish the rest of its work
    "if the exporter crashes halfway through a file of events it has to pick up the rest",
    "a worker that gets oom-killed mid-run must then finish the unprocessed jobs",
    # a party that wants every message for a period
    "legal needs every payment event for twelve years",
    "the regulator requires all trades kept for eight years",
    # work that piled up while a consumer was away, handled when it is back
    "the mailer must chew through whatever piled up during its outage",
    "after maintenance the reconciler has to process everything that accumulated",
    # new consumers read the history
    "future microservices should be able to load the older events to build their state",
    "we keep the stream so newly added services can read the history",
    # a span of past events fed through something new
    "we'll pipe the past six weeks of clickstream through the updated scoring model",
    "each month we rerun the previous quarter of transactions with the new rules",
    "the plan is to stream last year's payments through the patched fraud model",
    # a backlog that grows, historical events read
    "when the indexer is slow the backlog simply grows and is worked off at night",
    "the billing projection starts by reading all the historical events",
    "analysts retrain on the complete event history",
    # what was sent while a service was being redeployed or was away
    "shipping must receive every parcel scan, even those emitted while it was being upgraded",
    "sensors that sleep most of the day get their firmware commands when they wake up",
    "set-top boxes should get their pending messages once they are powered back on",
    "commands for handhelds that are switched off have to be held until they reconnect",
    # a queue that spares the workers a burst, a burst soaked up
    "we put a broker between the api and the renderers so spikes don't overwhelm them",
    "the queue absorbs the lunchtime surge and the pickers drain it slowly",
]


@pytest.mark.parametrize("text", KEPT)
def test_keeping_stated_as_an_outcome_settles_yes(text: str) -> None:
    assert persistence(text) == "yes"


# Controls: not the team's need now, a store's own keeping, a question, a choice talked over.  Those marked
# "new" read "yes" on main; the others already read right and must stay so.
NOT_KEPT = [
    # new: a system of the past
    "the old broker kept every event for two weeks",
    "our legacy queue persisted all orders to disk",
    # new: a choice talked over
    "we debated keeping the full history but it costs too much",
    # already right
    "the previous platform stored every message for a year",
    "postgres is the system of record for the orders",
    "application logs stay in loki for two weeks",
    "do we actually need to replay anything?",
    "if we ever wanted replay we could bolt it on later",
    "the frontend retries the failed http request three times",
    "the mobile app caches the last 20 chats on the device",
    "another group's payment system needs guaranteed delivery",
    "clickhouse holds the analytics events for three years",
]


@pytest.mark.parametrize("text", NOT_KEPT)
def test_not_the_teams_need_does_not_settle_yes(text: str) -> None:
    assert persistence(text) != "yes"


def test_a_derived_view_thrown_away_is_not_a_loss() -> None:
    """The projection can be thrown away because the topic keeps what rebuilds it: yes, not asked."""
    assert persistence("the read model can be thrown away and rebuilt from the topic whenever we like") == "yes"
