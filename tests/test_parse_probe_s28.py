"""A claim check after a denial of keeping, and request-reply without the word (issue 8, classes 1 and 6).

"The files aren't stored in the queue, only their s3 keys" does not say nothing is kept: the
messages carry references to data kept elsewhere, and whether those messages must be kept is
asked.  A denial followed by anything else ("just fire and forget", "only the latest value") still
reads persistence = no.  Written in new words before the rule; the held-out sets were run once,
after it.
"""

import pytest

from bot.advisor.parse import parse

CLAIM_CHECK = [
    "the raw images are not stored in the queue, only pointers to the bucket",
    "the files are not stored in the queue, only their s3 keys",
    "attachments aren't persisted by the bus; just references to the bucket",
    "video frames are never kept on the broker, the broker just gets the object key",
]
HELD_OUT_CLAIM_CHECK = [
    "scans aren't stored on the bus, we only pass the document ids along",
    "big payloads never sit in nats, just a url to blob storage",
    "audio clips are not retained by the broker, only links to the recording",
]
# The denial itself is not read in these: nothing is settled, which is right, but nothing is asked either.
DENIAL_UNREAD = {
    "big payloads never sit in nats, just a url to blob storage": "'never sit in nats' is not read as a denial",
    "audio clips are not retained by the broker, only links to the recording": "'not retained by the broker' is unread",
}
# A denial that goes on to something other than a reference still settles "no".
STILL_DENIED = [
    "nothing is persisted, just fire and forget",
    "no durability needed, just speed",
    "the pings aren't stored, only forwarded",
    "the events aren't stored, we only keep counters",
]
HELD_OUT_STILL_DENIED = [
    "heartbeats are not kept, only the newest one matters",
    "no storage on the bus, just push and forget",
]


def read(text: str) -> tuple[str | None, set[str | None]]:
    result = parse(text)
    return result.as_dict().get("persistence"), {a.question for a in result.ambiguous}


@pytest.mark.parametrize("text", CLAIM_CHECK + HELD_OUT_CLAIM_CHECK)
def test_a_claim_check_never_reads_as_nothing_kept(text):
    assert read(text)[0] is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=DENIAL_UNREAD[t])) if t in DENIAL_UNREAD else t
        for t in CLAIM_CHECK + HELD_OUT_CLAIM_CHECK
    ],
)
def test_a_claim_check_after_a_denial_is_asked(text):
    assert "persistence" in read(text)[1]


@pytest.mark.parametrize("text", STILL_DENIED + HELD_OUT_STILL_DENIED)
def test_a_denial_followed_by_something_other_than_a_reference_still_says_no(text):
    assert read(text)[0] == "no"


# Request-reply without the word (failure class 6): synchronous calls moved onto messaging, traffic that
# expects an answer, a service that needs another's answer before it goes on.
CALLS = [
    "our api layer needs answers from the pricing engine in under 20ms",
    "we replace grpc calls between services with messaging",
    "lookup calls dominate; 90% of the traffic expects a reply",
    "the checkout waits for a verdict from the fraud service",
    "we move internal rest traffic onto the bus",
]
HELD_OUT_CALLS = [
    "the mobile backend needs a quote from the pricing service before it can render the cart",
    "we're moving internal grpc traffic onto the message bus",
    "workers register handlers on nats subjects and callers get the result back",
]
CALLS_UNREAD = {
    "every lookup sent over the bus expects an answer": "a participle between the subject and 'expects'",
    "the order service checks with fraud before confirming, and that call is on the critical path": (
        "'checks with fraud' names no callee word (service, engine, api)"
    ),
}
# A person's or a team's answer, data fetched at a consumer's pace, events no one answers: no request-reply.
NOT_CALLS = [
    "we need answers from the data team about retention",
    "the expected reply time of our support team is a day",
    "services publish events and never expect a reply",
    "we moved our rest calls to graphql",
    "we replaced our REST webhooks with events that nobody answers",
    "consumers fetch batches from the topic at their own pace",
    "services publish events and never wait for anyone",
    "the dashboard fetches metrics from prometheus",
]


@pytest.mark.parametrize(
    "text",
    CALLS
    + HELD_OUT_CALLS
    + [pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=why)) for t, why in CALLS_UNREAD.items()],
)
def test_calls_that_wait_for_an_answer_are_request_reply(text):
    assert parse(text).as_dict().get("request_reply") == "yes"


@pytest.mark.parametrize("text", NOT_CALLS)
def test_answers_from_people_and_unanswered_events_are_not_request_reply(text):
    assert parse(text).as_dict().get("request_reply") != "yes"


# A statement, then a question of its own after a coordinator: the statement stands (issue 8, class 1: a
# question is one more way a phrase is not stated; only the question's own clause is asked).
STATED_THEN_ASKED = [
    ("events must survive restarts and we're 3 people so what should we use?", "persistence", "yes"),
    ("we need replay and is jetstream enough?", "persistence", "yes"),
    ("nothing needs to be kept so which one is lighter?", "persistence", "no"),
    # held out
    ("replay of a week is a must, and which broker makes that cheap?", "persistence", "yes"),
    ("every order has to be delivered even if the consumer is down so which is simpler to run?", "persistence", "yes"),
]
# A clause that opens as a question asks all of it.
ASKED_THROUGHOUT = [
    ("do we need durable events and what throughput should we plan for?", "persistence"),
    ("what if we need replay and how big would it get?", "persistence"),
    ("we need replay?", "persistence"),
    # held out
    ("is sub-millisecond latency needed and how would we measure it?", "latency"),
    ("should we keep events for replay or is that overkill?", "persistence"),
]


@pytest.mark.parametrize(("text", "question", "value"), STATED_THEN_ASKED)
def test_a_statement_before_a_question_of_its_own_stands(text, question, value):
    assert parse(text).as_dict().get(question) == value


@pytest.mark.parametrize(("text", "question"), ASKED_THROUGHOUT)
def test_a_clause_that_opens_as_a_question_is_asked(text, question):
    result = parse(text)
    assert question not in result.as_dict()
    assert question in {a.question for a in result.ambiguous}
