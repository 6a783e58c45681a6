"""All listeners, grouped by kind; each group has one ``register(app)``.

Every slash command and Events API event a listener handles is recorded in
:data:`REGISTERED` so that a test can compare the code with ``manifest.yml``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.slack.context import deduplicated, reported
from bot.slack.payloads import kind_of

log = logging.getLogger("bot.slack")

REGISTERED: dict[str, set[str]] = {"commands": set(), "events": set()}
_ANY = re.compile(r".*", re.DOTALL)
OUTDATED_FORM = "This form is from an older version of msgchoice: nothing was saved. Close it and open it again."


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
    acknowledge_the_rest(app)


def acknowledge_the_rest(app: AsyncApp) -> None:
    """Answer 200 to signed requests no listener above acts on; registered last, so it only gets those.

    Bolt answers them 404, and Slack counts that as a failed delivery: it retries
    the event three times and disables the app's event subscriptions when most
    deliveries fail (an ``app_mention`` when the app's settings subscribe to it,
    another event added there), and it shows a warning beside a button on a
    message an older version of the app posted.  None of these needs an answer.  A global or
    message shortcut (one added in the app's settings, which the manifest does not declare) was
    answered 404 too, and Slack told the person the shortcut did not work.
    A modal an older version opened is submitted to no listener either: Slack kept
    it open with "We had some trouble connecting"; it is told why instead.
    """

    async def ignore(ack: Any, body: dict[str, Any]) -> None:
        await ack()
        log.info("nothing to do for %s; acknowledged", kind_of(body))

    async def outdated_form(ack: Any, body: dict[str, Any]) -> None:
        # A modal an older version of the app opened: say so beside its first input (what was typed
        # stays there to copy), rather than close it as if it had been saved.
        view = body.get("view")
        state = view.get("state") if isinstance(view, dict) else None
        values = state.get("values") if isinstance(state, dict) else None
        block = next(iter(values), None) if isinstance(values, dict) else None
        if isinstance(block, str) and block:
            await ack(response_action="errors", errors={block: OUTDATED_FORM})
        else:
            await ack()
        log.info("a form msgchoice no longer has was submitted; nothing saved")

    app.event(_ANY)(ignore)
    app.action(_ANY)(ignore)
    app.shortcut(_ANY)(ignore)
    app.view_submission(_ANY)(outdated_form)
    app.view_closed(_ANY)(ignore)
