"""An architecture decision record (MADR style, Markdown) from a stored decision.

Pure: a decision (anything with the fields of ``bot.store.models.Decision``),
optionally its conversation's free text, and the knowledge in; Markdown out.

- context: the workload answers, with the questions' texts from the knowledge;
- decision and rationale (the rationale is user text, escaped);
- consequences: the guide rows cited by the advice's reasons, read for the
  chosen system (good / bad from the knowledge's ratings);
- alternatives considered: the advisor's ranking with scores.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.advisor.advice import Advice, RowCitation
from bot.render import OTHER_SYSTEM, OTHER_SYSTEM_NAME
from bot.render.templates import environment
from knowledge import Knowledge


class DecisionLike(Protocol):
    @property
    def id(self) -> int | None: ...

    team_id: str
    recommended_system: str
    chosen_system: str
    rationale: str
    decided_by: str
    knowledge_version: str
    confidence: float
    advice: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class ContextLine:
    question: str
    answer: str
    from_text: bool


@dataclass(frozen=True)
class Consequence:
    kind: str  # "Good" | "Bad" | "Neutral"
    topic: str
    table: str
    value: str
    source: str


@dataclass(frozen=True)
class Alternative:
    rank: int
    name: str
    score: float
    chosen: bool
    recommended: bool
    ruled_out: str | None


def render_adr(
    decision: DecisionLike,
    *,
    free_text: str | None = None,
    kb: Knowledge | None = None,
    names: Mapping[str, str] | None = None,
    proposed: bool = False,
    unsure: Collection[str] = (),
) -> str:
    """The decision as a Markdown ADR: "accepted" for a recorded decision, "proposed" for advice not
    decided yet.  ``names`` maps user ids to display names (deciders are never shown as raw ids);
    ``unsure``: the questions the conversation answered "Not sure" (the advice counts them missing)."""
    if kb is None:
        from knowledge import load

        kb = load()
    advice = Advice.model_validate(decision.advice)
    parsed = {p.question for p in advice.parsed}
    context = [
        ContextLine(_question_text(kb, q), _answer_label(kb, q, v), q in parsed)
        for q, v in advice.answers.items()
    ]
    context += [ContextLine(_question_text(kb, q), "Not sure", False) for q in advice.missing if q in unsure]
    missing = [_question_text(kb, q) for q in advice.missing if q not in unsure]
    changes = [
        {
            "question": _question_text(kb, c.question),
            "to": _answer_label(kb, c.question, c.to_value),
            "system": _system_name(kb, c.recommendation),
        }
        for c in advice.what_would_change
    ]
    path = " → ".join(f"{p.question} = {p.answer}" for p in advice.flowchart_path)
    if advice.flowchart_outcome:
        path += f" → {_system_name(kb, advice.flowchart_outcome)}"
    return (
        environment()
        .get_template("adr.md.j2")
        .render(
            decision=decision,
            proposed=proposed,
            deciders=(names or {}).get(decision.decided_by, decision.decided_by),
            advice=advice,
            chosen_name=_system_name(kb, decision.chosen_system),
            recommended_name=_system_name(kb, decision.recommended_system),
            overridden=decision.chosen_system != decision.recommended_system,
            date=decision.created_at.date().isoformat(),
            free_text=free_text,
            rationale=" ".join(decision.rationale.split()).rstrip("."),
            context=context,
            missing=missing,
            path=path,
            consequences=consequences(advice, decision.chosen_system, kb),
            drivers=drivers(advice, kb),
            alternatives=alternatives(advice, decision.chosen_system),
            changes=changes,
            sizing_name=_system_name(kb, advice.sizing.system) if advice.sizing else "",
            against_policy=bool(getattr(decision, "against_policy", False)),
            policy_guide_name=_system_name(kb, advice.policy.guide_recommendation) if advice.policy else "",
            policy_name=_system_name(kb, advice.policy.recommendation) if advice.policy else "",
            sources=sorted({r.source for reason in advice.reasons for r in reason.rows if r.source}),
        )
    )


def drivers(advice: Advice, kb: Knowledge) -> list[str]:
    """The decision drivers as the card words them (whole sentences, each citing its row once),
    then what ruled the other systems out."""
    from bot.render.blocks.card import card_parts

    lines = [
        f"{r.text} ({r.citation.source.split(' › ')[-1]} › {r.citation.topic})" if r.citation else r.text
        for r in card_parts(advice, kb).reasons
    ]
    for ranked in advice.ranking:
        if ranked.ruled_out:
            why = re.sub(r"\s*\([a-z0-9-]+/[a-z0-9-]+\)$", "", ranked.ruled_out)
            lines.append(f"{ranked.name} is ruled out: it {why}.")
    return lines


def consequences(advice: Advice, chosen: str, kb: Knowledge) -> list[Consequence]:
    """The rows cited by the advice's reasons, once each, as they read for the chosen system."""
    seen: set[str] = set()
    result: list[Consequence] = []
    for reason in advice.reasons:
        for citation in reason.rows:
            if citation.ref in seen:
                continue
            seen.add(citation.ref)
            result.append(_consequence(citation, chosen, kb))
    order = {"Good": 0, "Neutral": 1, "Bad": 2}
    return sorted(result, key=lambda c: order[c.kind])


def _consequence(citation: RowCitation, chosen: str, kb: Knowledge) -> Consequence:
    try:
        table, row = kb.row(citation.ref)
    except KeyError:  # the knowledge changed since the decision: quote the citation as stored
        value = "; ".join(citation.values.values())
        return Consequence("Neutral", citation.topic, citation.table_title, value, citation.source)
    try:
        parts = [chosen, *kb.system(chosen).composed_of]
    except KeyError:
        parts = [chosen]
    columns = [c for c in table.columns if set(c.systems) & set(parts)]
    if columns:
        value = "; ".join(
            f"{c.label}: {citation.values.get(c.id, '')}"
            if len(columns) > 1
            else citation.values.get(c.id, "")
            for c in columns
        )
    else:
        value = "; ".join(v for v in citation.values.values() if v)
    rating = kb.rating(row, chosen) if chosen in kb.system_ids else None
    kind = "Neutral" if rating is None else ("Good" if rating >= 2 else "Bad")
    return Consequence(kind, citation.topic, citation.table_title, value, citation.source)


def alternatives(advice: Advice, chosen: str) -> list[Alternative]:
    return [
        Alternative(
            rank=i,
            name=r.name,
            score=r.score,
            chosen=r.system == chosen,
            recommended=r.system == advice.recommendation,
            ruled_out=r.ruled_out,
        )
        for i, r in enumerate(advice.ranking, start=1)
    ]


def _question_text(kb: Knowledge, question_id: str) -> str:
    try:
        return kb.question(question_id).text
    except KeyError:
        return question_id


def _answer_label(kb: Knowledge, question_id: str, value: str) -> str:
    try:
        answer = kb.question(question_id).answer(value)
    except KeyError:
        answer = None
    return answer.label if answer is not None else value


def _system_name(kb: Knowledge, system_id: str) -> str:
    if system_id == OTHER_SYSTEM:
        return OTHER_SYSTEM_NAME
    try:
        return kb.system(system_id).name
    except KeyError:
        return system_id
