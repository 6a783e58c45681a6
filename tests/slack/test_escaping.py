"""Every reply path escapes what a person typed, in the blocks and in the ``text`` fallback alike.

The ``text`` of a message is what notifications and screen readers show; Slack
parses it like mrkdwn, so ``<!channel>`` there still pings everyone and
``<https://evil|x>`` still links.  Each path below is driven with hostile text,
and every string the app sent to Slack (messages, updates, ephemerals,
response_url replies, views) is searched for a live control sequence.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tests.slack.conftest import World
from tests.slack.harness import BOB, text_of
from tests.slack.test_card import _card

HOSTILE = "<!channel> <!here> <@U0VICTIM1> <https://evil.example|click> @everyone"
# What must never reach Slack unescaped: broadcasts, a mention of the victim, a link to evil.example.
LIVE = re.compile(r"<!channel>|<!here>|<!everyone>|<@U0VICTIM1>|<https://evil\.example|(?<![\w\u200d])@everyone\b")
# Escaped twice, the text would read "&lt;!channel&gt;" instead of what the person typed.
TWICE = "&amp;lt;"


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        try:
            decoded = json.loads(node)  # blocks and views arrive JSON-encoded in form posts
        except ValueError:
            return [node]
        return [node, *_strings(decoded)] if isinstance(decoded, dict | list) else [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _live_in_calls(world: World) -> list[tuple[str, str]]:
    found = []
    for call in world.mock.calls:
        for key in ("text", "blocks", "view", "attachments", "initial_comment"):
            for string in _strings(call.args.get(key)):
                if LIVE.search(string) or TWICE in string:
                    found.append((f"{call.method}.{key}", string[:200]))
    return found


async def _quiet(world: World) -> None:
    import asyncio

    await asyncio.sleep(0.3)


async def test_slash_command_replies_escape_text_and_blocks(world: World) -> None:
    for command in (
        f"compare {HOSTILE}",
        f"compare latency {HOSTILE}",
        f"usecase {HOSTILE}",
        f"history {HOSTILE}",
        f"digest {HOSTILE}",
        "--<!channel><https://evil.example>",  # one token, not a description: the help note quotes it
    ):
        before = len(world.mock.calls_to("response_url"))
        assert (await world.send.command(command)).status == 200
        await world.mock.wait_calls("response_url", before + 1)
    replies = [c.args for c in world.mock.calls_to("response_url")]
    assert any("evil.example" in json.dumps(r) for r in replies)  # the hostile text is shown, as text
    assert _live_in_calls(world) == []


async def test_a_conversation_started_with_hostile_text_escapes_every_message(world: World) -> None:
    thread_ts = await world.start(f"durable event log for orders, moderate throughput {HOSTILE}")
    assert any("evil.example" in text_of(m) for m in world.thread(thread_ts))  # it is shown, as text
    for reply in (f"what about exactly-once? {HOSTILE}", f"why not Kafka {HOSTILE}", HOSTILE):
        await world.send.say(reply, thread_ts=thread_ts, user=BOB)
    await _quiet(world)
    assert _live_in_calls(world) == []


async def test_a_decision_with_a_hostile_rationale_escapes_card_history_and_home(world: World) -> None:
    thread_ts, card = await _card(world)
    await world.send.click(card, "card_chose_other")
    opened = (await world.mock.wait_calls("views.open"))[0].args["view"]
    values = {
        "system": {
            "system_select": {
                "type": "static_select",
                "selected_option": {"text": {"type": "plain_text", "text": "Apache Kafka"}, "value": "kafka"},
            }
        },
        "rationale": {"rationale_input": {"type": "plain_text_input", "value": f"because {HOSTILE}"}},
    }
    assert (await world.send.submit_view(opened, values)).status == 200
    await world.mock.wait_for(
        lambda: any("Decision recorded" in text_of(m) for m in world.thread(thread_ts)), what="decision"
    )
    assert (await world.send.command("history")).status == 200
    await world.mock.wait_calls("response_url")
    assert (await world.send.home_opened()).status == 200
    await world.mock.wait_calls("views.publish")
    await world.send.click(card, "card_export_adr")
    await world.mock.wait_for(
        lambda: any(c.method.startswith("files.complete") for c in world.mock.calls)
        or any("decision record" in (m.text or "") for m in world.thread(thread_ts)),
        what="ADR",
    )
    assert _live_in_calls(world) == []


async def test_a_direct_message_with_hostile_text_escapes_every_message(world: World) -> None:
    event = {
        "type": "message",
        "user": "U0ALICE001",
        "text": f"we need a durable log {HOSTILE}",
        "ts": "1700000100.000100",
        "channel": "D0DIRECT01",
        "channel_type": "im",
        "event_ts": "1700000100.000100",
    }
    assert (await world.send.event(event)).status == 200
    await world.mock.wait_for(lambda: world.mock.messages.get("D0DIRECT01"), what="reply in the DM")
    await _quiet(world)
    assert _live_in_calls(world) == []


async def test_a_decision_recorded_in_the_terminal_names_its_decider_as_text_in_history_and_home(
    world: World,
) -> None:
    # `msgchoice ask --team T` records the terminal's login name as the decider; history and App Home
    # wrapped it in a mention as if it were a Slack user id (`<@<!channel> …>`).
    from bot.advisor.engine import advise
    from bot.store.session_log import record_terminal_session

    advice = advise({"persistence": "yes", "throughput": "high"})
    await record_terminal_session(
        world.db_url, team_id=world.team_id, user=HOSTILE, steps=[], advice=advice, chosen_system="kafka",
        rationale="terminal", free_text=None,
    )
    assert (await world.send.command("history")).status == 200
    reply = (await world.mock.wait_calls("response_url"))[0].args
    assert (await world.send.home_opened()).status == 200
    home = (await world.mock.wait_calls("views.publish"))[0].args["view"]
    assert _live_in_calls(world) == []
    for blocks in (reply["blocks"], home["blocks"]):
        shown = json.dumps(blocks)
        assert "<@&lt;" not in shown and "<@<" not in shown and "&lt;!channel&gt;" in shown
