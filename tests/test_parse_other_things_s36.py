"""Words of keeping, losing, latency and team size said of something other than the workload (issue 8, s36, h72).

Precision first: a phrase settles a question only when it speaks of this workload's messages, latency or team.
Said of a database's or a backup's retention, of time or functionality lost, of a team behind its roadmap, of an
upload or an installer resuming, of pods, caches or session state, of an earlier vendor's queue, of a team next
door, of a design team, or of a report or a batch job that is not real-time, it is asked or says nothing.
"Nothing needs archiving" beside a delivery the text still requires (exactly once, events waiting for an offline
consumer, a notification reaching a phone that comes online later) is asked, never read as nothing kept.
Sentences written for this test.
"""

import pytest

from tests.parse_helpers import read


@pytest.mark.parametrize(
    "text",
    [
        "the db retention policy is 90 days and legal is happy with that",
        "we can't lose any more time on ops firefighting",
        "no loss of functionality is expected after the migration",
        "honestly we're hours behind on the roadmap because of the migration",
        "the upload resumes where it stopped if the browser crashes",
        "the installer picks up where it left off after a reboot",
        "there's no guarantee the partner api answers in time",
        "the pods have no local disk",
        "nothing gets written to local disk on the pods, they're stateless",
        "session state doesn't need to be kept between logins",
        "the cache doesn't need to survive restarts",
        "the previous vendor's queue stored messages for 14 days, no idea if we still need that",
    ],
)
def test_keeping_said_of_something_else_settles_nothing(text: str) -> None:
    assert "persistence" not in read(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "nothing needs to be archived; each command must be executed exactly once",
        "no history needed. if the consumer is offline the events just wait for it",
        "not interested in replay or event sourcing. a push notification must reach the phone even if it comes "
        "online an hour later",
    ],
)
def test_history_denied_beside_a_required_delivery_is_asked(text: str) -> None:
    answers, asked = read(text)
    assert "persistence" not in answers
    assert "persistence" in asked


@pytest.mark.parametrize(
    "text",
    [
        "our 3-person design team made the mockups",
        "the 2-person data team only builds dashboards",
    ],
)
def test_a_team_that_does_not_run_it_is_no_ops_answer(text: str) -> None:
    assert "ops" not in read(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "the trading desk next door needs microsecond latency, we really don't",
        "the team next door runs hft stuff with microsecond budgets",
        "the reporting dashboards are not real-time, they refresh overnight",
        "the admin api isn't latency sensitive at all",
        "the nightly export doesn't need to be real-time",
        "the batch scoring job has no latency requirements, it runs weekly",
    ],
)
def test_latency_of_another_team_or_thing_settles_nothing(text: str) -> None:
    assert "latency" not in read(text)[0]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("the blog post we read said nats streaming persisted everything to disk", "persistence"),
        ("the benchmark we found shows sub-millisecond latency", "latency"),
    ],
)
def test_what_a_text_someone_read_says_is_asked(text: str, question: str) -> None:
    answers, asked = read(text)
    assert question not in answers
    assert question in asked


def test_a_vendors_stream_processor_is_theirs() -> None:
    assert "stream_processing" not in read("the vendor's flink service does the windowing before it reaches us")[0]


# Controls: the workload's own statements still settle (pass before and after).
@pytest.mark.parametrize(
    ("text", "question", "value"),
    [
        ("the consumer picks up where it left off after a reboot", "persistence", "yes"),
        ("if the consumer is offline the messages have to wait for it", "persistence", "yes"),
        ("the relay must never hang on to events", "persistence", "no"),
        ("we can't lose a single order message", "persistence", "yes"),
        ("nothing on the bus needs to be stored, it's all live updates", "persistence", "no"),
        ("messages need to be retained for 3 days in case a downstream system is down", "persistence", "yes"),
        ("a 3-person team runs kafka", "ops", "small"),
        ("we're a small team of four", "ops", "small"),
        ("the sync job isn't latency bound at all", "latency", "low-ms"),
        ("p99 for messages on the bus should be below 10ms", "latency", "low-ms"),
        ("the control loop needs sub-millisecond delivery", "latency", "sub-ms"),
        ("each command must be executed exactly once", "exactly_once", "yes"),
        ("product says it must be under 5 ms", "latency", "low-ms"),
        ("we run flink for our customers' dashboards", "stream_processing", "yes"),
        ("our cto says we need messages kept for 30 days", "persistence", "yes"),
    ],
)
def test_control_own_statements_still_settle(text: str, question: str, value: str) -> None:
    assert read(text)[0].get(question) == value
