"""A team policy applied to the advice as data: exclusions, adjustments, house rules, errors."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from bot.advisor.engine import advise
from bot.advisor.policy import PolicyError, TeamPolicy, parse_policy
from bot.cli import main
from knowledge import load

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "policy.example.yaml"


def team_policy(text: str, version: int = 1) -> TeamPolicy:
    return TeamPolicy(parse_policy(text), version=version, source=f"team T, version {version}")


NO_NATS_CORE = """
name: No NATS Core
contact: "#platform"
systems:
  nats-core: {offered: false, note: "No on-call for it", contact: "@oncall"}
"""

MANAGED_KAFKA = """
name: Managed Kafka
adjustments:
  - id: managed-kafka
    label: The platform team runs Kafka for you.
    system: kafka
    ratings: {day2/team-expertise: 3, takeaways/operational-complexity: 3, coexistence/overkill-small-team: 3,
              resources/min-memory: 3}
"""

DURABLE_ON_KAFKA = """
name: Paved road
rules:
  - id: durable-on-kafka
    label: Durable messaging goes on the managed Kafka.
    when: {persistence: "yes"}
    prefer: [kafka]
    weight: 10
"""


def test_the_example_policy_in_the_docs_is_valid() -> None:
    policy = parse_policy(EXAMPLE.read_text())
    assert policy.systems["nats-core"].offered is False


def test_a_system_not_offered_is_replaced_and_the_card_data_names_guide_answer_rule_and_contact() -> None:
    answers = {"persistence": "no", "latency": "sub-ms"}
    assert advise(answers).recommendation == "nats-core"

    advice = advise(answers, policy=team_policy(NO_NATS_CORE))

    assert advice.recommendation != "nats-core"
    assert advice.policy is not None
    assert advice.policy.guide_recommendation == "nats-core"
    assert advice.policy.recommendation == advice.recommendation
    assert advice.policy.changed
    [deciding] = advice.policy.deciding
    assert deciding.kind == "not_offered" and deciding.system == "nats-core" and deciding.contact == "@oncall"
    first = advice.reasons[0]
    assert "The guide alone recommends NATS Core" in first.text and "No on-call for it" in first.text
    assert "@oncall" in first.text
    ranked = {r.system: r for r in advice.ranking}
    assert ranked["nats-core"].ruled_out is not None


def test_a_system_not_offered_is_never_recommended_whatever_the_answers() -> None:
    kb = load()
    policy = team_policy(NO_NATS_CORE.replace("nats-core", "kafka"))
    questions = [q for q in kb.all_questions if not q.id.startswith("current")]
    flowchart = kb.flowchart.questions
    seen = set()
    for values in itertools.product(*[q.values for q in flowchart]):
        answers = dict(zip([q.id for q in flowchart], values, strict=True))
        advice = advise(answers, policy=policy)
        seen.add(advice.policy.guide_recommendation if advice.policy else None)
        assert advice.recommendation != "kafka", answers
        # the hybrid contains Kafka: it is not offered either
        assert advice.recommendation != "hybrid", answers
    assert "kafka" in seen  # the guide did recommend Kafka for some of these
    # contradictory answers (every system fails a required need) still never bring it back
    extreme = {"persistence": "yes", "latency": "sub-ms", "edge": "yes", "cdc": "yes", "exactly_once": "yes"}
    assert len(questions) > len(flowchart)
    assert advise(extreme, policy=policy).recommendation not in ("kafka", "hybrid")


def test_an_adjustment_changes_the_answer_through_the_ratings_and_is_named_as_the_reason() -> None:
    # high volume but a small team: the guide's flowchart ends at JetStream; a Kafka run for you is another matter
    answers = {
        "persistence": "yes", "throughput": "high", "stream_processing": "no", "connectors": "no", "ops": "small"
    }
    assert advise(answers).recommendation == "nats-jetstream"

    advice = advise(answers, policy=team_policy(MANAGED_KAFKA))

    assert advice.recommendation == "kafka"
    assert advice.policy is not None and advice.policy.changed
    assert [e.id for e in advice.policy.deciding] == ["managed-kafka"]
    # the reason cites the guide rows the adjustment re-rates
    cited = {r.ref for r in advice.reasons[0].rows}
    assert "day2/team-expertise" in cited
    assert "The platform team runs Kafka for you" in advice.reasons[0].text


def test_a_house_rule_adds_a_need_only_when_its_answer_is_given() -> None:
    policy = team_policy(DURABLE_ON_KAFKA)
    durable = {"persistence": "yes", "throughput": "moderate", "ops": "small"}
    ephemeral = {"persistence": "no", "latency": "low-ms", "edge": "no"}

    changed = advise(durable, policy=policy)
    unchanged = advise(ephemeral, policy=policy)

    assert changed.recommendation == "kafka" and changed.policy is not None
    assert [e.id for e in changed.policy.deciding] == ["durable-on-kafka"]
    assert unchanged.recommendation == advise(ephemeral).recommendation
    assert unchanged.policy is not None and not unchanged.policy.changed
    [rule] = [e for e in unchanged.policy.effects if e.id == "durable-on-kafka"]
    assert rule.active is False


def test_what_would_change_is_computed_under_the_policy() -> None:
    policy = team_policy(DURABLE_ON_KAFKA)
    advice = advise({"persistence": "yes", "throughput": "moderate", "ops": "small"}, policy=policy)
    assert all(c.recommendation != advice.recommendation for c in advice.what_would_change)
    flips = {(c.question, c.to_value) for c in advice.what_would_change}
    assert ("persistence", "no") in flips  # the house rule no longer applies


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("systems:\n  nats-core: {offered: maybe}\n", "field 'systems.nats-core.offered'"),
        ("systems:\n  rabbitmq: {offered: false}\n", "unknown system 'rabbitmq'"),
        ("systems:\n  kafka: {offered: false}\n  nats-core: {offered: false}\n  nats-jetstream: {offered: false}\n",
         "at least one system must be offered"),
        ("adjustments:\n  - {id: a, label: x, system: kafka, ratings: {day2/nope: 3}}\n", "'day2/nope' is not a row"),
        ("adjustments:\n  - {id: a, label: x, system: kafka, ratings: {day2/team-expertise: 7}}\n", "must be 0..3"),
        ("rules:\n  - {id: r, label: x, when: {persistence: maybe}, prefer: [kafka]}\n",
         "'maybe' is not an answer to 'persistence'"),
        ("rules:\n  - {id: r, label: x, when: {persistence: 'yes'}}\n", "needs 'prefer'"),
        ("systems:\n  kafka: {offered: false}\nrules:\n  - {id: r, label: x, when: {persistence: 'yes'}, "
         "prefer: [kafka]}\n", "'kafka' is not offered by this policy"),
        ("docs: not a url\n", "field 'docs'"),
        ("colour: blue\n", "field 'colour': Extra inputs are not permitted"),
        ("systems: [kafka\n", "not valid YAML at line"),
        ("", "the document is empty"),
        ("- kafka\n", "must be a mapping"),
    ],
)
def test_a_bad_policy_is_refused_with_the_field_named(text: str, message: str) -> None:
    with pytest.raises(PolicyError) as raised:
        parse_policy(text)
    assert message in str(raised.value)


def test_advise_json_carries_the_policy_from_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(NO_NATS_CORE)

    assert main(["advise", "--json", "--policy", str(path), "-a", "persistence=no", "-a", "latency=sub-ms"]) == 0

    out = json.loads(capsys.readouterr().out)
    assert out["policy"]["guide_recommendation"] == "nats-core"
    assert out["policy"]["recommendation"] == out["recommendation"] != "nats-core"
    assert out["policy"]["changed"] is True and out["policy"]["version"] is None
    assert any(e["decisive"] and e["system"] == "nats-core" for e in out["policy"]["effects"])


def test_advise_without_a_policy_has_policy_null(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["advise", "--json", "-a", "persistence=no"]) == 0
    assert json.loads(capsys.readouterr().out)["policy"] is None


def test_advise_with_a_bad_policy_file_says_which_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("systems:\n  nats-core: {offered: perhaps}\n")

    assert main(["advise", "--json", "--policy", str(path), "-a", "persistence=no"]) == 2

    err = capsys.readouterr().err
    assert "policy.yaml" in err and "systems.nats-core.offered" in err
