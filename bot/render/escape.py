"""Escaping of user-provided text for Slack mrkdwn.

Slack turns ``<!channel>``, ``<!here>``, ``<@U123>`` and ``<http://x|y>`` into
pings and links, and a bare ``@channel`` / ``@here`` / ``@everyone`` typed in
text sent by an app can still notify people.  Everything a user typed goes
through :func:`escape` before it is shown in a message, so that it reads
exactly as typed and never pings or links.
"""

from __future__ import annotations

import re

# A zero-width joiner after the "@" keeps the word readable but breaks the mention.
ZWJ = "\u200d"
_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` (Slack's three control characters) and neutralise ``@channel``."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: f"@{ZWJ}{m.group(1)}", escaped)


def quote(text: str, limit: int = 300) -> str:
    """User text as an escaped, single-line quotation, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f"“{escape(flat)}”"


def plain(text: str) -> str:
    """Escape for ``plain_text`` fields: Slack does not parse them, only broadcasts need breaking."""
    return _BROADCAST.sub(lambda m: f"@{ZWJ}{m.group(1)}", text)


def unescape(text: str) -> str:
    """Text as the user typed it: Slack sends ``&``, ``<`` and ``>`` as entities in message and command text.

    Control sequences (``<@U123>``, ``<!channel>``, ``<http://x|y>``) stay as they
    came; :func:`escape` turns them into visible text on the way out.
    """
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
