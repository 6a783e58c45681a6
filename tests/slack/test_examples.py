"""docs/SLACK.md keeps one rendered example of each message, generated from the builders (examples.py)."""

from __future__ import annotations

from bot.render import blocks as render
from knowledge import load
from tests.slack import examples


def test_the_examples_in_docs_slack_md_are_what_the_code_renders() -> None:
    text = examples.DOCS.read_text(encoding="utf-8")
    assert examples.BEGIN in text, "run `python -m tests.slack.examples`"
    shown = text.split(examples.BEGIN, 1)[1].split(examples.END, 1)[0]
    assert examples.BEGIN + shown + examples.END == examples.section(), "run `python -m tests.slack.examples`"


def test_the_example_card_keeps_the_budget_and_pings_nobody() -> None:
    kb = load()
    card = examples.card(kb)
    assert len(card) <= render.CARD_BLOCK_BUDGET
    assert "<@" not in examples.digest() and "<@" not in str(examples.thread_after_change(kb))
    adr = examples.adr(kb)
    assert "Status: proposed" in adr and "#0" not in adr and "@alice" in adr
