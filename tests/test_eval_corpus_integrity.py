"""The eval corpus keeps its own rules (issue 8): a case's split is fixed by its id when it is written, an id
names one case, every annotation is one the knowledge can take, and a paraphrase retells a dev case only (a
test case retold would be a test text's words in the material tuned on)."""

from pathlib import Path

import pytest
import yaml

from bot.advisor.engine import load_knowledge
from tests.eval.report import (
    CORPUS,
    FLOWCHART,
    PARAPHRASES,
    id_number,
    load_cases,
    load_paraphrases,
    load_second_annotation,
)

REQUIRED = {"id", "source", "text", "truth", "recommendation"}


def _raw_cases() -> list[tuple[str, Path, dict]]:
    return [
        (split, path, raw)
        for split in ("dev", "test")
        for path in sorted((CORPUS / split).glob("*.yaml"))
        for raw in (yaml.safe_load(path.read_text()) or {}).get("cases") or []
    ]


RAW = _raw_cases()


def test_each_case_stands_in_the_split_its_id_fixes():
    misplaced = [
        (raw["id"], split)
        for split, _, raw in RAW
        if split != ("test" if id_number(str(raw["id"])) % 2 == 0 else "dev")
    ]
    assert misplaced == []


def test_an_id_names_one_case():
    ids = [str(raw["id"]) for _, _, raw in RAW]
    assert len(ids) == len(set(ids))


def test_every_case_has_its_source_text_truth_and_recommendation():
    incomplete = [(path.name, raw.get("id")) for _, path, raw in RAW if not set(raw) >= REQUIRED]
    assert incomplete == []


def test_every_annotation_is_one_the_advisor_takes():
    kb = load_knowledge()
    values = {q.id: {a.value for a in q.answers} | {"unknown"} for q in kb.all_questions}
    bad = []
    for _, _, raw in RAW:
        for question, value in (raw.get("truth") or {}).items():
            if question in values and values[question] - {"unknown"} and str(value) not in values[question]:
                if kb.question(question).quantity is None:
                    bad.append((raw["id"], question, value))
            elif question not in values:
                bad.append((raw["id"], question, value))
        for system in [raw["recommendation"], *(raw.get("also_acceptable") or [])]:
            if system not in kb.system_ids:
                bad.append((raw["id"], "recommendation", system))
    assert bad == []


@pytest.mark.skipif(not any(PARAPHRASES.glob("*.yaml")), reason="no paraphrases written")
def test_a_paraphrase_retells_a_dev_case_and_takes_its_annotation():
    dev = {c.id: c for c in load_cases("dev")}
    test_ids = {c.id for c in load_cases("test")}
    retold = [
        str(raw["of"]) for path in PARAPHRASES.glob("*.yaml") for raw in yaml.safe_load(path.read_text())["paraphrases"]
    ]
    assert not set(retold) & test_ids
    assert set(retold) <= set(dev)
    for case in load_paraphrases():
        original = dev[case.id.split("~")[0]]
        assert (case.truth, case.acceptable) == (original.truth, original.acceptable)
        assert case.text.strip() and case.text != original.text


def test_the_second_annotation_answers_flowchart_questions_of_test_cases_once_each():
    kb = load_knowledge()
    test_ids = {c.id for c in load_cases("test")}
    items = load_second_annotation()
    assert items
    pairs = [(str(item["id"]), str(item["question"])) for item in items]
    assert len(pairs) == len(set(pairs))
    assert {case_id for case_id, _ in pairs} <= test_ids
    bad = [
        item
        for item in items
        if item["question"] not in FLOWCHART
        or str(item["value"]) not in {a.value for a in kb.question(item["question"]).answers} | {"unknown"}
    ]
    assert bad == []
