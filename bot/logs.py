"""Logging for ``msgchoice serve``: plain text or one JSON object per line, with the request's ids on every line.

- :func:`bind` adds ids (``request_id``, ``team_id``, ``channel_id``,
  ``conversation_id``) to the current context (a :mod:`contextvars` variable),
  so every line logged while handling that request carries them, including
  lines from the listener Bolt runs as a separate task after the ack (tasks
  copy the context they were created in).
- :func:`configure` installs the handler once: ``MSGCHOICE_LOG_FORMAT=json``
  for log shippers, ``text`` (the default) for people.
- :class:`RedactTokens` masks anything shaped like a Slack token in every
  line, whoever logged it: a safety net, not a licence to log secrets.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime
from typing import Any

CONTEXT_FIELDS = ("request_id", "team_id", "channel_id", "conversation_id")
_context: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("msgchoice_log_context", default=None)
_TOKEN = re.compile(r"\b(xox[abposre]|xapp)-[A-Za-z0-9-]+")


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]


def bind(**ids: Any) -> None:
    """Add ``ids`` (None values are skipped) to this context's log fields; earlier ones stay."""
    current = dict(_context.get() or {})
    current.update({key: value for key, value in ids.items() if value not in (None, "")})
    _context.set(current)


def start_request(request_id: str | None = None) -> str:
    """Forget the ids of any earlier request in this context and start a new one; returns its id."""
    request_id = request_id or new_request_id()
    _context.set({"request_id": request_id})
    return request_id


def in_request() -> bool:
    """True while handling a Slack request (and in the tasks it starts, which copy this context)."""
    return bool((_context.get() or {}).get("request_id"))


def current() -> dict[str, Any]:
    """The ids bound in this context."""
    return dict(_context.get() or {})


class ContextFilter(logging.Filter):
    """Copies the bound ids onto each record (``record.request_id`` …), None where unknown."""

    def filter(self, record: logging.LogRecord) -> bool:
        bound = _context.get() or {}
        for key in CONTEXT_FIELDS:
            if not hasattr(record, key):
                setattr(record, key, bound.get(key))
        return True


class RedactTokens(logging.Filter):
    """Replaces Slack tokens (``xoxb-…``, ``xapp-…``) in the formatted message with ``xoxb-***``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _TOKEN.search(message):
            record.msg = _TOKEN.sub(lambda m: f"{m.group(1)}-***", message)
            record.args = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the bound ids, and the exception if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in CONTEXT_FIELDS:
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = _TOKEN.sub(lambda m: f"{m.group(1)}-***", self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """``time LEVEL logger: message [request_id=… team_id=…]``."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        ids = " ".join(f"{key}={getattr(record, key)}" for key in CONTEXT_FIELDS if getattr(record, key, None))
        if not ids:
            return text
        first, newline, rest = text.partition("\n")
        return f"{first} [{ids}]{newline}{rest}"


def make_handler(fmt: str, stream: Any = None) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(ContextFilter())
    handler.addFilter(RedactTokens())
    return handler


def configure(*, level: str = "INFO", fmt: str = "text", access_log: bool = False) -> None:
    """Route every logger to standard error in ``fmt`` (``text`` or ``json``) at ``level``.

    aiohttp's access log (one line per request, with its URL) is silenced
    unless ``access_log``: it costs time on every request and says little that
    the metrics do not.
    """
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "_msgchoice", False):
            root.removeHandler(existing)
    handler = make_handler(fmt)
    handler._msgchoice = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    logging.getLogger("aiohttp.access").setLevel(logging.INFO if access_log else logging.WARNING)
    # Alembic announces each of its autogenerate plugins at INFO whenever it loads (seven lines at
    # every start that migrates); the migrations it runs are still logged.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
