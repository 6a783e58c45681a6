"""Probes for throughput figures said of something other than the workload asked about, session h19
(issue 8: precision of throughput when a description gives figures of the estate as a whole or of a
broader feed).

Mechanism: each throughput figure gets a scope read in its own clause (``_rate_scope``): ``estate`` when
the words around it make it the estate's as a whole or a broader feed the workload takes part of (the
lexicon's ``rate_of_other.estate``: "company-wide", "across all teams", "the shared cluster", "the
firehose", "an outage"), ``narrowed`` when the words before it narrow to the workload's share
(``rate_of_other.narrowed``: "of which", "we only consume", "this service", "the new X flow"); the nearer
one before the figure wins.  ``_estate_figures`` then: a high estate figure yields to a moderate narrowed
one (the workload's share is stated), and so do the estate's figures asked for another reason (between
the guide's bounds, a capacity); beside another smaller figure whose subject is not said, or beside
words that narrow to a part without a figure ("this question is about the notifications service"), it is
asked; alone, beside a high figure of the workload's own (a peak), or where the text says the workload
takes the whole of it (``rate_of_other.taken``: "the new one must take it all", "we're migrating it all"),
it stands as before.  A figure added to the estate's ("the new flow adds 300/s") is no share of it.

Sentences written for this session (none taken from the eval corpus).  Figures: tuned-on 48/48,
near-misses 44/45 with none settled wrongly (the miss was asked before this round too; four near-misses
first labelled "high" had figures between the guide's bounds, which are asked: their figures were raised).
The HELD_OUT list was written before any rule; it was run once before the rules as a baseline (1 of its 9 estate cases
read right; that run showed its outputs) and once after the rules were done: first try 12/16, no high
settled wrongly.  Of the four misses, two were my labels (figures between the guide's bounds, asked by an
older rule), one is a moderate where I had written "asked" ("our flow is 80 msgs/s" narrows to the
workload's share), and one a true high now asked ("company-wide" qualifying launch days).  Nothing was
fixed after the held-out run; the second step (the estate's asked figures set aside beside a narrowed
share; the workload taking all of it; an added figure; a past incident, not "during incidents") came
after it, from near-misses of my own, and leaves the held-out figures as they were.  At the merge the two
mislabelled held-out figures were given the guide's answer (asked), with a comment, rather than kept as
expected failures of a wrong label.  ``xfail`` marks the remaining misses with their reason."""

import pytest

from bot.advisor.parse import parse


def _xfail(text: str, value: str | None, reason: str) -> object:
    return pytest.param(text, value, marks=pytest.mark.xfail(reason=reason, strict=True))


# ---- tuned on: figures of the estate or a broader feed beside the workload's ("moderate": the text gives
# the workload's share; None: asked) ----
OTHER_SCOPE = [
    ("org-wide we push about 2M msgs/s through kafka, but this service only needs ~500 msgs/s", "moderate"),
    ("company wide the bus sees 1.2M events/s; this flow is maybe 300/s", "moderate"),
    ("the firehose is 2M/s but we only subscribe to the EU slice, ~5k/s", "moderate"),
    ("our main kafka does 1M msgs/s across all teams. this service sends about 40 msgs/s", "moderate"),
    ("across all teams the shared cluster is at 3M msgs/s. of which ours is ~1k/s", "moderate"),
    ("platform wide it's 800k events/sec, of which the payments flow is around 200/s", "moderate"),
    ("the shared kafka handles 1.5M msgs/s. we only consume the fraud topic, roughly 2k msgs/s", "moderate"),
    ("the raw feed is 600k ticks/s; we just need the fx slice at ~3k/s", "moderate"),
    ("the central event bus moves 4M msgs/s org-wide, but our part is ~100 msgs/s", "moderate"),
    ("in aggregate the company does 2.5M events/s — the new invoicing flow is about 20/s", "moderate"),
    ("enterprise-wide kafka is at 900k msgs/s; this use case needs maybe 60 msgs/s", "moderate"),
    ("the whole platform does ~1M events per second. our share is 5k/s tops", "moderate"),
    (
        "the upstream feed pumps 700k msgs/s into the shared cluster; the new alerting service will see 150 msgs/s",
        "moderate",
    ),
    ("the core bus does 3M msgs/s in total. this job reads ~800 msgs/s from it", "moderate"),
    ("company-wide we do like 1M events/s but we only care about the shipment events, ~50/s", "moderate"),
    ("the whole firehose is 5M msgs/s. we only pull a subset of it, 10k msgs/s or so", "moderate"),
    ("our main msk cluster is around 1.1M msgs/s across all product lines. this app is around 90 msgs/s", "moderate"),
    ("group-wide traffic is ~2M msgs/s, of which loyalty accounts for 1k/s", "moderate"),
    ("the unfiltered stream is 4M events/s - we only need the errors, about 200/s", "moderate"),
    ("the shared backbone carries 1.8M msgs/s; our flow is ~700 msgs/s", "moderate"),
    ("company-wide we do 3M events/s; the notifications service is about 300 msgs/s", None),
    ("across all teams the main kafka does 1M msgs/s. notifications are around 200/s", None),
    ("the shared cluster carries 900k msgs/s. order confirmations run at 50 msgs/s", None),
    ("org wide we're at 2M events/sec. our webhook deliveries are ~400/s", None),
    ("the firehose is 3M/s. the audit events are 20/s", None),
    ("the platform team's kafka ingests 1.2M events/s. the sync job emits 80 msgs/s", None),
    ("during last year's outage we saw 900k msgs/s. normal order traffic is ~500/s", None),
    ("the incident in march hit 1.5M msgs/s; usual load is 2k msgs/s", None),
    ("company-wide we push 3M events/s; this question is only about the notifications service", None),
    ("our central kafka does 1M msgs/s across all teams. we're asking about the inventory sync", None),
    ("the whole company pushes 4M msgs/s through the shared bus; this post is about the billing exports", None),
    ("across all squads we do 2M events/s. this one is for the pager alerts", None),
    ("the data team's pipeline does 800k events/s, the recs service publishes ~1k/s", None),
    ("in aggregate across the estate it's 1.5M msgs/s; the feature flag updates are ~5/s", None),
    ("enterprise wide the bus does 700k msgs/s and the HR integration sends a few per second, maybe 10/s", None),
    ("the main cluster is at 1.2M msgs/s org-wide. the iot gateway publishes 3k/s", None),
    ("company-wide kafka sees 2M msgs/s; this thread is about the email queue", None),
    ("the postmortem says the broker choked at 1.4M msgs/s; day to day we do 1k msgs/s", None),
    ("across the whole org we move 5M msgs/s, but for this project it's more like 400/s", "moderate"),
    ("all the teams combined push 1M msgs/s. the chat service does ~3k/s", None),
    ("company-wide we're at 300k msgs/s, of which this service does ~200/s", "moderate"),
    ("the shared cluster is sized for 2M msgs/s; we only need about 300 msgs/s", "moderate"),
    ("across all teams the main kafka is provisioned for 1M msgs/s. this service sends ~50/s", "moderate"),
    ("company-wide we'll hit 2M msgs/s by 2027; this service does 200/s", "moderate"),
    ("the firehose is 250k msgs/s but we only subscribe to the EU slice, ~5k/s", "moderate"),
    ("the whole platform is at 300k events/s and growing; this flow does 3k/s at peak", "moderate"),
    ("during last year's outage we saw 900k msgs/s; these days the whole thing idles at 3k/s", None),
    ("the last big incident pushed 1.2M msgs/s through the shared bus. this service sends ~100/s", "moderate"),
]

# ---- near-misses: a single workload's figure, a peak of its own, a migration of the whole estate, or a
# narrowing word with no estate figure: read as before ----
SAME_SCOPE = [
    ("we push 2M events/s through kafka today and need the same on the new system", "high"),
    ("our kafka does 1M msgs/s and we want to move it all to nats", "high"),
    ("the shared cluster carries 1M msgs/s; we want to replace it", "high"),
    ("company-wide we do 3M events/s on kafka and leadership wants to get off it", "high"),
    ("across all teams the main kafka does 1M msgs/s, and the whole thing is moving to jetstream", "high"),
    ("avg 5k msgs/s, peaks at 500k msgs/s", "high"),
    ("producers publish 500k msgs/s but each consumer only reads ~2k msgs/s", "high"),
    ("we ingest 3M events/s; the dashboard only needs 5 updates a second", "high"),
    ("the service handles 2M msgs/s at peak, 3k/s at night", "high"),
    ("the telemetry flow is 4M msgs/s; this service fans it out to 20 consumers", "high"),
    ("this service publishes 2.5M msgs/s to the pricing topic", "high"),
    ("our flow is 1M msgs/s at peak", "high"),
    ("the new ingest pipeline will take 600k events/s from day one", "high"),
    ("of everything we run, the trade feed is the big one at 2M msgs/s", "high"),
    ("the notifications service does about 200 msgs/s", "moderate"),
    ("this service only needs about 300 msgs/s", "moderate"),
    ("we only consume about 2k msgs/s", "moderate"),
    ("of which the billing flow is ~150/s", "moderate"),
    ("company-wide our team is small and the order flow is ~100 msgs/s", "moderate"),
    ("we're around 500 msgs/s across all our services", "moderate"),
    ("the shared cluster only sees 800 msgs/s", "moderate"),
    _xfail(
        "the firehose from the sensors is around 2k msgs/s",
        "moderate",
        "asked before h19 too ('from the sensors' read as another's figure); not this round's mechanism",
    ),
    ("across all teams we send maybe 1k events/s, tiny", "moderate"),
    ("the new audit flow is maybe 50/s", "moderate"),
    ("the whole platform does 3k msgs/s", "moderate"),
    ("the shared cluster does 1.5M msgs/s; the new flow adds another 600k msgs/s", "high"),
    ("firehose at 2M msgs/s, and we need all of it on the new system", "high"),
    ("we do 300k msgs/s; this service only needs 200/s", None),
    ("the cluster is sized for 2M msgs/s; we only need about 300 msgs/s", None),
    ("nats can do 10M msgs/s; this service needs about 200 msgs/s", None),
    ("company-wide we do 300k msgs/s and want one system for everything", None),
    ("the shared cluster does 2M msgs/s at peak and this service is the biggest producer on it, 900k msgs/s", "high"),
    ("during incidents we spike to 2M msgs/s; this service normally does 300/s", "high"),
    ("log volume jumps to 2M lines/s during an outage, this service is ~1k/s otherwise", "high"),
    (
        "the whole firehose of 2M msgs/s must land in the new system; this service only adds ~50/s of control messages",
        "high",
    ),
    (
        "the main kafka cluster has 1M msgs/s today and the new one must take it all; the new billing flow adds 300/s",
        "high",
    ),
    ("company-wide we do 3M events/s on kafka and we're migrating it all to nats. the audit flow is 50/s", "high"),
    ("the shared cluster carries 1.5M msgs/s; we want to move everything off it. this service alone is 3k/s", "high"),
    ("migrating the shared cluster (1.5M msgs/s) to nats; of which payments is 200/s, exactly-once", "high"),
    ("the firehose hits 2M msgs/s at peak, we consume all of it; per partition it's ~5k/s", "high"),
    ("each consumer only gets a slice of the 2M msgs/s firehose, ~5k/s", "high"),
    ("the shared cluster takes 1M msgs/s; each pod only reads about 2k msgs/s", "high"),
    ("company-wide we peak at 2M msgs/s and this service needs to handle that peak, ~2M msgs/s", "high"),
    ("we have 3 topics, of which the orders topic does 2M msgs/s", "high"),
    ("the firehose is 3M msgs/s and we ingest every bit of it; a single partition sees ~4k/s", "high"),
]

# ---- held out (written before any rule) ----
HELD_OUT = [
    ("org-wide our kafka moves ~1.5M msgs/s, but this service only needs about 300 msgs/s of it", "moderate"),
    ("the clickstream firehose runs at 4M events/s; we only consume the checkout slice, maybe 2k/s", "moderate"),
    ("platform-wide we're around 900k events/s. of which the billing flow is ~150/s", "moderate"),
    # the new thing's own rate: read since session 30 ("a few hundred per second" with no noun), asked before
    (
        "across all teams the shared cluster does 2M msgs/s. the new alerts thing is a few hundred per second",
        "moderate",
    ),
    ("the central bus handles 700k msgs/s company-wide; we're asking about the inventory sync job", None),
    _xfail(
        "our data platform team's pipeline ingests 1.2M events/s. our flow is 80 msgs/s",
        None,
        "h19 reads 'our flow is 80 msgs/s' as the workload's share (moderate); labelled 'asked' before the rules",
    ),
    ("vendor says their broker does 5M msgs/s on a laptop. we need maybe 40/s for payroll", None),
    ("last year's black friday incident hit 900k req/s on the db. the order events are ~500/s", None),
    ("we push 2M events/s through kafka today and need the same on the new system", "high"),
    _xfail(
        "average is around 3k msgs/s but the company-wide launch days spike us to 600k/s",
        "high",
        "h19: 'company-wide' qualifies the launch days, not the figure's subject; asked, not settled",
    ),
    ("producers publish 800k msgs/s, but each consumer only reads ~2k/s", "high"),
    # labelled "high" before the rules; the figure is between the guide's bounds, which the reader asks
    ("across all our regions the telemetry stream does 400k msgs/s", None),
    ("the notifications service does about 200 msgs/s", "moderate"),
    ("the shared cluster carries 1M msgs/s and we want to move it all to nats", "high"),
    ("company-wide we do 3M events/s; this question is only about the notifications service", None),
    # labelled "high" before the rules; the figure is between the guide's bounds, which the reader asks
    ("we do 250k msgs/s at peak and only about 1k/s overnight", None),
]


@pytest.mark.parametrize(("text", "value"), OTHER_SCOPE + SAME_SCOPE + HELD_OUT)
def test_throughput_scope(text: str, value: str | None) -> None:
    assert parse(text).as_dict().get("throughput") == value
