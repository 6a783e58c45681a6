"""Saying that messages need not be kept, in words other than "ephemeral" (issue 8, s35; precision first).

Descriptions that let messages go by a drop policy ("drop whatever can't be delivered right away"), by a bus that
holds nothing, by a loss the next message makes good ("if one is missed the device checks in at the next interval
anyway"), by receivers that have no use for what came before ("subscribers that join late don't need earlier
messages", which read as a need for history), by a crash's loss accepted ("…, which we accept") or by a permission
("each one may just disappear, we don't care") left persistence unanswered, or read it as "yes", so the app leaned
to JetStream where the guide's answer is NATS Core.  Complaints, risks, retention windows and other stores still do
not read as "no".  Sentences written for this test.
"""

import pytest

from bot.advisor.engine import advise
from bot.advisor.parse import parse


def persistence(text: str) -> str | None:
    return parse(text).as_dict().get("persistence")


@pytest.mark.parametrize(
    "text",
    [
        # drop policies for what cannot be delivered
        "quadcopter telemetry to the pilot tablet: drop whatever can't be delivered immediately",
        "we fan out bid updates to browsers and simply drop what a lagging browser can't keep up with",
        "Policy: anything the subscriber can't accept is discarded at the gateway.",
        "- pod cpu samples\n- whatever is not picked up right away gets discarded\n- sub-ms target",
        "whatever can't be delivered in time is discarded, which is fine",
        "undeliverable score pushes are discarded on the spot",
        "we shed load by discarding the oldest readings, and that is intended",
        # the bus holds nothing
        "courier positions go to the dispatch map; the bus should hold nothing",
        "frames should pass right through, no messages sitting in the broker",
        "cursor moves travel via the relay and are not stored anywhere",
        "we don't keep it anywhere, it's just the live speed of each train",
        "no queueing for offline kiosks, they just miss what happened",
        # a loss the next message makes good
        "smart meters report every 15s; if one is missed the meter checks in at the next interval anyway",
        "pressure readings to the ops wall - another one arrives a second later so a lost one is nothing",
        "bike locations each second; the next location makes up for a missing one",
        "a dropped frame is simply replaced by the following frame",
        "a lost beat just means the next one is a second later",
        "missed gauge updates are not re-sent",
        # receivers that do not need history
        "match events to the app. consumers that join late don't need earlier messages",
        "viewers who connect later don't need the history, they start with whatever comes next",
        "spectators who tune in late start from the current state",
        "no backfill: a client that reconnects only gets new updates",
        "if the wall display is off when the alert goes out, it never sees it and that's ok",
        # latest value wins
        "for the odds board only the most recent quote counts",
        # a crash's loss accepted, permission, indifference
        "if a broker dies the in-flight heartbeats are lost, which we accept",
        "a restart that wipes the queued presence updates is fine by us",
        "losing the pending notifications on a redeploy is ok for this widget",
        "the joystick streams stick angles to the rover and it's fine if some never arrive",
        "it doesn't matter if a ping never makes it",
        "status lights on the ops map, each one may simply be skipped, nobody cares",
        "yo, we broadcast table state to poker clients ~40/s. stuff can get dropped, we honestly don't care",
        "agent typing status between support reps, purely transient",
    ],
)
def test_said_not_kept_settles_no(text: str) -> None:
    assert persistence(text) == "no"


@pytest.mark.parametrize(
    "text",
    [
        "order status events for the support console; subscribers that join late don't need earlier messages",
        "payment status pings to the merchant dashboard, anything the tab can't take is discarded and that's fine",
        "job progress events for the build page: drop whatever can't be delivered immediately",
        "for the odds board only the newest quote matters",
    ],
)
def test_said_not_kept_recommends_nats_core(text: str) -> None:
    assert advise(text=text).recommendation == "nats-core"


@pytest.mark.parametrize(
    "text",
    [
        # was a wrong "yes": the relative clause's own denial was read as denying the discarding
        "Design doc: anything the consumer cannot take is dropped at the edge.",
        "whatever is not picked up immediately gets thrown away",
        "messages are dropped when a consumer falls behind, by design",
    ],
)
def test_a_drop_policy_is_never_read_as_kept(text: str) -> None:
    assert persistence(text) != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "we need queueing for offline devices so they get every command later",
        "spectators who tune in late need the full match history",
    ],
)
def test_needs_to_keep_read_yes(text: str) -> None:
    assert persistence(text) == "yes"


# Controls: these already read right on main and must keep doing so.
@pytest.mark.parametrize(
    "text",
    [
        "we can lose messages when a pod dies and that's what we want fixed",
        "right now orders vanish when the consumer restarts, which is the problem we need to solve",
        "the risk is that payments get dropped during a deploy",
        "our redis pub/sub drops events whenever a subscriber disconnects; that's why we're looking at alternatives",
        "we're worried that invoices could simply disappear if the broker crashes",
        "rabbitmq is currently discarding anything the consumer can't take, and it's hurting us",
        "postgres keeps its own records of every order, the bus just carries notifications",
        "subscribers that join late need to read all earlier messages",
        "if a device is offline it must get everything it missed when it comes back",
        "dropping an order is unacceptable",
        "a missed shipment notification means a customer doesn't get their parcel",
        "in the old system messages could vanish; that can't happen anymore",
        "the legacy nats setup drops messages when nobody listens, we need them kept",
        "logs get discarded after 30 days in elasticsearch",
        "we don't want late subscribers to miss earlier messages",
        "the messages can't just vanish, they are customer orders",
        "we drop whatever can't be delivered today and that's the bug we need to fix",
        "redis pub/sub discards anything the subscriber can't take, which is why we're moving off it",
        "the broker should hold nothing back from slow consumers, every order must get through",
        "the broker keeps nothing past 3 days",
        "we don't keep it anywhere but postgres",
        "missed updates are not re-sent today, which is why we need jetstream",
        "if a payment is missed the ledger catches it at the next reconciliation anyway",
        "a restart that wipes the in-flight orders is our biggest problem",
        "it's a problem if some orders never arrive",
        "dropped messages are not redelivered by redis, so we need something else",
        "the order service gets a request, another request arrives a second later",
        "orders can just vanish when a pod dies",
        "late joiners don't see earlier messages today and that's the complaint",
        "if the display is off when the alert goes out, it never sees it, which is the problem we have",
        "we discard the oldest samples when the disk fills up, and that loses data the auditors need",
        "nothing is stored on the device, it all goes to the backend queue which must keep it",
        "a lost order just means the customer calls support",
        # transient errors are no messages (a control for the elliptic "…, purely transient")
        "we retry on network errors, purely transient",
        "orders can simply vanish if the broker restarts",
    ],
)
def test_control_complaints_risks_and_other_stores_do_not_settle_no(text: str) -> None:
    assert persistence(text) != "no"


@pytest.mark.parametrize(
    "text",
    [
        # newly right: "at any time" is no condition, but a cache is no message
        "the cache can be dropped at any time, it's rebuilt from the db; the events themselves must be kept",
        # newly right: a retention window, not nothing kept
        "unconsumed messages are discarded after 7 days",
    ],
)
def test_other_things_let_go_do_not_settle_no(text: str) -> None:
    assert persistence(text) != "no"


# Controls: needs that already read "yes" on main.
@pytest.mark.parametrize(
    "text",
    [
        "every payment event must be kept until the ledger service acks it",
        "messages must survive a broker restart",
        "we need at-least-once delivery for the billing events",
        "new consumers must be able to backfill from the start of the stream",
        "the consumer must not miss a single message, even after a crash",
        "late joiners need the history",
    ],
)
def test_control_needs_keep_reading_yes(text: str) -> None:
    assert persistence(text) == "yes"
