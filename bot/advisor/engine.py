"""Ranking and explanation.

Scores come from the knowledge rows: each active need (needs.yaml) weighs
rows of the guide's tables, and a system scores weight x its rating on each.
Nothing here is written per scenario; the flowchart is walked separately so
the result can say where the guide's own chart ends and why the ranking
agrees or not.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.advisor.advice import (
    SHARED_QUESTIONS,
    Advice,
    Ambiguity,
    Change,
    NextQuestion,
    Option,
    ParsedAnswer,
    PathStep,
    RankedSystem,
    Reason,
    RowCitation,
    Workload,
)
from bot.advisor.machine import UNSURE, flowchart_walk, missing_questions, validate_answer
from bot.advisor.prose import lower_first, sentence, shorten
from bot.advisor.sizing import sketch
from knowledge import Knowledge, Row, Table
from knowledge import load as load_knowledge
from knowledge.models import Need, NeedRow

if TYPE_CHECKING:
    from bot.advisor.policy import TeamPolicy

# A lean (weak evidence in the text for a question it leaves unanswered, the lexicon's ``leans``)
# counts this fraction of a stated answer's weight, and never rules a system out.
LEAN_WEIGHT = 0.5

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
    # Needs switched on only by leans, at LEAN_WEIGHT (not in ``contributions``: nothing stated them).
    leaned: list[Contribution] = field(default_factory=list)

    @property
    def best(self) -> str:
        return self.order[0]

    @property
    def runner_up(self) -> str | None:
        return self.order[1] if len(self.order) > 1 else None


def active_needs(answers: Mapping[str, str], kb: Knowledge) -> list[Need]:
    return [
        n
        for n in kb.needs
        if all(answers.get(q) == v for q, v in n.when.items())
        and not any(answers.get(q) == v for q, v in n.unless.items())
    ]


def _contributions(
    need: Need, kb: Knowledge, systems: list[str], factor: float = 1.0
) -> Iterator[tuple[NeedRow, Contribution]]:
    """Each row a need weighs, with every system's rating on it, at ``factor`` of the row's weight."""
    for need_row in need.rows:
        table, row = kb.row(need_row.ref)
        ratings = {s: kb.rating(row, s) for s in systems}
        yield need_row, Contribution(need, table, row, need_row.weight * factor, ratings)


def score(answers: Mapping[str, str], kb: Knowledge | None = None, leans: Mapping[str, str] | None = None) -> Scoring:
    """Score every system against the needs the answers switch on.

    ``leans`` (question -> value, for questions the answers leave open) switch on further needs at
    LEAN_WEIGHT of their weight; those never rule a system out, and a stated answer always wins."""
    kb = kb or load_knowledge()
    systems = kb.system_ids
    scores = dict.fromkeys(systems, 0.0)
    ruled_out: dict[str, Contribution] = {}
    vetoed: dict[str, Contribution] = {}  # never lifted (a policy's "not offered")
    contributions: list[Contribution] = []
    leaned: list[Contribution] = []
    stated = active_needs(answers, kb)
    open_leans = {q: v for q, v in (leans or {}).items() if q not in answers}
    if open_leans:
        ids = {n.id for n in stated}
        for need in active_needs({**answers, **open_leans}, kb):
            if need.id in ids:
                continue
            for _, contribution in _contributions(need, kb, systems, LEAN_WEIGHT):
                leaned.append(contribution)
                for system, rating in contribution.ratings.items():
                    if rating is not None:
                        scores[system] += contribution.weight * rating
    for need in stated:
        for need_row, contribution in _contributions(need, kb, systems):
            contributions.append(contribution)
            for system, rating in contribution.ratings.items():
                if rating is None:
                    continue
                scores[system] += contribution.weight * rating
                if need_row.veto and rating == 0:
                    vetoed.setdefault(system, contribution)
                elif need_row.required and rating == 0 and system not in ruled_out:
                    ruled_out[system] = contribution
    if all(s in ruled_out or s in vetoed for s in systems):
        ruled_out = {}  # contradictory needs: rank on scores alone (a caveat says so)
    ruled_out.update(vetoed)
    tie = {s.id: s.tie_rank for s in kb.systems}
    order = sorted(systems, key=lambda s: (s in ruled_out, -scores[s], tie[s]))
    return Scoring(scores=scores, ruled_out=ruled_out, contributions=contributions, order=order, leaned=leaned)


# ---------------------------------------------------------------------------
# Value of information: could any answer to a question still change the winner?


class _FastRanking:
    """``score(answers).best`` with the needs' sums precomputed, for trying many answer sets."""

    def __init__(self, kb: Knowledge) -> None:
        systems = kb.system_ids
        self.systems = systems
        self.order_key = [(kb.system(s).tie_rank, i) for i, s in enumerate(systems)]
        self.base = [0.0] * len(systems)
        self.base_ruled = 0
        self.needs: list[tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], list[float], int]] = []
        # Per question, the values some need is switched on by: every other value ranks like no answer.
        self.values: dict[str, list[str]] = {}
        for need in kb.needs:
            totals = [0.0] * len(systems)
            ruled = 0
            for need_row in need.rows:
                _, row = kb.row(need_row.ref)
                for i, system in enumerate(systems):
                    rating = kb.rating(row, system)
                    if rating is None:
                        continue
                    totals[i] += need_row.weight * rating
                    if need_row.required and rating == 0:
                        ruled |= 1 << i
            if not need.when and not need.unless:
                self.base = [a + b for a, b in zip(self.base, totals, strict=True)]
                self.base_ruled |= ruled
                continue
            self.needs.append((tuple(need.when.items()), tuple(need.unless.items()), totals, ruled))
            for question_id, value in [*need.when.items(), *need.unless.items()]:
                known = self.values.setdefault(question_id, [])
                if value not in known:
                    known.append(value)
        self.all_ruled = (1 << len(systems)) - 1

    def best(self, answers: Mapping[str, str]) -> str:
        scores = list(self.base)
        ruled = self.base_ruled
        get = answers.get
        for when, unless, totals, out in self.needs:
            for q, v in when:
                if get(q) != v:
                    break
            else:
                if any(get(q) == v for q, v in unless):
                    continue
                scores = [a + b for a, b in zip(scores, totals, strict=True)]
                ruled |= out
        if ruled == self.all_ruled:
            ruled = 0
        winner = min(range(len(scores)), key=lambda i: ((ruled >> i) & 1, -scores[i], self.order_key[i]))
        return self.systems[winner]


# Rankings by knowledge object: a team policy's copy keeps the guide's version string but not its ratings.
_FAST: dict[int, tuple[Knowledge, _FastRanking]] = {}
# Enumerating more combinations than this is not attempted: the question is then asked.
MAX_VOI_COMBINATIONS = 4096


def _fast(kb: Knowledge) -> _FastRanking:
    cached = _FAST.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    if len(_FAST) >= 8:
        # the oldest out (another thread may have emptied or changed the dict meanwhile)
        with contextlib.suppress(StopIteration, RuntimeError):
            _FAST.pop(next(iter(_FAST)), None)
    ranking = _FastRanking(kb)
    _FAST[id(kb)] = (kb, ranking)
    return ranking


def could_change(
    question_id: str, answers: Mapping[str, str], open_questions: Iterable[str], kb: Knowledge | None = None
) -> bool:
    """True when some answer to ``question_id`` changes the top recommendation for some answers
    (or none) to the other ``open_questions``; False when its value of information is zero."""
    kb = kb or load_knowledge()
    fast = _fast(kb)
    own = fast.values.get(question_id)
    if not own:
        return False  # no need depends on it: no answer can move the ranking
    context = [q for q in dict.fromkeys(open_questions) if q != question_id and q not in answers and q in fast.values]
    choices: list[list[str | None]] = [[None, *fast.values[q]] for q in context]
    combinations = len(own) + 1
    for values in choices:
        combinations *= len(values)
    if combinations > MAX_VOI_COMBINATIONS:
        return True
    base = dict(answers)
    base.pop(question_id, None)
    for combo in itertools.product(*choices):
        trial = dict(base)
        trial.update({q: v for q, v in zip(context, combo, strict=True) if v is not None})
        first = fast.best(trial)
        for value in own:
            trial[question_id] = value
            if fast.best(trial) != first:
                return True
        trial.pop(question_id, None)
    return False


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
                f'"{c.need.label.rstrip(".")}" ({evidence}).',
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
    answers: Mapping[str, str], recommendation: str, kb: Knowledge, leans: Mapping[str, str] | None = None
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
            result = score(flipped, kb, leans).best
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
    description: str | None = None,
) -> Advice:
    """The recommendation for ``answers`` (question id -> value) and/or a free-text description.

    ``description`` is for a conversation: the text its ``answers`` were read from and asked
    after.  The answers stay the conversation's (what it read, what was asked, what was changed);
    the description adds only its workloads, each keeping what its own text states on the
    questions the description as a whole left open (where the workloads differ), so a
    conversation about two workloads ends on the same split as ``advise(text=...)``.

    Explicit answers win over what the text says; an explicit "unsure" records
    "not sure" (the question is neither answered nor asked again).  Unknown ids
    or values raise :class:`bot.advisor.InvalidAnswer`.  Under a team ``policy`` the ranking
    runs on the knowledge as the policy reads it (``bot.advisor.policy``) and
    ``Advice.policy`` sets the guide's own answer beside the policy's.
    """
    kb = kb or load_knowledge()
    guide_kb = kb
    explicit = {}
    unsure: list[str] = []
    for question_id, value in (answers or {}).items():
        _, value = validate_answer(question_id, value, kb)
        if value == UNSURE:
            unsure.append(question_id)
        else:
            explicit[question_id] = value

    parsed: list[ParsedAnswer] = []
    ambiguous: list[Ambiguity] = []
    merged: dict[str, str] = {}
    readings = []
    leaning: list[ParsedAnswer] = []
    workload_leans: list[ParsedAnswer] = []
    if text:
        from bot.advisor.parse import parse

        result = parse(text, kb=kb)
        parsed = result.answers
        leaning = result.leans
        ambiguous = [a for a in result.ambiguous if a.question not in explicit and a.question not in unsure]
        merged.update(result.as_dict())
        readings = result.workloads
        workload_leans = result.leans
    # A conversation's answers per workload of its description, aligned with ``readings``.
    own_answers: list[dict[str, str]] | None = None
    if description and not text:
        from bot.advisor.parse import parse

        described = parse(description, kb=kb)
        readings = described.workloads
        workload_leans = described.leans
        # What the description suggests still weighs after the conversation, on what nobody stated.
        leaning = described.leans
        whole = described.as_dict()
        # What the conversation added to the description's reading: asked, or changed by the user.
        added = {q: v for q, v in explicit.items() if whole.get(q) != v}
        # An answer to a question the workloads answer differently (asked because the whole
        # description left it open) does not overrule what a workload's own text says.
        own_answers = [
            {**own, **{q: v for q, v in added.items() if q in whole or q not in own}}
            for own in (reading.as_dict() for reading in readings)
        ]
    for question_id in unsure:
        merged.pop(question_id, None)
    merged.update(explicit)
    parsed = [p for p in parsed if p.question not in explicit and p.question not in unsure]

    if policy is not None:
        from bot.advisor.policy import apply_policy

        kb = apply_policy(guide_kb, policy.policy)
    # A stated answer always wins over a lean on the same question.  "Not sure" adds nothing either
    # way, so what the description suggests still weighs there (still labelled as a suggestion).
    leaning = [p for p in leaning if p.question not in merged]
    leans = {p.question: p.value for p in leaning}
    scoring = score(merged, kb, leans)
    recommendation = scoring.best
    path, outcome, _stopped = flowchart_walk(merged, kb)
    missing = missing_questions(merged, kb)
    for amb in ambiguous:
        if amb.question is not None and amb.question not in merged and amb.question not in missing:
            missing.append(amb.question)
    reasons = explain(scoring, outcome, kb)
    lean_reason = _lean_reason(leaning, scoring, merged, kb, unsure, asks=bool(text))
    if lean_reason is not None:
        reasons.append(lean_reason)
    # What the description says of the organisation (its team, the system it runs) holds for each workload.
    organisation = {q: v for q, v in merged.items() if q in SHARED_QUESTIONS}
    workloads = _workloads(readings, explicit, unsure, kb, own_answers, workload_leans, organisation)
    split = _split_recommendation(workloads, readings, text or description or "", kb)
    if split is not None:
        recommendation, reason = split
        # A system that serves one of the workloads is not "ruled out" for the description.
        served = {w.recommendation for w in workloads}
        reasons = [r for r in reasons if not (r.system in served and r.system in scoring.ruled_out)]
        reasons.insert(0, reason)
    disagrees = outcome is not None and outcome != recommendation
    conf, label = confidence(scoring, missing, len(merged), disagrees, len(ambiguous))
    policy_result = None
    if policy is not None:
        from bot.advisor.policy import outcome as policy_outcome
        from bot.advisor.policy import policy_citations, policy_reason_text

        policy_result = policy_outcome(
            policy,
            merged,
            guide_kb,
            guide_recommendation=score(merged, guide_kb, leans).best,
            recommendation=recommendation,
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
                    f'cannot meet "{scoring.ruled_out[s].need.label.rstrip(".")}" '
                    f"({scoring.ruled_out[s].table.id}/{scoring.ruled_out[s].row.id})"
                    if s in scoring.ruled_out
                    else None
                ),
            )
            for s in scoring.order
        ],
        reasons=reasons,
        what_would_change=what_would_change(merged, recommendation, kb, leans),
        confidence=conf,
        confidence_label=label,
        runner_up=scoring.runner_up if split is None else scoring.best,
        caveats=caveats(scoring, merged, kb),
        migration=migration_notes(recommendation, merged, kb),
        parsed=parsed,
        ambiguous=ambiguous,
        next_question=_next_question(merged, unsure, ambiguous, kb),
        workloads=workloads,
        knowledge_version=kb.version,
        policy=policy_result,
        sizing=sketch(recommendation, merged, guide_kb, parsed),
    )


def _lean_reason(
    leaning: list[ParsedAnswer],
    scoring: Scoring,
    answers: Mapping[str, str],
    kb: Knowledge,
    unsure: Sequence[str] = (),
    asks: bool = True,
) -> Reason | None:
    """Say what the ranking leaned on, as a suggestion, never as an answer.  ``asks``: the advice is a
    first reading of the text, whose conversation still asks (not a conversation's end)."""
    if not leaning or not scoring.leaned:
        return None
    unleaned = score(answers, kb).best  # the ranking without the leans: only worth computing when some count
    # The first sentence names what is suggested and stands alone (a card keeps only it when space is
    # short); the second says where each suggestion came from.
    suggested = "; ".join(
        f"{_question_label(kb, p.question)} “{_answer_label(kb, p.question, p.value)}”"
        f"{' (you were not sure)' if p.question in unsure else ''}"
        for p in leaning
    )
    sources = "; ".join(_lean_source(p) for p in leaning)
    sources = sources[:1].upper() + sources[1:]
    if not asks or all(p.question in unsure for p in leaning):
        confirm = "Not confirmed: a stated answer replaces the suggestion."
    else:
        confirm = "Not confirmed, so the conversation still asks; a stated answer replaces the suggestion."
    text = f"The description suggests, without stating it: {suggested}. {sentence(sources)} {confirm}"
    if unleaned != scoring.best:
        text += (
            f" Leaning on it, at {LEAN_WEIGHT:g} of a stated answer's weight, puts {kb.system(scoring.best).name} "
            f"ahead of {kb.system(unleaned).name}."
        )
    rows = [cite(c.table, c.row) for c in _unique_rows(scoring.leaned)][:2]
    return Reason(text=text, system=scoring.best, rows=rows)


def _lean_source(p: ParsedAnswer) -> str:
    """Where a lean came from: the words it was read from, or (an empty span) the parser's note on
    what the description does not say."""
    if p.span[0] == p.span[1]:
        return p.text
    return f"from “{_short(p.text, 60)}”"


def _question_label(kb: Knowledge, question_id: str) -> str:
    question = kb.question(question_id)
    return question.guide_label or question.text


def _answer_label(kb: Knowledge, question_id: str, value: str) -> str:
    question = kb.question(question_id)
    return next((a.label for a in question.answers if a.value == value), value)


def _next_question(
    answers: Mapping[str, str], unsure: list[str], ambiguous: list[Ambiguity], kb: Knowledge
) -> NextQuestion | None:
    """What the conversation would ask next, from the same function the terminal and Slack use."""
    from bot.advisor.machine import AdvisorState, InvalidAnswer, apply, ask_also, next_question

    state = AdvisorState()
    for question_id, value in answers.items():
        try:
            state = apply(state, question_id, value, source="parsed", kb=kb)
        except InvalidAnswer:
            continue  # a figure read from text that its question cannot take: not an answer

    for question_id in unsure:
        state = apply(state, question_id, UNSURE, source="cli", kb=kb)
    state = ask_also(state, [a.question for a in ambiguous])
    question = next_question(state, kb)
    if question is None:
        return None
    return NextQuestion(
        id=question.id,
        text=question.text,
        why=question.why,
        options=[Option(value=a.value, label=a.label) for a in question.answers],
    )


def _workloads(
    readings: list[Any],
    explicit: Mapping[str, str],
    unsure: list[str],
    kb: Knowledge,
    own_answers: list[dict[str, str]] | None = None,
    leaning: list[ParsedAnswer] | None = None,
    shared: Mapping[str, str] | None = None,
) -> list[Workload]:
    """Each workload of the text recommended on its own answers (explicit answers apply to all of them,
    and so does ``shared``: what the description says of the organisation, its team or the system it
    runs, which one team brings to every workload; a workload's own words on it come first).
    ``own_answers`` (one per reading) are a conversation's: they replace that composition.  A lean
    read inside a workload's span ("replayed into spark") weighs for that workload as it would for
    the same text alone, on questions the workload leaves open."""
    found = []
    single = [s.id for s in kb.systems if not s.composed_of]
    for i, reading in enumerate(readings):
        if own_answers is not None:
            answers = {**(shared or {}), **{q: v for q, v in own_answers[i].items() if q not in unsure}}
        else:
            answers = {**(shared or {}), **{q: v for q, v in reading.as_dict().items() if q not in unsure}}
            answers.update(explicit)
        start, end = reading.span
        leans = {
            p.question: p.value
            for p in leaning or []
            if start <= p.span[0] and p.span[1] <= end and p.question not in answers and p.question not in unsure
        }
        # One workload is served by one system: the best of those that are not a combination.
        best = next(s for s in score(answers, kb, leans).order if s in single)
        found.append(
            Workload(
                text=reading.text,
                span=reading.span,
                answers=answers,
                recommendation=best,
                recommendation_name=kb.system(best).name,
            )
        )
    return found


_CLAUSE_ENDS = ".;!?,:"


def _clause_of(source: str, bounds: tuple[int, int], answer: ParsedAnswer) -> str:
    """The clause of the description, within a workload's ``bounds``, holding what an answer was read
    from ("none of it has to be stored", not just "stored"): the words a person recognises as theirs.
    Spans index the description itself, so the clause is cut from it."""
    (low, high), (start, end) = bounds, answer.span
    left = max(low, *(source.rfind(c, low, start) + 1 for c in _CLAUSE_ENDS))
    right = min([high, *(i for i in (source.find(c, end, high) for c in _CLAUSE_ENDS) if i != -1)])
    clause = source[left:right].strip()
    return _short(clause if len(clause) <= 60 else answer.text, 60)


def _split_recommendation(
    workloads: list[Workload], readings: list[Any], source: str, kb: Knowledge
) -> tuple[str, Reason] | None:
    """When the workloads of one description lead to different systems: which serves which.

    NATS Core and JetStream are one server (JetStream is its persistence layer), so
    workloads split between them are served by JetStream; a split between Kafka and
    NATS is the guide's hybrid ("Can They Coexist?").  The reason's first sentence names
    each workload by the words it was read from, so a card that keeps one sentence still
    says which system serves which."""
    systems = {w.recommendation for w in workloads}
    if len(systems) < 2:
        return None
    nats = {"nats-core", "nats-jetstream"}
    composite = next((s for s in kb.systems if s.composed_of and systems <= set(s.composed_of)), None)
    if systems <= nats:
        recommendation = "nats-jetstream"
    elif composite is not None:
        recommendation = composite.id
    else:
        return None
    table, row = kb.row("coexistence/makes-sense-both-workloads")
    flowchart = {q.id for q in kb.flowchart.questions}
    said_by = [
        [
            f"“{_clause_of(source, reading.span, a)}”"
            for a in sorted(reading.answers, key=lambda a: (a.question not in flowchart, a.span[0]))
        ]
        for reading in readings
    ]
    # Which serves which in one sentence a card can keep whole (two phrases per workload, else one).
    for per in (2, 1, 0):
        served = [
            f"{kb.system(w.recommendation).name} for {' and '.join(words[:per]) or f'“{_short(w.text, 50)}”'}"
            for w, words in zip(workloads, said_by, strict=True)
        ]
        first = f"{len(workloads)} workloads, {len(systems)} systems: " + "; ".join(served) + "."
        if len(first) <= 165:
            break
    text = first + " The guide serves these workloads with different systems."
    if recommendation != "nats-jetstream":
        text += " Running both is what the guide's “Can They Coexist?” describes."
    else:
        text += " NATS Core and JetStream run in the same NATS server, so one deployment serves both."
    return recommendation, Reason(text=text, system=recommendation, rows=[cite(table, row)])
