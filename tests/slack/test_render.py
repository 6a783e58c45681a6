"""Block Kit builders and mrkdwn escaping: pure functions, validated output."""

from __future__ import annotations

import itertools

import pytest
from slack_sdk.models.blocks import ActionsBlock, Block

from bot.advisor.engine import advise
from bot.advisor.followup import answer_followup
from bot.render import blocks as render
from bot.render.escape import ZWJ, escape, unescape
from knowledge import load

KB = load()


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("<!channel> look", "&lt;!channel&gt; look"),
        ("<!here>", "&lt;!here&gt;"),
        ("ping <@U123ABC>", "ping &lt;@U123ABC&gt;"),
        ("<http://evil.example|click me>", "&lt;http://evil.example|click me&gt;"),
        ("R&D < 1 ms > 2", "R&amp;D &lt; 1 ms &gt; 2"),
        ("hey @channel and @here", f"hey @{ZWJ}channel and @{ZWJ}here"),
    ],
)
def test_user_text_never_pings_or_links(typed: str, shown: str) -> None:
    assert escape(typed) == shown


def test_slack_entities_are_read_back_as_typed() -> None:
    assert unescape("a &lt;b&gt; &amp;lt;") == "a <b> &lt;"


def test_every_question_renders_within_limits() -> None:
    for question in KB.all_questions:
        _, blocks = render.build_question(123456789, 42, question)
        payload = render.to_payload(blocks)
        assert all(Block.parse(b) is not None for b in payload)
        _, answered = render.build_answered(question, question.answers[0].value, "U1")
        assert render.to_payload(answered)


def test_recommendation_cards_render_for_many_answer_combinations() -> None:
    keys = ["persistence", "latency", "throughput", "ops", "current_system"]
    values = [["yes", "no"], ["sub-ms", "low-ms"], ["high", "moderate"], ["small", "dedicated"], ["kafka", "nats"]]
    for combo in itertools.product(*values):
        advice = advise(dict(zip(keys, combo, strict=True)), kb=KB)
        _, blocks = render.build_recommendation(1, 9, advice, KB)
        assert len(render.to_payload(blocks)) <= render.MESSAGE_BLOCK_LIMIT
        _, decided = render.build_decided_card(
            advice, KB, chosen_system="kafka", decided_by="U1", rationale="x" * 5000, conversation_id=1
        )
        assert len(render.to_payload(decided)) <= render.MESSAGE_BLOCK_LIMIT


def test_full_comparison_is_split_into_valid_messages() -> None:
    messages = render.build_comparison(KB)
    assert messages
    for _, blocks in messages:
        render.to_payload(blocks)


def test_follow_up_answers_render() -> None:
    for text in ["what about exactly-once?", "why not Kafka?", "how is the weather?", "compare latency"]:
        _, blocks = render.build_followup(answer_followup(text, kb=KB), KB)
        render.to_payload(blocks)


def test_views_validate() -> None:
    render.view_payload(render.build_start_modal())
    render.view_payload(render.build_chose_other_modal(1, "kafka", KB, render.encode_value(c=1, v=2)))
    lines = [render.DecisionLine("kafka", "nats-jetstream", "U1", None, "because <!channel>", "https://x/y")] * 30
    home = render.view_payload(render.build_home(lines, KB))
    assert "&lt;!channel&gt;" in str(home)


def test_limits_are_enforced() -> None:
    with pytest.raises(render.RenderError):
        render.to_payload([render.mrkdwn_section("x")] * 51)
    with pytest.raises(render.RenderError):
        render.encode_value(blob="x" * 2001)
    button = render.button("a", "same")
    with pytest.raises(render.RenderError):
        render.to_payload([ActionsBlock(elements=[button, render.button("b", "same")])])
    long = render.mrkdwn_section("y" * 10_000)
    assert len(render.to_payload([long])[0]["text"]["text"]) <= 3000


def test_button_values_round_trip() -> None:
    value = render.encode_value(c=12, q="latency", a="sub-ms", v=3)
    assert render.decode_value(value) == {"c": 12, "q": "latency", "a": "sub-ms", "v": 3}
    assert render.decode_value("not json") == {}
