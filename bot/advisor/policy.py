"""A team's own policy, applied to the advice as data.

A policy is a small YAML document (see ``docs/policy.example.yaml``):

- ``systems``: which systems the platform team offers, each with a note and a
  contact; a system marked ``offered: false`` is never recommended;
- ``adjustments``: ratings of guide rows that read differently here, e.g. a
  system's operational burden is lower where the platform team runs it;
- ``rules``: house rules that add a need when questions have given answers
  ("persistence = yes: prefer the managed Kafka");
- ``docs`` and ``contact``: where the team's own documentation lives.

:func:`apply_policy` turns it into a copy of the knowledge: adjusted ratings on
the guide's rows, a ``policy`` table with one row per rule, and needs that
weigh those rows.  The ranking then runs unchanged (``engine.score``): the
policy is data, there is no per-scenario code.  Pure: no Slack, no SQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.advisor.advice import PolicyEffect, PolicyOutcome, RowCitation
from knowledge import Knowledge
from knowledge.models import Column, Need, NeedRow, Row, Slug, Table

POLICY_TABLE = "policy"
OFFERED_ROW = "offered"
NOT_OFFERED = "not-offered:"  # effect ids of the systems a policy does not offer
MAX_POLICY_BYTES = 64_000


class PolicyError(ValueError):
    """A policy document that cannot be used; the message names the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _kb(info: ValidationInfo) -> Knowledge:
    context = info.context or {}
    kb = context.get("kb")
    if kb is None:
        from knowledge import load

        kb = load()
    return kb


class SystemStance(_Strict):
    offered: bool
    note: str = Field(default="", max_length=500)
    contact: str | None = Field(default=None, max_length=200)


class Adjustment(_Strict):
    """Ratings of guide rows that read differently for one system here."""

    id: Slug
    label: str = Field(min_length=1, max_length=300)
    system: str
    ratings: dict[str, int] = Field(min_length=1)  # "table/row" -> 0..3

    @field_validator("ratings")
    @classmethod
    def _ratings(cls, ratings: dict[str, int], info: ValidationInfo) -> dict[str, int]:
        kb = _kb(info)
        for ref, value in ratings.items():
            try:
                kb.row(ref)
            except KeyError:
                raise ValueError(f"{ref!r} is not a row of the guide's tables (table/row)") from None
            if not 0 <= value <= 3:
                raise ValueError(f"rating for {ref!r} must be 0..3, got {value}")
        return ratings


class RuleRow(_Strict):
    ref: str
    weight: float = Field(gt=0, le=10)


class HouseRule(_Strict):
    """Adds a need when every ``when`` question has the given answer."""

    id: Slug
    label: str = Field(min_length=1, max_length=300)
    when: dict[str, str] = Field(min_length=1)
    prefer: list[str] = []  # systems this rule favours
    weight: float = Field(default=3, gt=0, le=10)  # how much ``prefer`` weighs
    rows: list[RuleRow] = []  # guide rows the rule weighs more

    @model_validator(mode="after")
    def _something_to_do(self) -> HouseRule:
        if not self.prefer and not self.rows:
            raise ValueError("a rule needs 'prefer' (systems) or 'rows' (guide rows to weigh)")
        return self


class Policy(_Strict):
    name: str = Field(default="Team policy", min_length=1, max_length=120)
    docs: HttpUrl | None = None
    contact: str | None = Field(default=None, max_length=200)
    systems: dict[str, SystemStance] = {}
    adjustments: list[Adjustment] = []
    rules: list[HouseRule] = []

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Policy:
        kb = _kb(info)
        ids = kb.system_ids
        for system in self.systems:
            if system not in ids:
                raise ValueError(f"systems: unknown system {system!r}; one of {', '.join(ids)}")
        if not offered_systems(self, kb):
            raise ValueError("systems: at least one system must be offered")
        seen: set[str] = set()
        for i, adj in enumerate(self.adjustments):
            where = f"adjustments[{i}] ({adj.id})"
            if adj.id in seen:
                raise ValueError(f"{where}: id {adj.id!r} is used twice")
            seen.add(adj.id)
            if adj.system not in ids:
                raise ValueError(f"{where}, field 'system': unknown system {adj.system!r}; one of {', '.join(ids)}")
        for i, rule in enumerate(self.rules):
            where = f"rules[{i}] ({rule.id})"
            if rule.id in seen or rule.id == OFFERED_ROW:
                raise ValueError(f"{where}: id {rule.id!r} is used twice")
            seen.add(rule.id)
            for question_id, value in rule.when.items():
                try:
                    question = kb.question(question_id)
                except KeyError:
                    raise ValueError(f"{where}, field 'when': unknown question {question_id!r}") from None
                if value not in question.values:
                    raise ValueError(
                        f"{where}, field 'when': {value!r} is not an answer to {question_id!r} "
                        f"(one of {', '.join(question.values)})"
                    )
            for system in rule.prefer:
                if system not in ids:
                    raise ValueError(f"{where}, field 'prefer': unknown system {system!r}")
                if system not in offered_systems(self, kb):
                    raise ValueError(f"{where}, field 'prefer': {system!r} is not offered by this policy")
            for row in rule.rows:
                try:
                    kb.row(row.ref)
                except KeyError:
                    raise ValueError(f"{where}, field 'rows': {row.ref!r} is not a row of the guide's tables") from None
        return self


@dataclass(frozen=True)
class TeamPolicy:
    """A policy and where it comes from: a team's stored version, or a file."""

    policy: Policy
    version: int | None = None  # None for a file
    source: str = "policy"  # "team T, version N" or "file F"


def offered(policy: Policy, system_id: str, kb: Knowledge) -> bool:
    """Whether the policy offers ``system_id``; a composite needs all its parts unless named itself."""
    stance = policy.systems.get(system_id)
    if stance is not None:
        return stance.offered
    parts = kb.system(system_id).composed_of
    return all(offered(policy, p, kb) for p in parts) if parts else True


def offered_systems(policy: Policy, kb: Knowledge) -> list[str]:
    return [s for s in kb.system_ids if offered(policy, s, kb)]


def _location(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{step}]"]
        else:
            parts.append(str(step))
    return ".".join(parts)


def parse_policy(text: str, *, kb: Knowledge | None = None) -> Policy:
    """Read and validate a policy document (YAML); :class:`PolicyError` names what is wrong."""
    if kb is None:
        from knowledge import load

        kb = load()
    if len(text.encode("utf-8")) > MAX_POLICY_BYTES:
        raise PolicyError(f"the document is larger than {MAX_POLICY_BYTES // 1000} KB")
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PolicyError(f"not valid YAML{where}: {problem}") from None
    if raw is None:
        raise PolicyError("the document is empty")
    if not isinstance(raw, dict):
        raise PolicyError("the document must be a mapping (name, docs, contact, systems, adjustments, rules)")
    try:
        return Policy.model_validate(raw, context={"kb": kb})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = _location(tuple(first["loc"]))
        message = str(first["msg"]).removeprefix("Value error, ")
        more = f" (and {exc.error_count() - 1} more problem(s))" if exc.error_count() > 1 else ""
        prefix = f"field '{where}': " if where else ""
        raise PolicyError(f"{prefix}{message}{more}") from None


def policy_from_document(document: Mapping[str, Any], *, kb: Knowledge | None = None) -> Policy:
    """A stored (already validated) policy document back as a model."""
    if kb is None:
        from knowledge import load

        kb = load()
    return Policy.model_validate(dict(document), context={"kb": kb})


def summary(policy: Policy, kb: Knowledge) -> list[str]:
    """What a policy does, one line each."""
    lines = [f"Policy: {policy.name}"]
    if policy.docs:
        lines.append(f"  internal docs: {policy.docs}")
    if policy.contact:
        lines.append(f"  contact:       {policy.contact}")
    for system in kb.system_ids:
        stance = policy.systems.get(system)
        state = "offered" if offered(policy, system, kb) else "NOT offered"
        extra = ""
        if stance is not None:
            extra = "".join(
                [f" — {stance.note}" if stance.note else "", f" (contact {stance.contact})" if stance.contact else ""]
            )
        elif kb.system(system).composed_of:
            extra = " (follows its parts)"
        lines.append(f"  {kb.system(system).name}: {state}{extra}")
    for adj in policy.adjustments:
        ratings = ", ".join(f"{ref} → {value}" for ref, value in adj.ratings.items())
        lines.append(f"  adjustment {adj.id} ({kb.system(adj.system).name}): {adj.label} [{ratings}]")
    for rule in policy.rules:
        when = ", ".join(f"{q} = {v}" for q, v in rule.when.items())
        does = []
        if rule.prefer:
            does.append("prefer " + ", ".join(kb.system(s).name for s in rule.prefer) + f" (weight {rule.weight:g})")
        does.extend(f"weigh {r.ref} ×{r.weight:g}" for r in rule.rows)
        lines.append(f"  rule {rule.id}: when {when}: {'; '.join(does)} — {rule.label}")
    return lines


# --- applying ---------------------------------------------------------------------------------


def _policy_table(policy: Policy, kb: Knowledge) -> Table:
    names = {s.id: s.name for s in kb.systems}
    offered_ids = offered_systems(policy, kb)
    notes = []
    for s in kb.system_ids:
        if s not in offered_ids:
            note = policy.systems[s].note.rstrip(".") if s in policy.systems else ""
            notes.append(names[s] + (f" ({note})" if note else ""))
    offered_text = ("Not offered: " + "; ".join(notes) + ". " if notes else "") + "Offered: " + ", ".join(
        names[s] for s in offered_ids
    )
    rows = [
        Row(
            id=OFFERED_ROW,
            topic="Offered by the platform team",
            values={"policy": offered_text},
            ratings={s: (3 if s in offered_ids else 0) for s in kb.system_ids},
            source=f"{policy.name} (team policy)",
        )
    ]
    for rule in policy.rules:
        if not rule.prefer:
            continue
        rows.append(
            Row(
                id=rule.id,
                topic=rule.label.rstrip("."),
                values={"policy": f"prefer {', '.join(names[s] for s in rule.prefer)}"},
                ratings={s: (3 if s in rule.prefer else 0) for s in kb.system_ids},
                source=f"{policy.name} (team policy)",
            )
        )
    return Table(
        id=POLICY_TABLE,
        title=policy.name,
        section=f"{policy.name} (team policy)",
        kind="notes",
        columns=[Column(id="policy", label="Team policy")],
        rows=rows,
    )


def _policy_needs(policy: Policy) -> list[Need]:
    needs = [
        Need(
            id="policy-offered",
            when={},
            label=f"Only what the platform team offers ({policy.name}).",
            rows=[NeedRow(ref=f"{POLICY_TABLE}/{OFFERED_ROW}", weight=1, veto=True)],
            source=f"{policy.name} (team policy)",
        )
    ]
    for rule in policy.rules:
        rows = [NeedRow(ref=r.ref, weight=r.weight) for r in rule.rows]
        if rule.prefer:
            rows.insert(0, NeedRow(ref=f"{POLICY_TABLE}/{rule.id}", weight=rule.weight))
        needs.append(
            Need(
                id=f"policy-{rule.id}",
                when=dict(rule.when),
                label=f"Team policy ({policy.name}):",
                rows=rows,
                source=f"{policy.name} (team policy)",
            )
        )
    return needs


def apply_policy(kb: Knowledge, policy: Policy) -> Knowledge:
    """The knowledge as this team reads it: adjusted ratings, the policy's rows and its needs."""
    overrides: dict[str, dict[str, int]] = {}
    for adj in policy.adjustments:
        for ref, value in adj.ratings.items():
            overrides.setdefault(ref, {})[adj.system] = value
    tables = []
    for table in kb.tables:
        rows = []
        for row in table.rows:
            changed = overrides.get(f"{table.id}/{row.id}")
            rows.append(row.model_copy(update={"ratings": {**row.ratings, **changed}}) if changed else row)
        tables.append(table.model_copy(update={"rows": rows}))
    tables.append(_policy_table(policy, kb))
    return kb.model_copy(update={"tables": tables, "needs": [*kb.needs, *_policy_needs(policy)]})


def without(policy: Policy, effect_id: str) -> Policy:
    """The policy minus one rule, adjustment or exclusion (``not-offered:SYSTEM``)."""
    if effect_id.startswith(NOT_OFFERED):
        system = effect_id.removeprefix(NOT_OFFERED)
        return policy.model_copy(update={"systems": {**policy.systems, system: SystemStance(offered=True)}})
    return policy.model_copy(
        update={
            "adjustments": [a for a in policy.adjustments if a.id != effect_id],
            "rules": [r for r in policy.rules if r.id != effect_id],
        }
    )


# --- explaining --------------------------------------------------------------------------------


def effects(policy: Policy, answers: Mapping[str, str], kb: Knowledge) -> list[PolicyEffect]:
    """Every part of the policy, and whether it takes part in this advice."""
    from bot.advisor.engine import active_needs, cite

    weighed = {r.ref for need in active_needs(answers, kb) for r in need.rows}
    result: list[PolicyEffect] = []
    names = {s.id: s.name for s in kb.systems}
    for system in kb.system_ids:
        if offered(policy, system, kb):
            continue
        stance = policy.systems.get(system)
        note = stance.note if stance else "a part of it is not offered"
        result.append(
            PolicyEffect(
                id=f"{NOT_OFFERED}{system}",
                kind="not_offered",
                label=f"{names[system]} is not offered here" + (f": {note}" if note else ""),
                system=system,
                contact=(stance.contact if stance and stance.contact else policy.contact),
                active=True,
            )
        )
    for adj in policy.adjustments:
        rows = []
        for ref in adj.ratings:
            table, row = kb.row(ref)
            rows.append(cite(table, row))
        result.append(
            PolicyEffect(
                id=adj.id,
                kind="adjustment",
                label=adj.label,
                system=adj.system,
                active=any(ref in weighed for ref in adj.ratings),
                rows=rows,
            )
        )
    for rule in policy.rules:
        rows = []
        for r in rule.rows:
            table, row = kb.row(r.ref)
            rows.append(cite(table, row))
        result.append(
            PolicyEffect(
                id=rule.id,
                kind="house_rule",
                label=rule.label,
                system=rule.prefer[0] if len(rule.prefer) == 1 else None,
                when=dict(rule.when),
                active=all(answers.get(q) == v for q, v in rule.when.items()),
                rows=rows,
            )
        )
    return result


def outcome(
    team_policy: TeamPolicy,
    answers: Mapping[str, str],
    kb: Knowledge,
    *,
    guide_recommendation: str,
    recommendation: str,
) -> PolicyOutcome:
    """What the policy did to this advice; when it changed the answer, which of its parts did."""
    from bot.advisor.engine import score

    policy = team_policy.policy
    found = effects(policy, answers, kb)
    deciding: list[str] = []
    if recommendation != guide_recommendation:
        candidates = list(dict.fromkeys(e.id for e in found if e.active))
        for effect_id in candidates:
            if score(answers, apply_policy(kb, without(policy, effect_id))).best != recommendation:
                deciding.append(effect_id)
        if not deciding:  # no single part decides: every active part played a role
            deciding = candidates
    for i, effect in enumerate(found):
        if effect.id in deciding:
            found[i] = effect.model_copy(update={"decisive": True})
    return PolicyOutcome(
        version=team_policy.version,
        name=policy.name,
        source=team_policy.source,
        docs=str(policy.docs) if policy.docs else None,
        contact=policy.contact,
        guide_recommendation=guide_recommendation,
        recommendation=recommendation,
        changed=recommendation != guide_recommendation,
        effects=found,
    )


def policy_reason_text(result: PolicyOutcome, kb: Knowledge) -> str:
    """One sentence: the guide's answer, the policy's, and the rule that made the difference."""
    guide = kb.system(result.guide_recommendation).name
    mine = kb.system(result.recommendation).name
    because = "; ".join(e.label.rstrip(".") for e in result.effects if e.decisive)
    text = f"The guide alone recommends {guide}; under {result.name}"
    if result.version is not None:
        text += f" (version {result.version})"
    text += f" it is {mine}, because: {because}."
    contacts = [e.contact for e in result.effects if e.decisive and e.contact]
    if contacts:
        text += f" Ask {contacts[0]}."
    return text


def policy_citations(result: PolicyOutcome) -> list[RowCitation]:
    """The rows behind the deciding parts: the guide rows they weigh or adjust, else the policy's own words."""
    rows: list[RowCitation] = []
    for effect in result.effects:
        if effect.decisive:
            rows.extend(r for r in effect.rows if r.ref not in {x.ref for x in rows})
    if not rows:
        rows.append(
            RowCitation(
                table=POLICY_TABLE,
                table_title=result.name,
                row=OFFERED_ROW,
                topic="Team policy",
                values={"policy": "; ".join(e.label for e in result.effects if e.decisive)},
                source=f"{result.name} (team policy)",
            )
        )
    return rows
