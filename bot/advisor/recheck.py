"""Re-check a recorded decision: would its answers get other advice today, and why?

Each decision keeps the advice it was made with (answers, knowledge version,
policy version).  Re-running the advisor on those answers with the knowledge
and the team policy in force now tells whether the recommendation changed; the
reason names what moved (knowledge, policy, or both) and what the new advice
leans on.  Pure: the caller hands in the decision's stored advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.advisor.advice import Advice
from bot.advisor.machine import InvalidAnswer, validate_answer
from knowledge import Knowledge

if TYPE_CHECKING:
    from bot.advisor.policy import TeamPolicy


@dataclass(frozen=True)
class Recheck:
    decision_id: int
    recommended: str  # then
    now: str  # today, under the knowledge and policy in force
    chosen: str
    knowledge_then: str
    knowledge_now: str
    policy_then: int | None
    policy_now: int | None
    why: str
    dropped: tuple[str, ...] = ()  # answers the knowledge no longer has

    @property
    def changed(self) -> bool:
        return self.now != self.recommended


def what_moved(knowledge_then: str, knowledge_now: str, policy_then: int | None, policy_now: int | None) -> str:
    parts = []
    if knowledge_then != knowledge_now:
        parts.append(f"the knowledge changed ({knowledge_then} → {knowledge_now})")
    if policy_then != policy_now:
        then = f"version {policy_then}" if policy_then is not None else "none"
        now = f"version {policy_now}" if policy_now is not None else "none"
        parts.append(f"the team policy changed ({then} → {now})")
    return " and ".join(parts)


def recheck(
    *,
    decision_id: int,
    advice: Advice,
    chosen: str,
    policy_then: int | None,
    kb: Knowledge,
    policy: TeamPolicy | None,
    memo: dict[tuple[tuple[str, str], ...], Advice] | None = None,
) -> Recheck | None:
    """The decision re-advised today; None when nothing it was made under has changed.

    ``policy`` is the team's policy in force, or None.
    """
    from bot.advisor.engine import advise

    team_policy = policy
    policy_now = team_policy.version if team_policy is not None else None
    if advice.knowledge_version == kb.version and policy_then == policy_now:
        return None
    known = {q.id for q in kb.all_questions}
    answers = {}
    dropped = []
    for question, value in advice.answers.items():
        if question not in known:
            dropped.append(question)
            continue
        answers[question] = value
    valid = {}
    for question, value in answers.items():  # an answer value the knowledge no longer offers is dropped
        try:
            validate_answer(question, value, kb)
        except InvalidAnswer:
            dropped.append(question)
            continue
        valid[question] = value
    key = tuple(sorted(valid.items()))
    today = memo.get(key) if memo is not None else None
    if today is None:
        today = advise(valid, kb=kb, policy=team_policy)
        if memo is not None:
            memo[key] = today
    moved = what_moved(advice.knowledge_version, kb.version, policy_then, policy_now)
    if today.recommendation != advice.recommendation:
        lead = today.reasons[0].text if today.reasons else ""
        why = f"{moved}; now {today.recommendation_name}: {lead}".rstrip(": ")
    else:
        why = f"{moved}; the advice is the same"
    if dropped:
        why += f" (answers no longer known: {', '.join(dropped)})"
    return Recheck(
        decision_id=decision_id,
        recommended=advice.recommendation,
        now=today.recommendation,
        chosen=chosen,
        knowledge_then=advice.knowledge_version,
        knowledge_now=kb.version,
        policy_then=policy_then,
        policy_now=policy_now,
        why=why,
        dropped=tuple(dropped),
    )
