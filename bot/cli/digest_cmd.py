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
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

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

    async def work() -> list[RunResult]:
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
            )

    results = _run(work)
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


def _run(work: Callable[[], Awaitable[T]]) -> T:
    from bot.store.db import DatabaseError, run_sync

    try:
        return run_sync(work)
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None
