"""Pure helpers for what people type: slash-command text and mentions in thread replies.

What a reply to a question means is decided by :func:`bot.advisor.replies.interpret`,
shared with the terminal conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.render.escape import unescape

_PUNCT = re.compile(r"[\s.!,;:]+$")
# Control characters a database or a Slack message cannot carry (NUL is refused by PostgreSQL text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def user_text(value: object) -> str:
    """Text a person typed, as a payload carries it, made safe to store and to process.

    Anything but a string is no text; NUL and other control characters (except tab
    and newlines) are dropped; a lone surrogate (JSON can encode one, UTF-8 cannot)
    becomes U+FFFD.  Slack's markup and entities are undone by the caller (:func:`from_slack`).
    """
    if not isinstance(value, str):
        return ""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", value))


# Slack's markup in message and slash-command text; a literal "<" or ">" arrives as an entity.
_MARKUP = re.compile(r"<((?:@[UWB]|#[CGD]|![a-z]|[a-zA-Z][a-zA-Z0-9+.-]*:)[^<>]*)>")
_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|mailto:)")


def from_slack(text: str) -> str:
    """What a person typed, from Slack's encoding of message and slash-command text.

    Slack sends ``&``, ``<`` and ``>`` as entities and wraps what it recognised in
    markup; the advisor reads, and the channel is shown, the text as the person
    saw it in Slack:

    - ``<#C0PAY0001|payments>`` → ``#payments``;
    - ``<!here>``, ``<!channel>``, ``<!everyone>`` → ``@here`` … (never a live
      broadcast: :func:`bot.render.escape.escape` breaks them on the way out);
    - ``<!subteam^S0PLAT01|@platform>`` → ``@platform``; ``<!date^…|Feb 18>`` →
      ``Feb 18``;
    - ``<https://x.y/a|the doc>`` → ``the doc (https://x.y/a)``; a link whose
      label is its address (``<http://x.y|x.y>``, ``<mailto:a@b.c|a@b.c>``) →
      the label; ``<https://x.y>`` → ``https://x.y``;
    - a user mention stays ``<@U123>`` (its label dropped): the conversation
      tells by it a reply addressed to someone else, and escaping on the way out
      keeps it from pinging.

    Slash-command text only; modal inputs (``plain_text_input``) come as typed.
    """
    parts: list[str] = []
    start = 0
    for markup in _MARKUP.finditer(text):
        parts.append(unescape(text[start : markup.start()]))
        parts.append(_as_typed(markup.group(1)))
        start = markup.end()
    parts.append(unescape(text[start:]))
    return "".join(parts)


def _as_typed(inner: str) -> str:
    target, _, raw_label = inner.partition("|")
    label = unescape(raw_label).strip()
    if target.startswith("@"):
        return f"<{target}>"
    if target.startswith("#"):
        return f"#{label or target[1:]}"
    if target.startswith("!"):
        name, _, rest = target[1:].partition("^")
        if name in ("here", "channel", "everyone"):
            return f"@{name}"
        if name == "subteam":
            return label if label.startswith("@") else f"@{label or rest}"
        return label
    url = unescape(target)
    if not label:
        return url
    if label.rstrip("/") in (url.rstrip("/"), _SCHEME.sub("", url).rstrip("/")):
        return label
    return f"{label} ({url})"


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
    # "usecase: cdc", "compare: latency": the sub-command as a label, with its colon
    name = first.lower().removesuffix(":")
    if name in subcommands:
        return Command(name, rest[0].strip() if rest else "")
    return Command(None, stripped)


def looks_like_garbage(text: str) -> bool:
    """A single token that describes nothing (``/msgchoice foo``, ``/msgchoice --x``): answer with help."""
    stripped = text.strip()
    if not stripped or " " in stripped:
        return False
    return len(stripped) < 3 or not any(c.isalpha() for c in stripped) or stripped.startswith(("-", "/"))


_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


_LEADING_MENTION = re.compile(r"^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,:]*")


def without_the_app(text: str, bot_user_id: str | None) -> str:
    """The text with the app's mention(s) taken out (the leading one when the app's id is unknown):
    "@msgchoice help" in a channel or in the app's Messages tab means "help"."""
    if bot_user_id:
        return re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>[\s,:]*", " ", text).strip()
    return _LEADING_MENTION.sub("", text).strip()


def mentions_other(text: str, bot_user_id: str | None) -> bool:
    """A reply addressed to a person (``<@U123> what do you think?``) is not meant for the app."""
    return any(m != bot_user_id for m in _MENTION.findall(text))


def strip_mentions(text: str) -> str:
    return _MENTION.sub("", text).strip()
