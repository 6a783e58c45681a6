"""The recommendation card: adopt, another choice through a modal, full comparison, ADR; App Home."""

from __future__ import annotations

from tests.slack.conftest import World
from tests.slack.harness import ALICE, BOB, CHANNEL, action_ids, text_of
from tests.slack.mock_slack import Message

# Enough in the description to reach the flowchart's leaf; the two extras are then answered by typing.
DESCRIPTION = "durable event log, moderate throughput, small team, no request-reply, greenfield"


async def _card(world: World, text: str = DESCRIPTION) -> tuple[str, Message]:
    thread_ts = await world.start(text)
    for _ in range(4):
        question = world.open_question(thread_ts)
        if question is None:
            break
        first_button = next(a for a in action_ids(question) if a.startswith("answer:"))
        await world.send.click(question, first_button)

        def moved_on(q: Message = question) -> bool:
            now = world.open_question(thread_ts)
            has_card = any(b.get("block_id", "").startswith("card:") for m in world.thread(thread_ts) for b in m.blocks)
            return has_card or (now is not None and now is not q)

        await world.mock.wait_for(moved_on, what="next step")
    card = await world.wait_card(thread_ts)
    return thread_ts, card


async def _decisions(world: World) -> list[object]:
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        return list(await repo.history(session, team_id=world.team_id))


async def test_the_card_shows_system_confidence_path_reasons_and_four_buttons(world: World) -> None:
    _, card = await _card(world)
    text = text_of(card)
    assert "Recommendation:" in text and "Confidence" in text and "Flowchart path" in text
    assert "```" in text  # cited table excerpts, aligned
    assert {"card_adopt", "card_chose_other", "card_full_comparison", "card_export_adr"} <= set(action_ids(card))


async def test_adopting_twice_records_one_decision_and_marks_the_card(world: World) -> None:
    thread_ts, card = await _card(world)
    clicks = [
        world.send.block_actions(card, "card_adopt", user=ALICE),
        world.send.block_actions(card, "card_adopt", user=BOB),
    ]
    for click in clicks:
        assert (await world.send.interact(click)).status == 200
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopted")
    await world.mock.wait_calls("chat.postEphemeral")
    decisions = await _decisions(world)
    assert len(decisions) == 1
    # Both clicks are acked before the work, so either may be processed first: exactly one records.
    assert decisions[0].decided_by in (ALICE, BOB)  # type: ignore[attr-defined]
    loser = BOB if decisions[0].decided_by == ALICE else ALICE  # type: ignore[attr-defined]
    assert world.mock.calls_to("chat.postEphemeral")[0].args["user"] == loser
    assert "card_adopt" not in action_ids(world.mock.message(CHANNEL, card.ts))
    assert any("Decision recorded" in text_of(m) for m in world.thread(thread_ts))


async def test_another_choice_needs_a_rationale_then_is_recorded_with_it(world: World) -> None:
    _, card = await _card(world)
    await world.send.click(card, "card_chose_other")
    opened = (await world.mock.wait_calls("views.open"))[0].args["view"]
    assert opened["callback_id"] == "chose_other"
    empty = await world.send.submit_view(
        opened,
        {
            "system": {
                "system_select": {
                    "type": "static_select",
                    "selected_option": {"text": {"type": "plain_text", "text": "Apache Kafka"}, "value": "kafka"},
                }
            },
            "rationale": {"rationale_input": {"type": "plain_text_input", "value": "   "}},
        },
    )
    assert empty.status == 200
    assert empty.json()["response_action"] == "errors" and "rationale" in empty.json()["errors"]
    assert await _decisions(world) == []
    ok = await world.send.submit_view(
        opened,
        {
            "system": {
                "system_select": {
                    "type": "static_select",
                    "selected_option": {"text": {"type": "plain_text", "text": "Apache Kafka"}, "value": "kafka"},
                }
            },
            "rationale": {
                "rationale_input": {"type": "plain_text_input", "value": "Platform team already runs Kafka <!channel>"}
            },
        },
        user=BOB,
    )
    assert ok.status == 200 and ok.body == ""
    await world.mock.wait_for(
        lambda: "The team chose" in text_of(world.mock.message(CHANNEL, card.ts)), what="override"
    )
    shown = text_of(world.mock.message(CHANNEL, card.ts))
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown
    decisions = await _decisions(world)
    assert [(d.chosen_system, d.decided_by) for d in decisions] == [("kafka", BOB)]  # type: ignore[attr-defined]
    assert decisions[0].rationale.startswith("Platform team")  # type: ignore[attr-defined]


async def test_full_comparison_and_adr_are_posted_in_the_thread(world: World) -> None:
    thread_ts, card = await _card(world)
    await world.send.click(card, "card_full_comparison")
    await world.mock.wait_for(
        lambda: any("Full comparison" in (m.text or "") for m in world.thread(thread_ts)), what="comparison"
    )
    await world.send.click(world.mock.message(CHANNEL, card.ts), "card_adopt")
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopted")
    await world.send.click(world.mock.message(CHANNEL, card.ts), "card_export_adr")
    adr = await world.mock.wait_for(
        lambda: next((m for m in world.thread(thread_ts) if "decision record" in (m.text or "")), None), what="ADR"
    )
    assert "```" in text_of(adr) and "#" in text_of(adr)


async def test_app_home_shows_a_start_button_recent_decisions_and_the_digest_place(world: World) -> None:
    _, card = await _card(world)
    await world.send.click(card, "card_adopt")
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopted")
    await world.send.home_opened(BOB)
    published = (await world.mock.wait_calls("views.publish"))[0].args
    assert published["user_id"] == BOB
    view = published["view"]
    home = Message("home", "0", None, view["blocks"])
    assert "home_start" in action_ids(home)
    assert "msgchoice-test.slack.com/archives/C0GENERAL01/p" in text_of(home)
    assert "Weekly digest" in text_of(home)
    await world.send.click(home, "home_start", user=BOB)
    start_view = (await world.mock.wait_calls("views.open"))[0].args["view"]
    assert start_view["callback_id"] == "start_conversation"
    sent = await world.send.submit_view(
        start_view,
        {
            "channel": {"channel_select": {"type": "conversations_select", "selected_conversation": CHANNEL}},
            "description": {"description_input": {"type": "plain_text_input", "value": "sub-ms request-reply"}},
        },
        user=BOB,
    )
    assert sent.status == 200
    await world.mock.wait_for(
        lambda: sum(1 for m in world.mock.messages[CHANNEL] if m.thread_ts is None) == 2, what="second root"
    )
