"""Precision of settled answers on latency, ops, stream processing and persistence (issue 8; s31).

A phrase may settle a question only when it says what the messaging must do.  The traps below use the
question's own words for something else: a latency measured today, on a network ping or in a trial, where
the sentence states no target (or states it in another clause); a team size of the people who build the
app when another group is said to run the infrastructure; a dedicated team called a luxury nobody has;
keeping said of a spreadsheet, a browser, a log vendor or a database further along the noun phrase ("the
audit log of admin actions lives in postgres"); a video or a recording replayed.  Each must leave the
question unsettled (asked or unread) or settle it the way the text means.  The controls keep the readings
that are right.  Sentences are written for this test, Slack style, after reading public write-ups; none
comes from the corpus.
"""

import pytest

from bot.advisor.parse import parse


def answer(text: str, question: str) -> str | None:
    return {a.question: a.value for a in parse(text).answers}.get(question)


# (question, text, what it may read: None = unsettled)
TRAPS = [
    # latency: a figure measured today or in a trial, with no target in its own clause
    ("latency", "the current p99 is 0.8ms, we want to cut infra cost", {None}),
    ("latency", "p99 is under a millisecond right now on the old cluster", {None}),
    ("latency", "ping to the broker is under a millisecond on the LAN", {None}),
    ("latency", "we measured 0.4ms p99 in a poc with nats core, latency needs are modest though", {None, "low-ms"}),
    ("latency", "latency today is ~400us and honestly that is more than we need", {None, "low-ms"}),
    # ops: who builds it is not who runs it; a dedicated team wished for is not had
    (
        "ops",
        "the team that will build this is 4 devs, ops is handled by a separate infra group of 12",
        {None, "dedicated"},
    ),
    ("ops", "dedicated ops is a luxury we do not have", {None, "small"}),
    # persistence: keeping said of a store further along, a browser, a spreadsheet, a log vendor; replayed media
    ("persistence", "the audit log of admin actions lives in postgres", {None}),
    ("persistence", "we keep a history of deploys in a spreadsheet", {None}),
    ("persistence", "the dashboard keeps a history of the last 50 prices in the browser", {None}),
    ("persistence", "we keep the app logs for 14 days in cloudwatch", {None}),
    ("persistence", "the durable part is the database, messages are just notifications", {None, "no"}),
    ("persistence", "the video can be replayed from the cdn as often as you like", {None}),
    # second round, after reading how teams write about dashboards, vendors and product claims
    ("ops", "kafka is the kind of thing that needs a team of three just to keep it running", {None}),
    ("latency", "the ui is snappy, sub-100ms page loads", {None}),
    ("latency", "we need 5ms p99 db writes", {None}),
    ("persistence", "the replay button in the admin ui resends a webhook", {None}),
    ("persistence", "session recordings are kept for a month in fullstory", {None}),
    ("persistence", "backups are kept for 30 days", {None}),
]


@pytest.mark.parametrize(("question", "text", "allowed"), TRAPS)
def test_trap_does_not_settle_wrongly(question: str, text: str, allowed: set[str | None]) -> None:
    assert answer(text, question) in allowed


CONTROLS = [
    ("latency", "we need sub-millisecond latency for the order matching", "sub-ms"),
    ("latency", "p99 must stay under 5ms end to end", "low-ms"),
    ("latency", "today we need everything under 1ms for the quotes", "sub-ms"),
    ("latency", "latency isn't really a concern, this is back office reporting", "low-ms"),
    ("latency", "every microsecond counts, this feeds the matching engine", "sub-ms"),
    ("ops", "we're 3 devs and nobody does ops full time", "small"),
    ("ops", "there's a dedicated platform team of 8 that runs our kafka clusters", "dedicated"),
    ("ops", "tiny team, just me and one other engineer running everything", "small"),
    ("ops", "we don't have dedicated ops people", "small"),
    ("persistence", "messages must survive a broker restart", "yes"),
    ("persistence", "we need to replay the last 7 days of events", "yes"),
    ("persistence", "we need a full audit trail of state changes for the regulator", "yes"),
    ("persistence", "compliance says we keep the trade events for 7 yrs", "yes"),
    ("persistence", "consumers that go offline have to catch up on what they missed", "yes"),
    ("stream_processing", "we need windowed aggregates over the click stream", "yes"),
    ("stream_processing", "no aggregation needed, just fan out to the subscribers", "no"),
    ("latency", "latency under 1ms between services", "sub-ms"),
    ("latency", "sub-ms service to service messaging", "sub-ms"),
    ("latency", "messages must arrive in under 5ms", "low-ms"),
    ("ops", "a dedicated ops team is a luxury we do not have", "small"),
    ("persistence", "retention ~14 days on the clickstream so data eng can backfill if a job breaks", "yes"),
]


@pytest.mark.parametrize(("question", "text", "expected"), CONTROLS)
def test_control_still_reads(question: str, text: str, expected: str) -> None:
    assert answer(text, question) == expected


# Held out: written once after the fix, in new words, not tuned on.  8 of 10 read right; the two misses are
# kept as strict xfails.
HELD_OUT = [
    ("latency", "our existing latency sits around 0.9 ms and the business is happy with a few ms", {None, "low-ms"}),
    ("latency", "quotes have to hit the pricing engines in well under a millisecond", {"sub-ms"}),
    ("ops", "the android team is 3 people and they want push notifications over websockets", {None}),
    ("ops", "two of us, no sre, we'd be on call for the broker ourselves", {"small"}),
    ("persistence", "the changelog of each customer's settings is saved in dynamodb", {None}),
    ("persistence", "a record of every login attempt lives in the security team's splunk", {None}),
    ("persistence", "clips can be replayed by viewers from the archive page", {None}),
    ("persistence", "events stay in the stream for 3 days so a crashed consumer can resume", {"yes"}),
    pytest.param(
        "latency",
        "on the staging box we clocked 300 microseconds per hop, prod needs are unknown",
        {None},
        marks=pytest.mark.xfail(strict=True, reason="'clocked … per hop' in staging is still read as a sub-ms target"),
    ),
    pytest.param(
        "ops",
        "we're four backend engineers, and the central platform org operates all of our clusters",
        {None, "dedicated"},
        marks=pytest.mark.xfail(
            strict=True, reason="'backend engineers' names no builders, so the count wins over the platform org"
        ),
    ),
]


@pytest.mark.parametrize(("question", "text", "allowed"), HELD_OUT)
def test_held_out(question: str, text: str, allowed: set[str | None]) -> None:
    assert answer(text, question) in allowed
