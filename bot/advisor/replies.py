"""Interpret a typed reply to the current question.

Shared by the terminal conversation and the Slack thread so both understand
the same words: an option's number, value, label or synonym; back, restart,
not sure; a follow-up question about the knowledge; or workload facts that
answer this or other questions ("2 ms is fine", "we also need CDC").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from bot.advisor.advice import ParsedAnswer
from knowledge import Knowledge, Question
from knowledge import load as load_knowledge

ReplyKind = Literal["answer", "back", "restart", "unsure", "followup", "facts", "unknown"]

BACK_WORDS = {"back", "b", "undo", "go back", "previous", "oops"}
RESTART_WORDS = {"restart", "r", "start over", "reset", "start again", "begin again"}
UNSURE_WORDS = {
    "not sure", "unsure", "?", "skip", "dunno", "don't know", "dont know", "do not know", "no idea",
    "idk", "pass", "not sure yet", "maybe",
}

# Everyday words for the two answers of a yes/no question (the knowledge's synonyms name the topic words).
YES_WORDS = {"yes", "y", "yep", "yeah", "yup", "ya", "yes please", "sure", "correct", "affirmative", "indeed"}
NO_WORDS = {"no", "n", "nope", "nah", "no thanks", "not really", "negative", "none", "nothing", "never"}


@dataclass
class Reply:
    kind: ReplyKind
    value: str | None = None  # for "answer": the chosen value of the current question
    facts: list[ParsedAnswer] = field(default_factory=list)  # for "facts" (and parsed answers)
    text: str = ""


def normalise(text: str) -> str:
    text = text.strip().lower()
    text = re.sub(r"[\s_]+", " ", text)
    return text.strip(" .!")


def match_option(question: Question, text: str) -> str | None:
    """The answer value ``text`` names: its number, value, label or one of its synonyms."""
    norm = normalise(text)
    if norm.isdigit():
        index = int(norm) - 1
        return question.answers[index].value if 0 <= index < len(question.answers) else None
    for answer in question.answers:
        names = {answer.value, answer.label, *answer.synonyms}
        if norm in {normalise(n) for n in names}:
            return answer.value
    return None


def _yes_no(question: Question, word: str) -> str | None:
    """"yep", "nope" for a question answered yes or no."""
    values = {a.value for a in question.answers}
    if not {"yes", "no"} <= values:
        return None
    if word in YES_WORDS:
        return "yes"
    if word in NO_WORDS:
        return "no"
    return None


_LEADING_WORD = re.compile(r"^\s*([a-z]+)(?:\s*[,.;:!—–-]+\s*|\s+)(?=\S)", re.IGNORECASE)


def _in_context(question: Question, text: str, parsed: list[ParsedAnswer], kb: Knowledge) -> str | None:
    """What a reply that needs its question to be understood answers, or None.

    "nope, it's all transient" and "yes, on the trucks" answer a yes/no question with their first word,
    unless the rest says the opposite of it.  "10 ms", "a few seconds is fine" name a value only the
    question gives a topic: they are read as the question's own field ("latency: 10 ms"), which the
    parser reads the way it reads a form.  Only figures and levels are read so: a yes/no question's
    field name would itself be read as its need."""
    if {"yes", "no"} <= {a.value for a in question.answers}:
        lead = _LEADING_WORD.match(text)
        value = _yes_no(question, lead.group(1).lower()) if lead is not None else None
        said = {p.value for p in parsed if p.question == question.id}
        return value if value is not None and said <= {value} else None
    from bot.advisor.parse import parse

    field = question.id.replace("_", " ")
    found = [p for p in parse(f"{field}: {text}", kb=kb).answers if p.question == question.id]
    return found[0].value if len(found) == 1 else None


def interpret(text: str, question: Question | None, *, kb: Knowledge | None = None) -> Reply:
    """What a typed reply means while ``question`` is open (None once advice was given)."""
    kb = kb or load_knowledge()
    norm = normalise(text)
    if not norm:
        return Reply(kind="unknown", text=text)
    if norm in BACK_WORDS:
        return Reply(kind="back", text=text)
    if norm in RESTART_WORDS:
        return Reply(kind="restart", text=text)
    if question is not None:
        # "not sure?", "no idea?", "nope?": said with a shrug, not asked about the systems.
        bare = norm.rstrip("?").strip()
        if norm in UNSURE_WORDS or bare in UNSURE_WORDS:
            return Reply(kind="unsure", text=text)
        value = match_option(question, text) or _yes_no(question, bare)
        if value is not None:
            return Reply(kind="answer", value=value, text=text)

    from bot.advisor.followup import is_followup

    if is_followup(text):
        return Reply(kind="followup", text=text)

    from bot.advisor.parse import parse

    parsed = parse(text, kb=kb).answers
    if question is not None:
        own = next((p for p in parsed if p.question == question.id and p.implied_by is None), None)
        if own is not None:
            return Reply(kind="answer", value=own.value, facts=parsed, text=text)
        value = _in_context(question, text, parsed, kb)
        if value is not None:
            return Reply(kind="answer", value=value, facts=parsed, text=text)
    if parsed:
        return Reply(kind="facts", facts=parsed, text=text)
    return Reply(kind="unknown", text=text)
