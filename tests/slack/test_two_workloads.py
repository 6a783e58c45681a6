"""A description of two workloads keeps its split through the conversation in Slack (issue 8)."""

from __future__ import annotations

from tests.slack.conftest import World
from tests.slack.harness import CHANNEL, action_ids, text_of
from tests.slack.mock_slack import Message

# Two workloads told apart by "separately": chatter that is useless once late, and a ledger
# kept for years and processed in windows at a high rate.  Persistence differs, so it is asked.
TWO_WORKLOADS = (
    "two sorts of traffic on this platform. the trading bots gossip quotes to each other and a quote that is "
    "a moment old is of no use, none of it has to be stored. separately, every fill goes into a ledger "
    "we keep for 7 years and replay for audits, with windowed aggregates over ~2M msgs/s."
)


def _persisted_else_unsure(question: Message) -> str:
    # The one question both workloads answer differently gets the ledger's answer; the rest: not sure.
    button = "answer:yes" if "persist" in text_of(question).lower() else "answer_unsure"
    assert button in action_ids(question)
    return button


async def test_a_conversation_about_two_workloads_ends_on_the_hybrid_naming_who_serves_what(world: World) -> None:
    thread_ts = await world.start(TWO_WORKLOADS)
    card = await world.answer_until_card(thread_ts, _persisted_else_unsure)
    shown = text_of(card)
    assert "Hybrid" in shown
    # Which system serves which workload, in the user's own words; NATS Core is part of the answer.
    assert "NATS Core for “" in shown
    nats_core_words = shown.split("NATS Core for “", 1)[1].split("”", 1)[0]
    assert nats_core_words in TWO_WORKLOADS[: TWO_WORKLOADS.index("separately")]  # the quotes' workload
    assert "Apache Kafka for “" in shown and "7 years" in shown
    assert "ruled out" not in shown
    await world.send.click(card, "card_adopt")
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopted")
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        [decision] = list(await repo.history(session, team_id=world.team_id))
    assert decision.recommended_system == "hybrid"  # type: ignore[attr-defined]
    assert decision.chosen_system == "hybrid"  # type: ignore[attr-defined]
