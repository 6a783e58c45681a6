"""``msgchoice forget --team T [--yes]``: delete every row of a workspace, after a confirmation."""

from __future__ import annotations

import argparse
import sys

from bot.cli import CommandError, UsageError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "forget",
        help="delete everything stored for one Slack team (after a confirmation)",
        description="Delete every row of one team (conversations, answers, decisions, follow-ups, digest "
        "settings and runs, deliveries, installation, policy) from the database named by DATABASE_URL. "
        "Shows the counts per table and asks for confirmation; --yes skips the question (for scripts).",
    )
    parser.add_argument("--team", required=True, help="the Slack team id (T…)")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from bot.store import db
    from bot.store.forget import forget_team, team_counts

    team = str(args.team).strip()
    if not team:
        raise UsageError("--team must not be empty")

    async def counts() -> dict[str, int]:
        url = await db.ensure_schema(None)
        async with db.session_factory(url)() as session:
            return await team_counts(session, team_id=team)

    try:
        found = db.run_sync(counts)
    except db.DatabaseError as exc:
        raise CommandError(str(exc)) from None
    total = sum(found.values())
    for table, count in found.items():
        print(f"{table}: {count}")
    if total == 0:
        print(f"nothing stored for team {team}")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError(f"{total} rows of team {team} would be deleted; confirm with --yes")
        answer = input(f"Delete these {total} rows of team {team}? Type the team id to confirm: ")
        if answer.strip() != team:
            print("nothing deleted")
            return 1

    async def work() -> dict[str, int]:
        url = await db.ensure_schema(None)
        async with db.session_factory(url)() as session:
            return await forget_team(session, team_id=team)

    try:
        deleted = db.run_sync(work)
    except db.DatabaseError as exc:
        raise CommandError(str(exc)) from None
    print(f"deleted {sum(deleted.values())} rows of team {team}: " + ", ".join(f"{t} {n}" for t, n in deleted.items()))
    return 0
