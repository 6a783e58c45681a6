"""The conversation state machine follows the flowchart data."""

import pytest

from bot.advisor import (
    UNSURE,
    AdvisorState,
    InvalidAnswer,
    apply,
    ask_also,
    back,
    flowchart_walk,
    missing_questions,
    next_question,
    restart,
)
from bot.advisor.engine import advise
from bot.advisor.machine import open_questions
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
    assert open_questions(state)[0] == "latency"


def test_a_question_no_answer_of_which_can_change_the_recommendation_is_not_asked():
    # Without persistence every branch below (latency, edge) ends at NATS Core: nothing left to ask.
    state = apply(AdvisorState(), "persistence", "no")
    assert next_question(state) is None
    assert advise(state.answers).recommendation == "nats-core"
    # On the durable branch the same latency question can still matter, and is asked when hinted.
    state = ask_also(answer_all([("persistence", "yes"), ("throughput", "high")]), ["edge"])
    assert next_question(state).id == "stream_processing"


def test_after_a_leaf_the_extra_questions_that_can_still_matter_are_asked_then_nothing():
    state = answer_all([("persistence", "yes"), ("throughput", "high"), ("stream_processing", "yes")])
    asked = []
    while (q := next_question(state)) is not None:
        asked.append(q.id)
        state = apply(state, q.id, q.values[-1])
    # Request-reply beside high-volume streaming can make it a hybrid; the current system never
    # changes the ranking (it only adds migration notes), so it is not asked.
    assert asked == ["request_reply"]
    assert open_questions(answer_all([("persistence", "no"), ("latency", "sub-ms")])) == load().flowchart.ask_after


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
    state = ask_also(AdvisorState(), ["edge"])
    path = [("persistence", "yes"), ("throughput", "high"), ("stream_processing", "no"), ("connectors", "no"),
            ("ops", "dedicated")]
    for q, v in path:
        state = apply(state, q, v)
    assert next_question(state).id == "edge"  # not on the durable branch, but the text hinted at it
    state = apply(state, "edge", "no")
    assert next_question(state).id == load().flowchart.ask_after[0]
    assert back(state).ask_also == ["edge"]  # kept through back, and through the JSON the store keeps
    assert AdvisorState.model_validate_json(state.model_dump_json()).ask_also == ["edge"]
