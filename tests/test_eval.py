"""Evaluation: every flowchart path and the guide's 12 use cases, through the advisor.

The use cases go in as free text, the way a user would describe them.
"""

from pathlib import Path

import pytest
import yaml

from bot.advisor.engine import advise
from knowledge import load

EVAL = Path(__file__).parent / "eval"
PATHS = yaml.safe_load((EVAL / "flowchart_paths.yaml").read_text())["paths"]
USECASES = yaml.safe_load((EVAL / "usecases.yaml").read_text())["scenarios"]


def all_flowchart_paths():
    """Enumerate every root-to-leaf path of the flowchart data."""
    kb = load()
    paths = []

    def walk(question_id, answers):
        for answer in kb.question(question_id).answers:
            chosen = {**answers, question_id: answer.value}
            if answer.outcome:
                paths.append((chosen, answer.outcome))
            else:
                walk(answer.next, chosen)

    walk(kb.flowchart.start, {})
    return paths


def test_the_scenarios_cover_every_path_of_the_flowchart_with_its_leaf():
    enumerated = sorted((sorted(a.items()), leaf) for a, leaf in all_flowchart_paths())
    listed = sorted((sorted(p["answers"].items()), p["expected"]) for p in PATHS)
    assert listed == enumerated


@pytest.mark.parametrize("case", PATHS, ids=lambda p: "/".join(f"{k}={v}" for k, v in p["answers"].items()))
def test_each_flowchart_path_reaches_the_guides_leaf_and_the_recommendation_agrees(case):
    advice = advise(case["answers"])
    assert advice.flowchart_outcome == case["expected"]
    assert [(s.question, s.answer) for s in advice.flowchart_path] == list(case["answers"].items())
    assert advice.recommendation == case["expected"]
    assert advice.missing == []


def test_the_use_case_scenarios_cover_all_twelve_rows_of_the_matrix():
    assert sorted(c["usecase"] for c in USECASES) == sorted(r.id for r in load().table("usecases").rows)


@pytest.mark.parametrize("case", USECASES, ids=lambda c: c["usecase"])
def test_each_use_case_described_in_a_users_words_gets_the_guides_system(case):
    advice = advise(text=case["text"])
    assert advice.recommendation in case["expected"], advice.reasons


WORKLOADS = yaml.safe_load((EVAL / "workloads.yaml").read_text())["scenarios"]


@pytest.mark.parametrize("case", WORKLOADS, ids=lambda c: c["text"][:40])
def test_workloads_written_like_public_write_ups_get_the_system_the_guide_supports(case):
    advice = advise(text=case["text"])
    assert advice.recommendation in case["expected"], (advice.answers, advice.reasons)
    if "migration" in case:
        assert case["migration"] in {m.table for m in advice.migration}
