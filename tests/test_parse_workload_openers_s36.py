"""(h69, issue 8 class 7) One description, several workloads: cues that open a further traffic without
dev's wording.  Words that introduce another traffic ("there is also …", "another thing: …", "as for X, …",
"X is different: …"), labels opening two sentences ("Storefront: … Finance: …"), an announced list on
lines of its own or parted by a bare "and", and a system's name used as a kind ("a kafka-style pipeline").
Each cut stands only where the parts state different needs; the controls are one workload each."""

import pytest

from bot.advisor.engine import advise
from tests.parse_helpers import NATS, recommendation_for


def _split(text: str) -> list[str]:
    return [w.recommendation for w in advise(text=text).workloads]


@pytest.mark.parametrize(
    ("text", "realtime", "data"),
    [
        (
            "Our frontend needs request-reply to the pricing service in under a millisecond. There is also a CDC "
            "feed from mysql that has to end up in the lake.",
            "request-reply",
            "CDC feed",
        ),
        (
            "the api gateway talks request/reply to the services, nothing is stored. another thing: we collect "
            "application logs from 3000 containers into a central log store.",
            "request/reply",
            "application logs",
        ),
        (
            "As for the admin dashboards, they get live updates pushed over websockets. As for the billing data, "
            "it is captured via CDC from postgres into the lake.",
            "websockets",
            "billing data",
        ),
        (
            "When it comes to the trading screens, quotes go out over websockets. When it comes to executed "
            "trades, every one is event sourced and replayed into the risk engine.",
            "quotes",
            "executed trades",
        ),
        (
            "On the telemetry side, readings feed flink jobs computing windowed averages. On the control side, "
            "operators send commands and wait for the device's reply.",
            "commands",
            "flink",
        ),
        (
            "we basically have 2 things going on - request/reply between the services (must answer in under 1ms) "
            "and a CDC pipeline from postgres into snowflake",
            "request/reply",
            "CDC pipeline",
        ),
        (
            "Lightweight pub/sub for UI refresh signals, no durability. And a big kafka-style pipeline: 400k "
            "events/s of ad impressions, joined and aggregated in flink.",
            "UI refresh",
            "ad impressions",
        ),
    ],
)
def test_a_further_traffic_opened_is_its_own_workload(text: str, realtime: str, data: str) -> None:
    assert advise(text=text).recommendation == "hybrid"
    assert len(_split(text)) == 2
    assert recommendation_for(text, realtime) in NATS
    assert recommendation_for(text, data) == "kafka"


@pytest.mark.parametrize(
    ("text", "kept", "lossy"),
    [
        (
            "Checkout events go through jetstream and must survive a restart. Price lookups are different: the "
            "cart asks the pricing service and waits for the reply.",
            "Checkout events",
            "Price lookups",
        ),
        (
            "We have two flows:\n- courier gps pings, lossy is fine\n- signed delivery receipts that must be "
            "stored and never lost",
            "delivery receipts",
            "gps pings",
        ),
        (
            "Two sides to this — live auction updates to bidders over websockets where nothing is stored, and the "
            "bid ledger, which is append-only and kept for audits.",
            "bid ledger",
            "auction updates",
        ),
        (
            "Storefront: request/reply from the gateway to the catalogue service, sub-ms. Finance: nightly "
            "settlement over a kafka-like log with 30-day retention and replay.",
            "settlement",
            "catalogue",
        ),
    ],
)
def test_two_workloads_on_nats_each_with_its_own_reading(text: str, kept: str, lossy: str) -> None:
    assert len(_split(text)) == 2
    assert recommendation_for(text, kept) == "nats-jetstream"
    assert recommendation_for(text, lossy) == "nats-core"


@pytest.mark.parametrize(
    "text",
    [
        # an opener that adds a need of the same flow, or a measure after a fronted topic
        "Orders are kept 30 days in the stream. There's also a need to replay them when a consumer is added.",
        "Payments must be persisted and processed exactly once. As for latency, a few hundred ms is fine.",
        # labels that are a form's fields, or options weighed for one traffic
        "Persistence: kept 7 days. Latency: under 10 ms. Throughput: about 5k msgs/s.",
        "Option A: kafka with 7 days of retention. Option B: jetstream with 7 days of retention.",
        # "different from" compares; labels of a problem statement
        "Telemetry from the trucks is kept 30 days. Our setup is different from the usual one: the trucks "
        "buffer offline and upload later.",
        "Context: we run a small saas. Problem: webhooks to customers get lost when their endpoint is down, "
        "and they must be retried until acked.",
        # an announced list whose items state the same needs
        "two things going on - order events kept for 7 days and the payment events kept for 7 days too",
    ],
)
def test_control_one_workload_is_not_split(text: str) -> None:
    assert _split(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a workload marker before a measure of the traffic adds to the workload described
        "Messages must be persisted for 3 days. Also, latency should stay low, ideally under a millisecond.",
        "Device readings are fire and forget. Separately, delivery has to stay under 1 ms end to end.",
    ],
)
def test_a_measure_after_a_marker_opens_no_workload(text: str) -> None:
    assert _split(text) == []


def test_control_a_need_named_after_an_opener_is_not_a_traffic() -> None:
    text = "Chat messages are stored for 90 days. We also have a requirement for sub-ms delivery of those messages."
    assert _split(text) == []


def test_a_need_named_as_such_opens_no_traffic() -> None:
    # main read "there's also a hard constraint: fan-out …" as a traffic of its own
    text = "Audit events are kept for a year. There's also a hard constraint: fan-out under a millisecond."
    assert _split(text) == []


@pytest.mark.parametrize(
    ("text", "realtime", "data"),
    [
        (
            "We push fx quotes to the trading screens over websockets and don't keep them. The settlement feed "
            "goes through flink jobs computing windowed totals.",
            "fx quotes",
            "settlement feed",
        ),
        (
            "We stream camera metadata at 2M msgs/s into spark for windowed aggregation. The gimbal control "
            "channel is request-reply: each move must be answered in under a millisecond.",
            "gimbal",
            "camera metadata",
        ),
    ],
)
def test_we_acting_on_a_traffic_speaks_of_that_traffic(text: str, realtime: str, data: str) -> None:
    assert advise(text=text).recommendation == "hybrid"
    assert recommendation_for(text, realtime) in NATS
    assert recommendation_for(text, data) == "kafka"


@pytest.mark.parametrize(
    "text",
    [
        # a pipeline's next stage: what an earlier step made of the traffic
        "We ingest clickstream events and compute windowed aggregates in flink. We push the results to "
        "dashboards over websockets.",
        # "we" and a verb of need speaks of the whole description
        "We need sub-millisecond delivery. Order events are kept 7 days.",
    ],
)
def test_control_we_and_a_pipeline_stage_or_a_need(text: str) -> None:
    assert _split(text) == []
