"""``msgchoice policy show|set FILE|check FILE|history``: the team's own policy.

A policy is a YAML document (``docs/policy.example.yaml``) validated against
the knowledge; a file with a problem is refused with the field named, and
nothing is stored.  Every ``set`` stores a new version with who and when.
The team is ``--team``, else ``MSGCHOICE_TEAM``, else "local" (as ``ask``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from bot.cli import CommandError, UsageError
from bot.cli.store_cmds import _positive_integer, _run, _team, _team_argument

if TYPE_CHECKING:
    from bot.advisor.policy import TeamPolicy
    from bot.store.models import PolicyVersion


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "policy",
        help="show, check or set the team's policy (systems offered, adjustments, house rules)",
        description="The platform team's own policy, applied to the advice as data. "
        "See docs/policy.example.yaml for the format.",
    )
    actions = parser.add_subparsers(dest="policy_command", metavar="ACTION", required=True)

    show = actions.add_parser("show", help="print the policy in force (or --version N)")
    show.add_argument("--version", type=_positive_integer, metavar="N", help="an earlier version")
    show.add_argument("--json", action="store_true", help="print the version and document as JSON")
    _team_argument(show)
    show.set_defaults(handler=run_show)

    check = actions.add_parser("check", help="validate FILE and say what it would do; stores nothing")
    check.add_argument("file", metavar="FILE", help="policy YAML ('-' reads standard input)")
    check.set_defaults(handler=run_check)

    set_ = actions.add_parser("set", help="validate FILE and store it as the team's next version")
    set_.add_argument("file", metavar="FILE", help="policy YAML ('-' reads standard input)")
    set_.add_argument("--by", metavar="NAME", help="who makes the change (default: your login name)")
    _team_argument(set_)
    set_.set_defaults(handler=run_set)

    history = actions.add_parser("history", help="list the team's policy versions, newest first")
    history.add_argument("--json", action="store_true", help="print a JSON array")
    _team_argument(history)
    history.set_defaults(handler=run_history)


def read_file(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None


def load_file(path: str) -> TeamPolicy:
    """A policy file, validated; UsageError names the file and the field."""
    from bot.advisor.policy import PolicyError, TeamPolicy, parse_policy

    text = read_file(path)
    try:
        policy = parse_policy(text)
    except PolicyError as exc:
        raise UsageError(f"{'standard input' if path == '-' else path}: {exc}") from None
    return TeamPolicy(policy=policy, version=None, source=f"file {path}")


def team_policy(team: str) -> TeamPolicy | None:
    """The policy in force for ``team`` from the database, or None."""
    from bot.advisor.policy import TeamPolicy, policy_from_document
    from bot.store import policies
    from bot.store.db import database_errors, ensure_schema, session_factory

    async def work() -> PolicyVersion | None:
        url = await ensure_schema(None)
        async with database_errors(url), session_factory(url)() as session:
            return await policies.current_policy(session, team_id=team)

    row = _run(work)
    if row is None:
        return None
    source = f"team {team}, version {row.version}"
    return TeamPolicy(policy_from_document(row.document), version=row.version, source=source)


def _user(args: argparse.Namespace) -> str:
    if args.by:
        return str(args.by)
    import getpass  # here: `msgchoice advise` registers this command but never runs it

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "cli"


def run_check(args: argparse.Namespace) -> int:
    from bot.advisor.policy import summary
    from knowledge import load

    loaded = load_file(args.file)
    print(f"{args.file}: valid.")
    print("\n".join(summary(loaded.policy, load())))
    return 0


def run_set(args: argparse.Namespace) -> int:
    from bot.advisor.policy import PolicyError, parse_policy
    from bot.store import policies
    from bot.store.db import database_errors, ensure_schema, session_factory

    text = read_file(args.file)
    try:
        policy = parse_policy(text)
    except PolicyError as exc:
        raise UsageError(f"{args.file}: {exc}; nothing was changed") from None
    team = _team(args)
    by = _user(args)

    async def work() -> tuple[PolicyVersion, bool]:
        url = await ensure_schema(None)
        async with database_errors(url), session_factory(url)() as session:
            return await policies.set_policy(
                session, team_id=team, document=policy.model_dump(mode="json"), source=text, created_by=by
            )

    row, created = _run(work)
    if created:
        print(f"Team {team!r} policy is now version {row.version} ({policy.name}), set by {by}.")
    else:
        print(f"Unchanged: team {team!r} policy version {row.version} is already this document.")
    from bot.render.blocks.policy import POLICY_INPUT_LIMIT, input_length

    if input_length(text) > POLICY_INPUT_LIMIT:
        print(f"Note: it is {input_length(text):,} characters, more than the {POLICY_INPUT_LIMIT:,} of Slack's "
              "text box: Slack's policy modal shows its length instead of the text, and changes to it are made "
              "here, with `msgchoice policy set`.")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from bot.store import policies
    from bot.store.db import database_errors, ensure_schema, session_factory
    from knowledge import load

    team = _team(args)

    async def work() -> PolicyVersion | None:
        url = await ensure_schema(None)
        async with database_errors(url), session_factory(url)() as session:
            if args.version is not None:
                return await policies.get_policy(session, team_id=team, version=args.version)
            return await policies.current_policy(session, team_id=team)

    row = _run(work)
    if row is None:
        if args.version is not None:
            raise CommandError(f"team {team!r} has no policy version {args.version} (msgchoice policy history)")
        if args.json:
            print("null")
            return 0
        print(f"No policy for team {team!r}: the guide's advice applies as it is. "
              "`msgchoice policy set FILE` sets one (see docs/policy.example.yaml).")
        return 0
    if args.json:
        print(json.dumps({**_summary(row), "document": row.document}, indent=2, ensure_ascii=False))
        return 0
    from bot.advisor.policy import policy_from_document, summary

    kb = load()
    print(f"Team {team!r} policy version {row.version}, set by {row.created_by} on "
          f"{row.created_at:%Y-%m-%d %H:%M} UTC")
    print("\n".join(summary(policy_from_document(row.document, kb=kb), kb)))
    print("\n--- document ---")
    print(row.source.rstrip("\n"))
    return 0


def _summary(row: PolicyVersion) -> dict[str, Any]:
    return {
        "team_id": row.team_id,
        "version": row.version,
        "name": row.document.get("name"),
        "created_by": row.created_by,
        "created_at": row.created_at.isoformat(),
    }


def run_history(args: argparse.Namespace) -> int:
    from bot.store import policies
    from bot.store.db import database_errors, ensure_schema, session_factory

    team = _team(args)

    async def work() -> list[PolicyVersion]:
        url = await ensure_schema(None)
        async with database_errors(url), session_factory(url)() as session:
            return await policies.policy_history(session, team_id=team)

    rows = _run(work)
    if args.json:
        print(json.dumps([_summary(r) for r in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"No policy versions for team {team!r}.")
        return 0
    print("VERSION  DATE (UTC)        BY                    NAME")
    for r in rows:
        print(f"{r.version:<8} {r.created_at:%Y-%m-%d %H:%M}  {r.created_by[:20]:<20}  {r.document.get('name', '')}"
              + ("  (in force)" if r is rows[0] else ""))
    return 0
