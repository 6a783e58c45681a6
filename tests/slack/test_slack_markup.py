"""Text as Slack sends it: mentions, channels, broadcasts, user groups and links arrive as markup.

A person types ``@here``, ``#payments``, ``@platform`` or pastes a link; the
app receives ``<!here>``, ``<#C0PAY0001|payments>``,
``<!subteam^S0PLAT01|@platform>`` and ``<https://…|label>`` (and ``&``, ``<``,
``>`` as entities).  The app must read that as what the person wrote: a
follow-up gets the answer the same question typed plainly gets, and the
description quoted back in the channel reads as it did in Slack, inert.
"""

from __future__ import annotations

import json

from tests.slack.conftest import World
from tests.slack.harness import BOB, CHANNEL, text_of

NOT_COVERED = "doesn't cover"


async def _reply_to(world: World, thread_ts: str, text: str) -> str:
    before = len(world.thread(thread_ts))
    assert (await world.send.say(text, thread_ts=thread_ts, user=BOB)).status == 200
    await world.mock.wait_for(lambda: len(world.thread(thread_ts)) > before, what=f"the reply to {text!r}")
    return "\n".join(text_of(m) for m in world.thread(thread_ts)[before:])


async def test_a_follow_up_with_a_broadcast_a_channel_or_a_user_group_is_answered_like_the_plain_question(
    world: World,
) -> None:
    # "<!here> why not Kafka?" was answered "the guide doesn't cover that", while "@here why not
    # Kafka?" (what the person typed and saw) gets the guide's reasons.
    thread_ts = await world.start("durable log of order events")
    for as_sent, as_typed in (
        ("<!here> why not Kafka?", "@here why not Kafka?"),
        ("what about exactly-once for <#C0PAY0001|payments>?", "what about exactly-once for #payments?"),
        # a private channel of an older workspace has a G… id
        ("what about exactly-once for <#G0PRIV001|payments>?", "what about exactly-once for #payments?"),
        ("<!subteam^S0PLAT01|@platform> asks: how hard is Kafka to run?", "@platform asks: how hard is Kafka to run?"),
    ):
        plain = await _reply_to(world, thread_ts, as_typed)
        assert NOT_COVERED not in plain, plain
        assert await _reply_to(world, thread_ts, as_sent) == plain


async def test_the_description_quoted_in_the_channel_reads_as_typed_not_as_slack_markup(world: World) -> None:
    # The root message quoted "&lt;#C0PAY0001|payments&gt;", "&lt;!subteam^S0PLAT01|@platform&gt;" and
    # "&lt;https://…|the design doc&gt;": the channel saw Slack's markup instead of the description.
    description = (
        "orders for <#C0PAY0001|payments>, owned by <!subteam^S0PLAT01|@platform>: durable, p99 &lt; 5ms, "
        "see <https://wiki.example.com/orders?a=1&amp;b=2|the design doc> "
        "or <http://wiki.example.com|wiki.example.com> and ask <mailto:ops@example.com|ops@example.com> <!here>"
    )
    thread_ts = await world.start(description)

    root = next(m for m in world.mock.messages[CHANNEL] if m.ts == thread_ts)
    shown = json.dumps(root.blocks, ensure_ascii=False)
    for typed in (
        "orders for #payments, owned by @platform: durable, p99 &lt; 5ms",
        "see the design doc (https://wiki.example.com/orders?a=1&amp;b=2) or wiki.example.com",
        "ask ops@example.com @\u200dhere",  # the broadcast is shown, broken, never live
    ):
        assert typed in shown, shown
    for markup in ("&lt;#C", "&lt;!", "&lt;http", "&lt;mailto", "<!", "<#", "<http"):
        assert markup not in shown
