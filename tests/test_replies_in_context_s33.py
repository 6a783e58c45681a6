"""A typed reply that needs its question to be understood (s33).

People answer the open question the way they would answer a colleague: "nope, it's all transient",
"10 ms", "dedicated team", "none needed".  Each of these was "I didn't catch that" before; the terminal, the
Slack thread and ``advise --json`` all read replies with :func:`bot.advisor.replies.interpret`.
Sentences written for this test.
"""

from __future__ import annotations

import pytest

from bot.advisor.replies import interpret
from knowledge import load


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load()


@pytest.mark.parametrize(
    ("question", "reply", "value"),
    [
        ("persistence", "nope, it's all transient", "no"),
        ("persistence", "yes they have to be stored", "yes"),
        ("persistence", "never, nobody replays them", "no"),
        ("edge", "yes, on the forklifts themselves", "yes"),
        ("stream_processing", "yes we join two feeds", "yes"),
        ("stream_processing", "no just plain pubsub", "no"),
        ("connectors", "none needed", "no"),
        ("connectors", "yes quite a few", "yes"),
        ("request_reply", "nothing like that", "no"),
        ("latency", "15ms", "low-ms"),
        ("latency", "a couple of seconds is fine", "low-ms"),
        ("ops", "dedicated team", "dedicated"),
        ("ops", "we have a dedicated team", "dedicated"),
        ("ops", "sre", "dedicated"),
        ("ops", "tiny", "small"),
    ],
)
def test_a_reply_is_read_as_an_answer_to_the_open_question(kb, question: str, reply: str, value: str) -> None:  # type: ignore[no-untyped-def]
    result = interpret(reply, kb.question(question), kb=kb)
    assert (result.kind, result.value) == ("answer", value)


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        # a statement about something else is a fact, not this question's answer
        ("persistence", "we run kafka today"),
        ("latency", "we run kafka today"),
        ("ops", "we run kafka today"),
        # "low" latency is a wish, not a budget
        ("latency", "low"),
    ],
)
def test_a_reply_that_does_not_answer_the_question_is_not_taken_as_its_answer(kb, question: str, reply: str) -> None:  # type: ignore[no-untyped-def]
    assert interpret(reply, kb.question(question), kb=kb).kind != "answer"


def test_the_words_of_a_reply_win_over_its_first_word(kb) -> None:  # type: ignore[no-untyped-def]
    result = interpret("no, we need to replay last week's events", kb.question("persistence"), kb=kb)
    assert (result.kind, result.value) == ("answer", "yes")
