"""Nothing kept, and services that ask and wait, said as outcomes (issue 8, recall of persistence = no and
request_reply = yes with precision first).

The largest miss on held-out text was "the guide says NATS Core, the app says JetStream": descriptions of
live traffic that need not be kept, or of services calling one another and waiting for the answer, that
the parser did not read.  People say these in outcome words ("only latest matters", "if there's no
listener, drop it", "blocks until it hears back", "scatter requests to all shards and merge the
results").  The sentences are written for this test, Slack style, after reading public write-ups of such
workloads (NATS request-reply and scatter-gather docs, presence and typing-indicator designs, pub/sub
cache invalidation posts); none comes from the eval corpus.  Traps are sentences where the same words
mean something else (a person's reply, a queue that must not lose jobs, "the latest version").
"""

import pytest

from bot.advisor.parse import parse


def settled(text: str) -> dict[str, str]:
    return {a.question: a.value for a in parse(text).answers}


def asked(text: str) -> set[str | None]:
    return {a.question for a in parse(text).ambiguous}


def leaning(text: str) -> dict[str, str]:
    return {a.question: a.value for a in parse(text).leans}


# Nothing has to be kept: read as persistence = no (the first block read before this change; the second
# is what it added).
NOTHING_KEPT = [
    "only the most recent temperature per room matters to us, older ones are useless",
    "if a dashboard misses a tick the next one replaces it a second later",
    "when nobody is subscribed the update just disappears and that's fine",
    "presence and typing indicators for our chat app, fanned out to whoever is online",
    "fire and forget metrics from the game servers, gaps are totally acceptable",
    "we never need to replay any of it",
    "lost updates are no big deal, another one arrives within a second",
    "nothing on this channel has to survive a broker restart",
    "losing a heartbeat here and there is harmless",
    "a notification that something changed, clients then refetch from the db",
    "no persistence required for this stream",
    "if the subscriber is offline it just misses the event, which is what we want",
    "we're fine with at-most-once here",
    "the feed is best effort and that's by design",
    "zero retention, pure pub/sub",
    "missing a frame or two is imperceptible to viewers",
    "we'd rather lose a reading than slow the pipeline down",
    # added (h41)
    "updates older than a couple of seconds are meaningless to the traders",
    "messages can vanish if no consumer is around, we don't care",
    "if a pod is down when the ping goes out it reloads from postgres on startup anyway",
    "gps pings from the couriers shown on a live map, only latest matters",
    "telemetry where a gap in the data is acceptable",
    "drop on the floor if there's no listener, that's fine",
    "heartbeats have no value once the next one arrives",
    "these are hints for the cache layer, if one gets lost the ttl cleans up anyway",
    "a missed invalidation just means a slightly stale cache until the TTL kicks in",
    "it's a live view, whatever happened before you opened the page is irrelevant",
    "messages only live as long as the subscriber is connected",
    "think of it as a radio broadcast: tune in or miss it",
]


@pytest.mark.parametrize("text", NOTHING_KEPT)
def test_nothing_kept_said_as_an_outcome_reads_persistence_no(text):
    assert settled(text).get("persistence") == "no"


# Services that ask and wait for the answer: read as request_reply = yes.
ASK_AND_WAIT = [
    "our services call each other over the bus and wait for the answer",
    "a pool of workers answers lookup requests, load balanced across instances",
    "the order service needs a yes or no from payments before confirming",
    "the caller waits for a response with a timeout of 2 seconds",
    "every node answers a health probe and we collect the replies",
    "send a query to every region and take the first answer that comes back",
    "services expose request handlers on nats subjects",
    # added (h41)
    "the pricing service asks inventory for stock levels and blocks until it hears back",
    "microservice APIs over the message bus instead of HTTP",
    "requests time out after 500ms if no one responds",
    "scatter requests to all shards and merge the results",
    "ask-and-wait between the planner and the solver",
]


@pytest.mark.parametrize("text", ASK_AND_WAIT)
def test_asking_and_waiting_reads_request_reply(text):
    assert settled(text).get("request_reply") == "yes"


@pytest.mark.parametrize(
    ("text", "question", "value"),
    [
        # the messages only announce a change whose data lives elsewhere: a lean, not a settle
        ("the database is the source of truth, the bus only tells the other pods something changed",
         "persistence", "no"),
        ("the messages are just signals, the actual data is fetched from the api", "persistence", "no"),
        # a call and its answer, the transport unsaid (may be HTTP)
        ("a call to the tax service returns the rate for the basket", "request_reply", "yes"),
    ],
)
def test_weak_evidence_only_leans(text, question, value):
    assert question not in settled(text)
    assert leaning(text).get(question) == value


# Traps: the same words where nothing says messages may be lost, or where a person answers.
@pytest.mark.parametrize(
    "text",
    [
        "we reply to customers within a day",
        "the support team answers tickets within an hour",
        "callers wait on hold for support",
        "clients wait in line for an agent",
        "we'll ask management and wait for their answer",
        "we ask the vendor for a quote and wait for the reply",
        "we ask and wait for the vendor",
        "we'll wait until we hear back from the security team",
        "the job waits until it hears back from the vendor",
        "requests time out after 30 days if the customer does not respond",
        "scatter the load across all brokers",
        "microservice apis over http, events over kafka",
        "users request features all the time",
    ],
)
def test_a_person_answering_is_no_request_reply(text):
    assert settled(text).get("request_reply") != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "the request queue must not lose jobs",
        "we need the latest version of the schema registry",
        "only the latest schema version matters for compatibility checks",
        "we don't lose sleep over it",
        "no replay today but we'll need it next year",
        "if there's no listener the broker keeps the message until one subscribes",
        "messages only live as long as the retention policy says, 30 days",
        "if we lose a payment the nightly reconciliation fixes it anyway",
        "if we lose orders our nightly reconciliation fixes it anyway",
        "sessions only live as long as the client is connected",
        "the ttl cleans up old keys anyway, but the order events must never be lost",
        "we need replay, we don't care about latency",
        "messages are kept for a week, we don't care about cost",
        # a need called a concern is not denied as a risk is (asked instead)
        "durability is a major concern for us",
        "replay would be a disaster",
        "a gap in the audit trail is unacceptable",
    ],
)
def test_traps_never_read_nothing_kept(text):
    assert settled(text).get("persistence") != "no"


@pytest.mark.parametrize(
    "text",
    ["durability is a major concern for us", "a gap in the audit trail is unacceptable"],
)
def test_a_need_called_a_concern_is_asked(text):
    assert "persistence" in asked(text)


def test_a_comment_by_a_party_after_a_comma_speaks_of_the_clause():
    # ", we don't care" and ", nobody cares" end the clause they comment on
    assert settled("if nobody is listening, we don't care").get("persistence") == "no"
    assert settled("we lose a few pings on restart, nobody cares").get("persistence") == "no"
    # with an object it speaks of that object, not of the clause before
    assert settled("we need replay, we don't care about latency").get("persistence") == "yes"


def test_a_predicate_shared_with_the_next_phrase_is_not_inherited_as_a_denial():
    # "have no value" is the heartbeats' predicate and the ephemeral phrase itself: the phrase is read
    # on its own, and the heartbeats (control plane) are not denied by it
    read = settled("heartbeats have no value once the next one arrives")
    assert read.get("persistence") == "no"
    assert read.get("control_plane") != "no"
    # what is said before the first phrase still reaches the second
    assert settled("we don't care about heartbeat persistence").get("persistence") == "no"
