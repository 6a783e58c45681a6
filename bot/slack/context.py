"""Reading what listeners need out of Bolt's context and Slack's payloads."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot import logs, metrics
from bot.render.blocks import build_not_in_channel, decode_value
from bot.slack.payloads import Malformed, kind_of
from bot.slack.services import Flow, NotInChannel, Where
from bot.slack.services.base import TOKEN_REFUSED_ERRORS

log = logging.getLogger("bot.slack")

FLOW_KEY = "msgchoice_flow"
CONVERSATION_KEY = "msgchoice_conversation"


def flow_of(context: AsyncBoltContext) -> Flow:
    """The request's :class:`Flow`, attached by the middleware."""
    flow = context.get(FLOW_KEY)
    if not isinstance(flow, Flow):
        raise RuntimeError("msgchoice middleware did not run (build the app with bot.slack.app.build_app)")
    return flow


def team_of(body: dict[str, Any], context: AsyncBoltContext) -> str:
    """The requesting team: the workspace Bolt authorized this (verified) request for.

    Every conversation, decision and setting is looked up within this team only;
    nothing a payload carries elsewhere (``private_metadata``, a button value, the
    envelope's other fields) may name another team.  ``""`` when Slack sent none,
    which matches no stored row.
    """
    del body
    return str(context.team_id or "")


def action_value(body: dict[str, Any]) -> dict[str, Any]:
    """The decoded value of the (first) action of a block_actions payload; {} when there is none."""
    actions = body.get("actions")
    first = actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], dict) else {}
    value = first.get("value")
    return decode_value(value) if isinstance(value, str) else {}


# The fields of the app's own button values and modal metadata (bot/render/blocks encode_value):
# ids and versions are integers, everything else short strings.
_INT_FIELDS = {"c", "v"}


def checked_value(value: dict[str, Any], *required: str) -> dict[str, Any]:
    """``value`` when it has every ``required`` field with the right type; raises :class:`Malformed` otherwise.

    The app wrote these values itself, so a wrong type means a forged or mangled payload.
    """
    for key in required:
        field = value.get(key)
        if key in _INT_FIELDS:
            if isinstance(field, bool) or not isinstance(field, int | str) or not str(field).isascii():
                raise Malformed(f"value field {key!r} is not an integer")
            if not str(field).lstrip("-").isdigit() or len(str(field)) > 18:
                raise Malformed(f"value field {key!r} is not an integer")
        elif not isinstance(field, str) or not field or len(field) > 200:
            raise Malformed(f"value field {key!r} is not a short string")
    return value


def user_of(body: dict[str, Any]) -> str:
    """The id of the user who clicked or submitted (interactivity payloads)."""
    user = body.get("user")
    user_id = user.get("id") if isinstance(user, dict) else None
    if not isinstance(user_id, str) or not user_id:
        raise Malformed("user.id is missing")
    return user_id


def trigger_of(body: dict[str, Any]) -> str:
    """The trigger id a modal is opened with."""
    trigger = body.get("trigger_id")
    if not isinstance(trigger, str) or not trigger:
        raise Malformed("trigger_id is missing")
    return trigger


def state_value(values: dict[str, Any], block_id: str, action_id: str) -> dict[str, Any]:
    """One input's state in a view submission ({} when absent or not an object)."""
    block = values.get(block_id)
    element = block.get(action_id) if isinstance(block, dict) else None
    return element if isinstance(element, dict) else {}


async def conversation_action(
    body: dict[str, Any], context: AsyncBoltContext, *required: str
) -> tuple[Flow, Where, dict[str, Any]] | None:
    """For a button on a conversation's message: the flow, where the conversation lives, and the
    button's decoded value; None when the value lacks a ``required`` key, the conversation is not
    this team's (a stale or forged click changes nothing) or the click was delivered before
    (:func:`first_interaction`).  A value of the wrong shape raises :class:`Malformed` (logged at
    WARNING by :func:`reported`)."""
    value = checked_value(action_value(body), "c", *required)
    flow = flow_of(context)
    logs.bind(conversation_id=int(value["c"]))
    if not await first_interaction(body, context):
        return None
    found = await flow.where_of(team_of(body, context), int(value["c"]))
    if found is None:
        return None
    where, conversation = found
    # Never stranded: a click in a thread whose next message never reached Slack posts it first.
    await flow.conversation.ensure_shown(where, conversation)
    return flow, where, value


async def conversation_click(
    body: dict[str, Any], context: AsyncBoltContext, *required: str
) -> tuple[Flow, str, dict[str, Any]]:
    """For a button that changes a conversation (answer, Back, Restart, Change, Adopt): the flow, the
    requesting team and the button's decoded value.  Nothing is read here: the service reads the
    conversation within that team in the same transaction as its write.  A value of the wrong shape
    raises :class:`Malformed` (logged at WARNING by :func:`reported`)."""
    value = checked_value(action_value(body), "c", *required)
    logs.bind(conversation_id=int(value["c"]))
    return flow_of(context), team_of(body, context), value


def message_ts(body: dict[str, Any]) -> str | None:
    container = body.get("container") or {}
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return str(ts) if ts else None


async def report_failure(error: BaseException, body: dict[str, Any], respond: AsyncRespond | None) -> None:
    """Log a failed listener (never the tokens) and tell the person who asked, so nothing fails silently."""
    team = body.get("team")
    team_id = team.get("id") if isinstance(team, dict) else body.get("team_id")
    log.error("listener failed on %s (team %s)", kind_of(body), team_id, exc_info=error)
    metrics.listener_failed()
    if respond is not None and respond.response_url:
        try:
            await respond(text=apology(error), response_type="ephemeral", replace_original=False)
        except Exception as exc:  # the apology is best effort; the failure itself is logged above
            log.warning("could not tell the user about the failure (%s)", type(exc).__name__)


_TOKEN_REFUSED = TOKEN_REFUSED_ERRORS
_SCOPE = re.compile(r"[a-z.:_,-]{1,200}", re.ASCII)


def apology(error: BaseException) -> str:
    """What the person is told when their request failed: what to do about it, where that is known.

    The response_url works without the app's token, so even a revoked one can be explained.
    """
    from slack_sdk.errors import SlackApiError

    code = error.response.get("error") if isinstance(error, SlackApiError) else None
    if code in _TOKEN_REFUSED:
        return (
            f":warning: Slack no longer accepts msgchoice's token for this workspace (`{code}`). "
            "Ask a workspace admin to reinstall msgchoice; trying again will not help until then."
        )
    if code == "missing_scope" and isinstance(error, SlackApiError):
        needed = str(error.response.get("needed") or "")
        scope = f" (`{needed}`)" if _SCOPE.fullmatch(needed) else ""
        return (
            f":warning: msgchoice is missing a Slack permission it needs{scope}. "
            "Ask a workspace admin to reinstall msgchoice so that it gets it."
        )
    return ":warning: Sorry, that did not work (the error is logged). Please try again in a moment."


Handler = Callable[..., Awaitable[None]]

COULD_NOT_SAVE = ":warning: I could not save that, please try again in a moment."
_DB_MODULES = ("sqlalchemy", "asyncpg", "aiosqlite", "sqlite3", "bot.store")


def is_database_error(error: BaseException) -> bool:
    """Whether ``error`` came from the database (down, hung past its timeout, refusing connections)."""
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(error, SQLAlchemyError):
        return True
    if not isinstance(error, OSError | TimeoutError):
        return False
    tb = error.__traceback__
    while tb is not None:  # a raw socket error or timeout raised inside the database drivers
        if str(tb.tb_frame.f_globals.get("__name__", "")).startswith(_DB_MODULES):
            return True
        tb = tb.tb_next
    return False


async def tell_could_not_save(body: dict[str, Any], context: AsyncBoltContext | None) -> None:
    """Tell the person, ephemerally, that nothing was saved: through the response_url, else in the thread."""
    respond = context.respond if context is not None else None
    try:
        if respond is not None and respond.response_url:
            await respond(text=COULD_NOT_SAVE, response_type="ephemeral", replace_original=False)
            return
        raw_event = body.get("event")
        event: dict[str, Any] = raw_event if isinstance(raw_event, dict) else {}
        channel, user = event.get("channel"), event.get("user")
        if context is not None and isinstance(channel, str) and isinstance(user, str):
            await context.client.chat_postEphemeral(
                channel=channel, user=user, text=COULD_NOT_SAVE, thread_ts=event.get("thread_ts")
            )
            return
        user_id = (body.get("user") or {}).get("id") if isinstance(body.get("user"), dict) else None
        if context is not None and isinstance(user_id, str):  # a modal: no channel, a direct message instead
            await context.client.chat_postMessage(channel=user_id, text=COULD_NOT_SAVE)
    except Exception as exc:  # best effort: the failure itself is logged by the caller
        log.warning("could not tell the user that nothing was saved (%s)", type(exc).__name__)


async def tell_not_in_channel(error: NotInChannel, context: AsyncBoltContext | None) -> None:
    """Tell the person, ephemerally through the response_url, why the app could not post and what helps."""
    respond = context.respond if context is not None else None
    if respond is None or not respond.response_url:
        return  # an event: Slack delivers none from a channel the app is not in, and there is nowhere to say it
    try:
        await respond(
            text=build_not_in_channel(error.channel_id, error.error), response_type="ephemeral", replace_original=False
        )
    except Exception as exc:  # best effort: the condition itself is logged by the caller
        log.warning("could not tell the user the app cannot post there (%s)", type(exc).__name__)


async def first_delivery(body: dict[str, Any], context: AsyncBoltContext) -> bool:
    """Record this Events API delivery once (after the ack); False for a Slack retry or another replica's copy.

    It runs inside the listener, after Bolt acked the event, so a slow or unreachable
    database never delays the ack; its queries are bounded by the engine's timeouts.
    """
    event_id = body.get("event_id")
    if body.get("type") != "event_callback" or not isinstance(event_id, str) or not event_id:
        return True
    return await _first_seen(context, f"event:{event_id}")


async def first_interaction(body: dict[str, Any], context: AsyncBoltContext) -> bool:
    """Record this command, click or submission once (after the ack); False when it was delivered before.

    Slack makes a new ``trigger_id`` for every slash command, click and modal
    submission, so the same one twice is the same request delivered again (a
    retry, or the copy another replica received), never a second click: it must
    not start a second conversation or post the tables twice.  A request without
    one goes on.
    """
    trigger = body.get("trigger_id")
    if not isinstance(trigger, str) or not trigger:
        return True
    return await _first_seen(context, f"trigger:{trigger[:200]}")


async def _first_seen(context: AsyncBoltContext, key: str) -> bool:
    from bot.store import repo

    async with flow_of(context).deps.session_factory() as session:
        first = await repo.mark_delivery(session, team_id=str(context.team_id or ""), delivery_key=key)
    if not first:
        log.info("ignoring delivery %s already processed", key)
    return first


def deduplicated(handler: Handler) -> Handler:
    """Run an event listener once per Events API delivery (see :func:`first_delivery`)."""
    import inspect

    wanted = inspect.signature(handler).parameters

    async def wrapper(**kwargs: Any) -> None:
        body, context = kwargs["body"], kwargs["context"]
        if not await first_delivery(body, context):
            return
        await handler(**{k: v for k, v in kwargs.items() if k in wanted})

    # Bolt injects arguments by the names it reads off the innermost callable (inspect.unwrap, then
    # getfullargspec): this wrapper is that innermost one (no __wrapped__), asking for the handler's
    # own arguments plus the two the dedupe needs.
    names = list(dict.fromkeys([*wanted, "body", "context"]))
    parameters = [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in names]
    wrapper.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    wrapper.__name__ = getattr(handler, "__name__", "event_listener")
    wrapper.__qualname__ = getattr(handler, "__qualname__", wrapper.__name__)
    wrapper.__doc__ = handler.__doc__
    return wrapper


def reported(handler: Handler) -> Handler:
    """Wrap a listener so that a failure after ``ack()`` is logged and reported to the user.

    Bolt's own error handler cannot be relied on once a listener has acked (it
    may reset the acknowledgement and answer Slack with an error); Bolt still
    injects the handler's own arguments, read through ``functools.wraps``.
    """

    @functools.wraps(handler)
    async def wrapper(**kwargs: Any) -> None:
        try:
            await handler(**kwargs)
        except Malformed as exc:
            # A payload Slack would not send (forged or mangled, but signed): nothing to tell anyone.
            body = kwargs.get("body") or kwargs.get("command")
            log.warning("ignored a malformed %s payload: %s", kind_of(body), exc)
        except NotInChannel as exc:
            # The app was removed from the channel (or it was archived) after the thread started: what the
            # click recorded is kept, and a retry cannot post until the app is back.  Not a failure of the
            # app: the person hears what to do, through the response_url (which needs no membership).
            context = kwargs.get("context")
            body = kwargs.get("body") or kwargs.get("command") or {}
            log.warning("cannot post in %s for %s (%s)", exc.channel_id, kind_of(body), exc.error)
            await tell_not_in_channel(exc, context if isinstance(context, AsyncBoltContext) else None)
        except Exception as exc:
            context = kwargs.get("context")
            body = kwargs.get("body") or kwargs.get("command") or {}
            if is_database_error(exc):
                # The database is down or hung past its timeout: nothing more was stored, and the
                # person is told so (ephemerally); the next request works once it is back.
                log.warning("database unavailable during %s (%s)", kind_of(body), type(exc).__name__)
                await tell_could_not_save(body, context if isinstance(context, AsyncBoltContext) else None)
                return
            respond = context.respond if isinstance(context, AsyncBoltContext) else None
            await report_failure(exc, body, respond)

    return wrapper
