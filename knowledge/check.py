"""Consistency checks over the loaded knowledge (``msgchoice knowledge check``).

Loading already validates each file against its schema; these checks look
across files: the flowchart's graph, references from one file into another,
and the facts every row must carry.  Each problem is one line naming the file,
the item and the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from knowledge.models import Knowledge, Question

# Thresholds the free-text parser (bot/advisor/parse.py) reads by id.
PARSER_THRESHOLDS = (
    "throughput-high-msgs",
    "throughput-moderate-msgs",
    "throughput-high-bytes",
    "throughput-moderate-bytes",
    "latency-sub-ms",
    "small-team-size",
)

FLOWCHART = "flowchart.yaml"


def _table_file(table_id: str) -> str:
    return f"tables/{table_id}.yaml"


@dataclass(frozen=True)
class Path:
    """One path through the flowchart: (question, answer) steps and the outcome."""

    steps: tuple[tuple[str, str], ...]
    outcome: str


def flowchart_paths(kb: Knowledge) -> list[Path]:
    """Every path from ``start`` to an outcome (edges to unknown questions and cycles are skipped)."""
    questions = {q.id: q for q in kb.flowchart.questions}
    paths: list[Path] = []

    def walk(question_id: str, steps: tuple[tuple[str, str], ...], seen: frozenset[str]) -> None:
        question = questions.get(question_id)
        if question is None or question_id in seen:
            return
        for answer in question.answers:
            step = (*steps, (question_id, answer.value))
            if answer.outcome:
                paths.append(Path(step, answer.outcome))
            elif answer.next:
                walk(answer.next, step, seen | {question_id})

    walk(kb.flowchart.start, (), frozenset())
    return paths


def _reachable(kb: Knowledge) -> set[str]:
    questions = {q.id: q for q in kb.flowchart.questions}
    seen: set[str] = set()
    frontier = [kb.flowchart.start]
    while frontier:
        current = frontier.pop()
        if current in seen or current not in questions:
            continue
        seen.add(current)
        frontier.extend(a.next for a in questions[current].answers if a.next)
    return seen


def _cycles(kb: Knowledge) -> Iterator[str]:
    questions = {q.id: q for q in kb.flowchart.questions}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done

    def visit(question_id: str, trail: list[str]) -> Iterator[str]:
        state[question_id] = 1
        for answer in questions[question_id].answers:
            target = answer.next
            if target is None or target not in questions:
                continue
            if state.get(target) == 1:
                loop = [*trail[trail.index(target) :], target] if target in trail else [question_id, target]
                yield " → ".join(loop)
            elif target not in state:
                yield from visit(target, [*trail, target])
        state[question_id] = 2

    if kb.flowchart.start in questions:
        yield from visit(kb.flowchart.start, [kb.flowchart.start])


def _check_flowchart(kb: Knowledge) -> Iterator[str]:
    flowchart = kb.flowchart
    systems = kb.system_ids
    question_ids = [q.id for q in flowchart.questions]
    all_ids = [q.id for q in kb.all_questions]
    for qid in sorted({q for q in all_ids if all_ids.count(q) > 1}):
        yield f"{FLOWCHART}: question {qid!r}: duplicate question id"
    if flowchart.start not in question_ids:
        yield f"{FLOWCHART}: field 'start': {flowchart.start!r} names no flowchart question"
    reachable = _reachable(kb)
    for question in flowchart.questions:
        if question.id not in reachable and flowchart.start in question_ids:
            yield f"{FLOWCHART}: question {question.id!r}: unreachable from start {flowchart.start!r}"
        if not question.answers:
            yield f"{FLOWCHART}: question {question.id!r}, field 'answers': the question has no answers"
        for answer in question.answers:
            where = f"{FLOWCHART}: question {question.id!r}, answer {answer.value!r}"
            if not answer.next and not answer.outcome:
                yield f"{where}: no edge (neither 'next' nor 'outcome')"
            if answer.next and answer.next not in question_ids:
                yield f"{where}, field 'next': {answer.next!r} names no flowchart question"
            if answer.outcome and answer.outcome not in systems:
                yield (
                    f"{where}, field 'outcome': {answer.outcome!r} is not a known system "
                    f"({', '.join(systems)})"
                )
    for loop in _cycles(kb):
        yield f"{FLOWCHART}: the flowchart loops: {loop}"
    for question in flowchart.extra_questions:
        for answer in question.answers:
            if answer.next or answer.outcome:
                target = "next" if answer.next else "outcome"
                yield (
                    f"{FLOWCHART}: extra question {question.id!r}, answer {answer.value!r}, field {target!r}: "
                    "extra questions sit outside the flowchart and take no edges"
                )
    for qid in flowchart.ask_after:
        if qid not in all_ids:
            yield f"{FLOWCHART}: field 'ask_after': {qid!r} names no question"
    for question in kb.all_questions:
        yield from _check_refs(kb, f"{FLOWCHART}: question {question.id!r}", question.rows)


def _check_refs(kb: Knowledge, where: str, refs: list[str]) -> Iterator[str]:
    for ref in refs:
        try:
            kb.row(ref)
        except KeyError:
            yield f"{where}, field 'rows': {ref!r} names no table row"


def _check_tables(kb: Knowledge) -> Iterator[str]:
    systems = set(kb.system_ids)
    seen: set[str] = set()
    for table in kb.tables:
        file = _table_file(table.id)
        if table.id in seen:
            yield f"{file}: duplicate table id {table.id!r}"
        seen.add(table.id)
        for column in table.columns:
            for system in column.systems:
                if system not in systems:
                    yield f"{file}: column {column.id!r}, field 'systems': {system!r} is not a system id"
        for row in table.rows:
            if not row.source.strip():
                yield f"{file}: row {row.id!r}, field 'source': empty (every row must cite a guide section)"
            for system in row.ratings:
                if system not in systems:
                    yield f"{file}: row {row.id!r}, field 'ratings': {system!r} is not a system id"


def _answer_ok(kb: Knowledge, question_id: str, value: str) -> bool:
    try:
        question: Question = kb.question(question_id)
    except KeyError:
        return False
    return value in question.values


def _bad_answers(kb: Knowledge, where: str, answers: dict[str, list[str]]) -> Iterator[str]:
    """Problems with a question -> values mapping: a question that does not exist, a value it does not take."""
    for question_id, values in answers.items():
        if not any(q.id == question_id for q in kb.all_questions):
            yield f"{where}: {question_id!r} names no question"
            continue
        for value in values:
            if not _answer_ok(kb, question_id, value):
                yield f"{where}: {value!r} is no answer of {question_id!r}"


def _check_needs(kb: Knowledge) -> Iterator[str]:
    for need in kb.needs:
        where = f"needs.yaml: need {need.id!r}"
        for field_name, conditions in (("when", need.when), ("unless", need.unless)):
            for question_id, value in conditions.items():
                if not _answer_ok(kb, question_id, value):
                    yield f"{where}, field {field_name!r}: {question_id}={value} is no question and answer"
        yield from _check_refs(kb, where, [r.ref for r in need.rows])


_CLASS_REF = re.compile(r"\{([a-z][a-z_]*)\}")  # a word class used in a term ("{comeback}")


def _check_lexicon(kb: Knowledge) -> Iterator[str]:
    lexicon = kb.lexicon

    def value_ok(question_id: str, value: str | None) -> bool:
        # "" settles nothing and "?" asks: both are fine for any question.
        return value is None or value in ("", "?") or _answer_ok(kb, question_id, value)

    for i, entry in enumerate(lexicon.entries, start=1):
        where = f"lexicon.yaml: entry #{i} ({entry.question}={entry.value})"
        if not any(q.id == entry.question for q in kb.all_questions) or not value_ok(entry.question, entry.value):
            yield f"{where}, field 'question'/'value': names no question and answer"
            continue
        for name in ("negated", "tolerated", "indifferent", "concerned", "leans"):
            if not value_ok(entry.question, getattr(entry, name)):
                yield f"{where}, field {name!r}: names no answer of {entry.question!r}"
        for modifier in entry.modifiers:
            if modifier.value not in ("none", "lean") and not value_ok(entry.question, modifier.value):
                yield f"{where}, field 'modifiers': {modifier.value!r} names no answer of {entry.question!r}"
        if not entry.patterns and not entry.terms:
            yield f"{where}: has neither 'patterns' nor 'terms'"
        for question_id, value in entry.implies.items():
            if not _answer_ok(kb, question_id, value):
                yield f"{where}, field 'implies': {question_id}={value} is no question and answer"
        for field_name, items in (
            ("terms", entry.terms),
            ("patterns", entry.patterns),
            ("modifiers", [w for m in entry.modifiers for w in m.words]),
        ):
            for term in items:
                for name in _CLASS_REF.findall(term):
                    if name not in lexicon.word_classes:
                        yield f"{where}, field {field_name!r}: {{{name}}} names no word class in 'word_classes'"
        yield from _bad_regexes(where, "patterns", entry.patterns)
    for question in lexicon.silence_contradicts:
        if question not in lexicon.per_workload_questions:
            yield f"lexicon.yaml: silence_contradicts: {question!r} is not in per_workload_questions"
    for i, entry in enumerate(lexicon.ambiguous, start=1):
        yield from _bad_regexes(f"lexicon.yaml: ambiguous #{i} ({entry.question})", "patterns", entry.patterns)
    polarity = lexicon.polarity
    for name in (
        "negators", "indifferent_before", "accepting_before", "indifferent_after", "accepting_after",
        "needless_after", "needless_before", "concern_after", "concern_before", "scope_breaks", "past_markers",
        "hypothetical_markers",
        "intent_markers", "others_markers",
        "plan_markers", "past_after", "undecided_before", "undecided_after", "interrogatives", "question_openers",
        "field_denials", "field_undecided",
        "section_needless", "section_undecided", "section_described", "heading_described", "section_decided",
        "section_systems", "referring_needless", "referring_undecided",
        "state_markers", "state_before", "complaint_after", "state_wanted", "references_instead", "kept_elsewhere",
        "computed_elsewhere", "kept_by_subject", "messaging_words",
        "product_predicates", "product_parts",
        "lacking_after", "extent_before", "extent_after", "extent_within", "owned_within", "leaving_within",
        "ours_within", "ours_now_within",
        "complement_takers",
    ):
        yield from _bad_regexes("lexicon.yaml: polarity", name, getattr(polarity, name))
    for question_id, names in lexicon.fields.items():
        if not any(q.id == question_id for q in kb.all_questions):
            yield f"lexicon.yaml: fields: {question_id!r} names no question"
        yield from _bad_regexes(f"lexicon.yaml: fields ({question_id})", "names", names)
    for i, marker in enumerate(lexicon.workload_markers, start=1):
        yield from _bad_regexes(f"lexicon.yaml: workload marker #{i}", "patterns", marker.patterns)
    for i, marker in enumerate(lexicon.paired_workload_markers, start=1):
        yield from _bad_regexes(f"lexicon.yaml: paired workload marker #{i}", "patterns", marker.patterns)
    yield from _bad_regexes("lexicon.yaml", "workload_continuations", lexicon.workload_continuations)
    yield from _bad_regexes("lexicon.yaml", "step_labels", lexicon.step_labels)
    yield from _bad_regexes("lexicon.yaml", "whole_subjects", lexicon.whole_subjects)
    for silence in lexicon.silences:
        where = f"lexicon.yaml: silence on {silence.question!r}"
        if not _answer_ok(kb, silence.question, silence.leans):
            yield f"{where}: {silence.leans!r} is not an answer to it"
        yield from _bad_answers(kb, f"{where}: unless_answers", silence.unless_answers)
        yield from _bad_regexes(where, "unless_words", silence.unless_words)
    for guard in lexicon.lean_guards:
        where = f"lexicon.yaml: lean guard on {guard.question!r}"
        if not _answer_ok(kb, guard.question, guard.leans):
            yield f"{where}: {guard.leans!r} is not an answer to it"
        yield from _bad_regexes(where, "unless_words", guard.unless_words)
    yield from _bad_regexes("lexicon.yaml", "not_own_subjects", lexicon.not_own_subjects)
    yield from _bad_regexes("lexicon.yaml", "again_paths", lexicon.again_paths)
    for side, needs in lexicon.hybrid_sides.items():
        if side not in ("realtime", "heavy"):
            yield f"lexicon.yaml: hybrid_sides: {side!r} is neither 'realtime' nor 'heavy'"
        yield from _bad_answers(kb, f"lexicon.yaml: hybrid_sides ({side})", needs)
    for name in ("kept_by_nature", "ephemeral_by_nature"):
        for question_id in getattr(lexicon, name):
            if not any(q.id == question_id for q in kb.all_questions):
                yield f"lexicon.yaml: {name}: {question_id!r} names no question"
    yield from _bad_regexes("lexicon.yaml", "workload_announcements", lexicon.workload_announcements)
    yield from _bad_regexes("lexicon.yaml", "workload_roles", lexicon.workload_roles)
    yield from _bad_regexes("lexicon.yaml", "workload_destinations", lexicon.workload_destinations)
    yield from _bad_regexes("lexicon.yaml", "shorthand", [entry.pattern for entry in lexicon.shorthand])
    yield from _bad_regexes("lexicon.yaml", "product_traits", lexicon.product_traits)
    yield from _bad_regexes("lexicon.yaml", "workload_asides", lexicon.workload_asides)
    yield from _bad_regexes("lexicon.yaml", "workload_openers", lexicon.workload_openers)
    yield from _bad_regexes("lexicon.yaml", "acting_verbs", lexicon.acting_verbs)
    yield from _bad_regexes("lexicon.yaml", "latency_of_other", lexicon.latency_of_other)
    for name in ("things", "parties", "after", "estate", "taken", "narrowed"):
        yield from _bad_regexes("lexicon.yaml: rate_of_other", name, getattr(lexicon.rate_of_other, name))
    for name in ("teams", "roles", "parties_before", "parties_after"):
        yield from _bad_regexes("lexicon.yaml: team_others", name, getattr(lexicon.team_others, name))
    for i, entry in enumerate(lexicon.ambiguous, start=1):
        where = f"lexicon.yaml: ambiguous #{i} ({entry.question})"
        # An ambiguous phrase points at a question without settling it: the value may be empty.
        if entry.value and not _answer_ok(kb, entry.question, entry.value):
            yield f"{where}, field 'value': names no answer of {entry.question!r}"
        elif not any(q.id == entry.question for q in kb.all_questions):
            yield f"{where}, field 'question': {entry.question!r} names no question"


def _bad_regexes(where: str, field_name: str, patterns: list[str]) -> Iterator[str]:
    """Each regular expression of a lexicon field compiles (else the parser fails at its first use)."""
    for pattern in patterns:
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            yield f"{where}, field {field_name!r}: {pattern!r} is not a valid regular expression ({exc})"


def _check_systems(kb: Knowledge) -> Iterator[str]:
    ids = kb.system_ids
    for sid in sorted({s for s in ids if ids.count(s) > 1}):
        yield f"systems.yaml: system {sid!r}: duplicate system id"
    for system in kb.systems:
        for part in system.composed_of:
            if part not in ids or part == system.id:
                yield f"systems.yaml: system {system.id!r}, field 'composed_of': {part!r} is not another system"


def _check_thresholds(kb: Knowledge) -> Iterator[str]:
    present = {t.id for t in kb.thresholds}
    for threshold_id in PARSER_THRESHOLDS:
        if threshold_id not in present:
            yield f"thresholds.yaml: threshold {threshold_id!r} is missing (the free-text parser reads it)"


def check(kb: Knowledge) -> list[str]:
    """Every problem found, one line each; empty when the knowledge is consistent."""
    return [
        *_check_flowchart(kb),
        *_check_tables(kb),
        *_check_needs(kb),
        *_check_lexicon(kb),
        *_check_systems(kb),
        *_check_thresholds(kb),
    ]


def notes(kb: Knowledge) -> list[str]:
    """Things worth knowing that are not errors: the flowchart's recorded defects and what they show."""
    found = [f"recorded defect at {d.node!r}: {' '.join(d.description.split())}" for d in kb.flowchart.defects]
    recorded = {d.node for d in kb.flowchart.defects}
    outcomes = {p.outcome for p in flowchart_paths(kb)}
    for system in kb.systems:
        if system.id not in outcomes and system.id not in recorded:
            found.append(f"system {system.id!r} is no outcome of the flowchart (not recorded as a defect)")
    for question in kb.flowchart.questions:
        targets = {(a.next, a.outcome) for a in question.answers}
        if len(question.answers) > 1 and len(targets) == 1 and question.id not in recorded:
            found.append(f"question {question.id!r}: every answer leads to the same place (not recorded as a defect)")
    return found


def stats(kb: Knowledge) -> dict[str, int]:
    return {
        "tables": len(kb.tables),
        "rows": sum(len(t.rows) for t in kb.tables),
        "questions": len(kb.flowchart.questions),
        "extra_questions": len(kb.flowchart.extra_questions),
        "paths": len(flowchart_paths(kb)),
        "systems": len(kb.systems),
        "needs": len(kb.needs),
        "thresholds": len(kb.thresholds),
    }
