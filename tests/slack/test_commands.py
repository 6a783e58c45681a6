"""/msgchoice sub-commands: ephemeral replies through response_url."""

from __future__ import annotations

from typing import Any

from tests.slack.conftest import World
from tests.slack.harness import CHANNEL, text_of


async def _reply(world: World, text: str) -> dict[str, Any]:
    before = len(world.mock.calls_to("response_url"))
    sent = await world.send.command(text)
    assert sent.status == 200
    calls = await world.mock.wait_calls("response_url", before + 1)
    reply = calls[-1].args
    assert reply.get("response_type", "ephemeral") == "ephemeral"
    return reply


def _all_text(reply: dict[str, Any]) -> str:
    return reply.get("text", "") + str(reply.get("blocks", ""))


async def test_help_is_ephemeral_and_lists_the_commands(world: World) -> None:
    reply = await _reply(world, "help")
    assert "compare" in _all_text(reply) and "usecase" in _all_text(reply) and "history" in _all_text(reply)
    assert world.mock.calls_to("chat.postMessage") == []


async def test_an_unknown_single_word_gets_help(world: World) -> None:
    reply = await _reply(world, "--frobnicate")
    assert "I don't know" in _all_text(reply)
    assert world.mock.calls_to("chat.postMessage") == []


async def test_a_description_starting_with_any_word_starts_a_conversation(world: World) -> None:
    await world.start("CDC from Postgres into S3")
    assert world.mock.messages[CHANNEL][0].thread_ts is None


async def test_compare_shows_the_guides_rows(world: World) -> None:
    reply = await _reply(world, "compare latency")
    assert "```" in _all_text(reply) and "NATS Core" in _all_text(reply)


async def test_compare_of_something_unknown_says_so(world: World) -> None:
    reply = await _reply(world, "compare <!here> zebra stripes")
    assert "<!here>" not in _all_text(reply)


async def test_usecase_shows_the_matrix_row(world: World) -> None:
    reply = await _reply(world, "usecase cdc")
    assert "CDC" in _all_text(reply) or "cdc" in _all_text(reply).lower()


async def test_history_lists_the_teams_decisions(world: World) -> None:
    reply = await _reply(world, "history")
    assert "no decisions recorded yet" in _all_text(reply)
    reply = await _reply(world, "history kafka")
    assert "Recent decisions" in _all_text(reply)


async def test_a_description_that_mentions_payloads_starts_a_conversation(world: World) -> None:
    # "payload" anywhere in a slash command's form body (its text, a channel named #payload-team …)
    # made Bolt read the form as an interactivity payload with none in it: an empty request, a 404,
    # and Slack told the person the command failed.
    thread_ts = await world.start("durable events, payload around 2 KB, 10k msgs/s")
    root = world.thread(thread_ts)[0]
    assert "payload around 2 KB" in text_of(root)


async def test_history_of_nats_lists_the_jetstream_decision_and_a_filter_matching_nothing_says_so(world: World) -> None:
    # "nats" read as NATS Core only: a team that chose NATS JetStream was told "no decisions recorded yet",
    # which was also the answer to any filter that matched nothing, as if the team had decided nothing.
    from tests.slack.test_card import _card

    _, card = await _card(world)
    assert "NATS JetStream" in text_of(card)
    await world.send.click(card, "card_adopt")
    await world.mock.wait_for(lambda: "adopted by" in text_of(world.mock.message(CHANNEL, card.ts)), what="adopted")
    assert "NATS JetStream" in _all_text(await _reply(world, "history nats"))
    assert "NATS JetStream" in _all_text(await _reply(world, "history jetstream"))
    unmatched = _all_text(await _reply(world, "history zebra"))
    assert "NATS JetStream" not in unmatched and "yet" not in unmatched
    assert "No decisions match “zebra”" in unmatched


async def test_compare_of_a_system_and_usecases_typed_as_words_are_found(world: World) -> None:
    # "compare kafka" answered "The guide has nothing on “kafka”" (the thread answers "kafka?" with
    # the guide's overview), and "usecase IoT edge" missed the use case whose name is iot-edge.
    systems = _all_text(await _reply(world, "compare nats vs kafka"))
    assert "has nothing" not in systems and "Systems Under Comparison" in systems
    iot = _all_text(await _reply(world, "usecase IoT edge"))
    assert "No use case matches" not in iot and "IoT / Edge messaging" in iot
    eos = _all_text(await _reply(world, "usecase exactly once stream processing"))
    assert "No use case matches" not in eos and "Exactly-once stream processing" in eos


async def test_a_subcommand_typed_with_a_colon_is_still_the_subcommand(world: World) -> None:
    # "/msgchoice usecase: cdc" had started a visible conversation about "usecase: cdc" in the channel
    usecase = _all_text(await _reply(world, "usecase: cdc"))
    assert "cdc" in usecase.lower()
    compare = _all_text(await _reply(world, "Compare:  latency"))
    assert "```" in compare and "NATS Core" in compare
    assert world.mock.calls_to("chat.postMessage") == []
