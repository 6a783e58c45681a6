"""The recommendation card: adopt, another choice through a modal, full comparison, ADR; App Home."""

from __future__ import annotations

from tests.slack.conftest import World
from tests.slack.harness import ALICE, BOB, CHANNEL, action_ids, text_of
from tests.slack.mock_slack import Message

# Enough in the description to reach the flowchart's leaf; the two extras are then answered by typing.
DESCRIPTION = "durable event log, moderate throughput, small team, no request-reply, greenfield"


async def _card(world: World, text: str = DESCRIPTION) -> tuple[str, Message]:
    thread_ts = await world.start(text)

    def first_answer(question: Message) -> str:
        return next(a for a in action_ids(question) if a.startswith("answer:"))

    card = await world.answer_until_card(thread_ts, first_answer, most=4)
    return thread_ts, card


async def _decisions(world: World) -> list[object]:
    from bot.store import db, repo

    async with db.session_factory(world.db_url)() as session:
        return list(await repo.history(session, team_id=world.team_id))


async def test_the_card_shows_system_confidence_verdict_cited_reasons_and_six_buttons(world: World) -> None:
    _, card = await _card(world)
    text = text_of(card)
    assert "NATS JetStream" in text and "confidence" in text and "fits these answers best" in text
    assert "*Why*" in text and " › " in text  # reasons, each with a compact citation
    assert "```" not in text and "Flowchart path" not in text  # excerpts and the path are in Details
    assert action_ids(card)[-6:] == [
        "card_adopt", "card_chose_other", "card_details", "card_sizing", "card_full_comparison", "card_export_adr"
    ]


async def test_details_opens_the_full_reasoning_ranking_and_excerpts_in_a_modal(world: World) -> None:
    _, card = await _card(world)
    await world.send.click(card, "card_details")
    view = (await world.mock.wait_calls("views.open"))[0].args["view"]
    shown = text_of(Message("modal", "0", None, view["blocks"]))
    assert view["type"] == "modal" and view["title"]["text"].startswith("Why ")
    assert "Flowchart path" in shown and "*Ranking*" in shown and "```" in shown and "All reasons" in shown


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
    assert decisions[0].decided_by in {ALICE, BOB}  # type: ignore[attr-defined]  # whichever click came first
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


async def test_something_else_in_the_other_choice_modal_is_recorded_and_named_everywhere(world: World) -> None:
    # The modal offers "Something else" (a system the guide does not cover); choosing it was refused
    # with "Choose the system the team picked", so a team that picked RabbitMQ could not record it.
    _, card = await _card(world)
    await world.send.click(card, "card_chose_other")
    opened = (await world.mock.wait_calls("views.open"))[0].args["view"]
    select = next(b["element"] for b in opened["blocks"] if b.get("block_id") == "system")
    other = next(o for o in select["options"] if o["text"]["text"] == "Something else")
    sent = await world.send.submit_view(
        opened,
        {
            "system": {"system_select": {"type": "static_select", "selected_option": other}},
            "rationale": {"rationale_input": {"type": "plain_text_input", "value": "We already run RabbitMQ"}},
        },
    )
    assert sent.status == 200 and sent.body == ""  # no errors: the modal closes
    await world.mock.wait_for(
        lambda: "The team chose" in text_of(world.mock.message(CHANNEL, card.ts)), what="override"
    )
    assert "*another system* instead of NATS JetStream" in text_of(world.mock.message(CHANNEL, card.ts))
    decisions = await _decisions(world)
    assert [(d.chosen_system, d.rationale) for d in decisions] == [  # type: ignore[attr-defined]
        ("other", "We already run RabbitMQ")
    ]
    await world.send.command("history")
    history = await world.mock.wait_calls("response_url")
    assert "*another system* (advice was NATS JetStream)" in text_of(Message("h", "0", None, history[0].args["blocks"]))
    await world.send.click(world.mock.message(CHANNEL, card.ts), "card_export_adr")
    await world.mock.wait_for(lambda: len(world.mock.files) == 1, what="ADR")
    adr = world.mock.files[0]["content"]
    assert adr.startswith("# Use another system for messaging") and "We already run RabbitMQ" in adr


async def test_full_comparison_is_one_readable_message_per_table(world: World) -> None:
    thread_ts, card = await _card(world)
    await world.send.click(card, "card_full_comparison")
    tables = [t for t in __import__("knowledge").load().tables if t.kind == "comparison"]
    parts = await world.mock.wait_for(
        lambda: (found := [m for m in world.thread(thread_ts) if (m.text or "").startswith("Full comparison")])
        and len(found) == len(tables)
        and found,
        what="comparison",
    )
    assert all(len(text_of(m)) < 4000 for m in parts), [len(text_of(m)) for m in parts]
    assert f"1/{len(tables)}" in (parts[0].text or "")


async def test_the_adr_before_adoption_is_proposed_and_after_is_accepted_with_names(world: World) -> None:
    world.mock.users.update({ALICE: "alice", BOB: "bob"})
    thread_ts, card = await _card(world)
    await world.send.click(card, "card_export_adr")
    await world.mock.wait_for(lambda: len(world.mock.files) == 1, what="proposed ADR")
    proposed = world.mock.files[0]
    assert proposed["thread_ts"] == thread_ts and proposed["name"].endswith(".md")
    assert "Status: proposed" in proposed["content"] and "accepted" not in proposed["content"]
    assert "#0" not in proposed["content"] and "Proposed: no decision" not in proposed["content"]
    assert "@alice" in proposed["content"] and ALICE not in proposed["content"]
    await world.send.click(world.mock.message(CHANNEL, card.ts), "card_adopt", user=BOB)
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopted")
    assert "@bob" in text_of(world.mock.message(CHANNEL, card.ts)) and "<@" not in text_of(
        world.mock.message(CHANNEL, card.ts)
    )
    await world.send.click(world.mock.message(CHANNEL, card.ts), "card_export_adr")
    await world.mock.wait_for(lambda: len(world.mock.files) == 2, what="accepted ADR")
    accepted = world.mock.files[1]["content"]
    assert "Status: accepted" in accepted and "Deciders: @bob" in accepted and "#1" in accepted
    assert accepted.count("```") == 0  # one Markdown file, not code blocks split over messages


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


async def test_without_the_files_scope_the_adr_export_says_how_to_get_it(world: World) -> None:
    thread_ts, card = await _card(world)
    world.mock.error_once["files.getUploadURLExternal"] = "missing_scope"
    await world.send.click(card, "card_export_adr")
    reply = await world.mock.wait_for(
        lambda: next((m for m in world.thread(thread_ts) if "decision record" in text_of(m)), None), what="ADR note"
    )
    shown = text_of(reply)
    assert "proposed" in shown and ("files:write" in shown or "```" in shown)
    assert world.mock.files == []


async def _replaced(world: World, thread_ts: str, card: Message) -> Message:
    """Type a correction after ``card``: it is closed and a newer card follows."""
    await world.send.say("actually we need sub-ms latency", thread_ts=thread_ts, user=BOB)
    newer: Message = await world.mock.wait_for(
        lambda: next(
            (
                m
                for m in reversed(world.thread(thread_ts))
                if m.ts != card.ts and any(str(b.get("block_id", "")).startswith("card:") for b in m.blocks)
            ),
            None,
        ),
        what="the newer card",
    )
    await world.recorded(thread_ts)
    return newer


async def test_adopt_on_a_card_an_answer_replaced_records_nothing_and_points_to_the_current_one(
    world: World,
) -> None:
    # The buttons of a card closed by a later answer are still on a screen that has not caught up
    # (or the click was on its way): it recorded the old card's system against the new card's
    # advice, as an override with no rationale, and rewrote the old card with the new one's text.
    thread_ts, card = await _card(world)
    as_seen = Message(card.channel, card.ts, card.text, [dict(b) for b in card.blocks], card.thread_ts)
    newer = await _replaced(world, thread_ts, card)
    closed = text_of(world.mock.message(CHANNEL, card.ts))
    assert (await world.send.click(as_seen, "card_adopt")).status == 200
    note = (await world.mock.wait_calls("chat.postEphemeral"))[0].args
    assert note["user"] == ALICE and "Nothing recorded" in note["text"] and "out of date" in note["text"]
    assert await _decisions(world) == []
    assert text_of(world.mock.message(CHANNEL, card.ts)) == closed  # the old card is left as it was
    assert "card_adopt" in action_ids(world.mock.message(CHANNEL, newer.ts))
    assert not any("Decision recorded" in text_of(m) for m in world.thread(thread_ts))


async def test_another_choice_submitted_after_an_answer_replaced_its_card_records_nothing_and_keeps_the_rationale(
    world: World,
) -> None:
    thread_ts, card = await _card(world)
    await world.send.click(card, "card_chose_other")
    opened = (await world.mock.wait_calls("views.open"))[0].args["view"]
    await _replaced(world, thread_ts, card)
    sent = await world.send.submit_view(
        opened,
        {
            "system": {
                "system_select": {
                    "type": "static_select",
                    "selected_option": {"text": {"type": "plain_text", "text": "Apache Kafka"}, "value": "kafka"},
                }
            },
            "rationale": {"rationale_input": {"type": "plain_text_input", "value": "Ops runs Kafka <!here>\nfor us"}},
        },
    )
    assert sent.status == 200
    note = (await world.mock.wait_calls("chat.postEphemeral"))[0].args["text"]
    assert "Nothing recorded" in note
    assert "Ops runs Kafka &lt;!here&gt;" in note and "<!here>" not in note  # what they typed, to use again
    assert await _decisions(world) == []


async def test_a_hybrid_card_quotes_the_guide_for_the_part_it_speaks_of(world: World) -> None:
    # The guide's use-case matrix picks Kafka for CDC; a hybrid card said "For change data capture the
    # guide picks Hybrid: NATS + Kafka", and quoted every system's cell as the hybrid's ("… has stream
    # processing built around it: Apache Kafka Kafka Streams, …; NATS Core No; NATS JetStream No").
    thread_ts = await world.start("CDC from Postgres into S3 with Flink jobs, ~50k events/s, we run kafka today")

    def request_reply_yes(question: Message) -> str:
        if any(str(b.get("block_id", "")).startswith("answers:request_reply:") for b in question.blocks):
            return "answer:yes"
        return next(a for a in action_ids(question) if a.startswith("answer:"))

    card = await world.answer_until_card(thread_ts, request_reply_yes, most=6)
    shown = text_of(card)
    assert "Hybrid: NATS + Kafka · " in shown
    assert "the guide picks Hybrid" not in shown and "guide picks Apache Kafka (part of the hybrid)" in shown
    assert "NATS Core No" not in shown, shown
    assert "migration Hybrid" not in shown and "migration Apache Kafka" not in shown


async def test_a_card_that_moves_the_team_off_its_system_says_where_the_migration_notes_are(world: World) -> None:
    # The guide's migration notes were only in the Details modal, and nothing on the card said so.
    thread_ts = await world.start(
        "durable events at 2M msgs/s, stream processing, no request-reply, dedicated platform team, we run NATS today"
    )
    card = await world.answer_until_card(thread_ts, lambda q: next(a for a in action_ids(q) if a.startswith("answer:")))
    shown = text_of(card)
    assert "Apache Kafka · " in shown
    assert "Migration notes from the guide (Moving from NATS to Kafka and General Migration Strategy)" in shown
    await world.send.click(card, "card_details")
    details = (await world.mock.wait_calls("views.open"))[0].args["view"]
    assert "Moving from NATS to Kafka" in text_of(Message("modal", "0", None, details["blocks"]))


async def test_a_card_slack_did_not_update_on_adopt_is_marked_when_adopt_is_clicked_again(world: World) -> None:
    # The decision was recorded and confirmed in the thread, but chat.update failed: the person was told
    # to try again, and trying again said 'Already recorded' and left Adopt on the card for good.
    thread_ts, card = await _card(world)
    world.mock.error_once["chat.update"] = "fatal_error"
    await world.send.click(card, "card_adopt", user=ALICE)
    await world.mock.wait_calls("chat.update#error")
    await world.mock.wait_calls("response_url")
    assert "card_adopt" in action_ids(world.mock.message(CHANNEL, card.ts))

    await world.send.click(world.mock.message(CHANNEL, card.ts), "card_adopt", user=BOB)
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopted")
    marked = world.mock.message(CHANNEL, card.ts)
    assert "card_adopt" not in action_ids(marked) and "@alice" in text_of(marked)
    note = (await world.mock.wait_calls("chat.postEphemeral"))[-1].args["text"]
    assert "Already recorded" in note
    assert len(await _decisions(world)) == 1
    assert [text_of(m) for m in world.thread(thread_ts)].count(text_of(marked)) == 1
