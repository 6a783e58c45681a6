"""``msgchoice serve``: run the Slack app (Socket Mode when SLACK_APP_TOKEN is set, else HTTP).

HTTP mode serves ``POST /slack/events`` (slash commands, interactivity and the
Events API all point there).  Both modes serve ``GET /healthz`` (``SELECT 1`` on
the database) and ``GET /metrics`` (Prometheus, this process's own counts) on
``--port``.  With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set it also serves
``GET /slack/install`` and ``GET /slack/oauth_redirect``, and each workspace
that installs the app through them gets its own bot token.  The database
schema is migrated at start-up; SIGTERM / SIGINT stop the server gracefully.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.cli import CommandError, UsageError

if TYPE_CHECKING:
    import asyncio

    from aiohttp import web
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from bot.settings import Settings


class _Log:
    """``logging.getLogger("msgchoice.serve")``, imported on first use: `msgchoice advise` never loads logging."""

    def __getattr__(self, name: str) -> Any:
        import logging

        return getattr(logging.getLogger("msgchoice.serve"), name)


log = _Log()

DEFAULT_PORT = 3000
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
HEALTH_TIMEOUT_S = 2.0
# At SIGTERM: how long requests already received get to be answered (Slack's are acked within 3 s),
# then how long the work listeners do after their ack (posting the next question …) gets to finish.
# Together under Kubernetes' default terminationGracePeriodSeconds (30 s).
REQUEST_GRACE_S = 5.0
LISTENER_GRACE_S = 20.0


@dataclass
class ServeContext:
    """What a background task gets: settings, the database and the Slack Web API client."""

    settings: Settings
    session_factory: async_sessionmaker[AsyncSession]
    client: AsyncWebClient


BackgroundTask = Callable[[ServeContext], Coroutine[Any, Any, None]]


async def digest_scheduler(context: ServeContext) -> None:
    """The weekly digest (bot/digest/scheduler.py): every replica ticks, the database decides who posts."""
    from datetime import timedelta

    from bot.digest.scheduler import run_scheduler
    from bot.slack.oauth import team_token_lookup

    settings = context.settings
    if not settings.digest_scheduler:
        log.info("digest scheduler off (MSGCHOICE_DIGEST_SCHEDULER=false): run `msgchoice digest run` from cron")
        return
    single_token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    # Each team's installation token (refreshed first when it rotates); the single bot token only in
    # single-workspace mode.
    fallback = None if settings.oauth_enabled else single_token
    lookup = team_token_lookup(settings, context.session_factory, context.client, fallback=fallback)
    tick = timedelta(seconds=settings.digest_tick_seconds)
    await run_scheduler(context.session_factory, context.client, tick=tick, bot_token_for=lookup)


async def stranded_sweep(context: ServeContext) -> None:
    """Re-post the next message of conversations left without one (bot/slack/services/sweep.py)."""
    from bot.slack.oauth import team_token_lookup
    from bot.slack.services import Deps
    from bot.slack.services.sweep import run_sweeper

    settings = context.settings
    single_token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    # Each team's installation token (refreshed first when it rotates); the single bot token only in
    # single-workspace mode.
    fallback = None if settings.oauth_enabled else single_token
    lookup = team_token_lookup(settings, context.session_factory, context.client, fallback=fallback)
    await run_sweeper(Deps.create(context.session_factory), context.client, lookup)


# What the warm-up reads: a few of the lexicon's commonest kinds of words (keeping, a rate, latency, a team).
WARM_UP_TEXT = "we need to keep every order and replay it later, about 5k msgs/s, p99 under 10 ms, a team of four"


async def warm_parser(context: ServeContext) -> None:
    """Compile the lexicon as the server starts, so the first team's description does not wait.

    The first parse of a process compiles the lexicon's patterns it needs, or reads them from the on-disk
    cache (a few seconds without it); later ones take tens of milliseconds.  Failing here loses nothing:
    the first description compiles it instead.

    It runs on a daemon thread of its own, not on the CPU pool: a stop signal during the warm-up
    (a rollout that replaces the pod at once) then exits at once instead of waiting seconds for a
    compile nobody needs, as the interpreter waits for the pool's threads at exit.  The on-disk
    cache writes each file whole (a temporary file renamed), so an abandoned warm-up leaves no
    half-written pattern.
    """
    import asyncio
    import contextlib
    import threading

    from bot.advisor.parse import parse

    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def settle(error: BaseException | None) -> None:
        if done.done():
            return
        if error is not None:
            done.set_exception(error)
        else:
            done.set_result(None)

    def work() -> None:
        error: BaseException | None = None
        try:
            parse(WARM_UP_TEXT)
        except Exception as exc:  # reported on the loop, where it is logged
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop closed: the server stopped meanwhile
            loop.call_soon_threadsafe(settle, error)

    started = time.perf_counter()
    threading.Thread(target=work, name="msgchoice-warm-up", daemon=True).start()
    try:
        await done
    except Exception:
        log.exception("warming the parser failed; the first description will compile the lexicon")
        return
    log.info("parser ready in %.2f s", time.perf_counter() - started)


# Long-running jobs started with the server and cancelled at shutdown (and one that ends after its work).
BACKGROUND_TASKS: list[BackgroundTask] = [warm_parser, digest_scheduler, stranded_sweep]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP)",
        description="Run the Slack app. With SLACK_APP_TOKEN set it connects over Socket Mode; "
        "otherwise it serves HTTP: POST /slack/events for Slack, GET /healthz for health checks. "
        "One workspace needs SLACK_BOT_TOKEN, and SLACK_SIGNING_SECRET in HTTP mode; several workspaces "
        "(OAuth, HTTP mode, GET /slack/install) need SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and "
        "SLACK_SIGNING_SECRET instead (see docs/SLACK.md).",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"HTTP port (default {DEFAULT_PORT})")
    parser.add_argument("--host", default="0.0.0.0", help="HTTP address to bind (default 0.0.0.0)")
    parser.set_defaults(handler=run)


# ---------------------------------------------------------------------- configuration


def config_problems(settings: Settings) -> list[str]:
    """Everything missing or malformed in the Slack settings, one line each (secrets never shown).

    One workspace: SLACK_BOT_TOKEN, plus SLACK_APP_TOKEN (Socket Mode) or
    SLACK_SIGNING_SECRET (HTTP).  Several workspaces through OAuth (either of
    SLACK_CLIENT_ID / SLACK_CLIENT_SECRET set): both of them and
    SLACK_SIGNING_SECRET, in HTTP mode; no SLACK_BOT_TOKEN.
    """
    problems: list[str] = []
    app_token = settings.slack_app_token.get_secret_value().strip() if settings.slack_app_token else ""
    secret = settings.slack_signing_secret.get_secret_value().strip() if settings.slack_signing_secret else ""
    client_id = (settings.slack_client_id or "").strip()
    client_secret = settings.slack_client_secret.get_secret_value().strip() if settings.slack_client_secret else ""
    oauth = bool(client_id or client_secret)
    if oauth:
        problems += _oauth_problems(client_id, client_secret, app_token)
    else:
        problems += _bot_token_problems(settings)
    if app_token and not oauth:  # Socket Mode
        if not re.fullmatch(r"xapp-[A-Za-z0-9-]+", app_token):
            problems.append("SLACK_APP_TOKEN does not look like an app-level token (expected xapp-…)")
    elif not secret:
        needed = (
            "needed to install in several workspaces (OAuth)"
            if oauth
            else "needed in HTTP mode — or set SLACK_APP_TOKEN for Socket Mode"
        )
        problems.append(f"SLACK_SIGNING_SECRET is not set (from 'Basic Information › App Credentials'; {needed})")
    elif not re.fullmatch(r"[A-Za-z0-9]+", secret):
        problems.append("SLACK_SIGNING_SECRET does not look like a signing secret (letters and digits only)")
    problems += _token_storage_problems(settings, oauth=oauth)
    if not re.match(r"^https?://[^\s/]+", settings.slack_api_url):
        problems.append(f"SLACK_API_URL must be an http(s) URL, got {settings.slack_api_url!r}")
    return problems


def _token_storage_problems(settings: Settings, *, oauth: bool) -> list[str]:
    """MSGCHOICE_ENCRYPTION_KEY must be valid Fernet keys; with OAuth, set (or plaintext allowed explicitly)."""
    from bot.store.sealed import GENERATE_HINT, KeyProblem, TokenCipher

    try:
        cipher = TokenCipher.from_settings(settings)
    except KeyProblem as exc:
        return [str(exc)]
    if oauth and not cipher.encrypting and not settings.allow_plaintext_tokens:
        return [
            "MSGCHOICE_ENCRYPTION_KEY is not set: installing in several workspaces (OAuth) stores each "
            f"workspace's bot token, and they are not stored in plaintext unless "
            f"MSGCHOICE_ALLOW_PLAINTEXT_TOKENS=true; {GENERATE_HINT}"
        ]
    return []


def _bot_token_problems(settings: Settings) -> list[str]:
    """One workspace: the bot token."""
    bot_token = settings.slack_bot_token.get_secret_value().strip() if settings.slack_bot_token else ""
    if not bot_token:
        return [
            "SLACK_BOT_TOKEN is not set (the Bot User OAuth Token, xoxb-…, from 'OAuth & Permissions'; "
            "or, to install in several workspaces through OAuth, set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET)"
        ]
    if not re.fullmatch(r"xoxb-[A-Za-z0-9-]+", bot_token):
        return ["SLACK_BOT_TOKEN does not look like a bot token (expected xoxb-…)"]
    return []


def _oauth_problems(client_id: str, client_secret: str, app_token: str) -> list[str]:
    """Installing in several workspaces: both OAuth credentials, over HTTP (SLACK_BOT_TOKEN is not used)."""
    problems: list[str] = []
    where = "from 'Basic Information › App Credentials'; OAuth needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET"
    if not client_id:
        problems.append(f"SLACK_CLIENT_ID is not set ({where})")
    elif not re.fullmatch(r"[0-9]+\.[0-9]+", client_id):
        problems.append("SLACK_CLIENT_ID does not look like a client ID (expected digits.digits)")
    if not client_secret:
        problems.append(f"SLACK_CLIENT_SECRET is not set ({where})")
    elif not re.fullmatch(r"[A-Za-z0-9]+", client_secret):
        problems.append("SLACK_CLIENT_SECRET does not look like a client secret (letters and digits only)")
    if app_token:
        problems.append(
            "SLACK_APP_TOKEN is set, but installing in several workspaces (OAuth) runs in HTTP mode: "
            "unset SLACK_APP_TOKEN (or unset SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for one workspace)"
        )
    return problems


def run(args: argparse.Namespace) -> int:
    import gc

    # Start-up makes ~110,000 objects that live as long as the process (modules, SQLAlchemy and pydantic
    # models, Bolt, the knowledge); the cyclic collector traversed them over and over while they were
    # made (about 100 ms of a 650 ms start, two full collections).  It is off until the server listens,
    # then serve() freezes them (see there); back on here whichever way run() ends.
    gc.disable()
    try:
        return _run(args)
    finally:
        gc.enable()


def _run(args: argparse.Namespace) -> int:
    import asyncio

    from bot.settings import get_settings

    settings = get_settings()
    problems = config_problems(settings)
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise UsageError(f"cannot start the Slack app; fix the configuration:\n{listing}\nSee docs/SLACK.md.")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be 0-65535, got {args.port}")
    from bot import logs

    logs.configure(level=settings.log_level, fmt=settings.log_format, access_log=settings.access_log)
    try:
        asyncio.run(serve(settings, host=args.host, port=args.port))
    except OSError as exc:
        raise CommandError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from exc
    return 0


# ---------------------------------------------------------------------- the server


def build_web_app(
    bolt_app: AsyncApp,
    *,
    signing_secret: str = "",
    database_ok: Callable[[], Awaitable[bool]] | None = None,
    open_conversations: Callable[[], Awaitable[dict[str, int] | None]] | None = None,
    slack_routes: bool = True,
) -> web.Application:
    """aiohttp application: Slack's requests to Bolt, the OAuth install routes when on, a health check, metrics.

    ``signing_secret``: what ``POST /slack/events`` verifies before anything else (an
    unsigned request is a 401 before its body is parsed; without a secret every request is).
    ``database_ok``: the health check's probe (``SELECT 1``); 503 when it fails.
    ``open_conversations``: counts for the ``msgchoice_open_conversations`` gauge, read at each scrape
    (None when the database does not answer: the gauge keeps its last value).
    ``slack_routes``: False in Socket Mode, where Slack's requests come over the socket.
    """
    from aiohttp import web
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.error import BoltError

    from bot import logs, metrics
    from bot.slack.observe import KIND_KEY, RECEIVED_KEY
    from bot.slack.payloads import read_request
    from bot.slack.verify import signature_problem

    async def slack_events(request: web.Request) -> web.Response:
        logs.start_request()
        started = time.perf_counter()
        kind, status = "other", 500  # the kind is known only once the signature verified and the body parsed
        try:
            raw = await request.read()
            problem = signature_problem(
                signing_secret,
                raw,
                request.headers.getall("X-Slack-Request-Timestamp", None),
                request.headers.getall("X-Slack-Signature", None),
            )
            if problem is not None:
                # Nothing of an unverified request is read, let alone answered: no Bolt, no parsing.
                log.info("rejected a request that is not Slack's: %s", problem)
                status = 401
                return web.json_response({"error": "invalid request"}, status=401)
            try:
                headers: dict[str, str | Sequence[str]] = {k: request.headers.getall(k) for k in request.headers}
                bolt_request = read_request(raw.decode("utf-8"), query=request.query_string, headers=headers)
            except (ValueError, TypeError, AttributeError, KeyError, IndexError, BoltError) as exc:
                # Signed but not a payload Slack sends (not JSON, not an object …): nothing to act on.
                log.warning("signed request with a malformed body (%s); answered 400", type(exc).__name__)
                status = 400
                return web.json_response({"error": "malformed request"}, status=400)
            kind = metrics.request_kind(bolt_request.body)
            bolt_request.context[KIND_KEY], bolt_request.context[RECEIVED_KEY] = kind, started
            response = await to_aiohttp_response(await bolt_app.async_dispatch(bolt_request))
            status = response.status
            return response
        finally:
            metrics.request_answered(kind, status, time.perf_counter() - started)

    async def metrics_endpoint(_request: web.Request) -> web.Response:
        if open_conversations is not None:
            counts = await open_conversations()
            if counts is not None:
                metrics.set_open_conversations(counts)
        body, content_type = metrics.exposition()
        return web.Response(body=body, headers={"Content-Type": content_type})

    async def healthz(_request: web.Request) -> web.Response:
        if database_ok is not None and not await database_ok():
            return web.json_response({"ok": False, "database": "unreachable"}, status=503)
        return web.json_response({"ok": True})

    web_app = web.Application()
    web_app.router.add_get(HEALTH_PATH, healthz)
    web_app.router.add_get(METRICS_PATH, metrics_endpoint)
    if slack_routes:
        web_app.router.add_post(EVENTS_PATH, slack_events)
    oauth_flow = bolt_app.oauth_flow
    if oauth_flow is not None and slack_routes:

        async def slack_install(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await oauth_flow.handle_installation(await to_bolt_request(request)))

        async def slack_oauth_redirect(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await oauth_flow.handle_callback(await to_bolt_request(request)))

        web_app.router.add_get(oauth_flow.install_path, slack_install)
        web_app.router.add_get(oauth_flow.redirect_uri_path, slack_oauth_redirect)
    return web_app


@dataclass
class Server:
    """The running app: start() migrates, builds and listens; stop() undoes it in reverse."""

    settings: Settings
    host: str = "0.0.0.0"
    port: int = DEFAULT_PORT
    bolt_app: AsyncApp | None = None
    _runner: Any = None
    _socket_handler: Any = None
    _http: Any = None  # the aiohttp.ClientSession every Web API call of this process shares
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _requests: RequestTasks = field(default_factory=lambda: RequestTasks())

    @property
    def socket_mode(self) -> bool:
        return self.settings.slack_app_token is not None and bool(self.settings.slack_app_token.get_secret_value())

    async def start(self) -> None:
        import asyncio

        from bot.slack.app import build_app
        from bot.store import db

        try:
            url = db.resolve_url(self.settings.database_url)
            await db.ensure_schema(url)
        except db.DatabaseError as exc:
            raise CommandError(str(exc)) from exc
        if self.socket_mode and self.settings.oauth_enabled:
            raise CommandError("installing in several workspaces (OAuth) needs HTTP mode: unset SLACK_APP_TOKEN")
        from bot.store import sealed

        try:
            cipher = sealed.TokenCipher.from_settings(self.settings)
        except sealed.KeyProblem as exc:
            raise CommandError(str(exc)) from exc
        sealed.configure(cipher)
        if self.settings.oauth_enabled and not cipher.encrypting:
            log.warning(
                "MSGCHOICE_ALLOW_PLAINTEXT_TOKENS=true: the workspaces' bot tokens are stored in plaintext "
                "(set MSGCHOICE_ENCRYPTION_KEY, then run `msgchoice db rotate-key`, to encrypt them)"
            )
        session_factory = db.session_factory(url)
        import aiohttp

        # One HTTP session for every Web API call of this process: connections are reused.
        self._http = aiohttp.ClientSession()
        self.bolt_app = build_app(self.settings, session_factory=session_factory, http_session=self._http)
        context = ServeContext(self.settings, session_factory, self.bolt_app.client)
        self._requests.install()
        await self._listen(session_factory, slack_routes=not self.socket_mode)
        if self.socket_mode:
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            assert self.settings.slack_app_token is not None
            self._socket_handler = AsyncSocketModeHandler(
                self.bolt_app, self.settings.slack_app_token.get_secret_value()
            )
            await self._socket_handler.connect_async()
            log.info(
                "connected to Slack over Socket Mode; %s and %s on http://%s:%d (database %s)",
                HEALTH_PATH,
                METRICS_PATH,
                self.host,
                self.port,
                db.describe(url),
            )
        else:
            log.info("listening on http://%s:%d%s (database %s)", self.host, self.port, EVENTS_PATH, db.describe(url))
            if self.bolt_app.oauth_flow is not None:
                log.info(
                    "installing in several workspaces through OAuth: %s and %s",
                    self.bolt_app.oauth_flow.install_path,
                    self.bolt_app.oauth_flow.redirect_uri_path,
                )
        for task in BACKGROUND_TASKS:
            self._tasks.append(asyncio.create_task(task(context), name=getattr(task, "__name__", "background")))

    async def _listen(self, session_factory: async_sessionmaker[AsyncSession], *, slack_routes: bool) -> None:
        """Serve HTTP on host:port: Slack's routes (HTTP mode) and, in both modes, /healthz and /metrics."""
        import asyncio
        import logging

        from aiohttp import web
        from sqlalchemy.exc import SQLAlchemyError

        from bot.store import db
        from bot.store.repo import open_conversation_counts

        async def open_conversations() -> dict[str, int] | None:
            try:
                async with asyncio.timeout(HEALTH_TIMEOUT_S), session_factory() as session:
                    return await open_conversation_counts(session)
            except (TimeoutError, OSError, SQLAlchemyError) as exc:
                log.warning("could not count open conversations for /metrics: %s", type(exc).__name__)
                return None

        assert self.bolt_app is not None
        secret = self.settings.slack_signing_secret
        web_app = build_web_app(
            self.bolt_app,
            signing_secret=secret.get_secret_value() if secret else "",
            database_ok=lambda: db.is_reachable(session_factory, within=HEALTH_TIMEOUT_S),
            open_conversations=open_conversations,
            slack_routes=slack_routes,
        )
        # aiohttp's access log formats a line for every request: off unless MSGCHOICE_ACCESS_LOG=true.
        access_log = logging.getLogger("aiohttp.access") if self.settings.access_log else None
        self._runner = web.AppRunner(
            web_app, handle_signals=False, access_log=access_log, shutdown_timeout=REQUEST_GRACE_S
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        if sockets:
            self.port = int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        """Stop taking work, let the work in hand finish (within the graces), then close.

        New requests stop first (Socket Mode's connection, the HTTP listener; requests
        already received are answered within :data:`REQUEST_GRACE_S`).  Then, side by side,
        the background tasks are cancelled (the digest finishes a post in progress) and the
        listeners Bolt runs on after their ack get :data:`LISTENER_GRACE_S` to post what they
        were posting.  Only then do the Web API session and the database close under them.
        """
        import asyncio

        from bot.store import db

        if self._socket_handler is not None:
            await self._socket_handler.close_async()
            self._socket_handler = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await asyncio.gather(self._stop_background_tasks(), _finish_listeners(self._requests))
        self._requests.uninstall()
        if self._http is not None:
            await self._http.close()
            self._http = None
        await db.dispose_engines()

    async def _stop_background_tasks(self) -> None:
        import asyncio

        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            try:
                await task
            except asyncio.CancelledError:
                pass
            except Exception:
                log.exception("background task %s failed", task.get_name())
        self._tasks.clear()


class RequestTasks:
    """The tasks started while handling a Slack request: Bolt runs each listener in one after its ack.

    Installed as the event loop's task factory for the life of the server; a task counts when
    it is created in the context of a request (``logs.start_request`` bound its id there, in
    both modes).  Weakly held: a finished task is forgotten.
    """

    def __init__(self) -> None:
        import weakref

        self.tasks: weakref.WeakSet[asyncio.Future[Any]] = weakref.WeakSet()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._previous: Any = None

    def install(self) -> None:
        import asyncio

        self._loop = asyncio.get_running_loop()
        self._previous = self._loop.get_task_factory()
        self._loop.set_task_factory(self._create)

    def uninstall(self) -> None:
        if self._loop is not None:
            self._loop.set_task_factory(self._previous)
            self._loop = None

    def _create(self, loop: asyncio.AbstractEventLoop, coro: Any, **kwargs: Any) -> asyncio.Future[Any]:
        import asyncio

        from bot import logs

        task = self._previous(loop, coro, **kwargs) if self._previous else asyncio.Task(coro, loop=loop, **kwargs)
        if logs.in_request():
            self.tasks.add(task)
        return task

    def pending(self) -> set[asyncio.Future[Any]]:
        import asyncio

        me = asyncio.current_task()
        return {task for task in self.tasks if task is not me and not task.done()}


async def _finish_listeners(requests: RequestTasks) -> None:
    """Wait (within :data:`LISTENER_GRACE_S`) for the work Bolt's listeners go on with after their ack."""
    import asyncio

    pending = requests.pending()
    if not pending:
        return
    log.info("finishing %d request(s) in progress", len(pending))
    _done, late = await asyncio.wait(pending, timeout=LISTENER_GRACE_S)
    for task in late:
        task.cancel()
    if late:
        log.warning("%d request(s) still in progress after %g s were cut short", len(late), LISTENER_GRACE_S)


async def serve(settings: Settings, *, host: str, port: int) -> None:
    """Run until SIGTERM or SIGINT, then shut down gracefully."""
    import asyncio
    import signal

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    server = Server(settings, host=host, port=port)
    try:
        await server.start()
    finally:
        # What start-up made is moved out of the collector's sight (gc.freeze) instead of collected: a
        # full collection here would cost ~90 ms before the first request, and a start-up leaves only a
        # few thousand unreachable objects.  Later full collections then traverse only what requests
        # made, not the 110,000 start-up objects (a pause on the event loop each time).
        import gc

        gc.freeze()
        gc.enable()
    try:
        await stop.wait()
        log.info("shutting down")
    finally:
        await server.stop()
