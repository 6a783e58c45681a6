"""Latency, throughput and team size said in words, not figures (issue 8, s37 h78; precision first).

A delay the team says it does not mind (overnight, hourly, "nobody is waiting on it", "latency is secondary") is a
budget far above any system's delivery time: low-ms (Performance Comparison › Latency Profiles).  A rate in words
is placed against knowledge/data/thresholds.yaml at both ends of what the words can mean; a range across a bound is
asked.  A team said to be short of people is small (Day-2 Operations).  Vague words ("instant", "as fast as
possible", "modest traffic"), words about something else (a database, a CI pipeline, backups, a courier) and
states of today ("not real-time yet") settle nothing.  Sentences written for this test.
"""

import pytest

from bot.advisor.engine import advise
from bot.advisor.parse import parse
from tests.parse_helpers import read


def settled(text: str, question: str) -> str | None:
    return read(text)[0].get(question)


# ---- latency: a delay nobody minds


@pytest.mark.parametrize(
    "text",
    [
        # a slow pace declared acceptable, by any word for it
        "overnight is fine for the billing events",
        "hourly is plenty for the inventory sync",
        "once a day would be ok for the ledger exports to the bank topic",
        # milliseconds, counted in words or not at all, declared acceptable
        "milliseconds are fine for the order bus",
        "a handful of ms per hop is acceptable",
        "ms-level latency is good enough for the order events",
        # latency said not to matter by an adjective
        "it's a latency-insensitive workload, mostly background processing",
        "delay tolerant: the reports get built hours later anyway",
        "the latency requirements are modest, the consumers are all async",
        # nobody waits on what the messaging delivers
        "the consumers run overnight, nobody is waiting on the results",
        "nobody's sitting there waiting for these events",
        # the work in no hurry
        "no rush on delivery, the workers catch up whenever",
        "the webhook events don't need to be fast, just reliable",
        "the consumers don't have to be quick about it, they just need to get every message",
        # trailing by seconds or by a degree word, declared harmless
        "a few seconds behind doesn't matter for the analytics feed",
        "the loyalty points can land after the customer has their answer, a little late is totally fine",
        # latency ranked below another need
        "latency is secondary for these events, durability first",
        "throughput matters more than latency for the ingest topics",
        "we care about throughput way more than latency here",
        # delivery at some point is enough
        "as long as every event arrives eventually we're happy",
        "eventual delivery is fine for the audit events",
        "sub-second is plenty for the notifications",
        # off the path anyone waits on; a budget said as its order
        "the audit messages are not on the hot path",
        "second-level latency is ok for the alerts",
        # contracted, abbreviated, hedged
        "speed's not the point here, not losing a single order is",
        "fwiw latency reqs are pretty lax for the consumers",
        "we don't need anything close to real time for the ledger sync",
    ],
)
def test_a_delay_nobody_minds_is_low_ms(text: str) -> None:
    assert settled(text, "latency") == "low-ms"


@pytest.mark.parametrize(
    "text",
    [
        # vague speed words: the team's idea of fast is not said
        "it has to feel instant to the trader",
        "as fast as possible please",
        "low latency would be nice but not required",
        "ultra low latency is a must",
        # a figure said to be too much: the need lies below it, by how much is not said
        "we can't afford even a few ms of extra latency",
        # something other than the messaging
        "the ci pipeline doesn't need to be fast",
        "hourly is fine for the snapshots",
        "the project is behind schedule by a few weeks, which doesn't matter",
        "the courier being a few minutes late doesn't matter",
        "the train is a little late, that's fine",
        "the read replica is a few seconds behind the primary, that's fine",
        "sub-second queries on the dashboard are fine",
        "no rush on the migration, we have until q3",
        "nobody is waiting on the backlog of bug reports",
        "the fraud check is on the critical path",
        "metrics at second-level granularity",
        # a state of today, often what the team wants to change
        "today the fraud checks are not real-time, they run in a nightly batch",
        "the alerts are not real time yet and that's the problem",
        "our events aren't latency sensitive right now but they will be once trading goes live",
    ],
)
def test_control_vague_other_or_present_latency_words_settle_nothing(text: str) -> None:
    assert settled(text, "latency") is None


def test_a_vague_speed_word_is_asked() -> None:
    assert "latency" in read("it has to feel instant to the trader")[1]


# ---- throughput: counts in words at both ends of what they can mean


@pytest.mark.parametrize(
    "text",
    [
        "it's thousands per day, not more",
        "dozens a second at most",
        "under a hundred per second",
        "a couple of messages a minute",
        "a handful of events per second",
        "not big data at all, a few gigs a day",
        # business events counted, each one message or a few
        "a few hundred orders a day",
        "dozens of bookings an hour",
    ],
)
def test_a_small_count_in_words_is_moderate(text: str) -> None:
    assert settled(text, "throughput") == "moderate"


@pytest.mark.parametrize(
    "text",
    [
        "petabytes a day of telemetry",
        "terabytes an hour of clickstream land in the topics",
        "hundreds of MB per second sustained",
    ],
)
def test_bytes_in_words_above_the_high_bound_are_high(text: str) -> None:
    assert settled(text, "throughput") == "high"


@pytest.mark.parametrize(
    "text",
    [
        # the range of the words spans the moderate byte bound (10 MB/s)
        "tens of GB per hour",
        "tens of MB per second",
    ],
)
def test_control_an_amount_in_words_across_a_bound_is_asked(text: str) -> None:
    settled_answers, asked = read(text)
    assert "throughput" not in settled_answers
    assert "throughput" in asked


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # across the moderate bound (10 MB/s) and across the high one (100 MB/s): the question quotes the range the
        # words span, not a figure nobody said
        ("tens of GB per hour", "2.8 to 27.5 MB/s"),
        ("a few hundred GB an hour of events", "83.3 to 250.0 MB/s"),
        ("several TB a day of clickstream", "57.9 to 104.2 MB/s"),
    ],
)
def test_an_amount_in_words_across_a_bound_is_asked_with_its_range(text: str, quoted: str) -> None:
    [question] = [a for a in parse(text).ambiguous if a.question == "throughput"]
    assert question.note.startswith(quoted)


@pytest.mark.parametrize(
    "text",
    [
        # a size, not a rate
        "the batch size is a few hundred messages",
        "a few GB of ram per node",
        # counted people or money, not messages
        "thousands a day sign up",
        "we lose thousands a day when it's down",
        "tens of thousands of users a day",
        # one producer's count, to be multiplied by a fleet
        "each sensor sends a couple of messages a minute",
        "each store sends a few hundred orders a day",
        "the meters report a couple of samples a minute",
        "a few hundred users a day",
        # size words without a figure lean at most
        "traffic is modest",
        "a trickle of events",
    ],
)
def test_control_sizes_people_and_vague_volume_words_settle_nothing(text: str) -> None:
    assert settled(text, "throughput") is None


# ---- ops: a team short of people


@pytest.mark.parametrize(
    "text",
    [
        "a skeleton crew keeps the lights on",
        "we're short-staffed on ops",
        "the infra folks are stretched thin",
        "indie dev here",
        "it's a one-man show",
        "I'm a solo founder, so whatever I pick I run",
        "nobody on the team has time to run infra",
        "we don't have the headcount for an ops team",
        "our devs are also our ops",
        # operations that are the writer and a few others, whatever the team is called
        "ops is basically me",
        "the ops team is me and two others",
        "our platform team is just me",
    ],
)
def test_a_team_short_of_people_is_small(text: str) -> None:
    assert settled(text, "ops") == "small"


@pytest.mark.parametrize(
    "text",
    [
        "we run a skeleton crew over the holidays",
        "the hospital is short-staffed",
        "our customers' it teams are stretched thin",
        "a small squad of testers",
        "the vendor's support team is small",
    ],
)
def test_control_staffing_of_others_or_of_a_season_settles_nothing(text: str) -> None:
    assert settled(text, "ops") is None


def test_a_relaxed_ephemeral_workload_reaches_nats_core() -> None:
    text = (
        "presence pings between our services, nothing needs to be stored, a dropped one is harmless; "
        "milliseconds are fine for delivery"
    )
    advice = advise(text=text)
    assert advice.answers.get("latency") == "low-ms"
    assert advice.recommendation == "nats-core"
