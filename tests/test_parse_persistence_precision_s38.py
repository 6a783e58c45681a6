"""Persistence settled from words that are not about the messaging system keeping messages (issue 8, session 38,
h81: precision of the ``persistence`` question; a wrong settle is worse than asking).

Three classes of words settled persistence = yes on the base although they say nothing of what the new workload
needs the messaging system to keep:

- another store as the subject of the clause, or as where a backfill reads from: a database, a read replica, a
  search index, a warehouse, object storage keep and catch up on their own data ("s3 holds the raw uploads
  durably", "the replica lags and catches up after a few minutes", "we backfill the warehouse from a pg_dump").
  Guide § Architecture Comparison (Persistence model, Message retention: the broker's own log) — what a database
  keeps is its storage, not messages the messaging system keeps;
- what a report or the books must account for ("every event must be accounted for in the monthly report"): checked
  where the report is drawn up, at most weak evidence (a lean), never a settle;
- how the CURRENT system keeps messages ("right now msgs sit in rabbit until the consumer wakes up and it's a mess",
  "today kafka keeps 7 days and nobody reads it"): what runs today is not automatically the new workload's need
  (Guide § Migration Considerations weighs the team's needs, not the old system's settings; § Decision Flowchart
  Q1 "Need message persistence?" asks about the workload).  Asked, unless the text goes on to want it kept ("we
  need the old behaviour back").

The controls hold on both: the same words said of the messaging system, or as a need of the workload, still settle
what they settled, and denials of another store's keeping beside a need of the queue do not settle "no".
The sentences were written for this test in Slack style; none comes from the eval corpus.
"""

import pytest

from tests.parse_helpers import read

# Another store's own keeping: not settled yes (the base settled yes on each).
ANOTHER_STORE = [
    "we backfill the warehouse from a pg_dump every night, the stream is only for live ops alerts to on-call",
    "analysts backfill the lake from the nightly export, not our concern. this is about rpc between services",
    "the replica lags sometimes and catches up after a few minutes; we want a push channel to tell clients when "
    "their data is fresh",
    "the read replica lags and catches up after a few min, we just want the ui nudged when it's done. ~50 events/s",
    "s3 holds the raw uploads durably. we need a quick ping to the thumbnail service when a file lands, a poller "
    "sweeps up anything missed",
    "postgres keeps every order durably, the messaging is only a doorbell for the fulfilment svc",
    "the db stores everything durably and the bus is just for cache invalidation",
    # the store's own place named after it
    "the audit table in postgres stores every change durably. the bus is for live collaboration cursors",
]

# What a report or the books must account for: not settled yes (the base settled yes on each).
REPORTS = [
    "every event must be accounted for in the monthly report, finance pulls it from the billing db. the bus just "
    "carries cache-invalidation pings between services",
    "every order has to be accounted for in the monthly billing report, which finance builds from postgres. the "
    "stream is live order-status pushes to the app",
    "all payments must be accounted for in the ledger at month end (the ledger is the bank's db). we're picking a "
    "bus for the live fraud alerts widget",
]

# How today's (or the old) system keeps messages: asked, not settled yes (the base settled yes on each).
TODAYS_SYSTEM = [
    "right now msgs sit in rabbit until the consumer wakes up and it's a mess. new thing: live cursor positions for "
    "the collaborative editor, ~5k/s",
    "today kafka keeps 7 days and nobody reads it. we're looking at what to use for the new presence service "
    "(who's online), 2ms budget",
    "currently everything is persisted to disk in activemq and it's slow af. the replacement is for telemetry "
    "fanout to grafana live",
    "our old setup stores every message for 30 days, nobody has ever replayed anything. new workload: service "
    "discovery heartbeats",
    "in the legacy system events piled up in the queue for days when consumers were down. the new service is live "
    "telemetry for the factory floor screens",
    "with our current kafka cluster we retain everything for 2 weeks and pay a fortune for disks nobody reads. "
    "looking at what to use for the new rpc layer between microservices",
    "at the moment rabbit holds msgs on disk until someone acks, and we hate operating it. what we're building now "
    "is a presence/typing service",
    "right now rabbit keeps msgs on disk until acked and honestly it's overkill for presence pings",
    "currently sqs holds jobs until a worker grabs them, that's the thing we're replacing with something faster "
    "for live game state",
    "today the old broker retains 3 days of everything, which nobody ever used. the new thing is "
    "service-to-service rpc",
    "our legacy setup stores all events for 90 days, we'd love to get rid of that. use case: live sensor "
    "dashboard, 2k msgs/s",
    "as of today kafka retains 14 days of clickstream and we pay for it. we need a new bus for internal rpc calls",
    "in our current kafka deployment we keep 30 days of everything. the new team wants sub-ms request/reply for "
    "the pricing engine",
    # a phrase that keeps only in its setting (the broker before it)
    "our existing broker stores msgs until acked, but honestly that was cargo cult. new svc: game lobby presence",
]


@pytest.mark.parametrize("text", ANOTHER_STORE + REPORTS)
def test_another_stores_keeping_or_a_report_settles_no_persistence(text: str) -> None:
    settled, _ = read(text)
    assert settled.get("persistence") != "yes"


@pytest.mark.parametrize("text", TODAYS_SYSTEM)
def test_how_todays_system_keeps_messages_is_asked(text: str) -> None:
    settled, asked = read(text)
    assert "persistence" not in settled
    assert "persistence" in asked


# Controls: the same kinds of words, said of the messaging system or as the workload's need, still settle.
STILL_YES = [
    "orders sit in the queue until the worker acks them",
    "messages must be kept for 7 days so consumers can replay",
    "if a consumer is offline it must catch up on what it missed when it comes back",
    "we need to replay the last 30 days of events into the new warehouse",
    "events are stored in the stream for 14 days",
    "the broker must keep messages until every consumer has read them",
    "every event must be durably stored and accounted for",
    "messages can't be lost even if the broker restarts",
    "a consumer that restarts must get what it missed",
    "keep every event for a year for audit",
    "jobs wait in the queue until a worker picks them up",
    "the new system must keep msgs for 3 days so a slow consumer can catch up",
    "we need durable subscriptions so a consumer that disconnects gets the backlog",
    "the pipeline feeds the warehouse; events must be retained 7 days in the broker so we can re-run loads",
    "the stream has to persist every order until billing acks it",
    "store-and-forward for the edge devices: they're offline for hours and must get everything when they reconnect",
    "every message must be delivered at least once, even after a crash",
    "today we need every order kept until billing acks it",
    "events must be kept for 7 days in the stream so the warehouse can backfill from it",
    "new services backfill from the topic when they start",
    "the billing consumer catches up after a restart, it must not miss any invoice",
    "every payment must be accounted for, nothing can go missing between services",
    "db changes must be retained in the topic for 7 days",
    "the queue holds jobs until a worker grabs them, jobs can't vanish",
    "messages are persisted to disk before the ack",
    "like a mailbox: posted today, collected days later",
    "support tools resume from their last processed event after a restart",
    "right now we keep 7 days in kafka and we need to keep that for the new system too",
    "events from postgres must be kept 7 days",
    # today's keeping, then wanted: "we need the old behaviour back"
    "with our old queue, if the service is down while clients send, it gets those messages once it's back. with "
    "nats they're just gone. we need the old behaviour back",
    # a store keeping beside a durable queue: the queue's need is read
    "the cache is ephemeral, but the order events behind it must be durable in the queue",
    "the cache is ephemeral. order events go through a queue and workers must not lose any of them",
    "redis is just a cache with no persistence. the payment events must survive restarts",
    "we don't need long retention, a day at most, but messages must survive a broker restart",
    "no need for infinite retention like kafka; workers pick up jobs and ack them, jobs can't vanish",
    "nothing in the ui layer is stored, it's all recomputed; the commands themselves must be persisted until "
    "processed",
]

STILL_NO = [
    "fire and forget, no persistence needed",
    "nothing needs to be persisted, stale prices are useless",
    "no retention needed, pure fire and forget pub/sub",
    "messages are ephemeral, if nobody is listening they're dropped",
    "it's ok to lose messages, nobody will chase a missing one",
    "no persistence, no replay, just live fanout",
    "a notification that something changed, clients then refetch from the db",
    "if a pod is down when the ping goes out it reloads from postgres on startup anyway",
]

# Not a denial of keeping: a feature or a store's keeping declined beside a need of the messages.  Never "no".
NOT_DENIED = [
    "we don't need kafka's retention features but every order must be processed, even if the worker is down for a "
    "bit",
    "no replays needed, but a consumer that restarts must get what it missed",
    "not looking for an event store or history, just a reliable work queue: a job can't be lost if the worker "
    "crashes",
    "we don't replay anything, ever. but if the billing consumer is offline for maintenance it must pick up where "
    "it left off",
    "the in-memory cache doesn't need durability, the event queue does",
]


@pytest.mark.parametrize("text", STILL_YES)
def test_keeping_by_the_messaging_system_or_needed_still_settles_yes(text: str) -> None:
    assert read(text)[0].get("persistence") == "yes"


@pytest.mark.parametrize("text", STILL_NO)
def test_nothing_kept_still_settles_no(text: str) -> None:
    assert read(text)[0].get("persistence") == "no"


@pytest.mark.parametrize("text", NOT_DENIED)
def test_a_declined_feature_beside_a_need_is_no_denial(text: str) -> None:
    assert read(text)[0].get("persistence") != "no"
