"""What a conversation shows in Slack: which version's next message is on screen, and claims to post it.

A conversation is *stranded* when its ``version`` moved on (an answer was
committed) but the message that follows (the next question or the card) never
reached Slack: the process died between the two, or ``chat.postMessage``
failed past its retries.  The next message is always derivable from the stored
state, so any process can post it; a claim (``showing_version`` with a time)
makes two replicas that try at once post it once.  A claim older than
``stale_after`` is taken over (its holder died).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.db import execute_committed
from bot.store.models import Conversation

LIVE_STATUSES = ("active", "recommended")


def is_stranded(conversation: Conversation) -> bool:
    shown = conversation.shown_version
    return conversation.status in LIVE_STATUSES and (shown is None or shown < conversation.version)


async def claim_showing(
    session: AsyncSession, *, team_id: str, conversation_id: int, version: int, stale_after: timedelta
) -> bool:
    """Claim the right to post the message that follows ``version``; False when it is shown or claimed."""
    now = datetime.now(UTC)
    statement = (
        update(Conversation)
        .where(
            Conversation.id == conversation_id,
            Conversation.team_id == team_id,
            Conversation.version == version,
            or_(Conversation.shown_version.is_(None), Conversation.shown_version < version),
            or_(
                Conversation.showing_version.is_(None),
                Conversation.showing_version < version,
                Conversation.showing_since < now - stale_after,
            ),
        )
        .values(showing_version=version, showing_since=now)
        .execution_options(synchronize_session=False)
    )
    result = await execute_committed(session, statement)
    return result.rowcount == 1


async def release_showing(session: AsyncSession, *, team_id: str, conversation_id: int, version: int) -> None:
    """Give a claim back (the post failed): the next click or the sweep tries again at once."""
    await session.execute(
        update(Conversation)
        .where(
            Conversation.id == conversation_id,
            Conversation.team_id == team_id,
            Conversation.showing_version == version,
        )
        .values(showing_version=None, showing_since=None)
        .execution_options(synchronize_session=False)
    )
    await session.commit()


async def mark_shown(
    session: AsyncSession,
    *,
    team_id: str,
    conversation_id: int,
    version: int,
    question_ts: str | None,
    question_id: str | None,
    card_ts: str | None,
    status: str | None = None,
    advice: dict[str, Any] | None = None,
) -> bool:
    """The message that follows ``version`` is on screen: remember it (the open question or the card,
    with the ``advice`` the card shows).

    False when the conversation has moved past ``version`` meanwhile (a click or
    a typed answer quicker than this write), or when another request showed this
    version already (this one stalled past its claim): the message just posted
    is stale or a duplicate, and its poster closes it.
    """
    # The claim is given back only if it was for this version or an older one: a step that overtook
    # this message holds the claim for its own version, and keeps it.
    ours = or_(Conversation.showing_version.is_(None), Conversation.showing_version <= version)
    values: dict[str, Any] = {
        "shown_version": version,
        "showing_version": case((ours, None), else_=Conversation.showing_version),
        "showing_since": case((ours, None), else_=Conversation.showing_since),
        "question_ts": question_ts,
        "question_id": question_id,
        "card_ts": card_ts,
    }
    if status is not None:
        values["status"] = status
    if advice is not None:
        values["advice"] = advice
        values["advice_version"] = version
    current = (
        await session.execute(
            update(Conversation)
            .where(
                Conversation.id == conversation_id,
                Conversation.team_id == team_id,
                or_(Conversation.shown_version.is_(None), Conversation.shown_version < version),
            )
            .values(**values)
            .returning(Conversation.version)
            .execution_options(synchronize_session=False)
        )
    ).scalar_one_or_none()
    await session.commit()
    return current == version


async def stranded_teams(session: AsyncSession, *, idle_for: timedelta) -> list[str]:
    """Teams with a conversation stranded for at least ``idle_for`` (the periodic sweep's work list)."""
    cutoff = datetime.now(UTC) - idle_for
    query = (
        select(Conversation.team_id)
        .where(_stranded(cutoff))
        .group_by(Conversation.team_id)
    )
    return [str(t) for t in (await session.scalars(query)).all()]


async def stranded_conversations(
    session: AsyncSession, *, team_id: str, idle_for: timedelta, limit: int = 50
) -> list[Conversation]:
    cutoff = datetime.now(UTC) - idle_for
    query = (
        select(Conversation)
        .where(Conversation.team_id == team_id, _stranded(cutoff))
        .order_by(Conversation.updated_at)
        .limit(limit)
    )
    return list((await session.scalars(query.execution_options(populate_existing=True))).all())


def _stranded(cutoff: datetime) -> Any:
    return and_(
        Conversation.status.in_(LIVE_STATUSES),
        Conversation.channel_id.is_not(None),
        Conversation.channel_id != "cli",
        or_(Conversation.shown_version.is_(None), Conversation.shown_version < Conversation.version),
        Conversation.updated_at < cutoff,
        func.coalesce(Conversation.showing_since, Conversation.updated_at) < cutoff,
    )
