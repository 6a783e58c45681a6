"""``msgchoice db upgrade|downgrade|current|rotate-key``, ``msgchoice history`` and ``msgchoice show``.

The database is ``DATABASE_URL`` or the default SQLite file (created and
migrated on first use).  The team is ``--team``, else ``MSGCHOICE_TEAM``, else
"local" (what ``msgchoice ask`` records under).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from bot.cli import CommandError, UsageError

if TYPE_CHECKING:
    from bot.store.models import Decision

T = TypeVar("T")
DEFAULT_TEAM = "local"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = subparsers.add_parser(
        "db",
        help="apply (or roll back) the database migrations",
        description="Manage the schema of the database named by DATABASE_URL (default: a SQLite file).",
    )
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_commands.add_parser("upgrade", help="migrate to the latest schema (safe to repeat)")
    upgrade.set_defaults(handler=run_upgrade)
    downgrade = db_commands.add_parser(
        "downgrade", help="roll back to revision REV ('base' drops every table)"
    )
    downgrade.add_argument("revision", metavar="REV")
    downgrade.set_defaults(handler=run_downgrade)
    current = db_commands.add_parser(
        "current", help="print the database's URL (password masked) and revision"
    )
    current.set_defaults(handler=run_current)
    rotate = db_commands.add_parser(
        "rotate-key",
        help="re-encrypt the stored Slack tokens with the first key of MSGCHOICE_ENCRYPTION_KEY",
        description="Re-encrypt every stored Slack token (OAuth installations) with the first of the "
        "comma-separated Fernet keys in MSGCHOICE_ENCRYPTION_KEY; tokens stored in plaintext get encrypted. "
        "To rotate: put the new key first, keep the old one after it, run this, then drop the old key.",
    )
    rotate.set_defaults(handler=run_rotate_key)

    history = subparsers.add_parser(
        "history",
        help="list the team's recorded decisions, newest first",
        description="List recorded decisions, newest first. Dates are YYYY-MM-DD (UTC) or ISO timestamps; "
        "--until includes the whole day it names.",
    )
    history.add_argument("--system", metavar="S", help="only decisions that chose S (kafka, nats-core …)")
    history.add_argument("--since", metavar="DATE", type=_when, help="decided on or after DATE")
    history.add_argument("--until", metavar="DATE", type=_when, help="decided on or before DATE")
    history.add_argument("--text", metavar="T", help="match T in rationale, systems or who decided")
    history.add_argument("--limit", metavar="N", type=_positive, default=50, help="at most N (default 50)")
    _team_argument(history)
    history.add_argument("--json", action="store_true", help="print a JSON array")
    history.set_defaults(handler=run_history)

    show = subparsers.add_parser(
        "show",
        help="show one decision (--adr: as a Markdown decision record)",
        description="Show one recorded decision.",
    )
    show.add_argument("id", metavar="ID", type=_positive, help="decision number, as listed by history")
    output = show.add_mutually_exclusive_group()
    output.add_argument("--adr", action="store_true", help="print a MADR-style architecture decision record")
    output.add_argument("--json", action="store_true", help="print the decision (with its advice) as JSON")
    _team_argument(show)
    show.set_defaults(handler=run_show)


def _team_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--team", metavar="T", help=f"team id (default: $MSGCHOICE_TEAM or {DEFAULT_TEAM!r})")


# The largest whole number the database columns hold (BIGINT ids and limits; INTEGER policy versions).
# Beyond them the drivers fail with a traceback (SQLite) or a "database" error (PostgreSQL).
BIGINT_MAX = 2**63 - 1
INTEGER_MAX = 2**31 - 1


def _positive(text: str, maximum: int = BIGINT_MAX) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    if value > maximum:
        raise argparse.ArgumentTypeError(f"{text!r} is too large (at most {maximum})")
    return value


def _positive_integer(text: str) -> int:
    """A whole number from 1 to what an INTEGER column holds (a policy version)."""
    return _positive(text, INTEGER_MAX)


def _when(text: str) -> date | datetime:
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD) or ISO timestamp") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _team(args: argparse.Namespace) -> str:
    return str(args.team or os.environ.get("MSGCHOICE_TEAM") or DEFAULT_TEAM)


def _run(work: Callable[[], Awaitable[T]]) -> T:
    from bot.store.db import DatabaseError, run_sync

    try:
        return run_sync(work)
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None


def _no_database() -> bool:
    """True, after saying so on stderr, when the configured SQLite database does not exist: a command
    that only reads then has nothing to show, and does not create it."""
    from bot.store.db import DatabaseError, missing_database

    try:
        missing = missing_database()
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None
    if missing is None:
        return False
    print(
        f"msgchoice: no database at {missing}: nothing has been recorded there "
        "(DATABASE_URL names the database; msgchoice ask records into it)",
        file=sys.stderr,
    )
    return True


# --- db ----------------------------------------------------------------------------------------


def run_upgrade(args: argparse.Namespace) -> int:
    from bot.store.db import current_revision, describe, ensure_schema

    async def work() -> tuple[str, str | None]:
        url = await ensure_schema(None)
        return url, await current_revision(url)

    url, revision = _run(work)
    print(f"{describe(url)}: at revision {revision} (latest)")
    return 0


def run_downgrade(args: argparse.Namespace) -> int:
    from bot.store.db import current_revision, describe, downgrade

    async def work() -> tuple[str, str | None]:
        url = await downgrade(None, args.revision)
        return url, await current_revision(url)

    url, revision = _run(work)
    print(f"{describe(url)}: at revision {revision or 'base (no tables)'}")
    return 0


def run_current(args: argparse.Namespace) -> int:
    from bot.store.db import current_revision, describe, resolve_url

    async def work() -> tuple[str, str | None]:
        url = resolve_url(None)
        return url, await current_revision(url)

    url, revision = _run(work)
    print(f"{describe(url)}: at revision {revision or 'base (not migrated)'}")
    return 0


def run_rotate_key(args: argparse.Namespace) -> int:
    from bot.settings import get_settings
    from bot.store.db import database_errors, describe, ensure_schema, session_factory
    from bot.store.installations import reseal_tokens
    from bot.store.sealed import KeyProblem, TokenCipher

    try:
        cipher = TokenCipher.from_settings(get_settings())
    except KeyProblem as exc:
        raise UsageError(str(exc)) from None
    if not cipher.encrypting:
        raise UsageError("MSGCHOICE_ENCRYPTION_KEY is not set: there is no key to encrypt the tokens with")

    async def work() -> tuple[str, int]:
        url = await ensure_schema(None)
        async with database_errors(url), session_factory(url)() as session:
            return url, await reseal_tokens(session, cipher)

    try:
        url, count = _run(work)
    except KeyProblem as exc:
        raise CommandError(f"{exc}; nothing was changed") from None
    print(f"{describe(url)}: {count} installation(s) encrypted with the first key of MSGCHOICE_ENCRYPTION_KEY")
    return 0


# --- history and show --------------------------------------------------------------------------


def run_history(args: argparse.Namespace) -> int:
    from bot.store import repo
    from bot.store.db import database_errors, ensure_schema, session_factory

    if args.system:
        _check_system(args.system)
    if args.since and args.until and _start(args.since) > _start(args.until):
        raise UsageError("--since is after --until")
    team = _team(args)
    if _no_database():
        print("[]" if args.json else f"No decisions for team {team!r} yet.")
        return 0

    async def work() -> list[Decision]:
        url = await ensure_schema(None)
        async with database_errors(url), session_factory(url)() as session:
            return await repo.history(
                session,
                team_id=team,
                system=args.system,
                since=args.since,
                until=args.until,
                text=args.text,
                limit=args.limit,
            )

    decisions = _run(work)
    if args.json:
        print(json.dumps([decision_summary(d) for d in decisions], indent=2, ensure_ascii=False))
        return 0
    if not decisions:
        filtered = any([args.system, args.since, args.until, args.text])
        print(
            f"No decisions{' match' if filtered else ''} for team {team!r}" + ("." if filtered else " yet.")
        )
        return 0
    print(format_history(decisions))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from bot.store import repo
    from bot.store.db import database_errors, ensure_schema, session_factory

    team = _team(args)
    if _no_database():
        raise CommandError(f"no decision #{args.id} for team {team!r}: there is no database yet")

    async def work() -> tuple[Decision | None, str | None]:
        url = await ensure_schema(None)
        async with database_errors(url), session_factory(url)() as session:
            decision = await repo.get_decision(session, team_id=team, decision_id=args.id)
            free_text = None
            if decision is not None and decision.conversation_id is not None:
                conversation = await repo.get_conversation(
                    session, team_id=team, conversation_id=decision.conversation_id
                )
                free_text = conversation.free_text if conversation is not None else None
            return decision, free_text

    decision, free_text = _run(work)
    if decision is None:
        raise CommandError(f"no decision #{args.id} for team {team!r} (msgchoice history lists them)")
    if args.adr:
        from bot.render.adr import render_adr

        print(render_adr(decision, free_text=free_text), end="")
    elif args.json:
        print(
            json.dumps(
                {**decision_summary(decision), "advice": decision.advice}, indent=2, ensure_ascii=False
            )
        )
    else:
        print(format_decision(decision))
    return 0


def _check_system(system: str) -> None:
    from knowledge import load

    ids = load().system_ids
    if system not in ids:
        raise UsageError(f"unknown system {system!r}; one of {', '.join(ids)}")


def _start(moment: date | datetime) -> datetime:
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, datetime.min.time(), tzinfo=UTC)


def decision_summary(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.id,
        "team_id": decision.team_id,
        "created_at": decision.created_at.isoformat(),
        "chosen_system": decision.chosen_system,
        "recommended_system": decision.recommended_system,
        "overridden": decision.overridden,
        "confidence": decision.confidence,
        "rationale": decision.rationale,
        "decided_by": decision.decided_by,
        "knowledge_version": decision.knowledge_version,
        "conversation_id": decision.conversation_id,
    }


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def format_history(decisions: list[Decision]) -> str:
    rows = [("ID", "DATE (UTC)", "CHOSEN", "ADVICE", "BY", "RATIONALE")]
    for d in decisions:
        rows.append(
            (
                f"#{d.id}",
                d.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M"),
                d.chosen_system,
                "followed" if not d.overridden else f"was {d.recommended_system}",
                _one_line(d.decided_by, 20),
                _one_line(d.rationale, 60) or "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)) + "  " + row[-1]
        for row in rows
    )


def format_decision(decision: Decision) -> str:
    lines = [
        f"Decision #{decision.id} (team {decision.team_id})",
        f"  decided:      {decision.created_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC by {decision.decided_by}",
        f"  chosen:       {decision.chosen_system}",
        f"  recommended:  {decision.recommended_system} (confidence {decision.confidence:.2f})"
        + ("  — overridden" if decision.overridden else ""),
        f"  rationale:    {_one_line(decision.rationale, 500) or '-'}",
        f"  knowledge:    {decision.knowledge_version}",
    ]
    if decision.conversation_id is not None:
        lines.append(f"  conversation: #{decision.conversation_id}")
    lines.append(f"\n`msgchoice show {decision.id} --adr` prints it as a Markdown decision record.")
    return "\n".join(lines)
