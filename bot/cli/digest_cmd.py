"""``msgchoice digest run [--now] [--team T]`` and ``msgchoice digest preview [--team T]``.

``run`` is the scheduler's job for cron or a Kubernetes CronJob: it sends
the digests that are due now (``--now``: this week's for every configured
team, whatever the scheduled time), still exactly once per team and ISO week
(see ``bot/digest/runner.py``).  Each team's digest is posted with that
team's own bot token, stored when it installed the app through OAuth, or
else with ``SLACK_BOT_TOKEN`` (one workspace; not used when SLACK_CLIENT_ID
and SLACK_CLIENT_SECRET are set), to ``SLACK_API_URL``; it uses
``DATABASE_URL``.  A team with neither is reported as failed; the exit status
is 1 when a digest failed in this run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from bot.cli import CommandError, UsageError

if TYPE_CHECKING:
    from bot.digest.runner import RunResult

T = TypeVar("T")
DEFAULT_TEAM = "local"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    digest = subparsers.add_parser(
        "digest",
        help="send (or preview) the weekly digest of decisions",
        description="The weekly digest of the team's decisions, posted to the channel chosen with "
        "/msgchoice digest here. The Slack app sends it on schedule; 'run' does the same job from cron.",
    )
    actions = digest.add_subparsers(dest="digest_command", metavar="ACTION", required=True)
    run = actions.add_parser(
        "run",
        help="send the digests that are due (exactly once per team and ISO week)",
        description="Send the digests that are due now, for every team with the digest configured. "
        "Safe to run every minute from cron and from several places: each team gets one digest per ISO week. "
        "Posts with each team's bot token from its OAuth installation, else with SLACK_BOT_TOKEN "
        "(needed unless SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set).",
    )
    run.add_argument(
        "--now",
        action="store_true",
        help="send this week's digest now, whatever the scheduled time (still once a week)",
    )
    run.add_argument("--team", metavar="T", help="only team T (a Slack team id)")
    run.set_defaults(handler=run_digests)
    preview = actions.add_parser(
        "preview",
        help="print this week's digest so far (Slack mrkdwn) without sending it",
        description="Print the digest of the last seven days for a team, as it would be posted now.",
    )
    preview.add_argument("--team", metavar="T", help=f"team id (default: $MSGCHOICE_TEAM or {DEFAULT_TEAM!r})")
    preview.set_defaults(handler=run_preview)


def run_digests(args: argparse.Namespace) -> int:
    from bot.settings import get_settings

    settings = get_settings()
    token = settings.slack_bot_token.get_secret_value().strip() if settings.slack_bot_token else ""
    if settings.oauth_enabled:
        token = ""  # several workspaces: each team's own installation, never one workspace's token for all
    elif not token:
        raise UsageError("SLACK_BOT_TOKEN is not set: the digest is posted with the app's bot token (xoxb-…)")
    if not settings.slack_api_url.startswith(("http://", "https://")):
        raise UsageError(f"SLACK_API_URL must be an http(s) URL, got {settings.slack_api_url!r}")
    api_url = settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/"

    async def work(stop: Any) -> list[RunResult]:
        from datetime import UTC, datetime

        from slack_sdk.web.async_client import AsyncWebClient

        from bot.digest.runner import default_replica_id, run_due
        from bot.slack.oauth import team_token_lookup
        from bot.store import db

        url = await db.ensure_schema(settings.database_url)
        client = AsyncWebClient(token=token or None, base_url=api_url)
        sessions = db.session_factory(url)
        async with db.database_errors(url):
            return await run_due(
                sessions,
                client,
                now=datetime.now(UTC),
                team=args.team,
                force=args.now,
                replica_id=f"cli:{default_replica_id()}",
                bot_token_for=team_token_lookup(settings, sessions, client, fallback=token or None),
                stop=stop,
            )

    stopping = _Stop()
    results = _run(lambda: stopping.guard(work))
    if stopping.signalled:
        print(
            f"msgchoice: stopped by {stopping.signalled}: the digest being posted was finished and recorded; "
            "teams not reached are left for the next run",
            file=sys.stderr,
        )
    if not results and stopping.signalled:
        return 1
    if not results:
        where = f"team {args.team!r} has no digest configured" if args.team else "no team has a digest configured"
        print(f"Nothing to send: {where} (run /msgchoice digest here in a channel).")
        return 0
    for result in results:
        print(_describe(result))
    return 1 if any(r.outcome in ("failed", "error") for r in results) else 0


def _describe(result: RunResult) -> str:
    week = f" week {result.week}" if result.week else ""
    head = f"{result.team_id}{week}:"
    if result.outcome == "posted":
        return f"{head} posted to {result.channel_id} (ts {result.message_ts})"
    if result.outcome == "skipped":
        return f"{head} nothing to report, skipped (empty-week policy)"
    if result.outcome == "failed":
        return f"{head} FAILED to post to {result.channel_id}: {result.error}"
    if result.outcome == "error":
        return f"{head} FAILED: {result.error}"
    if result.outcome == "not_due":
        return f"{head} not due yet (--now sends this week's digest early)"
    return f"{head} already sent or being sent"


def run_preview(args: argparse.Namespace) -> int:
    team = str(args.team or os.environ.get("MSGCHOICE_TEAM") or DEFAULT_TEAM)

    async def work() -> str:
        from datetime import UTC, datetime

        from bot.digest.service import preview
        from bot.store import db

        url = await db.ensure_schema(None)
        async with db.database_errors(url), db.session_factory(url)() as session:
            return await preview(session, team_id=team, now=datetime.now(UTC))

    print(_run(work))
    return 0


class _Stop:
    """SIGTERM or SIGINT during ``digest run`` (a CronJob pod stopped, Ctrl-C): no further team is started,
    and the digest being posted gets :data:`bot.digest.scheduler.SHUTDOWN_GRACE` to be posted and recorded.

    Killed outright, the run was left 'claimed' with the message possibly posted, and posted again
    once the claim timed out (10 minutes later).
    """

    def __init__(self) -> None:
        self.signalled: str | None = None
        self.event: Any = None  # an asyncio.Event, made in the loop that runs the work

    async def guard(self, make_work: Callable[[Any], Awaitable[T]]) -> T:
        import asyncio
        import signal

        from bot.digest.scheduler import SHUTDOWN_GRACE

        self.event = asyncio.Event()
        loop = asyncio.get_running_loop()

        def stop(signum: int) -> None:
            self.signalled = signal.Signals(signum).name
            self.event.set()

        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop, signum)
        job = asyncio.ensure_future(make_work(self.event))
        stopped = asyncio.ensure_future(self.event.wait())
        try:
            await asyncio.wait({job, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if not job.done():
                try:
                    return await asyncio.wait_for(asyncio.shield(job), SHUTDOWN_GRACE)
                except TimeoutError:
                    job.cancel()
                    raise CommandError(
                        f"stopped by {self.signalled}: the digest being posted did not finish within "
                        f"{SHUTDOWN_GRACE:g} s; its claim is taken over after 10 minutes"
                    ) from None
            return job.result()
        finally:
            stopped.cancel()
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(signum)


def _run(work: Callable[[], Awaitable[T]]) -> T:
    from bot.store.db import DatabaseError, run_sync

    try:
        return run_sync(work)
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None
