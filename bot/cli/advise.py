"""``msgchoice advise``: one-shot advice from answers and/or a workload description."""

from __future__ import annotations

import argparse
import sys

from bot.cli import UsageError, text_from_arguments


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "advise",
        help="recommend a system from answers and/or a workload description",
        description="Recommend a messaging system. Give a free-text workload description, "
        "answers as --answer QUESTION=VALUE (repeatable), or both; explicit answers win.",
    )
    parser.add_argument(
        "text", nargs="*",
        help="workload description, e.g. 'CDC from Postgres into S3, 2-person team' ('-' reads it from standard input)",
    )
    parser.add_argument(
        "--answer", "-a", action="append", default=[], metavar="QUESTION=VALUE",
        help="an answer, e.g. persistence=yes (repeatable; 'msgchoice advise --list' shows them)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    policy = parser.add_mutually_exclusive_group()
    policy.add_argument(
        "--policy", metavar="FILE", help="advise under this policy file (one-shot; see docs/policy.example.yaml)"
    )
    policy.add_argument(
        "--team", metavar="T", help="advise under team T's policy in force (reads the database)"
    )
    parser.add_argument("--list", action="store_true", help="list the question ids and their values")
    parser.set_defaults(handler=run)


def parse_answers(pairs: list[str]) -> dict[str, str]:
    """``["persistence=yes", ...]`` -> dict, validated against the knowledge (UsageError lists valid ones)."""
    from bot.advisor.machine import InvalidAnswer, validate_answer

    answers: dict[str, str] = {}
    for pair in pairs:
        question, sep, value = pair.partition("=")
        question, value = question.strip(), value.strip()
        if not sep or not question or not value:
            raise UsageError(f"--answer takes QUESTION=VALUE, got {pair!r}")
        try:
            validate_answer(question, value)
        except InvalidAnswer as exc:
            raise UsageError(f"{exc}; valid: {', '.join(exc.valid)}") from None
        answers[question] = value
    return answers


def list_questions() -> str:
    from knowledge import load

    kb = load()
    lines = []
    for q in kb.flowchart.questions:
        lines.append(f"{q.id:<18} {'|'.join(q.values):<24} {q.text}")
    lines.append("")
    for q in kb.flowchart.extra_questions:
        lines.append(f"{q.id:<18} {'|'.join(q.values):<24} {q.text}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.list:
        print(list_questions())
        return 0
    answers = parse_answers(args.answer)
    text = sys.stdin.read() if args.text == ["-"] else text_from_arguments(" ".join(args.text))
    text = text.strip() or None

    team_policy = None
    if args.policy:
        from bot.cli.policy_cmd import load_file

        team_policy = load_file(args.policy)
    elif args.team:
        from bot.cli.policy_cmd import team_policy as stored_policy

        team_policy = stored_policy(args.team)

    from bot.advisor.engine import advise

    advice = advise(answers, text, policy=team_policy)
    if args.json:
        sys.stdout.write(advice.to_json() + "\n")
        return 0

    from bot.render.terminal import TerminalConsole, render_advice, render_understood
    from knowledge import load

    console = TerminalConsole()
    if text:
        render_understood(console, text, advice.parsed, advice.ambiguous, load())
    render_advice(console, advice, load())
    return 0
