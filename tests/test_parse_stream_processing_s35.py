"""Stream processing said as the operations a workload needs, with no product named (session 35, h65).

Read as needed (Decision Flowchart Q5, "Need stream processing?"; Feature Comparison: Kafka Streams' joins,
windows and state): a join of events within a span of time, a stream or a table joined with a live stream, a
window's length said before its kind ("a 10-minute sliding average"), figures kept in a processor's local
state, late events put into their window, views or figures kept incrementally or combined live, per-key
figures over a short window, an event updating a figure per key, sessions built from events, enrichment of
the stream, pipeline steps chained with a comma, "then" or arrows, and state carried across events.

Not settled yes: a processor or an operation weighed, compared, discussed, turned down, on a radar or a
nice-to-have; another party's (a vendor, a partner, a customer, a well-known company); computed by a
database, a reporting tool or a dashboard; a worker's count of its own jobs; a rate limiter's window; a
video or log stream; people joining a call or an event.  Denied operations ("no need to join or aggregate
anything", "we won't need any windowing") read as no.

The sentences are written for this test; none comes from the corpus.
"""

import pytest

from bot.advisor.parse import parse


def reading(text: str) -> str | None:
    """The settled answer to stream_processing, "?" when it is asked, None when nothing is read."""
    result = parse(text)
    for answer in result.answers:
        if answer.question == "stream_processing":
            return answer.value
    if any(a.question == "stream_processing" for a in result.ambiguous):
        return "?"
    return None


NEEDED = [
    # a join of events within a span
    "join every impression with the purchase that follows within 3 days",
    "- join with installs within 7 days to attribute the campaign",
    # a table or a profile joined with the live stream
    "we join the merchant reference table with the incoming payment stream to tag the risk band",
    # the window's length before its kind
    "alert on the 15-minute sliding max of vibration per pump",
    "a 10-minute sliding median per sensor drives the alarm",
    # local state
    "counters sit in local rocksdb state on each instance and are flushed to the topic",
    "we keep per-key totals in a local store and emit them when they cross a limit",
    # late events into their window
    "out-of-order readings must land in their original bucket even when they arrive late",
    # incremental and live views
    "the seat map projection is updated incrementally as booking events arrive",
    "bookings and cancellations get merged into a live availability table per hotel",
    # per-key figures over a short window
    "we need per-minute spend totals by merchant for the risk screen",
    "block a card when its 5-minute spend crosses the limit",
    "the scoring job checks how many merchants a card touched in the past 15 minutes",
    # an event updating a figure per key
    "each reading adjusts the machine's feature vector",
    "every payment increments the merchant's counters",
    # sessions built from events
    "we reconstruct visitor sessions from the raw page view events",
    # enrichment of the stream, and steps chained
    "enrichment of the incoming telemetry with the asset registry",
    "validate, enrich and forward every scan",
    "stages: parse -> dedupe -> aggregate -> publish",
    "stream-side: enrichment and dedup, the warehouse does the rest",
    "we attach the account tier info to every incoming click",
    # state carried across events, stateful transforms, running tallies
    "the rules engine has to hold per-player state across events to spot bonus abuse",
    "a stateful processor tracks each parcel and raises a delay event",
    "a running tally of likes per post is shown live",
    "running aggregates are checkpointed so a restart resumes them",
    # named with its manner, or correlated within minutes
    "on-the-fly deduplication of the sensor feed",
    "correlate badge scans with door alarms within 2 minutes",
    # grouped and emitted on a period; figures computed from the event stream
    "group by store, sum the sales and emit every 30 seconds",
    "we calculate the basket stats from the checkout event stream",
    "materialised views fed by the shipment events answer where each parcel is",
    "pattern matching over the card swipe stream flags skimming",
    "the ads pipeline needs to merge the four bid streams by auction id",
    "late clicks still need to be folded into the correct hourly bucket",
    "per-user counters of failed logins over the last 15 minutes drive the lockout",
    # one operation named as streaming, a percentile over windows, velocity per key
    "streaming enrichment per region before the alerts go out",
    "we need p99 latency per tenant over 5-minute windows",
    "fraud needs velocity per device and per ip",
]


@pytest.mark.parametrize("text", NEEDED)
def test_operations_over_the_stream_read_as_needed(text: str) -> None:
    assert reading(text) == "yes"


NOT_SETTLED = [
    # weighed, compared, discussed, turned down, a prospect
    "stream processing was debated and turned down, plain subscribers will do",
    "we're weighing ksqldb against a couple of consumers",
    "the team is comparing samza and flink",
    "flink got proposed and then vetoed by the platform folks",
    "kafka streams is on the roadmap",
    "flink could be worth a look",
    "sliding-window counts might be needed one day",
    # another party's
    "the provider's platform does stream processing on their side, we only receive the results",
    "airbnb uses flink for this",
    "our clients run their own flink jobs on the exports",
    "the vendor's pipeline enriches the records before they hand them to us",
    "the analytics engineering team owns a ksqldb cluster",
    # a database, a reporting tool, a dashboard
    "mysql triggers maintain the running balance per wallet",
    "the reporting tool computes rolling averages for the board pack",
    # a worker's own count
    "each consumer keeps a running count of the messages it has handled for its health check",
    # a dashboard refreshing its figures, a team's velocity
    "the ops dashboard refreshes the totals every 10 seconds from mysql",
    "we evaluated stateful processing and it isn't worth it",
]


@pytest.mark.parametrize("text", NOT_SETTLED)
def test_weighed_or_elsewhere_is_not_settled_yes(text: str) -> None:
    assert reading(text) != "yes"


DENIED = [
    "there's no need to enrich or join anything, messages just go to the mailer",
    "we won't need any windowing, consumers write straight to postgres",
    "no joins and no sessionization, each service keeps its own tables",
    "nothing aggregates the events; every service handles its own",
    "no need for any joining, each reader takes what it wants",
    "this doesn't need stateful processing at all",
    "we're not going to compute anything from the topics",
]


@pytest.mark.parametrize("text", DENIED)
def test_operations_denied_read_as_no(text: str) -> None:
    assert reading(text) == "no"


# Controls: already read right on main and must stay so; the first ones guard the new readings above (a
# rate limiter's window, a team's velocity, a camera stream, people joining an event, details typed into
# orders).
CONTROLS = [
    ("the api has a 1-minute sliding window limiter per key", None),
    ("their velocity per sprint went up after the reorg", None),
    ("we calculate viewer stats from the camera stream", None),
    ("attendees join the event within 10 minutes of the start", None),
    ("support agents add the customer's details to each order by hand", None),
    ("no stream processing, consumers just write to postgres", "no"),
    ("we need rolling 5-minute counts per merchant", "yes"),
    ("a nightly spark job aggregates the day's orders in the warehouse", None),
    ("do we need flink for this?", "?"),
]


@pytest.mark.parametrize(("text", "expected"), CONTROLS)
def test_controls_keep_their_reading(text: str, expected: str | None) -> None:
    assert reading(text) == expected
