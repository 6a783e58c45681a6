"""The conversation state machine follows the flowchart data."""

import pytest

from bot.advisor import (
    UNSURE,
    AdvisorState,
    InvalidAnswer,
    apply,
    back,
    flowchart_walk,
    missing_questions,
    next_question,
    restart,
)
from knowledge import load


def answer_all(pairs):
    state = AdvisorState()
    for q, v in pairs:
        state = apply(state, q, v)
    return state


def test_a_new_conversation_starts_with_the_flowcharts_first_question():
    assert next_question(AdvisorState()).id == load().flowchart.start == "persistence"


def test_each_answer_leads_to_the_question_its_edge_names():
    state = apply(AdvisorState(), "persistence", "yes")
    assert next_question(state).id == "throughput"
    state = apply(state, "throughput", "moderate")
    assert next_question(state).id == "ops"
    state = apply(AdvisorState(), "persistence", "no")
    assert next_question(state).id == "latency"


def test_after_a_leaf_the_extra_questions_are_asked_then_nothing():
    state = answer_all([("persistence", "no"), ("latency", "sub-ms")])
    asked = []
    while (q := next_question(state)) is not None:
        asked.append(q.id)
        state = apply(state, q.id, q.values[-1])
    assert asked == load().flowchart.ask_after


def test_back_undoes_the_latest_answer_and_asks_that_question_again():
    state = answer_all([("persistence", "yes"), ("throughput", "high")])
    state = back(state)
    assert state.answers == {"persistence": "yes"}
    assert next_question(state).id == "throughput"


def test_back_at_the_start_changes_nothing():
    assert back(AdvisorState()).steps == []


def test_restart_forgets_every_answer():
    state = answer_all([("persistence", "yes"), ("throughput", "high")])
    assert restart(state).answers == {}


def test_not_sure_moves_on_to_the_questions_below_both_branches():
    state = apply(AdvisorState(), "persistence", UNSURE)
    assert state.answers == {}
    assert state.unsure == ["persistence"]
    assert next_question(state).id in {"latency", "throughput"}


def test_a_later_answer_to_the_same_question_wins():
    state = answer_all([("persistence", "yes"), ("persistence", "no")])
    assert state.answers == {"persistence": "no"}


def test_an_unknown_question_is_rejected_with_the_valid_ids():
    with pytest.raises(InvalidAnswer) as err:
        apply(AdvisorState(), "colour", "blue")
    assert "persistence" in err.value.valid


def test_an_unknown_value_is_rejected_with_the_valid_values():
    with pytest.raises(InvalidAnswer) as err:
        apply(AdvisorState(), "latency", "fast")
    assert set(err.value.valid) >= {"sub-ms", "low-ms"}


def test_the_state_round_trips_through_json_as_the_store_keeps_it():
    state = answer_all([("persistence", "yes"), ("throughput", "high")])
    again = AdvisorState.model_validate_json(state.model_dump_json())
    assert again.answers == state.answers
    assert next_question(again).id == next_question(state).id


def test_the_walk_reports_where_it_stopped_for_want_of_an_answer():
    path, outcome, stopped = flowchart_walk({"persistence": "yes"})
    assert path == [("persistence", "yes")]
    assert outcome is None
    assert stopped == "throughput"


def test_missing_lists_only_questions_that_can_still_matter():
    assert missing_questions({"persistence": "no"}) == ["latency", "edge"]
    assert missing_questions({"persistence": "no", "latency": "sub-ms"}) == []
    assert set(missing_questions({})) == {q.id for q in load().flowchart.questions}


def test_questions_a_description_left_unsettled_are_asked_even_off_the_flowchart_path():
    from bot.advisor import ask_also

    state = ask_also(AdvisorState(), ["latency"])
    for q, v in [("persistence", "yes"), ("throughput", "moderate"), ("ops", "small")]:
        state = apply(state, q, v)
    assert next_question(state).id == "latency"  # not on the durable branch, but the text hinted at it
    state = apply(state, "latency", "low-ms")
    assert next_question(state).id == load().flowchart.ask_after[0]
    assert back(state).ask_also == ["latency"]  # kept through back, and through the JSON the store keeps
    assert AdvisorState.model_validate_json(state.model_dump_json()).ask_also == ["latency"]
