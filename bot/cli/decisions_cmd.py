"""``msgchoice decisions recheck``: which recorded decisions would get other advice today, and why.

Each decision keeps the knowledge version and the team policy version it was
made under; this re-runs the advisor on its answers with the knowledge and
policy in force and lists those whose recommendation differs.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from bot.cli.store_cmds import _no_database, _positive, _run, _team, _team_argument

if TYPE_CHECKING:
    from bot.advisor.recheck import Recheck


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "decisions",
        help="re-check recorded decisions against today's knowledge and team policy",
        description="Work on the team's recorded decisions ('msgchoice history' lists them).",
    )
    actions = parser.add_subparsers(dest="decisions_command", metavar="ACTION", required=True)
    recheck = actions.add_parser(
        "recheck",
        help="list decisions whose advice would now differ, and why",
        description="Re-run the advisor on each decision's answers with the knowledge and the team policy "
        "in force, and list the decisions whose recommendation would now differ.",
    )
    recheck.add_argument("--limit", metavar="N", type=_positive, default=500, help="newest N decisions (default 500)")
    recheck.add_argument("--json", action="store_true", help="print a JSON object")
    _team_argument(recheck)
    recheck.set_defaults(handler=run_recheck)


def run_recheck(args: argparse.Namespace) -> int:
    from bot.store import policies
    from bot.store.db import database_errors, ensure_schema, session_factory

    team = _team(args)

    async def work() -> tuple[int, list[Recheck]]:
        url = await ensure_schema(None)
        async with database_errors(url), session_factory(url)() as session:
            return await policies.recheck_decisions(session, team_id=team, limit=args.limit)

    checked, changed = (0, []) if _no_database() else _run(work)
    if args.json:
        print(
            json.dumps(
                {
                    "team_id": team,
                    "checked": checked,
                    "changed": [
                        {
                            "id": r.decision_id,
                            "recommended": r.recommended,
                            "now": r.now,
                            "chosen": r.chosen,
                            "knowledge_then": r.knowledge_then,
                            "knowledge_now": r.knowledge_now,
                            "policy_then": r.policy_then,
                            "policy_now": r.policy_now,
                            "why": r.why,
                        }
                        for r in changed
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    if not changed:
        print(f"Checked {checked} decision(s) of team {team!r}: none would get other advice today.")
        return 0
    print(f"Checked {checked} decision(s) of team {team!r}; {len(changed)} would now get other advice:")
    for r in changed:
        print(f"  #{r.decision_id}: advised {r.recommended} (chose {r.chosen}) → now {r.now}: {r.why}")
    return 0
