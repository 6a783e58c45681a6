"""Persistence said as an outcome or as delivery semantics (persistence = "yes" without the words
persistence, durable or replay), and its near misses.

Sentences written after the lexicon and grammar changes, as a held-out set (not the probes the
changes were tuned on).  A wrong settled persistence answer is the worst failure of the project,
so the near misses only assert that "yes" is not read.  Guide: Systems Under Comparison › NATS
JetStream (durable streams, acknowledgements, replay); Decision Flowchart, "Yes — messages must be
durable"; the corpus convention that at-least-once delivery, retries and dead-letter queues imply yes.
"""

import pytest

from bot.advisor.parse import parse


def persistence(text):
    return parse(text).as_dict().get("persistence")


@pytest.mark.parametrize(
    "text",
    [
        # work that outlives the one handling it
        "Refund events must outlive a consumer crashing mid-batch.",
        "On restart the billing worker continues from where it stopped, nothing skipped.",
        "Messages stay in the queue until a worker picks them up, even if all workers are down for an hour.",
        # at-least-once delivery: acknowledgements, retries, dead letters
        "Shipment notices are redelivered until the carrier integration acks them.",
        "Payouts go to a dead letter queue after the fifth failed attempt.",
        "Our ADR: producers write to the outbox, and a relay keeps retrying until the broker confirms.",
        "Merchant callbacks get retried for up to 24 hours with backoff.",
        "Incoming bookings must be processed at least once.",
        # a consumer that was away gets what it missed
        "Tablets in the field sync the updates they missed as soon as they are back online.",
        "The search indexer was offline for two days and needs to work through the backlog when it returns.",
        # loss that must not happen
        "the ledger can't lose a single transfer, full stop",
        "Dropping a payment event would be a compliance incident.",
        "Each claim has to be accounted for across restarts.",
        # history read by a newcomer; bursts held while consumers catch up
        "A new recommendations service should be able to bootstrap from the full event history.",
        "During peak sale hours the queue soaks up bursts so checkout never blocks.",
    ],
)
def test_persistence_said_as_an_outcome_is_read(text):
    assert persistence(text) == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Our mobile SDK retries the GET three times and then shows an error.",
        "Typing indicators are not retried; a lost one doesn't matter.",
        "MySQL is backed up hourly so nothing is lost there.",
        "Pulsar stores messages in BookKeeper.",
        "We once needed a dead letter queue, but that service is gone.",
        "Readers who weren't connected simply miss the announcement, that's fine.",
        "Customers can press retry on the payment page.",
        "We keep a git history of all the dashboards.",
        "Order history lives in postgres; the websocket push is best effort.",
        "The node must survive a process crash.",
    ],
)
def test_near_misses_do_not_settle_persistence_yes(text):
    assert persistence(text) != "yes"
