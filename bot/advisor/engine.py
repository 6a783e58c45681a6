"""Ranking and explanation.

Scores come from the knowledge rows: each active need (needs.yaml) weighs
rows of the guide's tables, and a system scores weight x its rating on each.
Nothing here is written per scenario; the flowchart is walked separately so
the result can say where the guide's own chart ends and why the ranking
agrees or not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.advisor.advice import (
    Advice,
    Ambiguity,
    Change,
    ParsedAnswer,
    PathStep,
    RankedSystem,
    Reason,
    RowCitation,
)
from bot.advisor.machine import UNSURE, flowchart_walk, missing_questions, validate_answer
from bot.advisor.prose import lower_first, sentence, shorten
from bot.advisor.sizing import sketch
from knowledge import Knowledge, Row, Table
from knowledge import load as load_knowledge
from knowledge.models import Need

if TYPE_CHECKING:
    from bot.advisor.policy import TeamPolicy

# How many rows the explanation quotes at most, and at least.
MAX_REASON_ROWS = 5
MIN_REASON_ROWS = 2


@dataclass
class Contribution:
    need: Need
    table: Table
    row: Row
    weight: float
    ratings: dict[str, int | None]


@dataclass
class Scoring:
    scores: dict[str, float]
    ruled_out: dict[str, Contribution]  # system -> the required row it fails
    contributions: list[Contribution] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # best first; ruled-out systems last

    @property
    def best(self) -> str:
        return self.order[0]

    @property
    def runner_up(self) -> str | None:
        return self.order[1] if len(self.order) > 1 else None


def active_needs(answers: Mapping[str, str], kb: Knowledge) -> list[Need]:
    return [n for n in kb.needs if all(answers.get(q) == v for q, v in n.when.items())]


def score(answers: Mapping[str, str], kb: Knowledge | None = None) -> Scoring:
    """Score every system against the needs the answers switch on."""
    kb = kb or load_knowledge()
    systems = kb.system_ids
    scores = dict.fromkeys(systems, 0.0)
    ruled_out: dict[str, Contribution] = {}
    vetoed: dict[str, Contribution] = {}  # never lifted (a policy's "not offered")
    contributions: list[Contribution] = []
    for need in active_needs(answers, kb):
        for need_row in need.rows:
            table, row = kb.row(need_row.ref)
            ratings = {s: kb.rating(row, s) for s in systems}
            contribution = Contribution(need, table, row, need_row.weight, ratings)
            contributions.append(contribution)
            for system, rating in ratings.items():
                if rating is None:
                    continue
                scores[system] += need_row.weight * rating
                if need_row.veto and rating == 0:
                    vetoed.setdefault(system, contribution)
                elif need_row.required and rating == 0 and system not in ruled_out:
                    ruled_out[system] = contribution
    if all(s in ruled_out or s in vetoed for s in systems):
        ruled_out = {}  # contradictory needs: rank on scores alone (a caveat says so)
    ruled_out.update(vetoed)
    tie = {s.id: s.tie_rank for s in kb.systems}
    order = sorted(systems, key=lambda s: (s in ruled_out, -scores[s], tie[s]))
    return Scoring(scores=scores, ruled_out=ruled_out, contributions=contributions, order=order)


# ---------------------------------------------------------------------------
# Citations


def system_value(kb: Knowledge, table: Table, row: Row, system_id: str) -> str | None:
    """The table's text for ``system_id`` on ``row`` (composites list their parts)."""
    for column in table.columns:
        if system_id in column.systems:
            return row.values[column.id]
    parts = kb.system(system_id).composed_of
    if parts:
        texts = [
            f"{column.label} {row.values[column.id]}"
            for column in table.columns
            if any(p in column.systems for p in parts)
        ]
        return "; ".join(texts) if texts else None
    return None


def cite(table: Table, row: Row) -> RowCitation:
    return RowCitation(
        table=table.id,
        table_title=table.title,
        row=row.id,
        topic=row.topic,
        values=dict(row.values),
        source=row.source or table.section,
    )


def _short(text: str, limit: int = 160) -> str:
    """At most ``limit`` characters by dropping whole clauses (never cut mid-sentence, no "…")."""
    return shorten(" ".join(text.split()).rstrip("."), limit).rstrip(".")


def _describe(kb: Knowledge, c: Contribution, winner: str, other: str | None) -> str:
    """``Topic (Winner: value; Other: value)`` or, for descriptive rows, the row's own words."""
    win_text = system_value(kb, c.table, c.row, winner)
    if win_text is None:
        described = [(col.label, _short(c.row.values[col.id])) for col in c.table.columns if not col.systems]
        if len(described) == 1:
            return f"{c.row.topic}: {described[0][1]}"
        return f"{c.row.topic} (" + "; ".join(f"{label}: {text}" for label, text in described) + ")"
    if kb.system(winner).composed_of:
        return f"{c.row.topic} ({_short(win_text, 240)})"
    parts = [f"{kb.system(winner).name}: {_short(win_text)}"]
    if other is not None:
        other_text = system_value(kb, c.table, c.row, other)
        if other_text is not None and other_text != win_text:
            parts.append(f"{kb.system(other).name}: {_short(other_text)}")
    return f"{c.row.topic} (" + "; ".join(parts) + ")"


def _edge(c: Contribution, a: str, b: str | None) -> float:
    """How far ``a`` leads ``b`` on this row, weighted."""
    ra = c.ratings.get(a) or 0
    rb = (c.ratings.get(b) or 0) if b else 0
    return c.weight * (ra - rb)


def _unique_rows(contributions: Iterable[Contribution]) -> list[Contribution]:
    """Keep the first contribution of each row (a row may serve several needs)."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for c in contributions:
        key = (c.table.id, c.row.id)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique


def _lead(c: Contribution, winner: str) -> float:
    """How far ``winner`` leads the field on this row (weight x rating above the others' mean)."""
    others = [r or 0 for s, r in c.ratings.items() if s != winner]
    mean = sum(others) / len(others) if others else 0.0
    return c.weight * ((c.ratings.get(winner) or 0) - mean)


def comparator(scoring: Scoring, kb: Knowledge) -> str | None:
    """The alternative to compare the winner with: the best system that is not part of it (nor it of them)."""
    winner = scoring.best
    parts = set(kb.system(winner).composed_of)
    for system in scoring.order[1:]:
        if system in parts or winner in kb.system(system).composed_of:
            continue
        return system
    return scoring.runner_up


def explain(scoring: Scoring, outcome: str | None, kb: Knowledge) -> list[Reason]:
    winner, runner = scoring.best, comparator(scoring, kb)
    reasons: list[Reason] = []
    cited: set[str] = set()

    # 1. The rows on which the winner leads the field most, grouped by need.
    ranked = _unique_rows(sorted(scoring.contributions, key=lambda c: -_lead(c, winner)))
    chosen = [c for c in ranked if _lead(c, winner) > 0][:MAX_REASON_ROWS]
    if len(chosen) < MIN_REASON_ROWS:
        # Nothing separates them much: cite where the winner is strongest.
        extra = sorted(
            (c for c in _unique_rows(scoring.contributions) if c not in chosen),
            key=lambda c: -(c.weight * (c.ratings.get(winner) or 0)),
        )
        chosen += extra[: MIN_REASON_ROWS - len(chosen)]
    by_need: dict[str, list[Contribution]] = {}
    for c in chosen:
        by_need.setdefault(c.need.id, []).append(c)
    for group in by_need.values():
        need = group[0].need
        rows = [cite(c.table, c.row) for c in group]
        cited.update(f"{c.table.id}/{c.row.id}" for c in group)
        details = ". ".join(_describe(kb, c, winner, runner) for c in group)
        reasons.append(Reason(text=sentence(f"{need.label} {details}"), system=winner, rows=rows))

    # 2. Systems ruled out by a need they cannot meet.
    for system, c in scoring.ruled_out.items():
        if system == winner:
            continue
        value = system_value(kb, c.table, c.row, system)
        evidence = f"{c.row.topic}: {_short(value)}" if value is not None else _describe(kb, c, system, None)
        reasons.append(
            Reason(
                text=f"{kb.system(system).name} is ruled out: it cannot meet "
                f"\"{c.need.label.rstrip('.')}\" ({evidence}).",
                system=system,
                rows=[cite(c.table, c.row)],
            )
        )

    # 3. Where the guide's flowchart ends elsewhere, say why the ranking differs.
    if outcome is not None and outcome != winner:
        diff = sorted(scoring.contributions, key=lambda c: -_edge(c, winner, outcome))
        separating = [c for c in diff if _edge(c, winner, outcome) > 0][:3]
        if outcome in scoring.ruled_out:
            separating.insert(0, scoring.ruled_out[outcome])
        if separating:
            needs = ", ".join(dict.fromkeys(lower_first(c.need.label.rstrip(".")) for c in separating))
            reasons.append(
                Reason(
                    text=f"The guide's flowchart ends at {kb.system(outcome).name}, but answers it does "
                    f"not ask about tip the ranking to {kb.system(winner).name}: {needs}.",
                    system=winner,
                    rows=[cite(c.table, c.row) for c in _unique_rows(separating)],
                )
            )

    # 4. A recommendation always cites at least two rows.
    total = sum(len(r.rows) for r in reasons)
    if total < MIN_REASON_ROWS:
        winner_system = kb.system(winner)
        for ref in ("takeaways/constraints-decide", "coexistence/two-systems-burden"):
            try:
                table, row = kb.row(ref)
            except KeyError:
                continue
            if ref in cited:
                continue
            reasons.append(
                Reason(
                    text=f"With little known about the workload, {winner_system.name} is the starting point. "
                    f"{row.topic}: {next(iter(row.values.values()))}",
                    system=winner,
                    rows=[cite(table, row)],
                )
            )
            total += 1
            if total >= MIN_REASON_ROWS:
                break
    return reasons


def caveats(scoring: Scoring, answers: Mapping[str, str], kb: Knowledge) -> list[str]:
    """Weak spots of the winner among the rows its needs weigh most."""
    winner = scoring.best
    found: list[str] = []
    seen: set[str] = set()
    weak = sorted(
        (c for c in scoring.contributions if (c.ratings.get(winner) or 0) <= 1 and c.weight >= 2),
        key=lambda c: -c.weight,
    )
    for c in weak:
        ref = f"{c.table.id}/{c.row.id}"
        if ref in seen:
            continue
        seen.add(ref)
        found.append(f"{_describe(kb, c, winner, None)} — {c.row.source or c.table.section}.")
    if winner in scoring.ruled_out or (not scoring.ruled_out and _all_would_be_ruled_out(answers, kb)):
        found.insert(0, "The answers ask for things no single system meets; the ranking weighs them instead.")
    return found[:4]


def _all_would_be_ruled_out(answers: Mapping[str, str], kb: Knowledge) -> bool:
    failed: set[str] = set()
    for need in active_needs(answers, kb):
        for need_row in need.rows:
            if need_row.required:
                _, row = kb.row(need_row.ref)
                failed.update(s for s in kb.system_ids if kb.rating(row, s) == 0)
    return len(failed) == len(kb.system_ids)


def migration_notes(recommendation: str, answers: Mapping[str, str], kb: Knowledge) -> list[RowCitation]:
    """The guide's migration rows for moving from the current system to the recommended one."""
    current = answers.get("current_system")
    if not current or current == "none":
        return []
    tables: list[str] = []
    nats_family = {"nats-core", "nats-jetstream"}
    if current == "kafka" and recommendation in nats_family:
        tables = ["migration-kafka-to-jetstream"]
    elif current == "nats" and recommendation == "kafka":
        tables = ["migration-nats-to-kafka"]
    elif current in ("kafka", "nats") and recommendation == "hybrid":
        tables = []  # adding the other system beside the current one: the general strategy applies
    elif (current == "kafka" and recommendation == "kafka") or (current == "nats" and recommendation in nats_family):
        return []
    notes: list[RowCitation] = []
    for table_id in [*tables, "migration-strategy"]:
        try:
            table = kb.table(table_id)
        except KeyError:
            continue
        notes.extend(cite(table, row) for row in table.rows)
    return notes


def confidence(
    scoring: Scoring, missing: list[str], answered: int, disagrees: bool, ambiguous: int
) -> tuple[float, str]:
    """A number in [0, 1]: how clear the ranking is, scaled down for what is not known."""
    top = scoring.scores[scoring.best]
    runner = scoring.runner_up
    if runner is None or runner in scoring.ruled_out:
        margin = 1.0
    else:
        margin = (top - scoring.scores[runner]) / max(top, 1.0)
    clarity = 0.5 + 0.5 * min(1.0, margin / 0.3)
    known = answered / max(answered + len(missing) + ambiguous, 1)
    value = clarity * (0.3 + 0.7 * known)
    if disagrees:
        value *= 0.9
    value = round(max(0.05, min(0.97, value)), 2)
    label = "high" if value >= 0.75 else "medium" if value >= 0.5 else "low"
    return value, label


def what_would_change(
    answers: Mapping[str, str], recommendation: str, kb: Knowledge
) -> list[Change]:
    """Each answer whose flip changes the recommendation, found by re-running the ranking."""
    changes: list[Change] = []
    for question_id, value in answers.items():
        question = kb.question(question_id)
        if question.quantity:
            continue  # sizing inputs never change the ranking
        for alternative in question.values:
            if alternative == value:
                continue
            flipped = {**answers, question_id: alternative}
            result = score(flipped, kb).best
            if result != recommendation:
                changes.append(
                    Change(question=question_id, from_value=value, to_value=alternative, recommendation=result)
                )
    return changes


def advise(
    answers: Mapping[str, str] | None = None,
    text: str | None = None,
    *,
    kb: Knowledge | None = None,
    policy: TeamPolicy | None = None,
) -> Advice:
    """The recommendation for ``answers`` (question id -> value) and/or a free-text description.

    Explicit answers win over what the text says.  Unknown ids or values raise
    :class:`bot.advisor.InvalidAnswer`.  Under a team ``policy`` the ranking
    runs on the knowledge as the policy reads it (``bot.advisor.policy``) and
    ``Advice.policy`` sets the guide's own answer beside the policy's.
    """
    kb = kb or load_knowledge()
    guide_kb = kb
    explicit = {}
    for question_id, value in (answers or {}).items():
        _, value = validate_answer(question_id, value, kb)
        if value != UNSURE:
            explicit[question_id] = value

    parsed: list[ParsedAnswer] = []
    ambiguous: list[Ambiguity] = []
    merged: dict[str, str] = {}
    if text:
        from bot.advisor.parse import parse

        result = parse(text, kb=kb)
        parsed = result.answers
        ambiguous = [a for a in result.ambiguous if a.question not in explicit]
        merged.update(result.as_dict())
    merged.update(explicit)
    parsed = [p for p in parsed if p.question not in explicit]

    if policy is not None:
        from bot.advisor.policy import apply_policy

        kb = apply_policy(guide_kb, policy.policy)
    scoring = score(merged, kb)
    recommendation = scoring.best
    path, outcome, _stopped = flowchart_walk(merged, kb)
    missing = missing_questions(merged, kb)
    for amb in ambiguous:
        if amb.question not in merged and amb.question not in missing:
            missing.append(amb.question)
    disagrees = outcome is not None and outcome != recommendation
    conf, label = confidence(scoring, missing, len(merged), disagrees, len(ambiguous))
    reasons = explain(scoring, outcome, kb)
    policy_result = None
    if policy is not None:
        from bot.advisor.policy import outcome as policy_outcome
        from bot.advisor.policy import policy_citations, policy_reason_text

        policy_result = policy_outcome(
            policy, merged, guide_kb, guide_recommendation=score(merged, guide_kb).best, recommendation=recommendation
        )
        if policy_result.changed:
            reasons.insert(
                0,
                Reason(
                    text=policy_reason_text(policy_result, guide_kb),
                    system=recommendation,
                    rows=policy_citations(policy_result),
                ),
            )
    return Advice(
        recommendation=recommendation,
        recommendation_name=kb.system(recommendation).name,
        flowchart_path=[PathStep(question=q, answer=a) for q, a in path],
        flowchart_outcome=outcome,
        answers=merged,
        missing=missing,
        ranking=[
            RankedSystem(
                system=s,
                name=kb.system(s).name,
                score=round(scoring.scores[s], 2),
                ruled_out=(
                    f"cannot meet \"{scoring.ruled_out[s].need.label.rstrip('.')}\" "
                    f"({scoring.ruled_out[s].table.id}/{scoring.ruled_out[s].row.id})"
                    if s in scoring.ruled_out
                    else None
                ),
            )
            for s in scoring.order
        ],
        reasons=reasons,
        what_would_change=what_would_change(merged, recommendation, kb),
        confidence=conf,
        confidence_label=label,
        runner_up=scoring.runner_up,
        caveats=caveats(scoring, merged, kb),
        migration=migration_notes(recommendation, merged, kb),
        parsed=parsed,
        ambiguous=ambiguous,
        knowledge_version=kb.version,
        policy=policy_result,
        sizing=sketch(recommendation, merged, guide_kb, parsed),
    )
