"""A card after 'Not sure' answers: they are shown as not sure, not as unanswered."""

from __future__ import annotations

from tests.slack.conftest import World
from tests.slack.harness import CHANNEL, text_of


async def test_questions_answered_not_sure_are_not_listed_as_not_answered_on_the_card(world: World) -> None:
    thread_ts = await world.start("")
    card = await world.answer_until_card(thread_ts, lambda question: "answer_unsure", most=12)
    shown = text_of(card)
    assert "Not answered: " not in shown, shown  # every question got an answer: "Not sure"
    assert "Not sure: Need message persistence" in shown, shown
    await world.send.click(card, "card_adopt")
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopted")
    decided = text_of(world.mock.message(CHANNEL, card.ts))
    assert "Not answered: " not in decided and "Not sure: Need message persistence" in decided, decided


async def test_the_adr_records_not_sure_answers_as_not_sure(world: World) -> None:
    thread_ts = await world.start("")
    card = await world.answer_until_card(thread_ts, lambda question: "answer_unsure", most=12)
    await world.send.click(card, "card_export_adr")
    await world.mock.wait_for(lambda: world.mock.files, what="the ADR")
    adr = world.mock.files[0]["content"]
    assert "| Do messages need to be persisted? | Not sure |" in adr, adr
    assert "No workload questions were answered" not in adr and "Not answered: Do messages" not in adr, adr
