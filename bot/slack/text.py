"""Pure helpers for what people type: slash-command text and mentions in thread replies.

What a reply to a question means is decided by :func:`bot.advisor.replies.interpret`,
shared with the terminal conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PUNCT = re.compile(r"[\s.!,;:]+$")
# Control characters a database or a Slack message cannot carry (NUL is refused by PostgreSQL text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def user_text(value: object) -> str:
    """Text a person typed, as a payload carries it, made safe to store and to process.

    Anything but a string is no text; NUL and other control characters (except tab
    and newlines) are dropped; a lone surrogate (JSON can encode one, UTF-8 cannot)
    becomes U+FFFD.  Slack's entity escaping is undone by the caller.
    """
    if not isinstance(value, str):
        return ""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", value))


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
    # Any whitespace ends the first word: Slack keeps the newline of a Shift+Enter, a tab or a
    # no-break space some keyboards type, and "compare⏎latency" is still the compare sub-command.
    first, *rest = stripped.split(maxsplit=1)
    if first.lower() in subcommands:
        return Command(first.lower(), rest[0].strip() if rest else "")
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
