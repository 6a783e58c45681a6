"""Every dev-split description of the eval corpus through ``msgchoice advise --json``: the output keeps
the contract other tools rely on (DESIGN.md, README), and every answer it prints is one the advisor
takes back (``--answer Q=V``, the terminal and Slack conversations apply the same answers).

Real workload descriptions, written by people other than the parser's authors, are where odd figures
turn up; an answer the advisor refuses is a traceback in ``msgchoice ask``.  Dev split only: the test
split's texts are not read here (tests/eval/corpus/README.md).
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from bot.advisor.machine import InvalidAnswer, validate_answer
from bot.cli import main
from tests.eval.report import load_cases

SYSTEM = {"enum": ["kafka", "nats-core", "nats-jetstream", "hybrid"]}
STRINGS = {"type": "object", "additionalProperties": {"type": "string"}}
# The documented fields of ``advise --json`` (DESIGN.md "Interfaces that other tools rely on", README).
CONTRACT: dict[str, Any] = {
    "type": "object",
    "required": [
        "recommendation", "flowchart_path", "flowchart_outcome", "answers", "missing", "ranking", "reasons",
        "what_would_change", "confidence", "next_question", "workloads", "parsed", "ambiguous", "caveats",
        "migration", "policy", "sizing",
    ],
    "properties": {
        "recommendation": SYSTEM,
        "flowchart_path": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["question", "answer"],
                "properties": {"question": {"type": "string"}, "answer": {"type": "string"}},
            },
        },
        "flowchart_outcome": {"anyOf": [SYSTEM, {"type": "null"}]},
        "answers": STRINGS,
        "missing": {"type": "array", "items": {"type": "string"}},
        "ranking": {
            "type": "array",
            "minItems": 4,
            "items": {
                "type": "object",
                "required": ["system", "score"],
                "properties": {"system": SYSTEM, "score": {"type": "number"}},
            },
        },
        "reasons": {"type": "array", "items": {"type": "object", "required": ["text"]}},
        "what_would_change": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["question", "from", "to", "recommendation"],
                "properties": {"recommendation": SYSTEM},
            },
        },
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "next_question": {
            "anyOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "required": ["id", "text", "options"],
                    "properties": {
                        "id": {"type": "string"},
                        "text": {"type": "string"},
                        "options": {
                            "type": "array",
                            "minItems": 2,
                            "items": {
                                "type": "object",
                                "required": ["value", "label"],
                                "properties": {"value": {"type": "string"}, "label": {"type": "string"}},
                            },
                        },
                    },
                },
            ]
        },
        "workloads": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "answers", "recommendation"],
                "properties": {"text": {"type": "string"}, "answers": STRINGS, "recommendation": SYSTEM},
            },
        },
        "parsed": {"type": "array", "items": {"type": "object", "required": ["question", "value", "text"]}},
        "ambiguous": {"type": "array", "items": {"type": "object", "required": ["question", "note"]}},
    },
}
DEV = load_cases("dev")


def _refused(answers: dict[str, str] | list[tuple[str, str]]) -> list[str]:
    refused = []
    for question, value in answers.items() if isinstance(answers, dict) else answers:
        try:
            validate_answer(question, value)
        except InvalidAnswer as exc:
            refused.append(f"{question}={value}: {exc}")
    return refused


@pytest.mark.skipif(not DEV, reason="no dev split in tests/eval/corpus/dev")
def test_every_dev_description_gives_contract_json_whose_answers_the_advisor_takes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    problems: dict[str, list[str]] = {}
    for case in DEV:
        status = main(["advise", "--json", case.text])
        captured = capsys.readouterr()
        found: list[str] = []
        if status != 0 or captured.err:
            found.append(f"exit {status}: {captured.err.strip()}")
        else:
            out = json.loads(captured.out)
            validator = jsonschema.Draft202012Validator(CONTRACT)
            found += [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(out)]
            found += _refused(out["answers"])
            for workload in out["workloads"]:
                found += _refused(workload["answers"])
            question = out["next_question"]
            if question is not None:
                if question["id"] in out["answers"]:
                    found.append(f"next_question asks {question['id']!r}, which is answered")
                found += _refused([(question["id"], option["value"]) for option in question["options"]])
        if found:
            problems[case.id] = found
    assert problems == {}, f"{len(problems)} of {len(DEV)} dev descriptions: {problems}"
