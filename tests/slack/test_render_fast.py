"""The fast path of the hot messages gives exactly what slack_sdk's models give.

The question (from its template), the answered and closed messages, the thread's root and the
recommendation card are built as raw dicts (``bot.render.blocks.common.RawBlock``) instead of
slack_sdk models, whose validators cost about ten times the rest.  Here every question and
many cards are rendered both ways and compared as JSON text (key order included, so that
docs/SLACK.md's examples do not drift), and the limits the validators enforced are shown to
be enforced still.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.advisor.advice import Advice, Ambiguity, ParsedAnswer
from bot.advisor.engine import advise
from bot.advisor.parse import parse
from bot.advisor.policy import TeamPolicy, parse_policy
from bot.render import blocks as render
from bot.render.blocks import card as card_module
from bot.render.blocks import common
from bot.render.blocks import question as question_module
from bot.render.blocks.policy import card_additions
from bot.render.escape import escape, quote
from knowledge import load

KB = load()
EVAL = Path(__file__).resolve().parent.parent / "eval"
POLICY = Path(__file__).resolve().parents[2] / "docs" / "policy.example.yaml"


def as_json(blocks: Sequence[Block]) -> str:
    return json.dumps(render.to_payload(blocks), ensure_ascii=False)


# --------------------------------------------------------------------------- the primitives


TEXTS = ["", "x", "a *b* _c_ <d|e> & 🧵", "y" * 2999, "z" * 3000, "w" * 10_000, "line\nbreak " * 400]


@pytest.mark.parametrize("text", TEXTS)
def test_raw_sections_and_contexts_are_the_models(text: str) -> None:
    assert as_json([common.raw_section(text)]) == as_json([render.mrkdwn_section(text)])
    assert as_json([common.raw_section(text, block_id="b:1")]) == as_json([render.mrkdwn_section(text, block_id="b:1")])
    for n in (1, 2, 10, 12):
        assert as_json([common.raw_context(*[text] * n)]) == as_json([render.context(*[text] * n)])


@pytest.mark.parametrize("text", ["NATS · high confidence", "h" * 149, "h" * 150, "h" * 400, "a <b> & c"])
def test_raw_header_is_the_model(text: str) -> None:
    model = HeaderBlock(text=PlainTextObject(text=render.cut(text, render.HEADER_LIMIT)))
    assert as_json([common.raw_header(text)]) == as_json([model])


@pytest.mark.parametrize(
    ("text", "action_id", "value", "style"),
    [
        ("Adopt NATS", "card_adopt", '{"c":1}', "primary"),
        ("Details", "card_details", '{"c":1}', None),
        ("b" * 200, "x", None, None),
        ("<@U123> & :emoji:", "y", "", None),
        ("Stop", "z", "v", "danger"),
    ],
)
def test_raw_buttons_are_the_models(text: str, action_id: str, value: str | None, style: str | None) -> None:
    raw = common.raw_actions([common.raw_button(text, action_id, value, style)], block_id="k")
    model = ActionsBlock(block_id="k", elements=[render.button(text, action_id, value, style)])
    assert as_json([raw]) == as_json([model])


def test_raw_blocks_are_held_to_slacks_limits() -> None:
    too_long: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}},
        {"type": "section", "block_id": "b" * 256, "text": {"type": "mrkdwn", "text": "x"}},
        {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11},
        {"type": "actions", "elements": [common.raw_button(str(n), f"a{n}") for n in range(26)]},
        {
            "type": "actions",
            "elements": [{**common.raw_button("b", "a"), "text": {"type": "plain_text", "text": "t" * 76}}],
        },
        {"type": "actions", "elements": [common.raw_button("b", "a" * 256)]},
        {"type": "actions", "elements": [common.raw_button("b", "a", style="loud")]},
        {"type": "actions", "elements": [common.raw_button("b", "a", "v" * 2001)]},
        {"type": "divider"},  # a kind the fast path never makes: not let through unchecked
    ]
    for payload in too_long:
        with pytest.raises(render.RenderError):
            render.to_payload([common.RawBlock(payload)])
    with pytest.raises(render.RenderError):
        render.to_payload([common.raw_actions([common.raw_button("a", "same"), common.raw_button("b", "same")])])
    with pytest.raises(render.RenderError):
        render.to_payload([common.raw_section("x")] * 51)


# --------------------------------------------------------------------------- questions


@pytest.mark.parametrize("question", KB.all_questions, ids=[q.id for q in KB.all_questions])
def test_every_question_from_its_template_is_the_models(question: Any) -> None:
    for can_go_back, number, (conversation_id, version) in itertools.product(
        (True, False), (None, 3), ((1, 1), (123456789, 42), (7, 10**18), (-5, 0))
    ):
        text, blocks = render.build_question(conversation_id, version, question, number=number, can_go_back=can_go_back)
        assert all(type(b) is common.RawBlock for b in blocks)  # the fast path was taken
        models = question_module.question_blocks(
            conversation_id, version, question, number=number, can_go_back=can_go_back
        )
        assert as_json(blocks) == as_json(models)
        assert text == (f"Q{number}. " if number else "") + question.text


def test_ids_a_template_cannot_take_are_rendered_from_the_models() -> None:
    question = KB.question("ops")
    for conversation_id, version in (("C42", 3), (10**25, 3), (3, 10**25), (True, 1)):
        _, blocks = render.build_question(conversation_id, version, question)  # type: ignore[arg-type]
        assert not any(type(b) is common.RawBlock for b in blocks)
        assert as_json(blocks) == as_json(question_module.question_blocks(conversation_id, version, question))  # type: ignore[arg-type]


def test_a_question_whose_text_holds_a_stand_in_is_rendered_from_the_models() -> None:
    question = KB.question("ops").model_copy(update={"why": f"Costs {question_module._C} a year."})
    _, blocks = render.build_question(12, 3, question)
    assert not any(type(b) is common.RawBlock for b in blocks)
    assert question_module._C in as_json(blocks)
    assert as_json(blocks) == as_json(question_module.question_blocks(12, 3, question))


def test_each_question_message_has_its_own_dicts() -> None:
    question = KB.question("ops")
    first = render.to_payload(render.build_question(1, 1, question)[1])
    first[0]["text"]["text"] = "changed"
    first[2]["elements"].clear()
    second = render.to_payload(render.build_question(1, 1, question)[1])
    assert second == render.to_payload(question_module.question_blocks(1, 1, question))


def test_the_messages_around_a_question_are_the_models() -> None:
    question = KB.question("persistence")
    _, answered = render.build_answered(question, "yes", "@bob <!channel>")
    label = render.answer_label(question, "yes")
    expected = [
        render.mrkdwn_section(f"*{escape(question.text)}*\n✅ *{escape(label)}* — answered by @bob &lt;!channel&gt;")
    ]
    assert as_json(answered) == as_json(expected)
    _, superseded = render.build_superseded(question, "Closed: answers changed.")
    expected = [render.mrkdwn_section(f"*{escape(question.text)}*\n_Closed: answers changed._")]
    assert as_json(superseded) == as_json(expected)
    _, closed = render.build_closed_card("Recommendation: Kafka", "Answers changed <here>")
    assert as_json(closed) == as_json(
        [render.mrkdwn_section("~Recommendation: Kafka~\n_Answers changed &lt;here&gt;_")]
    )
    for free_text in (None, "", "durable <!channel> " * 300):
        text, root = render.build_root_message("U0ALICE", free_text)
        models: list[Block] = [render.mrkdwn_section(f":speech_balloon: {text}")]
        if free_text:
            models.append(render.mrkdwn_section(f"> {escape(render.cut(' '.join(free_text.split()), 2500))}"))
        models.append(render.context("Anyone here can answer by clicking or by typing in the thread."))
        assert as_json(root) == as_json(models)


# --------------------------------------------------------------------------- the card


def _reference_body(parts: card_module.CardParts) -> list[Block]:
    """card_body as it was built before the fast path, through slack_sdk's models."""
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=render.cut(f"{parts.name} · {parts.confidence}", render.HEADER_LIMIT))),
        render.mrkdwn_section(escape(parts.verdict)),
    ]
    bullet = card_module._bullet
    if parts.reasons:
        blocks.append(render.mrkdwn_section("*Why*\n" + "\n".join(bullet(r) for r in parts.reasons)))
    others = []
    if parts.runner_up:
        others.append(f"*Runner-up:* {escape(parts.runner_up)}")
    if parts.changes:
        others.append("*What would change it:* " + " ".join(escape(c) for c in parts.changes))
    if others:
        blocks.append(render.mrkdwn_section("\n".join(others)))
    if parts.caveats:
        blocks.append(render.mrkdwn_section("*Caveats*\n" + "\n".join(bullet(c) for c in parts.caveats)))
    notes = []
    if parts.migration:
        notes.append(f":truck: {escape(parts.migration)}")
    if parts.flowchart:
        notes.append(f":twisted_rightwards_arrows: {escape(parts.flowchart)}")
    if parts.missing:
        notes.append("Not answered: " + escape(", ".join(parts.missing)))
    if notes:
        blocks.append(render.context(*notes))
    return blocks


def _reference_card(
    conversation_id: int,
    version: int,
    advice: Advice,
    *,
    with_actions: bool,
    extras: Sequence[Block],
    extra_buttons: Sequence[ButtonElement],
) -> list[Block]:
    parts = render.card_parts(advice, KB)
    reserve = render.card_text_length(list(extras)) + (200 if with_actions else 0)
    while render.card_text_length(_reference_body(parts)) + reserve > render.CARD_TEXT_BUDGET and card_module._shed(
        parts
    ):
        pass
    blocks = [*_reference_body(parts), *extras]
    if with_actions:
        c = conversation_id
        blocks.append(
            ActionsBlock(
                block_id=f"card:{version}",
                elements=[
                    render.button(
                        f"Adopt {parts.name}",
                        render.ACTION_ADOPT,
                        render.encode_value(c=c, v=version, s=advice.recommendation),
                        style="primary",
                    ),
                    render.button(
                        "We chose something else", render.ACTION_CHOSE_OTHER, render.encode_value(c=c, v=version)
                    ),
                    render.button("Details", render.ACTION_DETAILS, render.encode_value(c=c)),
                    *extra_buttons,
                    render.button("Full comparison", render.ACTION_COMPARISON, render.encode_value(c=c)),
                    render.button("Export ADR", render.ACTION_EXPORT_ADR, render.encode_value(c=c)),
                ],
            )
        )
    return blocks


def _advices() -> list[Advice]:
    advices = []
    keys = ["persistence", "latency", "throughput", "ops", "current_system"]
    values = [["yes", "no"], ["sub-ms", "low-ms"], ["high", "moderate"], ["small", "dedicated"], ["kafka", "nats"]]
    for combo in itertools.product(*values):
        advices.append(advise(dict(zip(keys, combo, strict=True)), kb=KB))
    for path in sorted(EVAL.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        for key in ("paths", "scenarios", "workloads", "cases"):
            for case in data.get(key) or []:
                advices.append(advise(case.get("answers"), text=case.get("text"), kb=KB))
    policy = TeamPolicy(parse_policy(POLICY.read_text()), version=3, source="team T, version 3")
    for answers in ({"persistence": "yes"}, {"persistence": "no", "latency": "sub-ms"}, {}):
        advices.append(advise(answers, kb=KB, policy=policy))
    return advices


ADVICES = _advices()


def test_the_cases_include_a_policy_line() -> None:
    assert any(card_additions(a, KB, 1)[0] for a in ADVICES)


@pytest.mark.parametrize("n", range(len(ADVICES)))
def test_every_card_is_the_models(n: int) -> None:
    advice = ADVICES[n]
    extras, buttons = card_additions(advice, KB, 4242)
    model_extras = [render.context(*(e["text"] for e in b.to_dict()["elements"])) for b in extras]
    assert as_json(extras) == as_json(model_extras)
    for with_actions in (True, False):
        _, blocks = render.build_recommendation(
            4242, 17, advice, KB, with_actions=with_actions, extras=extras, extra_buttons=buttons
        )
        expected = _reference_card(
            4242, 17, advice, with_actions=with_actions, extras=model_extras, extra_buttons=buttons
        )
        assert as_json(blocks) == as_json(expected)
    _, plain_card = render.build_recommendation(9, 1, advice, KB)
    assert as_json(plain_card) == as_json(_reference_card(9, 1, advice, with_actions=True, extras=(), extra_buttons=()))


@pytest.mark.parametrize("n", range(0, len(ADVICES), 7))
def test_every_decided_card_is_the_models(n: int) -> None:
    advice = ADVICES[n]
    for chosen, rationale in ((advice.recommendation, None), ("kafka", "because <!here> " * 200)):
        _, blocks = render.build_decided_card(
            advice, KB, chosen_system=chosen, decided_by="@bob", rationale=rationale, conversation_id=5
        )
        payload = render.to_payload(blocks)
        expected = _reference_body(render.card_parts(advice, KB))
        assert json.dumps(payload[: len(expected)], ensure_ascii=False) == as_json(expected)
        name = escape(render.system_name(KB, chosen))
        if chosen == advice.recommendation:
            line = f":white_check_mark: *{name}* adopted by @bob"
        else:
            line = (
                f":pencil: The team chose *{name}* instead of {escape(advice.recommendation_name)} — recorded by @bob"
            )
        if rationale:
            line += f"\n> {escape(render.shorten(rationale, 1500))}"
        tail: list[Block] = [
            render.mrkdwn_section(line),
            ActionsBlock(
                block_id="card:decided",
                elements=[
                    render.button("Details", render.ACTION_DETAILS, render.encode_value(c=5)),
                    render.button("Full comparison", render.ACTION_COMPARISON, render.encode_value(c=5)),
                    render.button("Export ADR", render.ACTION_EXPORT_ADR, render.encode_value(c=5)),
                ],
            ),
        ]
        assert json.dumps(payload[len(expected) :], ensure_ascii=False) == as_json(tail)


# --------------------------------------------------------------------------- what was understood


DESCRIPTIONS = [
    "",
    "durable CDC from Postgres to S3, 50k events/s, small team",
    "We need durable messages between our services <!channel> & @here",
    "fire-and-forget telemetry, sub-millisecond, maybe replay? dedicated platform team, we run Kafka today",
    "x" * 50_000,
]


def _reference_understood(
    conversation_id: int, version: int, parsed: Sequence[ParsedAnswer], ambiguous: Sequence[Ambiguity]
) -> list[Block]:
    """build_understood as it was built before the fast path, through slack_sdk's models."""
    blocks: list[Block] = [render.mrkdwn_section("*Here is what I understood from your description:*")]
    for item in parsed[:20]:
        question = KB.question(item.question)
        label = render.answer_label(question, item.value)
        implied = f" (implied by _{escape(item.implied_by)}_)" if item.implied_by else ""
        blocks.append(
            SectionBlock(
                block_id=f"understood:{item.question}",
                text=MarkdownTextObject(
                    text=render.cut(
                        f"*{escape(question.text)}* {escape(label)}\nfrom {quote(item.text)}{implied}", 3000
                    )
                ),
                accessory=render.button(
                    "Change",
                    f"{render.ACTION_CHANGE_PREFIX}{item.question}",
                    render.encode_value(c=conversation_id, q=item.question, v=version),
                ),
            )
        )
    for amb in ambiguous[:5]:
        blocks.append(render.context(f":grey_question: {quote(amb.text)}: {escape(amb.note)} — I will ask."))
    if not parsed:
        blocks.append(render.context("Nothing in the description settles a question yet; I will ask."))
    else:
        blocks.append(render.context("Wrong? Click *Change*, or type *back* to undo the latest answer."))
    return blocks


@pytest.mark.parametrize("description", DESCRIPTIONS, ids=range(len(DESCRIPTIONS)))
def test_what_was_understood_is_the_models(description: str) -> None:
    result = parse(description, kb=KB)
    cases = [(result.answers, result.ambiguous)]
    implied = [a.model_copy(update={"implied_by": "persistence <b>"}) for a in result.answers]
    long_quote = [a.model_copy(update={"text": "& " * 2000}) for a in result.answers]
    cases += [(implied, []), (long_quote, result.ambiguous * 3), ([], result.ambiguous)]
    for parsed, ambiguous in cases:
        _, blocks = render.build_understood(77, 5, parsed, ambiguous, KB)
        assert all(type(b) is common.RawBlock for b in blocks)
        assert as_json(blocks) == as_json(_reference_understood(77, 5, parsed, ambiguous))


def test_a_raw_accessory_is_held_to_slacks_limits() -> None:
    for accessory in (
        {**common.raw_button("b", "a"), "text": {"type": "plain_text", "text": "t" * 76}},
        common.raw_button("b", "a" * 256),
        common.raw_button("b", "a", "v" * 2001),
        {"type": "image", "image_url": "http://x", "alt_text": "x"},
    ):
        with pytest.raises(render.RenderError):
            render.to_payload([common.raw_section("x", accessory=accessory)])
