"""Persistence said as an outcome or in general words (issue 8, s39).

Read as "yes": what is sent must reach whoever it is for even while that handler hiccups, crashes or is
mid-deploy; every one of them must end up somewhere (the pronoun's antecedent named earlier in the sentence);
the message waits until a worker deletes, acks or finishes it; a burst absorbed on disk; a backlog drained at
the reader's own pace; a box that holds what it has until the upload goes through; the work of a worker that
died handed to another; what was sent turns up once its receiver is back; a dead-letter place by any name; a
loss said by its concrete cost (Guide § Decision Flowchart: "Need message persistence?").

Read as "no": one value of a past turn of a live feed is useless; a past state ("who was typing yesterday")
nobody cares about; a lost beat "means nothing"; "no point keeping it"; thrown away once it is drawn.

Controls that must not settle: availability ("the page must still load even if X is down"), a client that
retries until the upload goes through, a load balancer moving requests, people or plans that "end up"
somewhere, a file read "at whatever speed", a caller that waits for a worker, a past release that is useless,
what the old system dropped ("drops whatever an offline user missed"), "the next reading replaces it … later".

The sentences are written for this test; none comes from the corpus.
"""

import pytest

from tests.parse_helpers import answer_of


def persistence(text: str) -> str | None:
    return answer_of(text, "persistence")


KEPT = [
    # delivered even while the one that handles it is away
    "subscribers must still get their receipts even if the notifier crashes or is mid-rollout",
    "a customer has to get every alert even when the pager service hiccups",
    # every one of them ends up where it is due
    "each parcel scan has to end up in the tracking service, however flaky the consumers are",
    "every one of the meter pings has to end up on an invoice",
    "the pings come from 20k meters and every one of them has to end up on someone's invoice",
    "the reports come in from 300 clinics and every one of them has to arrive, even on a bad day",
    # waits until a worker is done with it
    "the job sits there until a worker acknowledges it",
    "a task stays put until some worker finishes it",
    "the payload stays in the queue until a consumer removes it",
    "a render job remains there until one of the workers completes it",
    # a burst absorbed on disk, drained at the reader's pace
    "we need spikes soaked up on disk so the indexers can work them off",
    "we want traffic surges absorbed on disk",
    "we want those login storms soaked up on disk and chewed through later by the auditors",
    "the ingest tier drains the queue at whatever rate it can manage",
    "clickstream lands in a buffer first and the loaders drain it at a steady pace",
    "the enrichment service drains the topic at a controlled rate",
    "the analytics side consumes the stream at whatever speed it can",
    # held until the transfer goes through
    "the field unit keeps the samples until the transfer succeeds",
    "the gateway holds the batch until the upload goes through",
    "the vessel's logger caches the telemetry till the satellite transfer completes",
    # a dead worker's work goes to another
    "if a consumer crashes halfway, its messages get handed to another consumer",
    "when a worker dies mid-job, the unfinished tasks go to a different worker",
    "should a processor get oom-killed, its pending batches are reassigned to another processor",
    # turns up once the receiver is back
    "alerts for a driver are queued and turn up once the cab reconnects",
    "the commands arrive once the truck comes back online",
    # a dead-letter place, a loss by its cost
    "every consumer needs its own retries and a dead-letter spot",
    "a dropped or doubled reading means a wasted or missed truck roll",
]

NOT_KEPT = [
    "a cursor location from the previous tick is useless",
    "the previous cursor location is useless to everyone",
    "a gps fix from the prior poll is worthless to the dispatcher",
    "a previous score update is useless once the match moves on",
    "nobody cares who was online last week",
    "a missed ping means nothing, another comes two seconds later",
    "a lost heartbeat means nothing",
    "a lost ping means absolutely nothing to us",
    "an alert nobody sees within the minute is stale, no point keeping it",
    "the scoreboard gets a new value every second, no sense in keeping it",
    "if a sample goes missing the next sample replaces it shortly after",
    "if one goes missing the next reading replaces it a few seconds later",
    "once it's drawn on screen it's thrown away",
]

CONTROLS = [
    "the website must still load even if the recommendation service is down",
    "the checkout page must keep working even when the recommendation engine crashes",
    "our api serves requests and the homepage must still render quickly even if the search cluster is down",
    "keep retrying until the upload goes through",
    "just keep polling until the transfer succeeds",
    "if a pod dies its requests go to another pod behind the load balancer",
    "if an instance dies its http requests go to another instance",
    "every team has to end up on the same kafka version",
    "every customer has to end up on the new pricing plan",
    "every one of our engineers has to end up on the on-call rota",
    "the dashboard refreshes at whatever pace the browser can handle",
    "the batch job reads the csv at whatever speed it can",
    "we process orders at a steady pace of 200 a second",
    "the client waits until a worker finishes the render",
    "the user waits until a consumer finishes the export",
    "a page from the previous release is useless",
    "the previous release is useless to us now",
    "yesterday's deploy log is useless",
    "nobody cares what was in the changelog last week",
    "the new reading room opens later this year",
    "once it's processed it's deleted",
    "the reply arrives once the service comes back",
]


@pytest.mark.parametrize("text", KEPT)
def test_kept_as_an_outcome_reads_yes(text):
    assert persistence(text) == "yes"


@pytest.mark.parametrize("text", NOT_KEPT)
def test_not_kept_in_general_words_reads_no(text):
    assert persistence(text) == "no"


@pytest.mark.parametrize("text", CONTROLS)
def test_controls_settle_nothing(text):
    assert persistence(text) in (None, "?")


def test_what_the_old_system_dropped_is_not_the_need():
    # the old bus "drops whatever a briefly offline user missed": said of what it does, not the design
    text = (
        "our push layer used to sit on plain redis pub/sub, which drops whatever a briefly offline user missed. "
        "we are adding a stream so events for that user are kept and show up when their app reconnects"
    )
    assert persistence(text) == "yes"
    assert persistence("the old broker drops whatever a briefly disconnected client missed") != "no"


def test_a_past_place_shrugged_off_is_never_kept():
    # read as a length denied, it is asked; never "yes"
    assert persistence("honestly nobody cares where a courier was an hour ago") in ("no", "?")
