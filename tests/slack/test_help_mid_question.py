"""'help' typed while a question is open."""

from __future__ import annotations

from tests.slack.conftest import World
from tests.slack.harness import BOB, text_of


async def test_help_typed_while_a_question_is_open_explains_how_to_answer_it(world: World) -> None:
    thread_ts = await world.start("")
    count = len(world.thread(thread_ts))
    await world.send.say("help", thread_ts=thread_ts, user=BOB)
    reply = await world.mock.wait_for(
        lambda: next(iter(world.thread(thread_ts)[count:]), None), what="a reply to help"
    )
    text = text_of(reply)
    # Asking for help is not a failed answer: no "I did not catch", but how to answer and what else works.
    assert "did not catch" not in text, text
    assert "Do messages need to be persisted?" in text and "*yes*" in text and "*not sure*" in text, text
    assert "/msgchoice help" in text, text
