"""Team policies: versioned, append-only, every query scoped by team.

Setting a policy inserts the next version (``policies (team_id, version)`` is
unique, so two replicas setting at once cannot both take one number: the
loser retries with the next).  Setting a document equal to the one in force
records nothing and returns the current version.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.models import PolicyVersion

_ATTEMPTS = 5


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
) -> tuple[PolicyVersion, bool]:
    """Store ``document`` (already validated) as the team's next version; returns (version, created).

    The same document as the one in force records nothing: (current, False).
    """
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

