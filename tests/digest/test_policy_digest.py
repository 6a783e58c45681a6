"""The digest counts decisions that went against the team policy and lists advice that would now differ."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update

from bot.advisor.engine import advise
from bot.advisor.policy import TeamPolicy, parse_policy
from bot.digest.content import build_digest
from bot.digest.render import render_digest
from bot.digest.schedule import Schedule, current_slot, period_ending
from bot.store import policies, repo
from bot.store.models import Decision

SLOT = current_slot(Schedule(0, 0, 0, "UTC"), datetime(2025, 3, 17, 12, tzinfo=UTC))
PERIOD = period_ending(SLOT.at, "UTC")
IN_WEEK = datetime(2025, 3, 12, 10, tzinfo=UTC)
POLICY = "name: Paved road\nsystems:\n  nats-core: {offered: false, note: no on-call, contact: '@oncall'}\n"


async def _decide(session: Any, key: str, answers: dict[str, str], chosen: str | None, policy: Any = None) -> int:
    advice = advise(answers, policy=policy)
    decision, _ = await repo.record_decision(
        session, team_id="TA", idempotency_key=key, conversation_id=None, advice=advice,
        chosen_system=chosen or advice.recommendation, rationale="because", decided_by="U0ALICE",
    )
    await session.execute(update(Decision).where(Decision.id == decision.id).values(created_at=IN_WEEK))
    await session.commit()
    return decision.id


async def test_against_policy_decisions_are_counted_and_changed_advice_is_listed(session_factory: Any) -> None:
    async with session_factory() as session:
        row, _ = await policies.set_policy(
            session, team_id="TA", document=parse_policy(POLICY).model_dump(mode="json"), source=POLICY,
            created_by="U0ADMIN",
        )
        team_policy = TeamPolicy(parse_policy(POLICY), version=row.version, source="team TA, version 1")
        sub_ms = {"persistence": "no", "latency": "sub-ms"}
        await _decide(session, "against", sub_ms, "nats-core", team_policy)  # not offered: against the policy
        await _decide(session, "followed", sub_ms, None, team_policy)
        before_policy = await _decide(session, "old", sub_ms, None)  # made with no policy: NATS Core
        await _decide(session, "same", {"persistence": "yes", "throughput": "high", "stream_processing": "yes"}, None)

        content = await build_digest(session, team_id="TA", week=SLOT.week, period=PERIOD)

    assert content.decision_count == 4
    assert content.against_policy_count == 1
    assert [d.against_policy for d in content.overrides] == [True]
    assert [r.decision_id for r in content.rechecks] == [before_policy] and content.recheck_count == 1

    text = render_digest(content, names={"nats-core": "NATS Core", "nats-jetstream": "NATS JetStream"})
    assert "1 against the team policy" in text and "_against the team policy_" in text
    assert "*Advice that would now differ (1)*" in text
    assert f"#{before_policy}: advised *NATS Core*" in text and "the team policy changed (none → version 1)" in text
