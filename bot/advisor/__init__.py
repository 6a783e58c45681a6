"""The advisor: flowchart state machine, ranking and explanation, free-text parsing.

Pure code: no Slack and no SQL.  Public entry points:

- ``advise(answers, text=None) -> Advice``
- ``AdvisorState``, ``apply``, ``back``, ``restart``, ``next_question``
- ``parse(text) -> ParseResult``
"""

from bot.advisor.advice import Advice, Ambiguity, Change, ParsedAnswer, Reason, RowCitation
from bot.advisor.machine import (
    UNSURE,
    AdvisorState,
    InvalidAnswer,
    Step,
    apply,
    ask_also,
    back,
    flowchart_walk,
    missing_questions,
    next_question,
    restart,
    validate_answer,
)

__all__ = [
    "UNSURE",
    "Advice",
    "AdvisorState",
    "Ambiguity",
    "Change",
    "InvalidAnswer",
    "ParsedAnswer",
    "Reason",
    "RowCitation",
    "Step",
    "apply",
    "ask_also",
    "back",
    "flowchart_walk",
    "missing_questions",
    "next_question",
    "restart",
    "validate_answer",
]
