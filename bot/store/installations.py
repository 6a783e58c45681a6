"""Workspaces that installed the app through OAuth, and the OAuth ``state`` values of installs in progress.

Keyword-only functions handed an ``AsyncSession``; writes commit.  Slack's own
types stay in ``bot/slack/oauth.py``, which adapts these functions to
``slack_sdk``'s installation and state store interfaces.

- An installation is keyed by (enterprise_id, team_id), ``""`` for an absent
  id; saving an existing key replaces the row unless the stored install is
  newer (the latest install wins, whichever replica saves it).
- A state is consumed by deleting its row: of two replicas consuming the same
  state, one deletes it and the other finds nothing, so a state works once.
- A rotating bot token is refreshed holding its installation's row
  (:func:`refresh_bot_token`): Slack spends the refresh token on each refresh,
  so of replicas finding the token expiring at once only one may ask.

Bot tokens are secrets: nothing here logs them, and the column type seals
them with MSGCHOICE_ENCRYPTION_KEY (``bot/store/sealed.py``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Text, delete, func, literal, select, type_coerce, update
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.db import execute_committed
from bot.store.models import SlackInstallation, SlackOAuthState
from bot.store.sealed import KeyProblem, PlaintextRefused, TokenCipher

TokenLookup = Callable[[str], Awaitable[str | None]]


def _key(value: str | None) -> str:
    return value or ""


async def save_installation(
    session: AsyncSession,
    *,
    enterprise_id: str | None,
    team_id: str | None,
    bot_token: str,
    installed_at: datetime,
    is_enterprise_install: bool = False,
    app_id: str | None = None,
    enterprise_name: str | None = None,
    team_name: str | None = None,
    bot_id: str | None = None,
    bot_user_id: str | None = None,
    bot_scopes: list[str] | tuple[str, ...] = (),
    installer_user_id: str | None = None,
    bot_refresh_token: str | None = None,
    bot_token_expires_at: datetime | None = None,
) -> None:
    """Insert or replace the installation of (enterprise_id, team_id); an older install never replaces a newer one.

    ``installer_user_id=None`` keeps the installer already recorded (a refreshed
    bot token does not forget who installed the app).  The tokens are sealed
    on the way in (``bot/store/sealed.py``); without a key and without
    MSGCHOICE_ALLOW_PLAINTEXT_TOKENS this raises ``PlaintextRefused`` and
    stores nothing.
    """
    values: dict[str, Any] = {
        "enterprise_id": _key(enterprise_id),
        "team_id": _key(None if is_enterprise_install else team_id),
        "is_enterprise_install": is_enterprise_install,
        "app_id": app_id,
        "enterprise_name": enterprise_name,
        "team_name": team_name,
        "bot_token": bot_token,
        "bot_id": bot_id,
        "bot_user_id": bot_user_id,
        "bot_scopes": ",".join(bot_scopes),
        "installer_user_id": installer_user_id,
        "installed_at": installed_at,
        "bot_refresh_token": bot_refresh_token,
        "bot_token_expires_at": bot_token_expires_at,
    }
    insert = _insert(session, SlackInstallation).values(**values)
    table = SlackInstallation.__table__
    updates = {name: insert.excluded[name] for name in values if name not in ("enterprise_id", "team_id")}
    updates["installer_user_id"] = func.coalesce(insert.excluded.installer_user_id, table.c.installer_user_id)
    statement = insert.on_conflict_do_update(
        index_elements=["enterprise_id", "team_id"],
        set_=updates,
        where=table.c.installed_at <= insert.excluded.installed_at,
    )
    try:
        await session.execute(statement)
        await session.commit()
    except StatementError as exc:
        await session.rollback()
        if isinstance(exc.orig, PlaintextRefused | KeyProblem):
            raise exc.orig from None  # the column type refused to write the token: say why, plainly
        raise
    except BaseException:
        await session.rollback()
        raise


def _serving(enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None) -> list[Any]:
    """The WHERE clause of the installation serving a workspace: its own, or its org's (installed org-wide)."""
    where = [SlackInstallation.enterprise_id == _key(enterprise_id)]
    if is_enterprise_install or not team_id:
        where.append(SlackInstallation.team_id == "")
    else:
        where.append(SlackInstallation.team_id == team_id)
    return where


async def find_installation(
    session: AsyncSession,
    *,
    enterprise_id: str | None,
    team_id: str | None,
    is_enterprise_install: bool | None = False,
) -> SlackInstallation | None:
    """The installation serving a workspace: its own, or its org's when the app is installed org-wide."""
    query = select(SlackInstallation).where(*_serving(enterprise_id, team_id, is_enterprise_install))
    found: SlackInstallation | None = (await session.scalars(query.execution_options(populate_existing=True))).first()
    await session.commit()
    return found


@dataclass(frozen=True)
class RefreshedToken:
    """What Slack's ``oauth.v2.access`` (``grant_type=refresh_token``) handed out."""

    bot_token: str
    bot_refresh_token: str | None
    bot_token_expires_at: datetime


async def refresh_bot_token(
    session: AsyncSession,
    *,
    enterprise_id: str | None,
    team_id: str | None,
    is_enterprise_install: bool | None = False,
    due: Callable[[SlackInstallation], bool],
    refresh: Callable[[str], Awaitable[RefreshedToken]],
) -> SlackInstallation | None:
    """The installation serving a workspace, its bot token refreshed first when ``due(row)``.

    The row is held while this decides and refreshes: a no-op UPDATE first takes
    its row lock (PostgreSQL) or the write lock (SQLite) until the commit.  Slack
    spends the refresh token on every refresh and refuses it afterwards, so of
    replicas (or requests) finding the token expiring at once, one calls
    ``refresh`` with the stored refresh token and stores the new pair; the
    others wait, then read that pair and call nothing.  ``refresh`` failing
    stores nothing and raises.
    """
    where = _serving(enterprise_id, team_id, is_enterprise_install)
    hold = (
        update(SlackInstallation)
        .where(*where)
        .values(installed_at=SlackInstallation.installed_at)
        .execution_options(synchronize_session=False)
    )
    try:
        await session.execute(hold)
        query = select(SlackInstallation).where(*where).execution_options(populate_existing=True)
        row: SlackInstallation | None = (await session.scalars(query)).first()
        if row is not None and row.bot_refresh_token and due(row):
            fresh = await refresh(row.bot_refresh_token)
            row.bot_token = fresh.bot_token
            row.bot_refresh_token = fresh.bot_refresh_token
            row.bot_token_expires_at = fresh.bot_token_expires_at
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    return row


async def delete_installation(session: AsyncSession, *, enterprise_id: str | None, team_id: str | None) -> int:
    """Forget the installation of (enterprise_id, team_id) (uninstalled, or its bot token revoked); rows deleted."""
    statement = delete(SlackInstallation).where(
        SlackInstallation.enterprise_id == _key(enterprise_id), SlackInstallation.team_id == _key(team_id)
    )
    result = await execute_committed(session, statement)
    return int(result.rowcount)


async def installation_for_team(session: AsyncSession, *, team_id: str) -> SlackInstallation | None:
    """The latest installation in workspace ``team_id`` (any enterprise), if any."""
    query = (
        select(SlackInstallation)
        .where(SlackInstallation.team_id == team_id)
        .order_by(SlackInstallation.installed_at.desc(), SlackInstallation.id.desc())
        .limit(1)
        .execution_options(populate_existing=True)
    )
    found: SlackInstallation | None = (await session.scalars(query)).first()
    await session.commit()
    return found


async def org_wide_installations(session: AsyncSession) -> list[SlackInstallation]:
    """The installations made org-wide in an Enterprise Grid org (each serves the org's workspaces)."""
    query = (
        select(SlackInstallation)
        .where(SlackInstallation.is_enterprise_install.is_(True), SlackInstallation.team_id == "")
        .order_by(SlackInstallation.installed_at.desc(), SlackInstallation.id.desc())
        .execution_options(populate_existing=True)
    )
    found = list((await session.scalars(query)).all())
    await session.commit()
    return found


async def bot_token_for_team(session: AsyncSession, *, team_id: str) -> str | None:
    """The bot token of the latest installation in workspace ``team_id`` (any enterprise), if any."""
    found = await installation_for_team(session, team_id=team_id)
    return None if found is None else found.bot_token


def bot_token_lookup(session_factory: async_sessionmaker[AsyncSession], *, fallback: str | None = None) -> TokenLookup:
    """team id → the bot token to post with: the team's installation, else ``fallback`` (the single bot token)."""

    async def lookup(team_id: str) -> str | None:
        async with session_factory() as session:
            token = await bot_token_for_team(session, team_id=team_id)
        return token or fallback

    return lookup


async def reseal_tokens(session: AsyncSession, cipher: TokenCipher) -> int:
    """Re-seal every stored token with ``cipher``'s first key (plaintext ones get sealed); rows changed.

    Reads and writes the raw column values (not through the column type), in
    one transaction: either every row is re-sealed or none is.
    """
    table = SlackInstallation.__table__
    raw_token = type_coerce(table.c.bot_token, Text)
    raw_refresh = type_coerce(table.c.bot_refresh_token, Text)
    try:
        rows = (await session.execute(select(table.c.id, raw_token, raw_refresh).with_for_update())).all()
        for row_id, token, refresh in rows:
            values = {"bot_token": cipher.reseal(token)}
            if refresh is not None:
                values["bot_refresh_token"] = cipher.reseal(refresh)
            await session.execute(
                update(SlackInstallation)
                .where(SlackInstallation.id == row_id)
                # literal(…, Text): the value is written as is, not sealed again by the column type
                .values({name: literal(value, Text) for name, value in values.items()})
            )
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    return len(rows)


# --- OAuth states ----------------------------------------------------------------------------


async def issue_state(session: AsyncSession, *, state: str, now: datetime, expires_in: timedelta) -> None:
    """Store a new state valid for ``expires_in``; states that expired are purged on the way."""
    try:
        await session.execute(delete(SlackOAuthState).where(SlackOAuthState.expires_at <= now))
        session.add(SlackOAuthState(state=state, expires_at=now + expires_in, created_at=now))
        await session.commit()
    except BaseException:
        await session.rollback()
        raise


async def consume_state(session: AsyncSession, *, state: str, now: datetime) -> bool:
    """True once for a state that was issued and has not expired; False for anything else, and ever after."""
    statement = delete(SlackOAuthState).where(SlackOAuthState.state == state).returning(SlackOAuthState.expires_at)
    try:
        expires_at = (await session.execute(statement)).scalar_one_or_none()
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    if expires_at is None:
        return False
    return bool(expires_at > now)


# --- helpers ---------------------------------------------------------------------------------


def _insert(session: AsyncSession, model: type[Any]) -> Any:
    """The dialect's INSERT (it has ``on_conflict_do_update``) for SQLite or PostgreSQL."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model)
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(model)
    raise NotImplementedError(f"unsupported database dialect {name!r}")
