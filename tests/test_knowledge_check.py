"""``msgchoice knowledge check`` passes on the packaged data and names what is wrong in a broken copy."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import main
from knowledge import load
from knowledge.check import PARSER_THRESHOLDS, check, flowchart_paths, notes
from knowledge.loader import DATA_DIR

Edit = Callable[[Any], None]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit_yaml(path: Path, change: Edit) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")


def run_check(capsys: pytest.CaptureFixture[str], data_dir: Path | None = None) -> tuple[int, str]:
    argv = ["knowledge", "check"] + (["--data-dir", str(data_dir)] if data_dir else [])
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def question(raw: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(q for q in raw["questions"] if q["id"] == question_id)


def answer(raw: dict[str, Any], question_id: str, value: str) -> dict[str, Any]:
    return next(a for a in question(raw, question_id)["answers"] if a["value"] == value)


def test_the_packaged_knowledge_passes_the_check_with_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    status, output = run_check(capsys)
    assert status == 0, output
    assert "OK" in output
    assert "18 tables" in output
    assert "9 paths through the flowchart" in output
    # The guide's own flowchart defects are reported as notes, not hidden.
    assert "note: recorded defect at 'hybrid'" in output
    assert "note: recorded defect at 'edge'" in output


def test_an_untouched_copy_of_the_data_passes_too(capsys: pytest.CaptureFixture[str], data_copy: Path) -> None:
    status, output = run_check(capsys, data_copy)
    assert status == 0, output


def test_the_flowchart_has_nine_paths_each_ending_at_a_known_system() -> None:
    kb = load()
    paths = flowchart_paths(kb)
    assert len(paths) == 9
    assert {p.outcome for p in paths} == {"kafka", "nats-core", "nats-jetstream"}
    assert all(p.steps[0][0] == "persistence" for p in paths)


def test_a_broken_flowchart_fails_with_one_line_per_problem(
    capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    def breakit(raw: dict[str, Any]) -> None:
        # An unreachable node: nothing leads to it.
        raw["questions"].append(
            {
                "id": "orphan",
                "text": "Is anyone there?",
                "why": "Nothing points here.",
                "source": "Decision Flowchart",
                "answers": [{"value": "yes", "label": "Yes", "outcome": "kafka"}],
            }
        )
        # A missing edge: the answer leads nowhere.
        del answer(raw, "connectors", "no")["next"]
        # An outcome that is no system.
        answer(raw, "stream_processing", "yes")["outcome"] = "rabbitmq"
        # A next that names no question.
        answer(raw, "throughput", "moderate")["next"] = "budget"

    edit_yaml(data_copy / "flowchart.yaml", breakit)
    status, output = run_check(capsys, data_copy)
    assert status == 1
    assert "flowchart.yaml: question 'orphan': unreachable from start 'persistence'" in output
    assert "flowchart.yaml: question 'connectors', answer 'no': no edge (neither 'next' nor 'outcome')" in output
    assert (
        "flowchart.yaml: question 'stream_processing', answer 'yes', field 'outcome': "
        "'rabbitmq' is not a known system"
    ) in output
    assert "flowchart.yaml: question 'throughput', answer 'moderate', field 'next': 'budget'" in output
    # Both edges into 'ops' are gone, so the check also reports the node they stranded.
    assert "flowchart.yaml: question 'ops': unreachable from start 'persistence'" in output
    assert "5 problem(s)" in output


def test_a_row_with_a_blank_source_is_named_by_file_row_and_field(
    capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    def blank(raw: dict[str, Any]) -> None:
        raw["rows"][1]["source"] = "   "

    edit_yaml(data_copy / "tables" / "latency.yaml", blank)
    status, output = run_check(capsys, data_copy)
    assert status == 1
    assert "tables/latency.yaml: row 'publish-p99', field 'source': empty" in output


def test_a_row_without_a_source_in_a_table_without_a_section_fails_at_load(
    capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    edit_yaml(data_copy / "tables" / "scaling.yaml", lambda raw: raw.pop("section"))
    status, output = run_check(capsys, data_copy)
    assert status == 1
    assert "scaling.yaml" in output
    assert "'section'" in output
    assert "Traceback" not in output


def test_a_malformed_file_fails_with_a_message_naming_file_row_and_field(
    capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    def bad_rating(raw: dict[str, Any]) -> None:
        row = next(r for r in raw["rows"] if r["id"] == "exactly-once")
        row["ratings"]["kafka"] = 7

    edit_yaml(data_copy / "tables" / "features.yaml", bad_rating)
    status, output = run_check(capsys, data_copy)
    assert status == 1
    assert "features.yaml: row 'exactly-once', field 'ratings'" in output
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) == 1


def test_invalid_yaml_is_reported_in_one_line(capsys: pytest.CaptureFixture[str], data_copy: Path) -> None:
    (data_copy / "needs.yaml").write_text("needs: [unclosed\n", encoding="utf-8")
    status, output = run_check(capsys, data_copy)
    assert status == 1
    assert "needs.yaml: not valid YAML" in output


def test_a_missing_data_directory_is_a_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, output = run_check(capsys, tmp_path / "nowhere")
    assert status == 1
    assert "not a directory" in output


def test_dangling_references_between_files_are_reported(
    capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    def bad_flowchart(raw: dict[str, Any]) -> None:
        question(raw, "latency")["rows"].append("latency/p999")
        raw["ask_after"].append("budget")

    def bad_need(raw: dict[str, Any]) -> None:
        raw["needs"][1]["rows"][0]["ref"] = "features/time-travel"

    def bad_rating_key(raw: dict[str, Any]) -> None:
        raw["rows"][0]["ratings"]["rabbitmq"] = 1

    def bad_lexicon(raw: dict[str, Any]) -> None:
        raw["entries"][0]["value"] = "maybe"
        raw["entries"][1]["terms"].append("{homecoming} later")

    def bad_system(raw: dict[str, Any]) -> None:
        raw["systems"][-1]["composed_of"].append("pulsar")

    def missing_threshold(raw: dict[str, Any]) -> None:
        raw["thresholds"] = [t for t in raw["thresholds"] if t["id"] != "latency-sub-ms"]

    edit_yaml(data_copy / "flowchart.yaml", bad_flowchart)
    edit_yaml(data_copy / "needs.yaml", bad_need)
    edit_yaml(data_copy / "tables" / "features.yaml", bad_rating_key)
    edit_yaml(data_copy / "lexicon.yaml", bad_lexicon)
    edit_yaml(data_copy / "systems.yaml", bad_system)
    edit_yaml(data_copy / "thresholds.yaml", missing_threshold)
    status, output = run_check(capsys, data_copy)
    assert status == 1
    assert "flowchart.yaml: question 'latency', field 'rows': 'latency/p999' names no table row" in output
    assert "flowchart.yaml: field 'ask_after': 'budget' names no question" in output
    assert "needs.yaml: need 'durable', field 'rows': 'features/time-travel' names no table row" in output
    assert "tables/features.yaml: row 'persistence', field 'ratings': 'rabbitmq' is not a system id" in output
    assert "lexicon.yaml: entry #1 (persistence=maybe)" in output
    assert "{homecoming} names no word class" in output
    assert "systems.yaml: system 'hybrid', field 'composed_of': 'pulsar' is not another system" in output
    assert "thresholds.yaml: threshold 'latency-sub-ms' is missing" in output


def test_the_check_function_finds_a_row_with_an_empty_source_in_memory() -> None:
    kb = load()
    table = kb.table("features")
    rows = [table.rows[0].model_copy(update={"source": ""}), *table.rows[1:]]
    broken_table = table.model_copy(update={"rows": rows})
    tables = [broken_table if t.id == "features" else t for t in kb.tables]
    broken = kb.model_copy(update={"tables": tables})
    assert check(broken) == ["tables/features.yaml: row 'persistence', field 'source': empty "
                             "(every row must cite a guide section)"]


def test_the_parser_thresholds_all_exist_in_the_packaged_data() -> None:
    kb = load()
    for threshold_id in PARSER_THRESHOLDS:
        kb.threshold(threshold_id)


def test_an_unrecorded_dead_end_outcome_is_noted(data_copy: Path) -> None:
    def forget_defects(raw: dict[str, Any]) -> None:
        raw["defects"] = []

    edit_yaml(data_copy / "flowchart.yaml", forget_defects)
    from knowledge import load_from

    found = notes(load_from(data_copy))
    assert any("'hybrid' is no outcome of the flowchart" in n for n in found)
    assert any("question 'edge': every answer leads to the same place" in n for n in found)


def test_a_lexicon_regular_expression_that_does_not_compile_is_named_by_the_check(
    capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    """Before, a bad pattern passed the check and failed at the first description parsed."""

    def bad_patterns(raw: dict[str, Any]) -> None:
        entry = next(e for e in raw["entries"] if e.get("patterns"))
        entry["patterns"].append("keep (forever")
        raw["polarity"]["negators"].append("never[")

    edit_yaml(data_copy / "lexicon.yaml", bad_patterns)
    status, output = run_check(capsys, data_copy)
    assert status == 1
    assert "field 'patterns': 'keep (forever' is not a valid regular expression" in output
    assert "lexicon.yaml: polarity, field 'negators': 'never[' is not a valid regular expression" in output


def test_a_modifier_or_term_that_does_not_compile_as_the_parser_builds_it_is_named_by_the_check(
    capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    """Modifiers and terms are compiled lazily by the parser: a bad one used to pass the check and fail
    at the first description holding its words."""

    def bad_modifier(raw: dict[str, Any]) -> None:
        entry = next(e for e in raw["entries"] if e.get("id") == "current-kafka")
        entry["modifiers"] = [{"words": ["(?<=a+)b"], "where": "after", "value": "none", "rationale": "bad"}]

    edit_yaml(data_copy / "lexicon.yaml", bad_modifier)
    status, output = run_check(capsys, data_copy)
    assert status == 1
    assert "entry 'current-kafka': a modifier does not compile as the parser builds it" in output


def test_a_bad_word_of_the_team_or_latency_vocabulary_is_named_by_the_check(
    capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    """The team-size and latency readers' words are compiled with the lexicon: a bad one is reported, not
    met at the first description parsed."""

    def bad_role(raw: dict[str, Any]) -> None:
        raw["team_others"]["roles"].append("geolog(ists")

    edit_yaml(data_copy / "lexicon.yaml", bad_role)
    status, output = run_check(capsys, data_copy)
    assert status == 1
    assert "lexicon.yaml: team_others, field 'roles': 'geolog(ists' is not a valid regular expression" in output

    def clashing_groups(raw: dict[str, Any]) -> None:
        raw["team_others"]["roles"].remove("geolog(ists")
        # each compiles alone; joined as the parser joins them, the group name is defined twice
        raw["latency_of_other"] += ["(?P<kind>mainframes?)", "(?P<kind>ledgers?)"]

    edit_yaml(data_copy / "lexicon.yaml", clashing_groups)
    status, output = run_check(capsys, data_copy)
    assert status == 1
    assert "lexicon.yaml: latency_of_other: the words do not compile as the parser builds them" in output


def test_a_silence_or_hybrid_side_naming_a_wrong_answer_is_reported_in_memory() -> None:
    kb = load()
    lexicon = kb.lexicon
    silence = lexicon.silences[0].model_copy(update={"unless_answers": {"throughput": ["huge"], "nope": ["yes"]}})
    broken = kb.model_copy(
        update={
            "lexicon": lexicon.model_copy(
                update={"silences": [silence], "hybrid_sides": {"realtime": {"latency": ["fast"]}}}
            )
        }
    )
    problems = [p for p in check(broken) if "unless_answers" in p or "hybrid_sides" in p]
    assert problems == [
        "lexicon.yaml: silence on 'persistence': unless_answers: 'huge' is no answer of 'throughput'",
        "lexicon.yaml: silence on 'persistence': unless_answers: 'nope' names no question",
        "lexicon.yaml: hybrid_sides (realtime): 'fast' is no answer of 'latency'",
    ]
