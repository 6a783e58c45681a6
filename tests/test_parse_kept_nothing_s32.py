"""Keeping nothing in the messaging system is never read as keeping (issue 8, s32; precision first).

"we keep nothing on the broker" settled persistence = yes: the phrase for messages kept in the bus, broker, queue
or stream took "nothing" for what is kept.  What is kept there being nothing, none or no messages now stops it.
Sentences written for this test.
"""

import pytest

from bot.advisor.parse import parse


def persistence(text: str) -> str | None:
    return parse(text).as_dict().get("persistence")


@pytest.mark.parametrize(
    "text",
    [
        "we keep nothing on the broker, consumers get it live or not at all",
        "we retain none of the events in the stream once they are fanned out",
        "we hold no messages in the queue, the sockets get them directly",
        "the gateway parks zero state on the bus",
    ],
)
def test_keeping_nothing_in_the_messaging_system_is_never_read_as_kept(text: str) -> None:
    assert persistence(text) != "yes"


@pytest.mark.parametrize(
    "text",
    [
        "we keep every order on the broker until billing acks it",
        "we retain the events in the stream for a week",
    ],
)
def test_keeping_messages_in_the_messaging_system_is_still_read_as_kept(text: str) -> None:
    assert persistence(text) == "yes"
