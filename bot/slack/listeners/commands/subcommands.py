"""The routing table of ``/msgchoice <sub-command> …``.

A first word found here is a sub-command; any other text is a workload
description that starts a conversation.  To add a sub-command (the digest issue
adds ``digest``), write a handler module next to this one and add one entry.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.slack.listeners.commands import compare, digest, help, history, policy, usecase
from bot.slack.services import Flow

# handler(flow, command=<Slack's command payload>, argument=<text after the word>, respond=<Bolt respond>)
Subcommand = Callable[..., Awaitable[None]]

SUBCOMMANDS: dict[str, Subcommand] = {
    "help": help.run,
    "compare": compare.run,
    "usecase": usecase.run,
    "history": history.run,
    "digest": digest.run,
    "policy": policy.run,
}


def names() -> frozenset[str]:
    return frozenset(SUBCOMMANDS)


__all__ = ["SUBCOMMANDS", "Flow", "Subcommand", "names"]
