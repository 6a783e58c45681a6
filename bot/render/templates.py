"""The shared Jinja2 environment over ``bot/render/templates`` (ADR, digest, terminal text).

Text templates, not HTML: autoescape is off, and user-provided text goes
through the ``md`` filter (Markdown) or a renderer's own escaping.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES_DIR = Path(__file__).parent / "templates"

# Characters that open Markdown structure anywhere in a line: escapes, code,
# emphasis, links and images, raw HTML, table cells.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# What opens structure only at the start of a line: headings, list items.
_MD_LEADING = re.compile(r"^(#{1,6}|[-+]|\d{1,9}[.)])(?=\s|$)")


def md_escape(text: object) -> str:
    """User text as one line of literal Markdown: whitespace collapsed, structure characters escaped.

    Minimal on purpose: the text reads as typed in any Markdown viewer, yet
    cannot open a heading, a list, a table cell, a link or an HTML tag.
    """
    flat = " ".join(str(text).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")
    return _MD_LEADING.sub(lambda m: "\\" + m.group(1), escaped)


def md_cell(text: object) -> str:
    """Text for a Markdown table cell: like :func:`md_escape` (``|`` is escaped there too)."""
    return md_escape(text)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The process-wide template environment (cached; tests may call ``environment.cache_clear()``)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["md"] = md_escape
    env.filters["md_cell"] = md_cell
    return env
