"""Ranking, reasons, what-would-change and confidence come from the knowledge rows."""

import random
import shutil
from pathlib import Path

import pytest
import yaml

from bot.advisor import InvalidAnswer
from bot.advisor.engine import advise, score
from knowledge import load, load_from
from knowledge.loader import DATA_DIR

FLOWCHART_QUESTIONS = [q for q in load().flowchart.questions]


def random_answers(rng):
    answers = {}
    for q in load().all_questions:
        if rng.random() < 0.45:
            answers[q.id] = rng.choice(q.values)
    return answers


def test_sub_millisecond_request_reply_plus_streaming_with_processing_recommends_the_hybrid():
    advice = advise(
        {
            "persistence": "yes",
            "throughput": "high",
            "stream_processing": "yes",
            "request_reply": "yes",
            "latency": "sub-ms",
        }
    )
    assert advice.recommendation == "hybrid"
    assert advice.flowchart_outcome == "kafka"
    disagreement = [r for r in advice.reasons if "flowchart ends at Apache Kafka" in r.text]
    assert disagreement and disagreement[0].rows


def test_a_small_team_makes_the_hybrid_overkill():
    advice = advise({"persistence": "yes", "throughput": "moderate", "request_reply": "yes", "ops": "small"})
    assert advice.recommendation == "nats-jetstream"


def test_edge_with_persistence_points_to_jetstream_and_rules_out_kafka():
    advice = advise({"edge": "yes", "persistence": "yes"})
    assert advice.recommendation == "nats-jetstream"
    kafka = next(r for r in advice.ranking if r.system == "kafka")
    assert kafka.ruled_out


def test_cdc_with_a_small_team_still_recommends_kafka_and_explains_leaving_the_flowchart():
    advice = advise({"persistence": "yes", "throughput": "moderate", "ops": "small", "cdc": "yes"})
    assert advice.flowchart_outcome == "nats-jetstream"
    assert advice.recommendation == "kafka"
    assert any("flowchart ends at NATS JetStream" in r.text for r in advice.reasons)
    assert any("Team expertise" in c for c in advice.caveats)


@pytest.mark.parametrize("seed", range(40))
def test_every_recommendation_cites_at_least_two_table_rows(seed):
    advice = advise(random_answers(random.Random(seed)))
    rows = [row for reason in advice.reasons for row in reason.rows]
    assert len(rows) >= 2
    kb = load()
    for row in rows:
        _, found = kb.row(row.ref)
        assert found.topic == row.topic and row.source


def test_with_no_answers_it_still_recommends_with_low_confidence_and_cites_rows():
    advice = advise({})
    assert advice.recommendation in load().system_ids
    assert advice.confidence_label == "low"
    assert len(advice.missing) == len(FLOWCHART_QUESTIONS)
    assert sum(len(r.rows) for r in advice.reasons) >= 2


def test_missing_answers_lower_the_confidence():
    full = advise({"persistence": "yes", "throughput": "moderate", "ops": "small"})
    partial = advise({"persistence": "yes", "ops": "dedicated"})
    assert partial.missing == ["throughput", "stream_processing", "connectors"]
    assert partial.confidence < full.confidence


@pytest.mark.parametrize("seed", range(25))
def test_what_would_change_lists_exactly_the_flips_that_change_the_recommendation(seed):
    answers = random_answers(random.Random(1000 + seed))
    advice = advise(answers)
    listed = {(c.question, c.to_value): c.recommendation for c in advice.what_would_change}
    for question, value in answers.items():
        for alternative in load().question(question).values:
            if alternative == value:
                continue
            flipped = advise({**answers, question: alternative}).recommendation
            if flipped != advice.recommendation:
                assert listed[(question, alternative)] == flipped
            else:
                assert (question, alternative) not in listed


def test_the_json_names_the_from_and_to_of_each_change():
    advice = advise({"persistence": "yes", "throughput": "moderate", "ops": "small"})
    dumped = advice.model_dump(by_alias=True)
    change = next(c for c in dumped["what_would_change"] if c["question"] == "ops")
    assert change == {"question": "ops", "from": "small", "to": "dedicated", "recommendation": "kafka"}


def test_migration_notes_appear_when_moving_from_kafka_to_nats():
    advice = advise({"persistence": "yes", "throughput": "moderate", "ops": "small", "current_system": "kafka"})
    tables = {m.table for m in advice.migration}
    assert tables == {"migration-kafka-to-jetstream", "migration-strategy"}
    assert not advise({"persistence": "yes", "throughput": "moderate", "ops": "small"}).migration


def test_unknown_answers_are_rejected():
    with pytest.raises(InvalidAnswer):
        advise({"persistence": "perhaps"})


def test_explicit_answers_win_over_the_free_text():
    advice = advise({"ops": "dedicated"}, text="small team, durable queues, 2k msgs/s")
    assert advice.answers["ops"] == "dedicated"
    assert all(p.question != "ops" for p in advice.parsed)


def test_adding_a_system_is_a_data_change(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    systems = yaml.safe_load((data / "systems.yaml").read_text())
    systems["systems"].append(
        {"id": "pulsar", "name": "Apache Pulsar", "summary": "A test system.", "source": "test", "tie_rank": 9}
    )
    (data / "systems.yaml").write_text(yaml.safe_dump(systems))
    features = yaml.safe_load((data / "tables" / "features.yaml").read_text())
    for row in features["rows"]:
        row.setdefault("ratings", {})["pulsar"] = 3 if row["id"] in ("persistence", "edge-iot") else 0
    (data / "tables" / "features.yaml").write_text(yaml.safe_dump(features, allow_unicode=True))
    kb = load_from(data)
    scoring = score({"persistence": "yes", "edge": "yes"}, kb)
    assert "pulsar" in scoring.order
    assert scoring.scores["pulsar"] > 0


# -- leans: weak evidence from the text, weaker than any stated answer ------------------------


def test_a_lean_tips_only_what_nothing_stated_separates():
    assert score({}).best == "nats-jetstream"  # the documented tie-break
    assert score({}, leans={"persistence": "no"}).best == "nats-core"


def test_a_stated_answer_beats_a_lean_on_the_same_question():
    stated = score({"persistence": "yes"})
    leaned = score({"persistence": "yes"}, leans={"persistence": "no"})
    assert leaned.scores == stated.scores and leaned.order == stated.order
    assert leaned.leaned == []


def test_a_lean_never_rules_a_system_out_and_weighs_less_than_a_statement():
    leaned = score({}, leans={"persistence": "yes"})
    assert "nats-core" not in leaned.ruled_out
    assert score({"persistence": "yes"}).ruled_out  # stated, the same need rules NATS Core out
    # A stated need elsewhere outweighs a lean: a small team stays with NATS, whatever the volume leans to.
    assert score({"ops": "small"}, leans={"throughput": "high", "persistence": "yes"}).best != "kafka"


def test_leans_in_conflict_cancel_in_the_text():
    text = "the live dashboards and the audit team read the same stream"
    advice = advise(text=text)
    assert not any("suggests" in r.text for r in advice.reasons)
    assert advice.recommendation == advise(text="the dashboards and the team read the same stream").recommendation


def test_a_lean_is_reported_as_a_suggestion_not_an_answer():
    text = "mostly keepalives and service health checks between the sidecars"
    advice = advise(text=text)
    assert "persistence" not in advice.answers
    assert "persistence" in advice.missing
    suggestion = next(r for r in advice.reasons if "suggests" in r.text)
    assert "Not confirmed" in suggestion.text and suggestion.rows
    # Answered in the conversation, the answer replaces the lean.
    answered = advise({"persistence": "yes"}, text=text)
    assert not any("suggests" in r.text for r in answered.reasons)
    assert answered.recommendation == "nats-jetstream"
    # "Not sure" adds nothing either way: the suggestion still weighs, said as one, and is not asked again.
    unsure = advise({"persistence": "unsure"}, text=text)
    suggestion = next(r for r in unsure.reasons if "suggests" in r.text)
    assert "you were not sure" in suggestion.text and "still asks" not in suggestion.text
    assert unsure.recommendation == advise(text=text).recommendation == "nats-core"
    assert "persistence" not in unsure.answers


def test_a_conversation_ends_on_what_the_description_suggests_where_nobody_stated_otherwise():
    # The terminal and Slack recommend from the conversation's answers and its description; a lean read
    # from the description must weigh there as it did on the first card, or "not sure" to every question
    # silently turns the advice into the ranking's tie-break.
    text = "presence pings from the desktop clients every few seconds"
    first = advise(text=text)
    assert first.recommendation == "nats-core"
    after = advise({}, description=text)  # every question answered "not sure" (kept out of the answers)
    assert after.recommendation == first.recommendation
    suggestion = next(r.text for r in after.reasons if "suggests" in r.text)
    assert "still asks" not in suggestion  # the conversation is over: nothing is pending
    # A stated answer still wins over the suggestion.
    assert advise({"persistence": "yes"}, description=text).recommendation != "nats-core"


# A conversation about two workloads (issue 8): the answers are the conversation's, the split the text's.
TWO_WORKLOADS = (
    "two sorts of traffic here. the match servers gossip player positions and a position that shows up late "
    "is worthless, nothing of it needs storing. separately, every in-game purchase is kept for 7 years for "
    "audits and we run windowed aggregates over it at ~2M msgs/s."
)


def test_one_answer_to_a_question_the_workloads_answer_differently_keeps_the_split() -> None:
    from_text = advise(text=TWO_WORKLOADS)
    assert from_text.recommendation == "hybrid"
    assert "persistence" not in from_text.answers  # the workloads differ: asked, not settled
    # The conversation asked it once and heard "yes" (true of the purchases only).
    answers = {**from_text.answers, "persistence": "yes", "ops": "dedicated"}
    after = advise(answers, description=TWO_WORKLOADS)
    assert after.recommendation == "hybrid"
    assert [w.recommendation for w in after.workloads] == ["nats-core", "kafka"]
    assert after.workloads[0].answers["persistence"] == "no"  # its own words stand
    assert after.workloads[0].answers["ops"] == "dedicated"  # what the conversation added applies to both
    assert not any("ruled out" in r.text for r in after.reasons)  # NATS Core serves a workload
    # Without the description the same answers cannot tell the workloads apart.
    assert advise(answers).recommendation != "hybrid"


def test_an_answer_the_user_changed_applies_to_every_workload() -> None:
    from_text = advise(text=TWO_WORKLOADS)
    assert from_text.answers["stream_processing"] == "yes"
    changed = advise({**from_text.answers, "stream_processing": "no"}, description=TWO_WORKLOADS)
    assert all(w.answers.get("stream_processing") == "no" for w in changed.workloads)


# Two workloads of one team: what the text says of the team and of the system it runs holds for both.
_TWO_FLOWS = (
    "two kinds of traffic: shipment events that must be kept for 30 days so we can replay them; and live "
    "courier positions for the dispatch map, worthless a second later, nothing stored."
)


def test_a_kafka_shop_keeps_its_kept_workload_on_kafka_beside_a_live_one_on_nats():
    text = "we already run a kafka cluster for the rest of the company. " + _TWO_FLOWS
    advice = advise(text=text)
    assert [w.recommendation for w in advice.workloads] == ["kafka", "nats-core"]
    assert advice.recommendation == "hybrid"
    # the conversation, holding the same answers with its description, ends on the same split
    again = advise(dict(advice.answers), description=text)
    assert (again.recommendation, [w.recommendation for w in again.workloads]) == ("hybrid", ["kafka", "nats-core"])


def test_without_kafka_in_house_both_workloads_stay_on_one_nats_deployment():
    advice = advise(text=_TWO_FLOWS)
    assert [w.recommendation for w in advice.workloads] == ["nats-jetstream", "nats-core"]
    assert advice.recommendation == "nats-jetstream"
