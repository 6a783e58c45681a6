"""The recommendation card fits one screen: a block and character budget, for every recommendation
of the evaluation sets (tests/eval/*.yaml), and prose that is never cut mid-sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.advisor.advice import Advice
from bot.advisor.engine import advise
from bot.render import blocks as render
from knowledge import load

EVAL = Path(__file__).resolve().parent.parent / "eval"


def _cases() -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    # The eval sets, and the corpus of write-ups (its texts read like real Slack messages).
    for path in [*sorted(EVAL.glob("*.yaml")), *sorted(EVAL.glob("corpus/*/*.yaml"))]:
        data = yaml.safe_load(path.read_text())
        for key in ("paths", "scenarios", "workloads", "cases"):
            for n, case in enumerate(data.get(key) or []):
                cases.append((f"{path.parent.name}/{path.stem}[{n}]", case))
    return cases


CASES = _cases()


def _advice(case: dict[str, Any]) -> Advice:
    return advise(case.get("answers"), text=case.get("text"))


def test_the_eval_sets_are_all_read() -> None:
    read = {name.split("[")[0] for name, _ in CASES}
    assert {f"eval/{p.stem}" for p in EVAL.glob("*.yaml")} <= read
    assert len(CASES) > 30


@pytest.mark.parametrize("name,case", CASES, ids=[n for n, _ in CASES])
def test_every_recommendation_card_fits_the_budget(name: str, case: dict[str, Any]) -> None:
    kb = load()
    advice = _advice(case)
    _, blocks = render.build_recommendation(7, 3, advice, kb)
    render.to_payload(blocks)  # valid Block Kit
    assert len(blocks) <= render.CARD_BLOCK_BUDGET, name
    assert render.card_text_length(blocks) <= render.CARD_TEXT_BUDGET, (name, render.card_text_length(blocks))
    parts = render.card_parts(advice, kb)
    assert len(parts.reasons) <= 3 and len(parts.caveats) <= 2 and len(parts.changes) <= 2
    cited = [r.citation.ref for r in [*parts.reasons, *parts.caveats] if r.citation is not None]
    assert len(cited) == len(set(cited)), f"a row cited twice on the card: {cited}"
    for line in [parts.verdict, *(r.text for r in parts.reasons), *(c.text for c in parts.caveats)]:
        assert "…" not in line and ".." not in line.replace("etc.)", ""), line
        assert "Recommended System:" not in line and "; Why:" not in line, line  # no raw table rows


def test_the_cdc_card_reads_as_sentences_with_the_guides_capitalisation() -> None:
    kb = load()
    advice = advise(text="durable CDC from Postgres to S3, 50k events/s, small team")
    parts = render.card_parts(advice, kb)
    text = "\n".join(r.text for r in parts.reasons)
    assert "Debezium" in text and "debezium" not in text
    assert sum("CDC" in r.citation.topic for r in parts.reasons if r.citation) == 1  # the CDC row once
    assert not any("ruled out" in r.text for r in parts.reasons)  # the verdict says that, once
    assert "ruled out" in parts.verdict
    assert parts.runner_up is not None and "would win if" in parts.runner_up


def test_shorten_drops_whole_clauses_and_keeps_capitalisation() -> None:
    text = "Kafka Connect — hundreds of connectors (Debezium, S3, JDBC, Elasticsearch, etc.)"
    assert render.shorten(text, 200) == text
    assert render.shorten(text, 40) == "Kafka Connect"
    two = "Debezium + Kafka Connect is the industry standard for CDC. No equivalent in the NATS ecosystem."
    assert render.shorten(two, 70) == "Debezium + Kafka Connect is the industry standard for CDC."
    assert render.sentence("cannot yet match it for data…") == "cannot yet match it for data."
    assert render.sentence("done.") == "done."


def test_the_details_modal_holds_everything_the_card_leaves_out() -> None:
    kb = load()
    advice = advise(text="durable CDC from Postgres to S3, 50k events/s, small team")
    view = render.build_details_modal(advice, kb)
    payload = render.view_payload(view)
    text = str(payload)
    assert all(r.name in text for r in advice.ranking)
    assert "Flowchart path" in text and "From the guide" in text
    assert len(payload["blocks"]) <= render.VIEW_BLOCK_LIMIT
