"""Three readings of issue 8 written in new words: a round trip said with "back" is request-reply, a
denied arrival does not deny the place it was bound for, and a rate reached on one machine or in a
benchmark is a capacity, not the workload's rate."""

import pytest

from bot.advisor.parse import parse


def read(text):
    return parse(text).as_dict()


def asked(text):
    return {a.question for a in parse(text).ambiguous}


# -- a round trip: sent out, handed back -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the storefront publishes a sku and the stock service hands the count back on the same subject",
        "our bots post the transcript to the summariser over nats and get a two-line summary back",
        "edge nodes push a config hash onto the bus and the registry sends the current bundle id back",
        "the planner drops a route request on a subject and waits for the eta and the distance to come back",
    ],
)
def test_a_round_trip_over_the_messaging_is_request_reply(text):
    assert read(text).get("request_reply") == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "the till sends a lookup to the voucher service, which hands the discount back",
        "workers compute the fare and send it back to whoever asked",
        "the resolver streams the address back to the caller",
    ],
)
def test_a_round_trip_with_no_messaging_named_only_leans(text):
    # the call may be HTTP: request-reply is suggested and still asked
    result = parse(text)
    assert "request_reply" not in result.as_dict()
    assert {a.question: a.value for a in result.leans}.get("request_reply") == "yes"


@pytest.mark.parametrize(
    "text",
    [
        # things that come back after being away, or are put back for a retry: delivery, not an answer
        "the dashboard publishes nothing, it reconnects and gets the missed events back after a restart",
        "a poison message is sent back to the retry topic three times, then parked",
        "we push telemetry, and when the uplink drops the gateway sends the readings back once it returns",
        "we publish price ticks and wait for the subscriber to come back up",
        # people and money
        "finance sends the invoice to the customer and they send a signed copy back",
        "we publish case studies and hope to get the marketing budget back next year",
    ],
)
def test_what_comes_back_after_an_absence_or_from_people_is_no_request_reply(text):
    assert read(text).get("request_reply") != "yes"


# -- a denied arrival ---------------------------------------------------------------------------


def test_a_command_that_never_reaches_a_vehicle_does_not_deny_the_vehicles():
    text = "over the cellular link a stop command sometimes never reaches the vessels"
    assert read(text).get("edge") != "no"
    assert "edge" in asked(text)


def test_having_no_vehicles_still_denies_the_edge():
    assert read("we have no vehicles or shops, everything runs in one region").get("edge") == "no"


def test_messages_that_never_reach_disk_are_still_not_kept():
    assert read("payloads never reach disk, the broker only holds them in ram").get("persistence") == "no"


# -- a rate reached on one machine or in a benchmark -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "someone in the thread quoted 9M msgs/s with nats on a single laptop",
        "kafka hit 3 million msgs/s on one node in the benchmark",
    ],
)
def test_a_rate_reached_on_one_machine_is_a_capacity_and_is_asked(text):
    assert "throughput" not in read(text)
    assert "throughput" in asked(text)


def test_the_workloads_own_rate_still_reads():
    assert read("at peak our clickstream carries about 900k events/s into the cluster").get("throughput") == "high"
