"""Held-out probes for throughput figures said of something other than the workload (session h8).

Written after the lexicon's ``rate_of_other`` and ``_rate_of_other`` were tuned, on sentences not used
for tuning: a figure of a store, hardware, another company or team, a past or a projection is asked,
never settled; the workload's own rate keeps settling."""

import pytest

from bot.advisor.engine import advise


def read(text: str) -> dict[str, str]:
    return {q: getattr(a, "value", a) for q, a in advise(text=text).answers.items()}


OWN_RATES = [
    ("Our ingestion tier receives roughly 900k telemetry messages per second from the plants.", "high"),
    ("the bus sees maybe 300 msgs/s on a busy day", "moderate"),
    ("We expect about 2,000 order events per second at launch.", "moderate"),
    ("Current volume is 4M events/s and growing.", "high"),
    ("Design load: 1k msgs/s; we want headroom but nothing exotic.", "moderate"),
    ("- Throughput: ~250 MB/s of compressed click events", "high"),
    ("The trading gateway publishes 1.1 million quotes a second to subscribers.", "high"),
    ("We send about 60 notifications a second through NATS.", "moderate"),
    ("Our estimate is 8k messages/sec at peak, half that on average.", "moderate"),
    ("Daily we move around 3 MB/s of audit records into the stream.", "moderate"),
    ("After go-live the pipeline will carry 700k events per second.", "high"),
    ("Last week we peaked at 650k msgs/s during the sale.", "high"),
    ("The fraud service consumes roughly 400 transactions per second from the topic.", "moderate"),
    ("Load is modest, about 90 messages per second, and the team is two people.", "moderate"),
    ("We stream 120 MB/s of CDC changes from Postgres into Kafka.", "high"),
]

OTHERS_RATES = [
    "Spotify's engineering blog mentions 3M events/s through their pipeline; we only need a job queue.",
    "In 2018 the previous platform processed 1.5M messages a second before it was retired.",
    "The MySQL primary does 40k queries per second; the broker only sees cache invalidations.",
    "Our memcached tier answers 2M gets a second.",
    "Our NICs are 25 Gbit and the network links between zones are 100 Gbps.",
    "Volumes could eventually grow to 1.2M msgs/s if the platform is adopted company-wide.",
    "The forecasted peak for next year is 900k events/s.",
    "The data platform team next door runs 6 GB/s through their own Kafka.",
    "I used to run NATS at 2M msgs/s at a former employer.",
    "The node crashed at 700k msgs/s during the soak, reporter says.",
]


@pytest.mark.parametrize("text,value", OWN_RATES)
def test_the_workloads_own_rate_settles(text, value):
    assert read(text).get("throughput") == value


@pytest.mark.parametrize("text", OTHERS_RATES)
def test_a_rate_of_something_else_settles_nothing(text):
    assert read(text).get("throughput") not in ("high", "moderate")
