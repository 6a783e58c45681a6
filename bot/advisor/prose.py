"""Shortening prose without cutting it: whole sentences, then whole clauses, never mid-clause.

Used by the advisor's reasons and by every renderer, so that no text the app
shows ends in "…" or "…." and the guide's capitalisation is kept.
"""

from __future__ import annotations

import functools
import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")


_BRACKETS = "()[]"


def _top_level_split(text: str, sep: str) -> list[str]:
    """``text`` split on ``sep`` outside parentheses (a list in brackets stays whole).

    A closing bracket without its opening one is ignored.  Found with one regex
    scan (brackets and ``sep``, leftmost first) rather than a loop over every
    character: the card shortens a dozen guide cells per message.
    """
    if not sep or any(c in _BRACKETS for c in sep):
        return _top_level_split_slow(text, sep)
    if "(" not in text and "[" not in text:
        return text.split(sep)  # never inside brackets: every occurrence splits
    parts: list[str] = []
    depth = start = 0
    for match in _scanner(sep).finditer(text):
        ch = match.group()
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


@functools.lru_cache(maxsize=16)
def _scanner(sep: str) -> re.Pattern[str]:
    return re.compile(r"[()\[\]]|" + re.escape(sep))


def _top_level_split_slow(text: str, sep: str) -> list[str]:
    """:func:`_top_level_split` one character at a time (for a separator holding a bracket)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return parts


def shorten(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters by dropping whole sentences, then whole clauses.

    Never cuts inside a clause: when even the first clause is longer than the
    limit it is kept whole (a template should be shorter).  Trailing
    punctuation of a dropped tail goes with it; the guide's capitalisation stays.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = _SENTENCE_END.split(text)
    kept = sentences[0]
    for sentence in sentences[1:]:
        if len(kept) + 1 + len(sentence) > limit:
            break
        kept = f"{kept} {sentence}"
    if len(kept) <= limit:
        return kept
    for sep in ("; ", " — ", " – ", ": ", ", "):
        parts = _top_level_split(kept, sep)
        if len(parts) < 2 or len(parts[0]) > limit:
            continue
        out = parts[0]
        for part in parts[1:]:
            if len(out) + len(sep) + len(part) > limit:
                break
            out = f"{out}{sep}{part}"
        return out.rstrip(" ,;:—–")
    return kept


def sentence(text: str) -> str:
    """``text`` ending in exactly one full stop (no "…." or "..")."""
    text = text.rstrip()
    while text.endswith((".", "…")):
        text = text[:-1].rstrip()
    return text if text.endswith(("!", "?")) else text + "."


def lower_first(text: str) -> str:
    """``text`` with its first letter lower-cased, unless the first word is an acronym or has capitals
    inside (CDC, NATS, JetStream): the guide's capitalisation is kept everywhere else."""
    word = text.split(" ", 1)[0]
    if not word or not word[:1].isupper() or any(c.isupper() for c in word[1:]):
        return text
    return text[:1].lower() + text[1:]
