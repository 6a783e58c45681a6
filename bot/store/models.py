"""SQLAlchemy 2 typed models.  Table and column names are a shared contract.

Unique constraints carry the idempotency rules:

- ``answers (conversation_id, version)``: one event per conversation step, so
  two concurrent answers to the same step record one;
- ``decisions (team_id, idempotency_key)``: a retried "adopt" records one decision;
- ``digest_runs (team_id, iso_year, iso_week)``: one digest per team and week;
- ``slack_deliveries (team_id, delivery_key)``: a Slack retry is processed once;
- ``slack_installations (enterprise_id, team_id)``: one installation per
  workspace (or Enterprise Grid org), the latest install wins;
- ``slack_oauth_states (state)``: an OAuth state is consumed once;
- ``policies (team_id, version)``: one row per version of a team's policy,
  append-only, so every change keeps who made it and when.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    func,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.store.sealed import SealedToken

# Explicit constraint names, so that migrations (and SQLite batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Id = BigInteger().with_variant(Integer, "sqlite")
Json = JSON().with_variant(JSONB(), "postgresql")

CONVERSATION_STATUSES = ("active", "recommended", "decided", "abandoned")
EVENT_KINDS = ("answer", "back", "restart")
ANSWER_SOURCES = ("button", "typed", "parsed", "cli")
DIGEST_RUN_STATUSES = ("claimed", "posted", "failed")
EMPTY_POLICIES = ("skip", "one_line")


class UtcDateTime(TypeDecorator[datetime]):
    """``DateTime(timezone=True)`` that always gives back aware UTC datetimes.

    PostgreSQL stores ``timestamptz``; SQLite has no time zones, so values are
    converted to UTC before they are stored (as ``CURRENT_TIMESTAMP`` does) and
    marked UTC when read.  Comparisons are therefore always in UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _now() -> Mapped[datetime]:
    return mapped_column(UtcDateTime(), server_default=func.now(), nullable=False)


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("team_id", "channel_id", "thread_ts"),
        Index("ix_conversations_team_id_status_updated_at", "team_id", "status", "updated_at"),
        CheckConstraint(_in("status", CONVERSATION_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str | None] = mapped_column(String(64))  # "cli" for the terminal
    thread_ts: Mapped[str | None] = mapped_column(String(64))
    started_by: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default="active", server_default="active")
    state: Mapped[dict[str, Any]] = mapped_column(Json)  # AdvisorState.model_dump(mode="json")
    free_text: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The Slack message asking the open question (its buttons go when it is answered).
    question_ts: Mapped[str | None] = mapped_column(String(64))
    question_id: Mapped[str | None] = mapped_column(String(64))
    # The version whose next message (question or card) is on screen; lagging ``version`` = stranded.
    shown_version: Mapped[int | None] = mapped_column(Integer)
    # A replica's claim to post that message (two replicas repairing a thread post once).
    showing_version: Mapped[int | None] = mapped_column(Integer)
    showing_since: Mapped[datetime | None] = mapped_column(UtcDateTime())
    card_ts: Mapped[str | None] = mapped_column(String(64))  # the live recommendation card
    # The advice that card shows (Advice.model_dump(mode="json")) and the version it was computed for.
    advice: Mapped[dict[str, Any] | None] = mapped_column(Json)
    advice_version: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()


class AnswerEvent(Base):
    """Append-only: who answered what, from where, producing which conversation version."""

    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("conversation_id", "version"),
        Index("ix_answers_team_id_created_at", "team_id", "created_at"),
        CheckConstraint(_in("kind", EVENT_KINDS), name="kind"),
        CheckConstraint(_in("source", ANSWER_SOURCES), name="source"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    conversation_id: Mapped[int] = mapped_column(Id, ForeignKey("conversations.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    question: Mapped[str | None] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(255))
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = _now()


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("team_id", "idempotency_key"),
        Index("ix_decisions_team_id_created_at", "team_id", "created_at"),
        Index("ix_decisions_team_id_chosen_system_created_at", "team_id", "chosen_system", "created_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    conversation_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("conversations.id", ondelete="SET NULL")
    )
    recommended_system: Mapped[str] = mapped_column(String(32))
    chosen_system: Mapped[str] = mapped_column(String(32))
    rationale: Mapped[str] = mapped_column(Text, default="", server_default="")
    decided_by: Mapped[str] = mapped_column(String(255))
    knowledge_version: Mapped[str] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column(Float)
    advice: Mapped[dict[str, Any]] = mapped_column(Json)  # Advice.model_dump(mode="json")
    idempotency_key: Mapped[str] = mapped_column(String(255))
    permalink: Mapped[str | None] = mapped_column(Text)  # the thread's, stored when recorded
    created_at: Mapped[datetime] = _now()
    # The team policy version the advice was made under (None: no policy), and
    # whether the choice went against it (a system it does not offer, or another
    # system where the policy had changed the guide's answer).
    policy_version: Mapped[int | None] = mapped_column(Integer)
    against_policy: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    @property
    def overridden(self) -> bool:
        """True when the team chose something other than the advice."""
        return self.chosen_system != self.recommended_system


class Followup(Base):
    __tablename__ = "followups"
    __table_args__ = (Index("ix_followups_team_id_created_at", "team_id", "created_at"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    conversation_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("conversations.id", ondelete="SET NULL")
    )
    user_id: Mapped[str] = mapped_column(String(255))
    question_text: Mapped[str] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(String(255))
    covered: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = _now()


class DigestSettings(Base):
    __tablename__ = "digest_settings"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("hour BETWEEN 0 AND 23", name="hour"),
        CheckConstraint("minute BETWEEN 0 AND 59", name="minute"),
        CheckConstraint(_in("empty_policy", EMPTY_POLICIES), name="empty_policy"),
    )

    team_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel_id: Mapped[str | None] = mapped_column(String(64))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    weekday: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # 0 = Monday
    hour: Mapped[int] = mapped_column(Integer, default=9, server_default="9")
    minute: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    empty_policy: Mapped[str] = mapped_column(String(16), default="one_line", server_default="one_line")
    updated_by: Mapped[str | None] = mapped_column(String(255))
    updated_at: Mapped[datetime] = _now()


class DigestRun(Base):
    __tablename__ = "digest_runs"
    __table_args__ = (
        UniqueConstraint("team_id", "iso_year", "iso_week"),
        CheckConstraint(_in("status", DIGEST_RUN_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    iso_year: Mapped[int] = mapped_column(Integer)
    iso_week: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    claimed_by: Mapped[str] = mapped_column(String(255))
    claimed_at: Mapped[datetime] = _now()
    attempts: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    posted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    channel_id: Mapped[str | None] = mapped_column(String(64))
    message_ts: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)


class SlackDelivery(Base):
    """A Slack delivery already processed (``event:{event_id}``, ``trigger:{trigger_id}``).

    Kept only as long as Slack may deliver it again: :func:`bot.store.repo.prune_deliveries`
    deletes the old ones (``msgchoice serve`` does, every sweep), by ``received_at``.
    """

    __tablename__ = "slack_deliveries"
    __table_args__ = (Index("ix_slack_deliveries_received_at", "received_at"),)

    team_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    delivery_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    received_at: Mapped[datetime] = _now()


class SlackInstallation(Base):
    """A workspace (or an Enterprise Grid org) that installed the app through OAuth.

    ``enterprise_id`` and ``team_id`` are ``""`` rather than NULL when absent,
    so that the unique constraint holds (NULLs never collide in one).  The bot
    token is a secret: it is left out of ``repr`` and never logged.
    """

    __tablename__ = "slack_installations"
    __table_args__ = (
        UniqueConstraint("enterprise_id", "team_id"),
        Index("ix_slack_installations_team_id", "team_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), default="", server_default="")
    team_id: Mapped[str] = mapped_column(String(64), default="", server_default="")
    is_enterprise_install: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    app_id: Mapped[str | None] = mapped_column(String(64))
    enterprise_name: Mapped[str | None] = mapped_column(String(255))
    team_name: Mapped[str | None] = mapped_column(String(255))
    # Sealed with MSGCHOICE_ENCRYPTION_KEY when set (bot/store/sealed.py); read and written as the token.
    bot_token: Mapped[str] = mapped_column(SealedToken)
    # With Slack's token rotation: the refresh token (sealed likewise) and when the bot token expires.
    bot_refresh_token: Mapped[str | None] = mapped_column(SealedToken)
    bot_token_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    bot_id: Mapped[str | None] = mapped_column(String(64))
    bot_user_id: Mapped[str | None] = mapped_column(String(64))
    bot_scopes: Mapped[str] = mapped_column(Text, default="", server_default="")  # comma-separated
    installer_user_id: Mapped[str | None] = mapped_column(String(64))
    installed_at: Mapped[datetime] = _now()

    def __repr__(self) -> str:
        return (
            f"SlackInstallation(enterprise_id={self.enterprise_id!r}, team_id={self.team_id!r}, "
            f"bot_id={self.bot_id!r}, installed_at={self.installed_at!r}, bot_token=<hidden>)"
        )


class SlackOAuthState(Base):
    """An OAuth ``state`` handed out by ``/slack/install``: valid until ``expires_at``, consumed once."""

    __tablename__ = "slack_oauth_states"
    __table_args__ = (Index("ix_slack_oauth_states_expires_at", "expires_at"),)

    state: Mapped[str] = mapped_column(String(255), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), nullable=False)
    created_at: Mapped[datetime] = _now()


class PolicyVersion(Base):
    """One version of a team's policy document: append-only, the highest version is in force."""

    __tablename__ = "policies"
    __table_args__ = (UniqueConstraint("team_id", "version"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(Json)  # Policy.model_dump(mode="json")
    source: Mapped[str] = mapped_column(Text)  # the YAML as it was uploaded
    created_by: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = _now()
