"""The ``msgchoice`` console command.

Each sub-command lives in its own module with ``register(subparsers)``; heavy
imports (SQLAlchemy, Bolt, rich) happen inside the handlers so that quick
commands such as ``advise`` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import io
import sys
from collections.abc import Callable, Sequence

from bot.errors import ConfigurationError

# Modules under bot.cli, in the order their commands appear in --help.
COMMAND_MODULES = [
    "ask", "advise", "knowledge_cmd", "store_cmds", "decisions_cmd", "policy_cmd", "serve", "digest_cmd", "forget_cmd"
]

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""


class CommandError(Exception):
    """A failure the user can act on (database unreachable …): one line, exit status 1."""


def build_parser() -> argparse.ArgumentParser:
    from bot import __version__

    parser = argparse.ArgumentParser(
        prog="msgchoice",
        description="Choose a messaging system (Kafka, NATS Core, NATS JetStream or a hybrid) "
        "from the guide's comparison tables and decision flowchart.",
    )
    parser.add_argument("--version", action="version", version=f"msgchoice {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"bot.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bot.cli.{name}":
                continue  # a command not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except ConfigurationError as exc:
        print(f"msgchoice: configuration: {exc}", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"msgchoice: {exc}", file=sys.stderr)
        return 2
    except CommandError as exc:
        print(f"msgchoice: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def text_from_arguments(text: str) -> str:
    """Command-line text with bytes that are not UTF-8 as U+FFFD (the OS hands them over as lone surrogates,
    which neither the JSON encoder nor the database accepts)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def run() -> None:
    # Typed or piped text that is not UTF-8 (a Latin-1 file) reads as U+FFFD, whatever the locale: a strict
    # locale fails on reading, and C.UTF-8's surrogateescape fails later, on the JSON or database write.
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")
    sys.exit(main())
