"""All listeners, grouped by kind; each group has one ``register(app)``.

Every slash command and Events API event a listener handles is recorded in
:data:`REGISTERED` so that a test can compare the code with ``manifest.yml``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.slack.context import deduplicated, reported

REGISTERED: dict[str, set[str]] = {"commands": set(), "events": set()}


def command(app: AsyncApp, name: str, handler: Callable[..., Any]) -> None:
    REGISTERED["commands"].add(name)
    app.command(name)(reported(handler))


def event(
    app: AsyncApp, name: str, handler: Callable[..., Any], *, dedupe: bool = True, **kwargs: Any
) -> None:
    """Register an Events API listener; each delivery runs it once (``dedupe=False``: it calls
    :func:`bot.slack.context.first_delivery` itself, after its own cheaper checks)."""
    REGISTERED["events"].add(name)
    app.event(name, **kwargs)(reported(deduplicated(handler) if dedupe else handler))


def register(app: AsyncApp) -> None:
    from bot.slack.listeners import actions, commands, events, messages, views

    commands.register(app)
    actions.register(app)
    messages.register(app)
    events.register(app)
    views.register(app)
