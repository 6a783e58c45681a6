"""Nothing needs keeping, said without the keyword (issue 8, s36 h70; precision first).

Read as persistence "no" (Guide § Decision Flowchart: "No — ephemeral messaging is fine" → NATS Core): a party's
acceptance said as a comment on the clause before ("…, and we're fine with that", "…, who cares", "…, tough
luck", "…, which is exactly what we want"); a receiver that is away and does not see it; a loss the sender makes
good itself ("the caller just tries again"); publishing and forgetting; a newer item replacing the last, or
whatever came before the latest being useless; an age past which an item is worth nothing or is let go; a slow
reader that should just lose messages, and nothing buffered for it; the broker that need not hold or remember
anything; a few of them lost, accepted.

Precision: a receiver that misses what was sent meanwhile no longer reads as "yes" (it is what it does not get);
"customers who care about durability" is a relative clause, not indifference; a negated relative clause ("messages
that aren't acked …") does not reach the main clause's modal verb ("… must be redelivered").

Controls must not read "no": needs, complaints, other parties, options weighed, a retention window, and keeping
that ends after delivery (which every work queue does).  Sentences written for this test; none comes from the
corpus.
"""

import pytest

from bot.advisor.engine import advise
from bot.advisor.parse import parse
from tests.parse_helpers import read


def persistence(text: str) -> str | None:
    return read(text)[0].get("persistence")


def leans(text: str) -> dict[str, str]:
    return {a.question: a.value for a in parse(text).leans}


NOTHING_KEPT = [
    # a party's acceptance, as a comment on the clause before
    "a subscriber that's down misses whatever was sent meanwhile, and we're fine with that",
    "offline tabs simply don't see what was sent, we're ok with it",
    "if a blip gets lost, who cares",
    "if the viewer isn't online at that moment, tough luck",
    "if a peer isn't connected when the cursor moves, oh well",
    "when no one is listening the event evaporates, which is exactly what we want",
    "if a dashboard tab is closed it just misses the update, totally fine",
    "nobody will be upset if a few cursor updates vanish",
    # a receiver that is away and does not see it
    "offline phones simply don't see the buzz, no big deal",
    "clients that aren't connected at that moment won't get it and that's ok with us",
    # the sender makes good the loss itself
    "if a command is lost the caller just tries again after 2s",
    "if a request is lost the client simply asks again",
    # publishing and forgetting
    "we publish and forget about it, no acks",
    "robots publish telemetry and forget about it",
    "this is transient chatter between services",
    # the latest replaces the last, and what came before it is worthless
    "driver eta widget: each new estimate replaces the last one",
    "only the freshest position per bus matters for the map",
    "thermostat values go to the app; whatever came before the latest sample is useless to us",
    "score updates: nobody needs the intermediate ones",
    "live view of who's currently watching the stream, nothing historical",
    # an age past which it is worth nothing, or let go
    "an alert older than 10 seconds is useless to the operator",
    "there's no value in a reading once it's a few seconds old",
    "short-lived notifications that are meaningless a minute later",
    "the data has a shelf life of maybe 3 seconds",
    "stale presence is worse than none, so drop anything older than 2s",
    # a slow reader: let go, nothing held for it
    "a slow subscriber should just lose messages rather than slow everyone down",
    "if the consumer can't keep up, drop the excess",
    "no need to buffer for slow consumers, just skip them",
    "it's ok for the browser to miss frames",
    # the broker holds and remembers nothing
    "the sender retries on its own if it gets no reply, so the bus doesn't have to hold anything",
    "we don't need the broker to remember anything",
    # a few of them lost, accepted
    "losing a few of these is totally acceptable",
]


@pytest.mark.parametrize("text", NOTHING_KEPT)
def test_nothing_kept_reads_no(text: str) -> None:
    assert persistence(text) == "no"


@pytest.mark.parametrize(
    "text",
    [
        "if a blip gets lost, who cares",
        "a slow subscriber should just lose messages rather than slow everyone down",
        "if the consumer can't keep up, drop the excess",
    ],
)
def test_nothing_kept_recommends_nats_core(text: str) -> None:
    assert advise(text=text).recommendation == "nats-core"


def test_said_to_nobody_only_leans() -> None:
    # NATS Core's own behaviour as often as the need: weak evidence, nothing settled
    text = "if nobody is subscribed the message just goes nowhere"
    assert persistence(text) is None
    assert leans(text).get("persistence") == "no"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # was "yes": what went out meanwhile, missed, is not kept for the one away
        ("a subscriber that's down misses whatever was sent meanwhile", None),
        # was "no": a relative clause that wants durability, not indifference to it
        ("our customers who care about durability pay extra", "yes"),
        ("the team who cares about replay is small", "yes"),
        # was "no": the relative clause's negator does not reach the main clause's modal verb
        ("messages that aren't acked must be redelivered", "yes"),
        # was "yes": a denied relative clause does not deny the main clause's "dropped"
        ("events that aren't delivered at that moment are dropped", None),
        # was nothing: a comment accepts a fact the clause states, which stands
        ("we need durable storage, which is fine", "yes"),
    ],
)
def test_precision_fixes(text: str, value: str | None) -> None:
    assert persistence(text) == value


# Controls: these must not read "no" (most read the same on main).
@pytest.mark.parametrize(
    "text",
    [
        "every order must survive a broker restart",
        "we can't afford to drop a single payment event",
        "it's not fine to lose them, these are invoices",
        "orders get lost when a pod dies, and we're not fine with that",
        "the other team's presence service is ephemeral, but our events must be durable",
        "we might go fire-and-forget or we might need acks, not sure yet",
        "we publish and forget today, and that's exactly why we lose orders",
        "publish and forget doesn't work for payments",
        "a slow subscriber should never lose messages",
        "slow consumers should never skip messages",
        "losing a few of them is not acceptable",
        "we lose a few of them every day and it's killing us",
        "if a job is lost the worker just retries again",
        "if the customer isn't online, the order must wait for them",
        "clients that aren't connected at that moment must get it when they reconnect",
        "a subscriber that's down must get whatever was sent meanwhile",
        "we hold messages for lagging clients until they catch up",
        "we must buffer for slow consumers",
        "we don't hold any meetings about it",
        "drop anything older than 7 days",
        "there's no value in a cache entry once it's a few seconds old",
        "whatever came before the latest snapshot is still needed for audits",
        "the audit team wants every event kept, and we're fine with that",
        "we keep messages for 7 days, and we're fine with that",
        "we don't need kafka to keep the messages forever",
        "we don't need the queue to keep anything once it's acked",
        "nats doesn't hold anything, so we need jetstream",
        "after delivery the message can vanish",
        "once it's delivered we forget it",
    ],
)
def test_control_not_read_no(text: str) -> None:
    assert persistence(text) != "no"


def test_control_denied_bus_is_still_no() -> None:
    # the need denied of the bus, as before: the wish is the subject's ("… is what we want")
    assert persistence("a plain bus without persistence is what we want") == "no"
