"""Held-out probes for stream processing, connectors and CDC (issue 8, precision first).

Written after the lexicon was generalised, never tuned on: computation over the stream itself
(windowed counts, sessions, running positions, enrichment in flight, top-N over the last minute,
change capture) is read without a product's name, and the same words used for something else
(a job queue, a nightly roll-up, a change window, a protocol's sliding window, a tool admired in a
demo, a driver, a DBA's change) settle nothing.  Guide: Decision Flowchart Q5 and Q7, Use Case
Decision Matrix (stream processing, CDC).
"""

import pytest

from bot.advisor.parse import parse


def read(text):
    return parse(text).as_dict()


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "design doc: the pricing service joins the quotes feed against the inventory stream and "
            "publishes a merged view",
            "stream_processing",
        ),
        (
            "need a sliding 15-minute count of failed payments per merchant to trip a circuit breaker",
            "stream_processing",
        ),
        ("clickstream is cut into visits with a 30-min idle timeout before it hits the warehouse", "stream_processing"),
        ("Our matching engine keeps a running position per trader, updated with every fill.", "stream_processing"),
        ("the telemetry pipeline rolls raw samples up into 10s averages per machine on the fly", "stream_processing"),
        ("flag a card when its number of declines in the past 5 minutes exceeds 3", "stream_processing"),
        ("We want a live view of seats remaining per flight, derived from the booking stream.", "stream_processing"),
        (
            "ADR: enrichment of each shipment event with the carrier's SLA happens in flight, before consumers see it",
            "stream_processing",
        ),
        (
            "every payment event is checked against the customer's average of the previous 50 payments",
            "stream_processing",
        ),
        (
            "Issue: dedup by message id over a 2-minute window lets duplicates through after restarts",
            "stream_processing",
        ),
        ("we need the five most-played tracks in the past minute, updated continuously", "stream_processing"),
        ("cdc: capture inserts and updates from the billing postgres and put them on the bus", "cdc"),
        ("we'd like a drop-in sink to push the topic into opensearch without writing a consumer", "connectors"),
        ("dynamodb streams of the orders table drive the notification service", "cdc"),
    ],
)
def test_the_concept_described_is_read(text, question):
    assert read(text).get(question) == "yes"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("The billing worker pulls invoices off the queue and processes them one at a time.", "stream_processing"),
        ("Once a night we roll up the day's events into a summary table in redshift.", "stream_processing"),
        ("The new hires will join the on-call rotation in two weeks.", "stream_processing"),
        ("We have a 4-hour change window every Tuesday.", "stream_processing"),
        ("ksqlDB looks neat in the demo but we have no use for it.", "stream_processing"),
        ("Our Go service consumes each order and inserts it into MySQL.", "stream_processing"),
        ("Our Go service consumes each order and inserts it into MySQL.", "connectors"),
        ("Twitch-style live video streaming to viewers", "stream_processing"),
        ("the app connects to sql server through jdbc", "connectors"),
        ("DBAs apply database changes by hand on Fridays", "cdc"),
        ("a TCP sliding window controls how much data is in flight", "stream_processing"),
        ("user sessions expire after 30 minutes of inactivity", "stream_processing"),
    ],
)
def test_the_same_words_for_something_else_settle_nothing(text, question):
    assert read(text).get(question) != "yes"


def test_a_change_stream_described_does_not_imply_ready_made_connectors():
    # only CDC or Debezium named imply Kafka Connect; a team reads a change stream with its own code as often
    answers = read("dynamodb streams of the orders table drive the notification service")
    assert answers.get("cdc") == "yes"
    assert "connectors" not in answers
