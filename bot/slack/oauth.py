"""Installing the app in several workspaces through OAuth (on when SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set).

- :class:`SqlInstallationStore`: ``slack_sdk``'s ``AsyncInstallationStore`` on
  the project's database (``slack_installations``, see
  ``bot/store/installations.py``).  The app asks for bot scopes only, so one
  row per workspace holds the bot token and who installed it; Bolt looks
  the bot up per request (``installation_store_bot_only``).
- :class:`SqlOAuthStateStore`: ``AsyncOAuthStateStore`` on the same database
  (``slack_oauth_states``), so the replica that answers Slack's redirect
  need not be the one that started the install.
- :class:`InstallFlow`: Bolt's OAuth flow, passing on only a workspace id as
  the install link's ``team``.
- :func:`oauth_settings`: Bolt's ``AsyncOAuthSettings`` with both, the bot
  scopes of ``manifest.yml`` (:data:`BOT_SCOPES`, a test keeps them equal),
  ``GET /slack/install`` (redirects straight to Slack's authorize page) and
  ``GET /slack/oauth_redirect``.  ``oauth.v2.access`` goes through the app's
  Web API client, so to ``SLACK_API_URL`` like every other call.
- :class:`LockedTokenRotator`: with Slack's token rotation on, refreshes a bot
  token shortly before it expires, one replica at a time (Slack spends the
  refresh token on each refresh).
"""

from __future__ import annotations

import html
import logging
import re
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.error import BoltError
from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions, AsyncFailureArgs, AsyncSuccessArgs
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError, SlackTokenRotationError
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import Settings
from bot.store import installations
from bot.store.models import SlackInstallation

log = logging.getLogger("msgchoice.oauth")

# The bot scopes of manifest.yml (tests/slack/test_manifest.py compares them).
BOT_SCOPES = (
    "chat:write",
    "chat:write.public",
    "commands",
    "app_mentions:read",
    "channels:history",
    "groups:history",
    "im:history",
    "mpim:history",
    "users:read",
    "files:write",
    "channels:join",
)
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_EXPIRATION = timedelta(minutes=10)
# A rotating bot token (valid 12 hours) is refreshed when it has less than this left.
TOKEN_REFRESH_BEFORE_MINUTES = 120
# A token whose refresh failed is still used while it has at least this long left.
STILL_VALID_FOR = timedelta(minutes=1)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _installed_at(value: Any) -> datetime:
    """``Installation.installed_at`` (epoch seconds as a float) as an aware datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    return _utc_now()


def _expires_at(value: Any) -> datetime | None:
    """slack_sdk's ``bot_token_expires_at`` (epoch seconds) as an aware datetime; None without rotation."""
    return None if value is None else _installed_at(value)


def _bot_of(row: SlackInstallation) -> Bot:
    return Bot(
        app_id=row.app_id,
        enterprise_id=row.enterprise_id or None,
        enterprise_name=row.enterprise_name,
        team_id=row.team_id or None,
        team_name=row.team_name,
        bot_token=row.bot_token,
        bot_id=row.bot_id or "",
        bot_user_id=row.bot_user_id or "",
        bot_scopes=row.bot_scopes,
        is_enterprise_install=row.is_enterprise_install,
        installed_at=row.installed_at,
        bot_refresh_token=row.bot_refresh_token,
        bot_token_expires_at=row.bot_token_expires_at,
    )


class SqlInstallationStore(AsyncInstallationStore):
    """Bot installations, one per workspace (or org), in ``slack_installations``; the latest install wins."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = session_factory

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_save(self, installation: Installation) -> None:
        if not installation.bot_token:
            raise BoltError("the installation has no bot token (msgchoice asks for bot scopes)")
        async with self._sessions() as session:
            await installations.save_installation(
                session,
                enterprise_id=installation.enterprise_id,
                team_id=installation.team_id,
                is_enterprise_install=bool(installation.is_enterprise_install),
                app_id=installation.app_id,
                enterprise_name=installation.enterprise_name,
                team_name=installation.team_name,
                bot_token=installation.bot_token,
                bot_id=installation.bot_id,
                bot_user_id=installation.bot_user_id,
                bot_scopes=list(installation.bot_scopes or []),
                installer_user_id=installation.user_id,
                installed_at=_installed_at(installation.installed_at),
                bot_refresh_token=installation.bot_refresh_token,
                bot_token_expires_at=_expires_at(installation.bot_token_expires_at),
            )
        log.info(
            "installed in team %s (enterprise %s) by %s",
            installation.team_id,
            installation.enterprise_id,
            installation.user_id,
        )

    async def async_save_bot(self, bot: Bot) -> None:
        async with self._sessions() as session:
            await installations.save_installation(
                session,
                enterprise_id=bot.enterprise_id,
                team_id=bot.team_id,
                is_enterprise_install=bool(bot.is_enterprise_install),
                app_id=bot.app_id,
                enterprise_name=bot.enterprise_name,
                team_name=bot.team_name,
                bot_token=bot.bot_token,
                bot_id=bot.bot_id,
                bot_user_id=bot.bot_user_id,
                bot_scopes=list(bot.bot_scopes or []),
                installed_at=_installed_at(bot.installed_at),
                bot_refresh_token=bot.bot_refresh_token,
                bot_token_expires_at=_expires_at(bot.bot_token_expires_at),
            )

    async def _find(
        self, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None
    ) -> SlackInstallation | None:
        async with self._sessions() as session:
            return await installations.find_installation(
                session, enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
            )

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        row = await self._find(enterprise_id, team_id, is_enterprise_install)
        return None if row is None else _bot_of(row)

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        """The workspace's installation; with ``user_id``, only if that user installed it (no user tokens are kept)."""
        row = await self._find(enterprise_id, team_id, is_enterprise_install)
        if row is None or (user_id is not None and row.installer_user_id != user_id):
            return None
        return Installation(
            app_id=row.app_id,
            enterprise_id=row.enterprise_id or None,
            enterprise_name=row.enterprise_name,
            team_id=row.team_id or None,
            team_name=row.team_name,
            bot_token=row.bot_token,
            bot_id=row.bot_id,
            bot_user_id=row.bot_user_id,
            bot_scopes=row.bot_scopes,
            user_id=row.installer_user_id or "",
            is_enterprise_install=row.is_enterprise_install,
            installed_at=row.installed_at,
            bot_refresh_token=row.bot_refresh_token,
            bot_token_expires_at=row.bot_token_expires_at,
        )

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self._delete(enterprise_id, team_id, why="bot token revoked")

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        """Without ``user_id``: forget the workspace.  With it: nothing (a user's token is never stored)."""
        if user_id is None:
            await self._delete(enterprise_id, team_id, why="installation deleted")

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self._delete(enterprise_id, team_id, why="app uninstalled")

    async def _delete(self, enterprise_id: str | None, team_id: str | None, *, why: str) -> None:
        async with self._sessions() as session:
            deleted = await installations.delete_installation(session, enterprise_id=enterprise_id, team_id=team_id)
        log.info("%s: forgot %d installation(s) of team %s (enterprise %s)", why, deleted, team_id, enterprise_id)


class SqlOAuthStateStore(AsyncOAuthStateStore):
    """OAuth states in ``slack_oauth_states``: any replica can consume what another issued, once, before expiry."""

    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], *, expires_in: timedelta = STATE_EXPIRATION
    ) -> None:
        self._sessions = session_factory
        self.expires_in = expires_in

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        state = secrets.token_urlsafe(32)
        async with self._sessions() as session:
            await installations.issue_state(session, state=state, now=_utc_now(), expires_in=self.expires_in)
        return state

    async def async_consume(self, state: str) -> bool:
        if not state:
            return False
        async with self._sessions() as session:
            valid = await installations.consume_state(session, state=state, now=_utc_now())
        if not valid:
            log.info("refused an unknown, used or expired OAuth state")
        return valid


class LockedTokenRotator(AsyncTokenRotator):
    """slack_sdk's token rotator, refreshing each installation's bot token once however many ask at once.

    Slack spends the refresh token on every refresh: a second refresh with the
    same one is refused (``invalid_refresh_token``), and an app that kept the
    wrong one of two refresh tokens could never refresh again.  Bolt's own
    rotator refreshes whenever the token it read is near expiry, so two replicas
    (or two requests of one) refreshed at once and one of them failed its user.
    Here the installation's row is held while deciding (see
    ``installations.refresh_bot_token``): the first refreshes and stores the new
    pair, the others read it.  What this returns is already stored.  A refresh
    Slack refuses while the token in hand still has time left (it is refreshed
    two hours early) leaves that token in use rather than failing the request.
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        *,
        client_id: str,
        client_secret: str,
        client: AsyncWebClient | None = None,
    ) -> None:
        super().__init__(client_id=client_id, client_secret=client_secret, client=client)
        self._sessions = session_factory

    async def perform_bot_token_rotation(self, *, bot: Bot, minutes_before_expiration: int = 120) -> Bot | None:
        margin = timedelta(minutes=minutes_before_expiration)

        def due(expires_at: datetime | None) -> bool:
            return expires_at is not None and expires_at <= _utc_now() + margin

        expires_at = _expires_at(bot.bot_token_expires_at)
        if not bot.bot_refresh_token or not due(expires_at):
            return None
        try:
            async with self._sessions() as session:
                row = await installations.refresh_bot_token(
                    session,
                    enterprise_id=bot.enterprise_id,
                    team_id=bot.team_id,
                    is_enterprise_install=bot.is_enterprise_install,
                    due=lambda row: due(row.bot_token_expires_at),
                    refresh=self._refresh,
                )
        except SlackTokenRotationError as exc:
            if expires_at is not None and expires_at > _utc_now() + STILL_VALID_FOR:
                # Refreshed early: the token in hand still works, and the next request tries again.
                log.warning(
                    "could not refresh the bot token of team %s (%s); it is used until %s",
                    bot.team_id or bot.enterprise_id,
                    exc.api_error.response.get("error"),
                    expires_at,
                )
                return None
            raise
        if row is None:
            return None  # uninstalled meanwhile
        log.info(
            "bot token of team %s (enterprise %s) is fresh until %s",
            row.team_id,
            row.enterprise_id,
            row.bot_token_expires_at,
        )
        return _bot_of(row)

    async def _refresh(self, refresh_token: str) -> installations.RefreshedToken:
        try:
            response = await self.client.oauth_v2_access(
                client_id=self.client_id,
                client_secret=self.client_secret,
                grant_type="refresh_token",
                refresh_token=refresh_token,
            )
        except SlackApiError as exc:
            raise SlackTokenRotationError(exc) from None
        if response.get("token_type") != "bot" or not response.get("access_token"):
            raise BoltError("oauth.v2.access answered a refresh without a bot token")
        return installations.RefreshedToken(
            bot_token=str(response["access_token"]),
            bot_refresh_token=response.get("refresh_token"),
            bot_token_expires_at=_utc_now() + timedelta(seconds=int(response["expires_in"])),
        )


def team_token_lookup(
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    client: AsyncWebClient,
    *,
    fallback: str | None = None,
) -> installations.TokenLookup:
    """team id → the bot token to post with now, for calls no request from Slack led to (digest, sweep).

    A request from Slack gets its token through Bolt's authorization, which
    refreshes a rotating token first; the weekly digest and the stranded-thread
    sweep post on their own, often after a quiet night or weekend in which the
    token expired.  With OAuth (client id and secret set) a rotating token near
    expiry is refreshed here too, the same way (:class:`LockedTokenRotator`).  A
    refresh Slack refuses is logged and the stored token returned: the call then
    fails with Slack's own error, recorded where that call records failures.
    A workspace of an Enterprise Grid org that installed the app org-wide has
    no installation of its own: the org's serves it, found by asking each
    org-wide installation which workspaces it reaches (``auth.teams.list``).
    Without an installation: ``fallback`` (the single bot token).
    """
    if not (settings.oauth_enabled and settings.slack_client_id and settings.slack_client_secret):
        return installations.bot_token_lookup(session_factory, fallback=fallback)
    rotator = LockedTokenRotator(
        session_factory,
        client_id=settings.slack_client_id.strip(),
        client_secret=settings.slack_client_secret.get_secret_value().strip(),
        client=client,
    )

    async def fresh(row: SlackInstallation) -> str:
        """The row's bot token, refreshed first when it rotates and is near expiry."""
        if not row.bot_refresh_token:
            return row.bot_token
        try:
            bot = await rotator.perform_bot_token_rotation(
                bot=_bot_of(row), minutes_before_expiration=TOKEN_REFRESH_BEFORE_MINUTES
            )
        except (SlackTokenRotationError, BoltError) as exc:
            reason = exc.api_error.response.get("error") if isinstance(exc, SlackTokenRotationError) else "no bot token"
            log.warning("could not refresh the bot token of team %s (%s)", row.team_id or row.enterprise_id, reason)
            return row.bot_token
        return row.bot_token if bot is None else bot.bot_token

    async def lookup(team_id: str) -> str | None:
        async with session_factory() as session:
            row = await installations.installation_for_team(session, team_id=team_id)
            orgs = [] if row is not None else await installations.org_wide_installations(session)
        if row is not None:
            return await fresh(row)
        # Installed org-wide (Enterprise Grid), the installation is the org's: the workspace is served
        # by the org whose token reaches it.
        for org in orgs:
            token = await fresh(org)
            if await _reaches(client, token, team_id):
                return token
        return fallback

    return lookup


# auth.teams.list pages read at most, per org-wide installation (200 workspaces a page).
_TEAMS_PAGES = 25


async def _reaches(client: AsyncWebClient, token: str, team_id: str) -> bool:
    """Whether an org-wide installation's ``token`` reaches workspace ``team_id`` (``auth.teams.list``)."""
    cursor: str | None = None
    try:
        for _ in range(_TEAMS_PAGES):
            response = await client.auth_teams_list(token=token, cursor=cursor, limit=200)
            if any(isinstance(t, dict) and t.get("id") == team_id for t in response.get("teams") or []):
                return True
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return False
    except SlackApiError as exc:
        log.warning("auth.teams.list failed for an org-wide installation (%s)", exc.response.get("error"))
    return False


# A Slack workspace (T…) or Enterprise Grid org (E…) id: what the install link's ``team`` may name.
_TEAM_ID = re.compile(r"[TE][A-Z0-9]{2,31}")


class InstallFlow(AsyncOAuthFlow):
    """Bolt's OAuth flow; ``/slack/install?team=T…`` passes on a workspace id and nothing else.

    Bolt pasted the ``team`` query parameter into Slack's authorize URL as it came:
    ``?team=T1%26client_id%3D…`` added parameters (another app's client id, scopes,
    a redirect_uri) to the consent screen an admin was sent to from a link on the
    app's own domain, and a line break made the server drop the connection.  A
    value that is not a Slack team id is ignored (Slack then lets the admin pick).
    """

    async def build_authorize_url(self, state: str, request: AsyncBoltRequest) -> str:
        teams = request.query.get("team") or []
        team = teams[0] if teams and _TEAM_ID.fullmatch(teams[0]) else None
        return self.settings.authorize_url_generator.generate(state=state, team=team)


def install_flow(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], client: AsyncWebClient
) -> InstallFlow:
    """The OAuth flow of ``msgchoice serve`` (HTTP mode with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET)."""
    # Bolt's flow logs through the app's logger, whose lines bot/slack/logredact.py rewrites.
    return InstallFlow(
        client=client,
        logger=logging.getLogger("slack_bolt.AsyncApp"),
        settings=oauth_settings(settings, session_factory, client),
    )


# Why an install did not finish, by Bolt's reason (or Slack's ``error`` on the redirect), for the admin
# looking at the page: what happened and what to do.  Any other reason is shown escaped, as Slack sent it.
_FAILURES = {
    "access_denied": "The install was cancelled in Slack.",
    "invalid_browser": (
        "The install has to finish in the same browser it started in: Slack's answer came back without "
        "this browser's install cookie (another browser, a private window, or cookies blocked)."
    ),
    "invalid_state": (
        f"This install link has expired (it is good for {STATE_EXPIRATION.seconds // 60} minutes) or was already used."
    ),
    "missing_code": "Slack's answer came back without an authorisation code.",
    "invalid_code": "Slack did not accept the authorisation code: it may have expired or been used already.",
    "storage_error": "The installation could not be saved: the app's database did not answer. Try again shortly.",
}


def failure_page(reason: str) -> str:
    """The page an admin sees when an install did not finish: why, that nothing was installed, and a
    link to start again.  ``reason`` may come from the redirect's query string, so it is escaped."""
    why = _FAILURES.get(reason) or f"Slack reported: {html.escape(reason)}."
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>msgchoice was not installed</title></head>\n"
        "<body style=\"font-family: sans-serif; max-width: 40em; margin: 4em auto\">\n"
        "<h1>msgchoice was not installed</h1>\n"
        f"<p>{why}</p>\n"
        f"<p>Nothing was installed in your workspace. <a href=\"{INSTALL_PATH}\">Start the install again</a>.</p>\n"
        "</body></html>\n"
    )


async def _install_failed(args: AsyncFailureArgs) -> BoltResponse:
    """Bolt's failure response (its status, and the header that clears the state cookie) with our page."""
    default = await args.default.failure(args)
    log.info("install did not finish: %s", args.reason if args.reason in _FAILURES else "slack_error")
    headers = {name: values for name, values in default.headers.items() if name.lower() != "content-length"}
    return BoltResponse(status=default.status, body=failure_page(args.reason), headers=headers)


async def _installed(args: AsyncSuccessArgs) -> BoltResponse:
    return await args.default.success(args)


def oauth_settings(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], client: AsyncWebClient | None = None
) -> AsyncOAuthSettings:
    """Bolt's OAuth settings for ``settings`` (which must have SLACK_CLIENT_ID and SLACK_CLIENT_SECRET).

    Authorization (each request: the workspace's bot token from the database)
    caches ``auth.test``'s answer per token instead of asking Slack on every
    request, and refreshes a rotating token through ``client`` (so through
    ``SLACK_API_URL``) shortly before it expires.
    """
    assert settings.slack_client_id and settings.slack_client_secret, "OAuth needs a client id and secret"
    result = AsyncOAuthSettings(
        client_id=settings.slack_client_id.strip(),
        client_secret=settings.slack_client_secret.get_secret_value().strip(),
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        installation_store=SqlInstallationStore(session_factory),
        installation_store_bot_only=True,
        state_store=SqlOAuthStateStore(session_factory),
        state_expiration_seconds=int(STATE_EXPIRATION.total_seconds()),
        install_path=INSTALL_PATH,
        install_page_rendering_enabled=False,
        redirect_uri_path=REDIRECT_PATH,
        logger=logging.getLogger("msgchoice.oauth.bolt"),
        token_rotation_expiration_minutes=TOKEN_REFRESH_BEFORE_MINUTES,
        callback_options=AsyncCallbackOptions(success=_installed, failure=_install_failed),
    )
    result.authorize = AsyncInstallationStoreAuthorize(
        logger=logging.getLogger("msgchoice.oauth.bolt"),
        client_id=result.client_id,
        client_secret=result.client_secret,
        token_rotation_expiration_minutes=TOKEN_REFRESH_BEFORE_MINUTES,
        installation_store=result.installation_store,
        bot_only=True,
        cache_enabled=True,
        client=client,
    )
    result.authorize.token_rotator = LockedTokenRotator(
        session_factory, client_id=result.client_id, client_secret=result.client_secret, client=client
    )
    return result
