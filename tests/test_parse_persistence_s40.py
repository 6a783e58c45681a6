"""Persistence: what a denial is said of, and fire-and-forget as a way of calling (issue 8, s40).

Read as "no": a flow that a word naming kept data would otherwise hint at ("reporting", "analytics") as the very
subject of a clause that gives its messages up ("reporting is best-effort and can drop"): the denial is said of
that traffic, and the same word named again elsewhere is that one traffic, so it does not contest the denial.

Asked, not "no": fire-and-forget said of calls, requests or invocations (a caller that does not wait for a reply,
beside request/response): the call style says nothing of whether messages are kept (Guide § Decision Flowchart:
request-reply and persistence are two questions).

Controls: a hint that is not the denial's subject still contests it; fire-and-forget said of data still denies.

The sentences are written for this test; none comes from the corpus.
"""

import pytest

from tests.parse_helpers import answer_of


def persistence(text: str) -> str | None:
    return answer_of(text, "persistence")


SUBJECT_GIVEN_UP = [
    "the analytics beacons are best effort; a missed one is fine",
    "reporting is best-effort, so under pressure it sheds samples",
    "when the box is busy, reporting stays best-effort and can drop",
    "the reporting feed is best-effort only",
    "we want a reporting view of the lines. mqtt for reporting, and reporting is best-effort and can drop",
]

CALL_STYLE = [
    "some requests are request/response where the client blocks, the rest are fire-and-forget async calls",
    "half our rpc is request/reply and half is fire-and-forget",
    "services call each other with request/response, and a few calls are fire and forget",
    "the sdk lets you do request-reply or fire-and-forget invocations",
    "some calls wait for an answer, others are fire-and-forget async.",
]

STILL_NO = [
    "presence pings are fire-and-forget, nobody cares if one drops",
    "messages are fire and forget",
    "telemetry is fire-and-forget, commands use request-reply",
    "cursor positions go out fire and forget",
    "position updates are delivered best-effort",
]

STILL_ASKED = [
    # the hint is another traffic than the one given up
    "reporting has to see every event, the live feed is best-effort",
    "the analytics team wants everything; the ui pushes are best effort",
    "analytics must get every event, but the ui updates are best-effort",
]


@pytest.mark.parametrize("text", SUBJECT_GIVEN_UP)
def test_a_denial_said_of_the_hinted_traffic_settles_no(text: str) -> None:
    assert persistence(text) == "no"


@pytest.mark.parametrize("text", CALL_STYLE)
def test_fire_and_forget_calls_are_a_call_style_not_a_denial(text: str) -> None:
    assert persistence(text) in ("?", None)


@pytest.mark.parametrize("text", STILL_NO)
def test_fire_and_forget_or_best_effort_said_of_data_still_denies(text: str) -> None:
    assert persistence(text) == "no"


@pytest.mark.parametrize("text", STILL_ASKED)
def test_a_hint_of_another_traffic_still_contests(text: str) -> None:
    assert persistence(text) == "?"


def test_best_effort_rejected_is_still_kept() -> None:
    assert persistence("best-effort won't cut it for reporting") == "yes"


# Read as "yes": put where it waits (a queue, a buffer, a stream) and handled from there later: what waits there is
# kept until its reader gets to it.  Controls: a ticket put in a backlog, a document gone through later.
HANDLED_LATER = [
    "the collectors push raw events into a queue so the workers can handle them later",
    "ingest just drops the payloads onto a queue so downstream services can deal with them later",
    "uploads land in a buffer so that the indexers can work through them later",
    "we write every click into a stream and the batch jobs handle them later",
]

NOT_HANDLED_LATER = [
    "put the ticket in the backlog and handle it later",
    "we'll go through the design doc later",
    "we'll handle that later",
]


@pytest.mark.parametrize("text", HANDLED_LATER)
def test_queued_to_be_handled_later_is_kept(text: str) -> None:
    assert persistence(text) == "yes"


@pytest.mark.parametrize("text", NOT_HANDLED_LATER)
def test_work_put_off_is_no_message_kept(text: str) -> None:
    assert persistence(text) != "yes"


# Asked, not "no": a way to pass messages that is no broker (gRPC, HTTP, websockets, a database's NOTIFY) as the
# subject of what it has, lacks or loses, also as the second predicate of that subject after "and"/"but": it
# describes that option, not the workload's need.  Controls: the team's own denial still denies.
OPTION_LACKS = [
    "grpc costs almost nothing but has no queueing",
    "websockets have no persistence",
    "plain http has no retries or buffering",
    "we looked at postgres notify, but postgres notify loses messages on a disconnect with no way to replay",
    "webhooks are simple and have no durability",
]

TEAM_DENIES = [
    "grpc is fine, we don't need persistence",
    "we call the api over grpc and nothing needs to be kept",
]


@pytest.mark.parametrize("text", OPTION_LACKS)
def test_what_an_option_lacks_is_no_denial_of_the_need(text: str) -> None:
    assert persistence(text) in ("?", None)


@pytest.mark.parametrize("text", TEAM_DENIES)
def test_the_teams_own_denial_still_denies(text: str) -> None:
    assert persistence(text) == "no"


# Read as "yes": a question whether messages are lost, answered at once by a need for the opposite (the reply's
# pronoun stands for the loss just asked about).  Controls: a loss of something that is no message, a reply that
# only doubts or accepts, a question that is no loss.
LOSS_ASKED_AND_REFUSED = [
    "if one box in our cluster dies, is everything on it just gone? we'd need it not to be",
    "when a broker restarts, are the queued messages lost? we need them not to be",
    "does a node crash wipe out whatever it was holding? that can't happen for us",
    "if the consumer is offline for an hour, do the events it missed just vanish? we can't have that",
    "will in-flight orders get lost during a deploy? that would be unacceptable",
    "is data gone after a power cut? it mustn't be",
]

LOSS_ASKED_ONLY = [
    "is the dashboard gone after a redeploy? we'd need it not to be",
    "are the docs lost? hopefully not",
    "does it scale? we need it to",
    "what happens to the old config? we'd need it not to be overwritten",
    "if a node dies, is everything gone? no idea, we never tested it",
    "are messages lost if a node dies? that's fine for the metrics",
    "if a consumer is slow, are updates dropped? that's not a problem",
]


@pytest.mark.parametrize("text", LOSS_ASKED_AND_REFUSED)
def test_a_loss_asked_about_and_refused_is_a_need_to_keep(text: str) -> None:
    assert persistence(text) == "yes"


@pytest.mark.parametrize("text", LOSS_ASKED_ONLY)
def test_a_question_without_a_refusal_of_the_loss_keeps_nothing(text: str) -> None:
    assert persistence(text) != "yes"


# Not "yes": an event store that a database holds keeps the events as the database's records, so keeping by the
# messaging system is not implied.  Controls: the log or the stream as the event store still implies it.
EVENT_STORE_IN_A_DATABASE = [
    "the event store lives in postgres and the ui just needs push updates",
    "there's a postgres event store behind the api; browsers need live updates",
    "marten event store on postgres, we want push to browsers in under 100ms",
    "mysql-backed event store behind it, and we need websocket fan-out",
]

EVENT_STORE_IN_THE_LOG = [
    "we do event sourcing with kafka as the event store",
    "jetstream as our event store",
    "an event store we can replay from the beginning",
]


@pytest.mark.parametrize("text", EVENT_STORE_IN_A_DATABASE)
def test_an_event_store_in_a_database_implies_no_kept_messages(text: str) -> None:
    assert persistence(text) != "yes"


@pytest.mark.parametrize("text", EVENT_STORE_IN_THE_LOG)
def test_the_log_as_the_event_store_still_keeps(text: str) -> None:
    assert persistence(text) == "yes"


# Read as "yes": messages gone once consumed, said with what that costs (debugging, post-mortems): keeping them past
# consumption is wanted.  Said of a named product it is that product's description, asked.  Controls: the same
# without a cost is how a queue works.
GONE_AFTER_ACK_COSTS = [
    "once a message is acked it's gone, which makes debugging a nightmare",
    "the queue retains nothing once consumed, so post-mortems are impossible",
    "we run work queues and the workers are fine, but the broker keeps nothing after an ack so debugging is painful",
]

GONE_AFTER_ACK_ONLY = [
    "rabbit deletes messages on ack",
    "acked messages are gone and that's fine",
    "nothing is kept once it's processed",
    "the debugging is painful because the logs are a mess",
    "rabbit deletes everything on ack, so debugging is painful",
]


@pytest.mark.parametrize("text", GONE_AFTER_ACK_COSTS)
def test_messages_gone_after_ack_at_a_cost_want_keeping(text: str) -> None:
    assert persistence(text) == "yes"


@pytest.mark.parametrize("text", GONE_AFTER_ACK_ONLY)
def test_messages_gone_after_ack_without_a_cost_of_the_team_settle_nothing(text: str) -> None:
    assert persistence(text) != "yes"
