"""Pure helpers for what people type: slash-command text and mentions in thread replies.

What a reply to a question means is decided by :func:`bot.advisor.replies.interpret`,
shared with the terminal conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PUNCT = re.compile(r"[\s.!,;:]+$")


def normalise(text: str) -> str:
    """Lower case, single spaces, trailing punctuation removed."""
    flat = " ".join(text.lower().split())
    return _PUNCT.sub("", flat).strip()


@dataclass(frozen=True)
class Command:
    name: str | None  # a sub-command, or None for a workload description / empty
    argument: str


def split_command(text: str, subcommands: set[str] | frozenset[str]) -> Command:
    """``compare latency`` -> Command("compare", "latency"); ``CDC from Postgres`` -> Command(None, text)."""
    stripped = text.strip()
    if not stripped:
        return Command(None, "")
    first, _, rest = stripped.partition(" ")
    if first.lower() in subcommands:
        return Command(first.lower(), rest.strip())
    return Command(None, stripped)


def looks_like_garbage(text: str) -> bool:
    """A single token that describes nothing (``/msgchoice foo``, ``/msgchoice --x``): answer with help."""
    stripped = text.strip()
    if not stripped or " " in stripped:
        return False
    return len(stripped) < 3 or not any(c.isalpha() for c in stripped) or stripped.startswith(("-", "/"))


_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def mentions_other(text: str, bot_user_id: str | None) -> bool:
    """A reply addressed to a person (``<@U123> what do you think?``) is not meant for the app."""
    return any(m != bot_user_id for m in _MENTION.findall(text))


def strip_mentions(text: str) -> str:
    return _MENTION.sub("", text).strip()
