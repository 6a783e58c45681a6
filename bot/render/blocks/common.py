"""Shared Block Kit helpers: Slack's limits, action ids, small builders, validation, table excerpts.

Every builder in :mod:`bot.render.blocks` returns ``slack_sdk.models.blocks``
objects (or a ``View``); :func:`to_payload` validates them (block count, text
limits, button values, unique action ids) and turns them into the dicts the Web
API takes.

The messages of every click (a question, the answered question, the card) are
built on a fast path instead: :class:`RawBlock` carries a block already in the
Web API's form, made by the ``raw_*`` helpers below (the same dicts, key for
key, as the slack_sdk models give; ``tests/slack/test_render_fast.py`` checks
it) or from a question's cached template.  slack_sdk's validators cost about
ten times the rest of building a message, so raw blocks skip them and
:func:`to_payload` checks the same limits on the dicts instead
(:func:`check_raw`).  All text a user typed goes through :mod:`bot.render.escape`; text
from the knowledge is escaped too (it may contain ``<`` or ``&``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.advisor.advice import RowCitation
from bot.render import OTHER_SYSTEM, OTHER_SYSTEM_NAME
from bot.render.escape import escape, plain
from knowledge import Knowledge, Question

MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
SECTION_TEXT_LIMIT = 3000
FIELD_TEXT_LIMIT = 2000
BUTTON_TEXT_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
HEADER_LIMIT = 150
OPTION_TEXT_LIMIT = 75
CONTEXT_ELEMENT_LIMIT = 10
WIDE_CELL = 40  # cells longer than this are listed instead of aligned

# action_ids (the Slack listeners match on these; keep in step with bot/slack/listeners/actions)
ANSWER_PREFIX = "answer:"
ACTION_BACK = "nav_back"
ACTION_UNSURE = "answer_unsure"
ACTION_RESTART = "nav_restart"
ACTION_CHANGE_PREFIX = "change:"
ACTION_ADOPT = "card_adopt"
ACTION_CHOSE_OTHER = "card_chose_other"
ACTION_COMPARISON = "card_full_comparison"
ACTION_EXPORT_ADR = "card_export_adr"
ACTION_HOME_START = "home_start"
ACTION_DETAILS = "card_details"
ACTION_SHOW_QUESTION = "show_open_question"
# callback_ids of modals
VIEW_CHOSE_OTHER = "chose_other"
VIEW_START = "start_conversation"
VIEW_DETAILS = "card_details"
# block/action ids inside the modals
BLOCK_SYSTEM, ACTION_SYSTEM = "system", "system_select"
BLOCK_RATIONALE, ACTION_RATIONALE = "rationale", "rationale_input"
BLOCK_CHANNEL, ACTION_CHANNEL = "channel", "channel_select"
BLOCK_DESCRIPTION, ACTION_DESCRIPTION = "description", "description_input"


class RenderError(ValueError):
    """Blocks that Slack would reject (too many, text too long, duplicate action ids …)."""


# --------------------------------------------------------------------------- helpers


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def mrkdwn_section(text: str, *, block_id: str | None = None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=cut(text, SECTION_TEXT_LIMIT)), block_id=block_id)


def context(*texts: str) -> ContextBlock:
    return ContextBlock(
        elements=[MarkdownTextObject(text=cut(t, SECTION_TEXT_LIMIT)) for t in texts[:CONTEXT_ELEMENT_LIMIT]]
    )


def button(text: str, action_id: str, value: str | None = None, style: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=cut(plain(text), BUTTON_TEXT_LIMIT), emoji=True),
        action_id=action_id,
        value=value,
        style=style,
    )


def encode_value(**fields: Any) -> str:
    """Compact JSON for a button value (checked against Slack's 2000-character limit)."""
    value = json.dumps(fields, separators=(",", ":"), sort_keys=True)
    if len(value) > BUTTON_VALUE_LIMIT:
        raise RenderError(f"button value of {len(value)} characters (limit {BUTTON_VALUE_LIMIT})")
    return value


def decode_value(value: str | None) -> dict[str, Any]:
    """The fields of a button value written by :func:`encode_value`; {} for anything else."""
    if not value:
        return {}
    try:
        decoded = json.loads(value)
    except ValueError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


# --------------------------------------------------------------------------- the fast path


class RawBlock(Block):
    """A block already in the Web API's form (a dict), from the ``raw_*`` helpers or a template.

    ``to_dict`` returns that dict itself, without slack_sdk's validators;
    :func:`to_payload` checks Slack's limits on it (:func:`check_raw`).  Each
    ``build_*`` call makes new dicts: treat them as read-only.
    """

    def __init__(self, payload: dict[str, Any]) -> None:
        super().__init__(type=payload["type"], block_id=payload.get("block_id"))
        self.payload = payload

    def to_dict(self, *args: Any) -> dict[str, Any]:
        return self.payload

    def __repr__(self) -> str:
        return f"<RawBlock: {self.payload}>"


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` as slack_sdk's ``to_dict`` would: not when None or empty."""
    if value is not None and value != "":
        target[key] = value


def raw_mrkdwn(text: str) -> dict[str, Any]:
    """``MarkdownTextObject(text=…).to_dict()``."""
    obj: dict[str, Any] = {}
    _put(obj, "text", text)
    obj["type"] = "mrkdwn"
    return obj


def raw_plain(text: str, *, emoji: bool | None = None) -> dict[str, Any]:
    """``PlainTextObject(text=…, emoji=…).to_dict()``."""
    obj: dict[str, Any] = {}
    if emoji is not None:
        obj["emoji"] = emoji
    _put(obj, "text", text)
    obj["type"] = "plain_text"
    return obj


def raw_section(text: str, *, block_id: str | None = None, accessory: dict[str, Any] | None = None) -> RawBlock:
    """:func:`mrkdwn_section` (with a :func:`raw_button` beside it), as a :class:`RawBlock`."""
    block: dict[str, Any] = {}
    _put(block, "accessory", accessory)
    _put(block, "block_id", block_id)
    block["text"] = raw_mrkdwn(cut(text, SECTION_TEXT_LIMIT))
    block["type"] = "section"
    return RawBlock(block)


def raw_context(*texts: str) -> RawBlock:
    """:func:`context`, as a :class:`RawBlock`."""
    elements = [raw_mrkdwn(cut(t, SECTION_TEXT_LIMIT)) for t in texts[:CONTEXT_ELEMENT_LIMIT]]
    block: dict[str, Any] = {}
    _put(block, "elements", elements)
    block["type"] = "context"
    return RawBlock(block)


def raw_header(text: str) -> RawBlock:
    """``HeaderBlock(text=PlainTextObject(text=cut(text, HEADER_LIMIT)))``, as a :class:`RawBlock`."""
    return RawBlock({"text": raw_plain(cut(text, HEADER_LIMIT)), "type": "header"})


def raw_button(text: str, action_id: str, value: str | None = None, style: str | None = None) -> dict[str, Any]:
    """:func:`button`'s ``to_dict()``."""
    element: dict[str, Any] = {}
    _put(element, "action_id", action_id)
    _put(element, "style", style)
    element["text"] = raw_plain(cut(plain(text), BUTTON_TEXT_LIMIT), emoji=True)
    element["type"] = "button"
    _put(element, "value", value)
    return element


def raw_actions(elements: Sequence[dict[str, Any]], *, block_id: str | None = None) -> RawBlock:
    """``ActionsBlock(block_id=…, elements=…)`` of raw elements, as a :class:`RawBlock`."""
    block: dict[str, Any] = {}
    _put(block, "block_id", block_id)
    _put(block, "elements", list(elements))
    block["type"] = "actions"
    return RawBlock(block)


_ID_LIMIT = 255  # block_id and action_id
_ACTIONS_LIMIT = 25
_STYLES = (None, "primary", "danger")


def check_raw(block: Mapping[str, Any]) -> None:
    """The limits slack_sdk's validators check, for the kinds of raw block the fast path makes.

    Raises :class:`RenderError` where slack_sdk would raise.
    """
    kind = block.get("type")
    if len(block.get("block_id") or "") > _ID_LIMIT:
        raise RenderError(f"block_id over {_ID_LIMIT} characters")
    if kind == "section":
        if len((block.get("text") or {}).get("text") or "") > SECTION_TEXT_LIMIT:
            raise RenderError(f"section text over {SECTION_TEXT_LIMIT} characters")
        if "accessory" in block:
            _check_button(block["accessory"])
    elif kind == "header":
        if len((block.get("text") or {}).get("text") or "") > HEADER_LIMIT:
            raise RenderError(f"header over {HEADER_LIMIT} characters")
    elif kind == "context":
        if len(block.get("elements") or ()) > CONTEXT_ELEMENT_LIMIT:
            raise RenderError(f"context block with over {CONTEXT_ELEMENT_LIMIT} elements")
    elif kind == "actions":
        elements = block.get("elements") or ()
        if len(elements) > _ACTIONS_LIMIT:
            raise RenderError(f"actions block with over {_ACTIONS_LIMIT} elements")
        for element in elements:
            _check_button(element)
    else:
        raise RenderError(f"no checks for a raw {kind!r} block")


def _check_button(element: Mapping[str, Any]) -> None:
    if element.get("type") != "button":
        raise RenderError(f"no checks for a raw {element.get('type')!r} element")
    if len((element.get("text") or {}).get("text") or "") > BUTTON_TEXT_LIMIT:
        raise RenderError(f"button text over {BUTTON_TEXT_LIMIT} characters")
    if len(element.get("action_id") or "") > _ID_LIMIT:
        raise RenderError(f"action_id over {_ID_LIMIT} characters")
    if element.get("style") not in _STYLES:
        raise RenderError("button style is neither primary nor danger")


def to_payload(blocks: Sequence[Block], *, limit: int = MESSAGE_BLOCK_LIMIT) -> list[dict[str, Any]]:
    """Validate ``blocks`` as Slack would and return them as dicts."""
    if len(blocks) > limit:
        raise RenderError(f"{len(blocks)} blocks (limit {limit})")
    payload = []
    for b in blocks:
        if type(b) is RawBlock:
            check_raw(b.payload)
            payload.append(b.payload)
        else:
            payload.append(b.to_dict())  # runs slack_sdk's validators (text lengths …)
    action_ids: list[str] = []
    for block in payload:
        for element in _elements(block):
            if "action_id" in element:
                action_ids.append(element["action_id"])
            value = element.get("value")
            if isinstance(value, str) and len(value) > BUTTON_VALUE_LIMIT:
                raise RenderError(f"button value of {len(value)} characters (limit {BUTTON_VALUE_LIMIT})")
        for field in block.get("fields") or []:
            if len(field.get("text", "")) > FIELD_TEXT_LIMIT:
                raise RenderError(f"section field over {FIELD_TEXT_LIMIT} characters")
    duplicates = {a for a in action_ids if action_ids.count(a) > 1}
    if duplicates:
        raise RenderError(f"duplicate action_id(s): {sorted(duplicates)}")
    block_ids = [b["block_id"] for b in payload if "block_id" in b]
    if len(block_ids) != len(set(block_ids)):
        raise RenderError("duplicate block_id")
    return payload


def view_payload(view: View) -> dict[str, Any]:
    """Validate a modal or Home tab view and return it as a dict."""
    blocks = view.blocks or []
    to_payload(blocks, limit=VIEW_BLOCK_LIMIT)
    result: dict[str, Any] = view.to_dict()
    return result


def _elements(block: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    yield from block.get("elements") or []
    if block.get("accessory"):
        yield block["accessory"]
    if block.get("element"):
        yield block["element"]


# --------------------------------------------------------------------------- knowledge excerpts


def _column_labels(citation: RowCitation, kb: Knowledge | None) -> dict[str, str]:
    if kb is not None:
        try:
            return {c.id: c.label for c in kb.table(citation.table).columns}
        except KeyError:
            pass
    return {key: key for key in citation.values}


def render_rows(rows: Sequence[RowCitation], kb: Knowledge | None = None) -> list[str]:
    """Table rows as mrkdwn: aligned text per table, or a list when cells are long.

    Returns one or more strings, each within a section's 3000-character limit.
    """
    chunks: list[str] = []
    groups: dict[str, list[RowCitation]] = {}
    for row in rows:
        groups.setdefault(row.table, []).append(row)
    for group in groups.values():
        first = group[0]
        labels = _column_labels(first, kb)
        title = f"*{escape(first.table_title)}* _({escape(first.source)})_"
        columns = list(first.values)
        wide = any(len(v) > WIDE_CELL for r in group for v in r.values.values())
        if wide:
            lines = []
            for r in group:
                cells = "; ".join(f"{escape(labels.get(k, k))}: {escape(v)}" for k, v in r.values.items())
                lines.append(f"• *{escape(r.topic)}* — {cells}")
            chunks.extend(split_lines(title, lines))
            continue
        header = ["", *(labels.get(c, c) for c in columns)]
        body = [[r.topic, *(r.values.get(c, "") for c in columns)] for r in group]
        widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
        text_lines = [
            "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip()
            for line in [header, *body]
        ]
        for piece in split_lines("", [escape(line) for line in text_lines], budget=SECTION_TEXT_LIMIT - 80):
            chunks.append(f"{title}\n```\n{piece.strip(chr(10))}\n```")
    return chunks


def split_lines(title: str, lines: list[str], budget: int = SECTION_TEXT_LIMIT) -> list[str]:
    out: list[str] = []
    current = title
    for line in lines:
        line = cut(line, budget - len(title) - 2)
        if len(current) + len(line) + 1 > budget and current != title:
            out.append(current)
            current = title
        current = f"{current}\n{line}" if current else line
    if current and current != title:
        out.append(current)
    return out



def answer_label(question: Question, value: str) -> str:
    if value == "unsure":
        return "Not sure"
    answer = question.answer(value)
    return answer.label if answer is not None else value


def system_name(kb: Knowledge, system_id: str | None) -> str:
    if not system_id:
        return "—"
    if system_id == OTHER_SYSTEM:
        return OTHER_SYSTEM_NAME
    try:
        return kb.system(system_id).name
    except KeyError:
        return system_id
