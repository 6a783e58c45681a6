"""The conversation state machine, driven by the flowchart data.

Pure: a state plus an answer gives a new state.  The state is a small pydantic
model that the store keeps as JSON, so any process can continue a thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from knowledge import Knowledge, Question
from knowledge import load as load_knowledge

UNSURE = "unsure"

Source = Literal["button", "typed", "parsed", "cli"]


class InvalidAnswer(ValueError):
    """An unknown question id or a value the question does not offer."""

    def __init__(self, message: str, *, valid: list[str]) -> None:
        super().__init__(message)
        self.valid = valid


class Step(BaseModel):
    question: str
    value: str  # an answer value, or "unsure"
    source: Source = "typed"
    # Free-text answers remember the words they were read from.
    span: tuple[int, int] | None = None
    text: str | None = None


class AdvisorState(BaseModel):
    """Answers so far, in the order given; the last step is what Back undoes."""

    steps: list[Step] = Field(default_factory=list)
    # Questions a description touched without settling ("low latency"): asked even
    # when the flowchart's path does not pass them.
    ask_also: list[str] = Field(default_factory=list)
    # Questions whose answer was taken back to be changed: asked before anything else.
    ask_next: list[str] = Field(default_factory=list)

    @property
    def answers(self) -> dict[str, str]:
        """Question id -> value, the latest answer to a question winning; "unsure" excluded."""
        result: dict[str, str] = {}
        for step in self.steps:
            if step.value == UNSURE:
                result.pop(step.question, None)
            else:
                result[step.question] = step.value
        return result

    @property
    def unsure(self) -> list[str]:
        latest: dict[str, str] = {}
        for step in self.steps:
            latest[step.question] = step.value
        return [q for q, v in latest.items() if v == UNSURE]

    @property
    def asked(self) -> set[str]:
        return {s.question for s in self.steps}


def validate_answer(question_id: str, value: str, kb: Knowledge | None = None) -> tuple[Question, str]:
    """Check ``question_id=value`` against the knowledge; returns the question and the value."""
    kb = kb or load_knowledge()
    ids = [q.id for q in kb.all_questions]
    if question_id not in ids:
        raise InvalidAnswer(f"unknown question {question_id!r}", valid=ids)
    question = kb.question(question_id)
    if question.quantity and value != UNSURE:
        from bot.advisor.quantities import canonical

        normal = canonical(question.quantity, value)
        if normal is None:
            raise InvalidAnswer(
                f"{value!r} is not a {question.quantity} value for {question_id!r}",
                valid=[*question.values, UNSURE],
            )
        return question, normal
    if value != UNSURE and value not in question.values:
        raise InvalidAnswer(
            f"{value!r} is not an answer to {question_id!r}", valid=[*question.values, UNSURE]
        )
    return question, value


def apply(
    state: AdvisorState,
    question_id: str,
    value: str,
    *,
    source: Source = "typed",
    span: tuple[int, int] | None = None,
    text: str | None = None,
    kb: Knowledge | None = None,
) -> AdvisorState:
    """Record an answer (or "unsure") and return the new state."""
    _, value = validate_answer(question_id, value, kb)  # quantities in their canonical form
    step = Step(question=question_id, value=value, source=source, span=span, text=text)
    return state.model_copy(update={"steps": [*state.steps, step]})


def back(state: AdvisorState) -> AdvisorState:
    """Undo the latest answer; at the start, nothing changes."""
    return state.model_copy(update={"steps": state.steps[:-1]})


def ask_also(state: AdvisorState, question_ids: Iterable[str | None]) -> AdvisorState:
    """Mark questions to ask whatever the flowchart path (ambiguous words in a description).

    ``None`` (a note about the text as a whole, such as a cut description) is skipped."""
    added: list[str] = []
    for q in question_ids:
        if q is not None and q not in state.ask_also and q not in added:
            added.append(q)
    return state.model_copy(update={"ask_also": [*state.ask_also, *added]}) if added else state


def reopen(state: AdvisorState, question_id: str) -> AdvisorState:
    """Take back every answer to ``question_id`` so that it is asked next (a Change)."""
    return state.model_copy(
        update={
            "steps": [s for s in state.steps if s.question != question_id],
            "ask_next": [question_id, *(q for q in state.ask_next if q != question_id)],
        }
    )


def restart(state: AdvisorState) -> AdvisorState:
    return AdvisorState()


def flowchart_walk(
    answers: dict[str, str], kb: Knowledge | None = None
) -> tuple[list[tuple[str, str]], str | None, str | None]:
    """Follow the guide's flowchart with ``answers``.

    Returns the path taken as (question, answer) pairs, the leaf reached (a
    system id, or None) and the question the walk stopped at for want of an
    answer (None once a leaf is reached).
    """
    kb = kb or load_knowledge()
    path: list[tuple[str, str]] = []
    current: str | None = kb.flowchart.start
    seen: set[str] = set()
    while current is not None and current not in seen:
        seen.add(current)
        question = kb.question(current)
        value = answers.get(current)
        answer = question.answer(value) if value is not None else None
        if answer is None:
            return path, None, current
        path.append((current, answer.value))
        if answer.outcome:
            return path, answer.outcome, None
        current = answer.next
    return path, None, current


def next_question(state: AdvisorState, kb: Knowledge | None = None) -> Question | None:
    """The question to ask next, or None when the conversation has enough to recommend.

    The one function every client uses to decide what to ask (terminal, Slack,
    ``advise --json``).  The flowchart is walked with the answers so far; a
    question answered "not sure" is stepped over by assuming neither answer, so
    the walk asks the flowchart questions reachable from either branch that
    still matter.  After a leaf come the questions a description left unsettled
    (``ask_also``), then the ``ask_after`` extras not yet asked.

    A question is skipped when no answer to it could change the top
    recommendation, whatever the answers to the other questions the
    conversation may still ask: its value of information is zero.
    """
    kb = kb or load_knowledge()
    for question_id in state.ask_next:
        if question_id not in state.asked:
            return kb.question(question_id)  # taken back to be changed: asked whatever it is worth
    candidates = open_questions(state, kb)
    if not candidates:
        return None
    from bot.advisor.engine import could_change

    answers = state.answers
    later = [*missing_questions(answers, kb), *candidates]
    for question_id in candidates:
        if could_change(question_id, answers, later, kb):
            return kb.question(question_id)
    return None


def open_questions(state: AdvisorState, kb: Knowledge | None = None) -> list[str]:
    """The questions a conversation may still ask, in the order it would ask them (before
    the value of information is weighed)."""
    kb = kb or load_knowledge()
    answers = state.answers
    asked = state.asked
    found = [q for q in _open_flowchart_questions(answers, state.unsure, kb) if q not in asked]
    for question_id in [*state.ask_also, *kb.flowchart.ask_after]:
        if question_id not in asked and question_id not in answers and question_id not in found:
            found.append(question_id)
    return found


def _unanswered_reachable(answers: dict[str, str], kb: Knowledge, *, look_past: set[str] | None) -> list[str]:
    """Unanswered flowchart questions reachable from the start, in breadth-first order.

    The walk follows each answered question's edge.  It looks past an
    unanswered question (down both branches) only when that question is in
    ``look_past``; ``None`` means past every unanswered question.
    """
    order: list[str] = []
    frontier: list[str] = [kb.flowchart.start]
    seen: set[str] = set()
    while frontier:
        current = frontier.pop(0)
        if current in seen:
            continue
        seen.add(current)
        question = kb.question(current)
        value = answers.get(current)
        chosen = question.answer(value) if value is not None else None
        if chosen is not None:
            if chosen.next:
                frontier.append(chosen.next)
            continue
        order.append(current)
        if look_past is None or current in look_past:
            frontier.extend(a.next for a in question.answers if a.next)
    return order


def _open_flowchart_questions(answers: dict[str, str], unsure: list[str], kb: Knowledge) -> list[str]:
    """Questions a conversation can still ask: a question not answered yet blocks what lies below it,
    one answered "not sure" does not."""
    return _unanswered_reachable(answers, kb, look_past=set(unsure))


def missing_questions(answers: dict[str, str], kb: Knowledge | None = None) -> list[str]:
    """Unanswered flowchart questions that could still matter, in flowchart order."""
    return _unanswered_reachable(answers, kb or load_knowledge(), look_past=None)
