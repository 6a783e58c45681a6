"""Team policies: versioned, append-only, every query scoped by team.

Setting a policy inserts the next version (``policies (team_id, version)`` is
unique, so two replicas setting at once cannot both take one number: the
loser retries with the next).  Setting a document equal to the one in force
records nothing and returns the current version.

A save based on what someone saw (the Slack modal, opened on version N) names
that version: it stores N + 1 or nothing.  Versions are never deleted and each
is inserted as the highest + 1, so "version N + 1 does not exist yet" is the
same as "N is still in force", and the unique constraint decides it in the
insert itself: a concurrent save that took N + 1 first makes this one fail
(:class:`StalePolicy`) instead of landing on top of it, on SQLite and
PostgreSQL alike.  A first policy is "based on" no version (None) and is
version 1: of two first saves racing, one wins.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.models import Decision, PolicyVersion

if TYPE_CHECKING:
    from bot.advisor.policy import TeamPolicy
    from bot.advisor.recheck import Recheck
    from knowledge import Knowledge

_ATTEMPTS = 5


class _Latest(enum.Enum):
    LATEST = "latest"


LATEST = _Latest.LATEST  # set_policy(based_on=LATEST): whatever is in force (the command line)


class StalePolicy(Exception):
    """The policy in force is not the version a save was based on; nothing was stored."""

    def __init__(self, based_on: int | None, current: PolicyVersion | None) -> None:
        self.based_on = based_on
        self.current = current  # the version in force now (who set it, when), or None
        now = f"version {current.version}" if current is not None else "no policy"
        was = f"version {based_on}" if based_on is not None else "no policy"
        super().__init__(f"the save was based on {was}, but {now} is in force")


async def current_policy(session: AsyncSession, *, team_id: str) -> PolicyVersion | None:
    """The version in force (the highest), or None when the team has no policy."""
    query = (
        select(PolicyVersion)
        .where(PolicyVersion.team_id == team_id)
        .order_by(PolicyVersion.version.desc())
        .limit(1)
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(query)).first()


async def get_policy(session: AsyncSession, *, team_id: str, version: int) -> PolicyVersion | None:
    query = select(PolicyVersion).where(PolicyVersion.team_id == team_id, PolicyVersion.version == version)
    return (await session.scalars(query.execution_options(populate_existing=True))).first()


async def policy_history(session: AsyncSession, *, team_id: str, limit: int = 50) -> list[PolicyVersion]:
    """The team's policy versions, newest first."""
    query = (
        select(PolicyVersion)
        .where(PolicyVersion.team_id == team_id)
        .order_by(PolicyVersion.version.desc())
        .limit(limit)
    )
    return list((await session.scalars(query)).all())


async def set_policy(
    session: AsyncSession,
    *,
    team_id: str,
    document: dict[str, Any],
    source: str,
    created_by: str,
    based_on: int | Literal[_Latest.LATEST] | None = LATEST,
) -> tuple[PolicyVersion, bool]:
    """Store ``document`` (already validated) as the team's next version; returns (version, created).

    The same document as the one in force records nothing: (current, False).  With ``based_on`` (the
    version the author saw, None for none) it is stored only while that version is still in force,
    else :class:`StalePolicy` is raised and nothing is stored; the default replaces whatever is in force.
    """
    if based_on is not LATEST:
        return await _set_based_on(
            session, team_id=team_id, document=document, source=source, created_by=created_by, based_on=based_on
        )
    for _ in range(_ATTEMPTS):
        current = await current_policy(session, team_id=team_id)
        if current is not None and current.document == document and current.source == source:
            return current, False
        next_version = (current.version if current is not None else 0) + 1
        row = PolicyVersion(
            team_id=team_id, version=next_version, document=document, source=source, created_by=created_by
        )
        session.add(row)
        try:
            await session.commit()
        except IntegrityError:
            await session.rollback()  # another replica took this number: read again
            continue
        await session.refresh(row)
        return row, True
    raise RuntimeError(f"could not store a new policy version for team {team_id!r}")


async def _set_based_on(
    session: AsyncSession, *, team_id: str, document: dict[str, Any], source: str, created_by: str,
    based_on: int | None,
) -> tuple[PolicyVersion, bool]:
    current = await current_policy(session, team_id=team_id)
    if (current.version if current is not None else None) != based_on:
        raise StalePolicy(based_on, current)  # only read: the caller's session ends the transaction
    if current is not None and current.document == document and current.source == source:
        return current, False
    # The check that decides: (team, based_on + 1) is unique, so if anyone stored the next version
    # since the read above, this insert fails rather than stacking on top of theirs.
    row = PolicyVersion(
        team_id=team_id, version=(based_on or 0) + 1, document=document, source=source, created_by=created_by
    )
    session.add(row)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise StalePolicy(based_on, await current_policy(session, team_id=team_id)) from None
    await session.refresh(row)
    return row, True



async def team_policy(session: AsyncSession, *, team_id: str, kb: Knowledge | None = None) -> TeamPolicy | None:
    """The team's policy in force, ready for the advisor; None when it has none."""
    from bot.advisor.policy import TeamPolicy, policy_from_document

    row = await current_policy(session, team_id=team_id)
    if row is None:
        return None
    return TeamPolicy(
        policy_from_document(row.document, kb=kb), version=row.version, source=f"team {team_id}, version {row.version}"
    )


async def recheck_decisions(
    session: AsyncSession, *, team_id: str, kb: Knowledge | None = None, limit: int = 500
) -> tuple[int, list[Recheck]]:
    """Re-advise the team's latest ``limit`` decisions under today's knowledge and policy.

    Returns (how many were checked, the ones whose recommendation would now differ), newest first.
    """
    from bot.advisor.advice import Advice
    from bot.advisor.recheck import recheck

    if kb is None:
        from knowledge import load

        kb = load()
    policy = await team_policy(session, team_id=team_id, kb=kb)
    query = (
        select(Decision)
        .where(Decision.team_id == team_id)
        .order_by(Decision.created_at.desc(), Decision.id.desc())
        .limit(limit)
    )
    decisions = list((await session.scalars(query)).all())
    changed = []
    memo: dict[tuple[tuple[str, str], ...], Advice] = {}  # decisions with the same answers are re-advised once
    for decision in decisions:
        try:
            advice = Advice.model_validate(decision.advice)
        except ValidationError:  # advice stored in a shape this version cannot read: nothing to re-run
            continue
        result = recheck(
            decision_id=decision.id,
            advice=advice,
            chosen=decision.chosen_system,
            policy_then=decision.policy_version,
            kb=kb,
            policy=policy,
            memo=memo,
        )
        if result is not None and result.changed:
            changed.append(result)
    return len(decisions), changed
