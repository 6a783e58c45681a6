"""Request-reply and latency tolerance said without their usual names (t40b, issue 8: general mechanisms on
the newest dev cases, precision first).

Read here: an answer that comes back inside the caller's own call or is handed back synchronously (guide § Use
Case Decision Matrix: request-reply); a seconds figure written short ("~1s", "2-3 sec") and a tolerance said by
the parties the messages reach (§ Performance Comparison › Latency Profiles).

Controls: an ack in the same call, results batched into one request, a write done synchronously; a retry's
backoff and a scheduled wait; a system's own tolerance; a report's roll-up and a js bundler; a person in a car,
a car-rental site, a vehicle registry, the message bus; a call's figure that changed into another figure.
(t40b also read roll-ups over events as stream processing and code placed in a vehicle as edge; each added a
wrong settle on the held-out split and no right one, so both were taken out before the merge.)

The sentences are written for this test; none comes from the corpus.
"""

import pytest

from tests.parse_helpers import answer_of

RR, LAT, SP, EDGE = "request_reply", "latency", "stream_processing", "edge"


@pytest.mark.parametrize(
    "text",
    [
        "the reply has to come back within the same http request",
        "partners receive their verdict in the same api call",
        "the service synchronously returns the score to the client",
        "the client gets its quote back on the very same connection, though everything behind it is events",
        "our api gateway must return the pricing result synchronously to the caller",
        "the checker publishes its outcome and the edge service hands the decision back synchronously",
        "responses are returned synchronously to the gateway",
        "each worker replies synchronously to whoever asked",
    ],
)
def test_an_answer_inside_the_callers_call_is_request_reply(text: str) -> None:
    assert answer_of(text, RR) == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "we batch several results in the same request to cut overhead",
        "the producer gets the ack in the same call",
        "we write the results to the db synchronously",
        "we replicate data synchronously across the two datacenters",
        "the broker returns acks synchronously",
        "logs are shipped in the same request as metrics",
    ],
)
def test_acks_batches_and_writes_are_no_answer_awaited(text: str) -> None:
    assert answer_of(text, RR) is None


@pytest.mark.parametrize(
    "text",
    [
        "some feeds are fine with ~1s of delay",
        "consumers can live with 3-5 s of lag",
        "most subscribers are ok with a couple of seconds of lag",
        "some of our tenants are fine with 2-3 secs of delay",
        "a delay of under 2 seconds is what we need end to end",
    ],
)
def test_seconds_of_delay_accepted_are_low_ms(text: str) -> None:
    assert answer_of(text, LAT) == "low-ms"


@pytest.mark.parametrize(
    "text",
    [
        "we retry with a delay of 30 seconds between attempts",
        "failed jobs are retried after a delay of 5 minutes",
        "exponential backoff with a delay of 2 seconds before the next attempt",
        "kafka is fine with 5 seconds of delay in our tests",
    ],
)
def test_a_retry_wait_or_a_systems_tolerance_is_no_budget(text: str) -> None:
    assert answer_of(text, LAT) in {"?", None}


@pytest.mark.parametrize(
    "text",
    [
        "we see 30s of lag on the consumers",
        "since we added the consumers, the 150 ms api request turned into roughly 3 s",
    ],
)
def test_a_delay_seen_or_a_figure_that_changed_is_asked(text: str) -> None:
    assert answer_of(text, LAT) in {"?", None}


@pytest.mark.parametrize(
    "text",
    [
        "the monthly board report shows rolled-up stats",
        "we bundle the frontend with rollup and ship it to a cdn",
        "sleeves rolled up, we migrated the queue ourselves over a weekend",
        "we rolled back the deploy after the outage",
    ],
)
def test_a_reports_roll_up_or_a_bundler_is_not(text: str) -> None:
    assert answer_of(text, SP) is None


@pytest.mark.parametrize(
    "text",
    [
        "the passenger in the car books a ride through our app",
        "in the car rental site we publish booking events to kafka",
        "in the vehicle registry we record ownership changes",
        "on the bus we publish order events for the billing service",
        "on the train i read about nats and wondered if we should use it",
    ],
)
def test_a_person_in_a_car_a_car_business_or_the_bus_is_not(text: str) -> None:
    assert answer_of(text, EDGE) in {"?", None}
