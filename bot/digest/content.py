"""The week's digest data for one team: queries and assembly, no rendering.

Keyword-only functions handed an ``AsyncSession``; every query is filtered by
``team_id``.  Counts come from ``GROUP BY`` / ``COUNT`` in the database; only
the lines the message shows are loaded (a digest is one Slack message, so long
lists are cut and say how many more there are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.advisor.recheck import Recheck
from bot.digest.schedule import Period, WeekKey
from bot.store.models import Conversation, Decision, Followup

MAX_DECISION_LINES = 40
MAX_OVERRIDES = 15
MAX_UNFINISHED = 15
MAX_TOPICS = 10
MAX_UNCOVERED = 10
MAX_RECHECKS = 10
RECHECK_DECISIONS = 500  # the team's newest decisions re-checked each week
UNCOVERED_SAMPLE = 500  # uncovered questions read to group them (newest first)
UNFINISHED_AFTER = timedelta(days=3)
UNFINISHED_LOOKBACK = timedelta(days=28)
UNFINISHED_STATUSES = ("active", "recommended")
CLI_CHANNEL = "cli"

_CHANNEL_ID = re.compile(r"[CDG][A-Z0-9]{2,}")
_THREAD_TS = re.compile(r"\d{1,12}\.\d{1,9}")


@dataclass(frozen=True)
class DecisionItem:
    id: int
    system: str
    recommended: str
    decided_by: str
    rationale: str
    created_at: datetime
    link: str | None  # Slack permalink of the conversation's thread; None for the terminal
    against_policy: bool = False

    @property
    def overridden(self) -> bool:
        return self.system != self.recommended


@dataclass(frozen=True)
class SystemCount:
    system: str
    count: int


@dataclass(frozen=True)
class UnfinishedItem:
    id: int
    started_by: str
    status: str
    started_at: datetime
    updated_at: datetime
    link: str | None


@dataclass(frozen=True)
class TopicCount:
    topic: str
    count: int


@dataclass(frozen=True)
class DigestContent:
    team_id: str
    week: WeekKey
    period: Period
    decisions: list[DecisionItem] = field(default_factory=list)  # oldest first, at most MAX_DECISION_LINES
    decision_count: int = 0
    split: list[SystemCount] = field(default_factory=list)  # most chosen first
    overrides: list[DecisionItem] = field(default_factory=list)
    override_count: int = 0
    unfinished: list[UnfinishedItem] = field(default_factory=list)  # oldest first
    unfinished_count: int = 0
    topics: list[TopicCount] = field(default_factory=list)  # covered follow-up topics, most asked first
    uncovered: list[TopicCount] = field(default_factory=list)  # questions the knowledge did not cover
    followup_count: int = 0
    uncovered_count: int = 0
    against_policy_count: int = 0  # decisions of the week that went against the team policy
    # Earlier decisions whose advice would now differ (knowledge or policy changed), newest first.
    rechecks: list[Recheck] = field(default_factory=list)
    recheck_count: int = 0

    @property
    def empty(self) -> bool:
        """Nothing to report: no decision, no unfinished conversation, no follow-up, no advice that moved."""
        return not (self.decision_count or self.unfinished_count or self.followup_count or self.recheck_count)

    @property
    def more_rechecks(self) -> int:
        return self.recheck_count - len(self.rechecks)

    @property
    def more_decisions(self) -> int:
        return self.decision_count - len(self.decisions)

    @property
    def more_overrides(self) -> int:
        return self.override_count - len(self.overrides)

    @property
    def more_unfinished(self) -> int:
        return self.unfinished_count - len(self.unfinished)


def thread_link(channel_id: str | None, thread_ts: str | None) -> str | None:
    """``https://slack.com/archives/{channel}/p{ts without dot}``; None for the terminal or anything malformed."""
    if not channel_id or not thread_ts or channel_id == CLI_CHANNEL:
        return None
    if not _CHANNEL_ID.fullmatch(channel_id) or not _THREAD_TS.fullmatch(thread_ts):
        return None
    return f"https://slack.com/archives/{channel_id}/p{thread_ts.replace('.', '')}"


async def build_digest(
    session: AsyncSession, *, team_id: str, week: WeekKey, period: Period, as_of: datetime | None = None
) -> DigestContent:
    """The digest of ``team_id`` for ``period``; ``as_of`` (default: the period's end) dates "unfinished"."""
    as_of = as_of or period.end
    in_period = and_(Decision.team_id == team_id, Decision.created_at >= period.start, Decision.created_at < period.end)

    split_rows = (
        await session.execute(
            select(Decision.chosen_system, func.count()).where(in_period).group_by(Decision.chosen_system)
        )
    ).all()
    split = sorted((SystemCount(system, count) for system, count in split_rows), key=lambda s: (-s.count, s.system))
    decision_count = sum(s.count for s in split)

    overridden = Decision.chosen_system != Decision.recommended_system
    decisions = await _decisions(session, team_id=team_id, where=in_period, limit=MAX_DECISION_LINES)
    override_count = 0
    against_policy_count = 0
    overrides: list[DecisionItem] = []
    if decision_count:
        override_count = int(
            await session.scalar(select(func.count()).select_from(Decision).where(in_period, overridden)) or 0
        )
        if override_count:
            overrides = await _decisions(
                session, team_id=team_id, where=and_(in_period, overridden), limit=MAX_OVERRIDES
            )
        against_policy_count = int(
            await session.scalar(
                select(func.count()).select_from(Decision).where(in_period, Decision.against_policy.is_(True))
            )
            or 0
        )

    unfinished_where = and_(
        Conversation.team_id == team_id,
        Conversation.status.in_(UNFINISHED_STATUSES),
        Conversation.created_at < as_of - UNFINISHED_AFTER,
        Conversation.created_at >= as_of - UNFINISHED_LOOKBACK,
    )
    unfinished_count = int(
        await session.scalar(select(func.count()).select_from(Conversation).where(unfinished_where)) or 0
    )
    unfinished: list[UnfinishedItem] = []
    if unfinished_count:
        rows = (
            await session.execute(
                select(
                    Conversation.id,
                    Conversation.started_by,
                    Conversation.status,
                    Conversation.created_at,
                    Conversation.updated_at,
                    Conversation.channel_id,
                    Conversation.thread_ts,
                )
                .where(unfinished_where)
                .order_by(Conversation.created_at, Conversation.id)
                .limit(MAX_UNFINISHED)
            )
        ).all()
        unfinished = [
            UnfinishedItem(
                id=row.id,
                started_by=row.started_by,
                status=row.status,
                started_at=row.created_at,
                updated_at=row.updated_at,
                link=thread_link(row.channel_id, row.thread_ts),
            )
            for row in rows
        ]

    followups_where = and_(
        Followup.team_id == team_id, Followup.created_at >= period.start, Followup.created_at < period.end
    )
    topic_rows = (
        await session.execute(
            select(Followup.topic, Followup.covered, func.count())
            .where(followups_where)
            .group_by(Followup.topic, Followup.covered)
        )
    ).all()
    followup_count = sum(count for _topic, _covered, count in topic_rows)
    uncovered_count = sum(count for _topic, covered, count in topic_rows if not covered)
    topic_totals: dict[str, int] = {}
    for topic, covered, count in topic_rows:
        if covered and topic:
            topic_totals[topic] = topic_totals.get(topic, 0) + count
    topics = _top(topic_totals, MAX_TOPICS)

    uncovered: list[TopicCount] = []
    if uncovered_count:
        texts = (
            await session.scalars(
                select(Followup.question_text)
                .where(followups_where, Followup.covered.is_(False))
                .order_by(Followup.created_at.desc(), Followup.id.desc())
                .limit(UNCOVERED_SAMPLE)
            )
        ).all()
        grouped: dict[str, int] = {}
        shown: dict[str, str] = {}
        for text in texts:
            flat = " ".join(text.split())
            key = flat.casefold().rstrip("?!. ")
            if not key:
                continue
            grouped[key] = grouped.get(key, 0) + 1
            shown.setdefault(key, flat)
        uncovered = [TopicCount(shown[t.topic], t.count) for t in _top(grouped, MAX_UNCOVERED)]

    from bot.store.policies import recheck_decisions

    _checked, rechecks = await recheck_decisions(session, team_id=team_id, limit=RECHECK_DECISIONS)

    return DigestContent(
        team_id=team_id,
        week=week,
        period=period,
        decisions=decisions,
        decision_count=decision_count,
        split=split,
        overrides=overrides,
        override_count=override_count,
        unfinished=unfinished,
        unfinished_count=unfinished_count,
        topics=topics,
        uncovered=uncovered,
        followup_count=followup_count,
        uncovered_count=uncovered_count,
        against_policy_count=against_policy_count,
        rechecks=rechecks[:MAX_RECHECKS],
        recheck_count=len(rechecks),
    )


async def _decisions(
    session: AsyncSession, *, team_id: str, where: ColumnElement[bool], limit: int
) -> list[DecisionItem]:
    query = (
        select(
            Decision.id,
            Decision.chosen_system,
            Decision.recommended_system,
            Decision.decided_by,
            Decision.rationale,
            Decision.created_at,
            Decision.against_policy,
            Conversation.channel_id,
            Conversation.thread_ts,
        )
        .outerjoin(
            Conversation,
            and_(Conversation.id == Decision.conversation_id, Conversation.team_id == team_id),
        )
        .where(where)
        .order_by(Decision.created_at, Decision.id)
        .limit(limit)
    )
    return [
        DecisionItem(
            id=row.id,
            system=row.chosen_system,
            recommended=row.recommended_system,
            decided_by=row.decided_by,
            rationale=row.rationale or "",
            created_at=row.created_at,
            link=thread_link(row.channel_id, row.thread_ts),
            against_policy=bool(row.against_policy),
        )
        for row in (await session.execute(query)).all()
    ]


def _top(counts: dict[str, int], limit: int) -> list[TopicCount]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [TopicCount(topic, count) for topic, count in ranked[:limit]]
