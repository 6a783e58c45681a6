"""The digest as Slack mrkdwn text, rendered from ``bot/render/templates/digest*.mrkdwn.j2``.

Everything a person typed (rationales, follow-up questions, names typed in the
terminal, a custom system) goes through :func:`slack_text`: Slack's control
characters are escaped by :func:`bot.render.escape.escape` (so ``<!channel>``
and ``<@U123>`` show as typed and never ping), and the mrkdwn formatting
characters ``* _ ~ ``` are fenced with zero-width spaces so that ``*bold*``
stays literal.  Only values the app made itself become markup: Slack user ids
(``<@U…>``), thread permalinks and the bars.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from bot.digest.content import DigestContent
from bot.render import OTHER_SYSTEM, OTHER_SYSTEM_NAME
from bot.render.escape import escape
from bot.render.templates import environment

DIGEST_TEMPLATE = "digest.mrkdwn.j2"
EMPTY_TEMPLATE = "digest_empty.mrkdwn.j2"
BAR = "█"
BAR_WIDTH = 20
RATIONALE_LIMIT = 300
QUESTION_LIMIT = 120
# Slack cuts a message's text at 40,000 characters.  Escaping grows typed text up to five times ("&" is
# "&amp;"), so capped lists can still pass it: the digest cuts itself first, at a line, and says so.
MESSAGE_LIMIT = 40_000
CUT_NOTE = "…the digest was cut here, at Slack's message length: `/msgchoice history` lists every decision."

ZWSP = "\u200b"
_FORMATTING = re.compile(r"([*_~`])")
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


def slack_text(text: object, limit: int | None = None) -> str:
    """User text as one inert line of mrkdwn: no mention, no link, no formatting, at most ``limit`` characters."""
    flat = " ".join(str(text).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    # A zero-width space on both sides of each formatting character: whichever way
    # Slack classifies it, the character is neither at a word boundary nor next to text.
    return _FORMATTING.sub(lambda m: f"{ZWSP}{m.group(1)}{ZWSP}", escape(flat))


def quoted(text: object, limit: int = RATIONALE_LIMIT) -> str:
    return f"“{slack_text(text, limit)}”"


def person(who: object, people: Mapping[str, str] | None = None) -> str:
    """A person as inert text that pings nobody: a Slack user id as its display name from ``people``
    (``@alice``, looked up by the caller) or ``@`` + the id; anything else (a terminal user) as typed."""
    value = str(who).strip()
    if _USER_ID.fullmatch(value):
        return slack_text((people or {}).get(value) or f"@{value}")
    return slack_text(value or "someone")


def people_in(content: DigestContent) -> list[str]:
    """The Slack user ids a digest names (deciders, starters), for the caller to look up once each."""
    ids = [d.decided_by for d in content.decisions] + [d.decided_by for d in content.overrides]
    ids += [c.started_by for c in content.unfinished]
    return [i for i in dict.fromkeys(ids) if _USER_ID.fullmatch(str(i).strip())]


@pass_context
def _person_filter(context: Context, who: object) -> str:
    return person(who, context.get("people"))


def link(url: str | None, label: str) -> str:
    """``<url|label>`` for a link the app built (permalinks only contain safe characters)."""
    if not url:
        return ""
    return f"<{url}|{slack_text(label)}>"


def bar(count: int, largest: int, width: int = BAR_WIDTH) -> str:
    """A text bar scaled to ``largest`` (at least one block for a non-zero count)."""
    if count <= 0 or largest <= 0:
        return ""
    return BAR * max(1, round(width * count / largest))


def day(moment: datetime, timezone: str | None = None) -> str:
    """``Tue 4 Mar`` in the team's zone."""
    from bot.digest.schedule import zone

    local = moment.astimezone(zone(timezone)) if timezone else moment
    return f"{local:%a} {local.day} {local:%b}"


def day_time(moment: datetime, timezone: str | None = None) -> str:
    from bot.digest.schedule import zone

    local = moment.astimezone(zone(timezone)) if timezone else moment
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M}"


def _environment() -> Environment:
    env = environment()
    env.filters.update(
        slack=slack_text,
        quoted=quoted,
        person=_person_filter,
        day=day,
        day_time=day_time,
    )
    env.globals.update(link=link, bar=bar)
    return env


def system_names() -> dict[str, str]:
    """System ids to display names, from the knowledge (adding a system is a data change)."""
    from knowledge.loader import load

    return {OTHER_SYSTEM: OTHER_SYSTEM_NAME, **{system.id: system.name for system in load().systems}}


def render_digest(
    content: DigestContent,
    *,
    names: Mapping[str, str] | None = None,
    empty_line: bool = True,
    people: Mapping[str, str] | None = None,
) -> str | None:
    """The digest message; for an empty week one line, or None when ``empty_line`` is False (skip)."""
    env = _environment()
    if content.empty:
        if not empty_line:
            return None
        return env.get_template(EMPTY_TEMPLATE).render(content=content, tz=content.period.timezone).strip()
    names = dict(names) if names is not None else system_names()

    def name(system: str) -> str:
        return names.get(system) or system

    context: dict[str, Any] = {
        "content": content,
        "tz": content.period.timezone,
        "name": name,
        "people": dict(people or {}),
        "largest": max((s.count for s in content.split), default=0),
        "label_width": max((len(name(s.system)) for s in content.split), default=0),
    }
    return fit(env.get_template(DIGEST_TEMPLATE).render(**context).strip())


def fit(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` if Slack takes it whole; else its whole lines that fit, then :data:`CUT_NOTE`.  A code
    block left open by the cut is closed, so the note is not shown as code."""
    if len(text) <= limit:
        return text
    budget = limit - len(CUT_NOTE) - len("\n```\n")
    line_end = text.rfind("\n", 0, budget)
    kept = text[: line_end if line_end > 0 else budget].rstrip()
    if kept.count("```") % 2:
        kept += "\n```"
    return f"{kept}\n{CUT_NOTE}"
