"""Forget a workspace: delete every row of one team, in every table that has a ``team_id``.

Tables are found from the models' metadata, so a table added later is covered
without a change here; children are deleted before their parents.
"""

from __future__ import annotations

from sqlalchemy import Table, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.models import Base


def team_tables() -> list[Table]:
    """Every table with a ``team_id`` column, children first."""
    return [t for t in reversed(Base.metadata.sorted_tables) if "team_id" in t.c]


async def team_counts(session: AsyncSession, *, team_id: str) -> dict[str, int]:
    """How many rows each table holds for ``team_id``."""
    counts = {}
    for table in team_tables():
        counts[table.name] = int(
            await session.scalar(select(func.count()).select_from(table).where(table.c.team_id == team_id)) or 0
        )
    return counts


async def forget_team(session: AsyncSession, *, team_id: str) -> dict[str, int]:
    """Delete every row of ``team_id`` in one transaction; returns the rows deleted per table."""
    if not team_id:
        raise ValueError("a team id is required")
    deleted = {}
    for table in team_tables():
        result = await session.execute(delete(table).where(table.c.team_id == team_id))
        deleted[table.name] = int(getattr(result, "rowcount", 0) or 0)
    await session.commit()
    return deleted


__all__ = ["forget_team", "team_counts", "team_tables"]
