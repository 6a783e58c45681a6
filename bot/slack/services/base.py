"""What every Slack service shares: where a conversation lives, the app's dependencies, and the
Web API calls (post, update, ephemeral) with the app's error handling."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.blocks import Block
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.advisor.advice import Advice
from bot.advisor.machine import AdvisorState
from bot.render import blocks as render
from bot.store import repo
from bot.store.models import Conversation
from knowledge import Knowledge
from knowledge import load as load_knowledge

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

NAME_TTL_SECONDS = 3600.0
# How long whether a channel's typed replies reach the app is taken as known (see SlackService.hears_typing).
HEARS_TTL_SECONDS = 600.0
# conversations.join errors that leave typed replies as they were: a private channel or group DM (the app
# posts there only as a member, so it hears them), or one nothing can be posted in anyway.
JOIN_NOT_NEEDED = frozenset({"method_not_supported_for_channel_type", "is_archived", "channel_not_found"})
# ... and those that say nothing about the channel: Slack could not answer, or refuses the token.
JOIN_UNANSWERED = frozenset({"ratelimited", "fatal_error", "internal_error", "service_unavailable", "request_timeout"})
NOT_IN_CHANNEL_ERRORS = {"not_in_channel", "channel_not_found", "is_archived"}
# Slack refuses the app's token for the workspace (uninstalled, revoked): trying again cannot help, reinstalling does.
TOKEN_REFUSED_ERRORS = frozenset({"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"})


class NotInChannel(Exception):
    """The app cannot post in the channel (a private channel it was not invited to …)."""

    def __init__(self, channel_id: str, error: str) -> None:
        super().__init__(f"cannot post in {channel_id}: {error}")
        self.channel_id = channel_id
        self.error = error


@contextmanager
def raising_not_in_channel(channel: str) -> Iterator[None]:
    """Slack's refusals for a channel the app cannot post in (NOT_IN_CHANNEL_ERRORS) as NotInChannel."""
    try:
        yield
    except SlackApiError as exc:
        error = str(exc.response.get("error", ""))
        if error in NOT_IN_CHANNEL_ERRORS:
            raise NotInChannel(channel, error) from exc
        raise


@dataclass(frozen=True)
class Where:
    """Where a conversation lives in Slack."""

    team_id: str
    channel_id: str
    thread_ts: str


@dataclass
class Deps:
    """What every request needs besides the Slack client: built once per app."""

    session_factory: async_sessionmaker[AsyncSession]
    kb: Knowledge
    # Display names from users.info, per (team, user): a cache, not state (losing it costs a lookup).
    names: dict[tuple[str, str], tuple[str, float]] = field(default_factory=dict)
    # Whether typed replies reach the app, per (team, channel), from conversations.join: a cache, not
    # state (losing it costs a join, which Slack answers "already in channel").
    hears: dict[tuple[str, str], tuple[bool, float]] = field(default_factory=dict)
    # How long a replica's claim to post a conversation's next message holds before another takes over.
    claim_timeout: timedelta = timedelta(seconds=30)
    # Slack user ids who may change the team policy besides admins and the installer (MSGCHOICE_POLICY_ADMINS).
    policy_admins: frozenset[str] = frozenset()
    # Delete a team's rows when the app is uninstalled from it (MSGCHOICE_FORGET_ON_UNINSTALL).
    forget_on_uninstall: bool = False

    @classmethod
    def create(
        cls,
        session_factory: async_sessionmaker[AsyncSession],
        kb: Knowledge | None = None,
        *,
        policy_admins: frozenset[str] = frozenset(),
        forget_on_uninstall: bool = False,
    ) -> Deps:
        return cls(
            session_factory=session_factory,
            kb=kb or load_knowledge(),
            policy_admins=policy_admins,
            forget_on_uninstall=forget_on_uninstall,
        )


class SlackService:
    """One request's dependencies plus its Web API client; the services below extend it."""

    def __init__(self, deps: Deps, client: AsyncWebClient, *, bot_user_id: str | None = None) -> None:
        self.deps = deps
        self.kb = deps.kb
        self.client = client
        self.bot_user_id = bot_user_id

    async def post(
        self, channel: str, text: str, blocks: Sequence[Block] | None = None, *, thread_ts: str | None = None
    ) -> str:
        """chat.postMessage; returns the message ts.  Raises NotInChannel for channels the app is not in."""
        with raising_not_in_channel(channel):
            response = await self.client.chat_postMessage(
                channel=channel,
                text=text,
                blocks=render.to_payload(blocks) if blocks else None,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
            )
        return str(response["ts"])

    async def hears_typing(self, team_id: str, channel_id: str, *, fresh: bool = False) -> bool:
        """Whether Slack sends the app what is typed in ``channel_id``'s threads, joining it when it can.

        The app posts in any public channel (``chat:write.public``), but Slack sends message events only
        from conversations it is a member of: in a public channel it joins (``conversations.join``,
        scope ``channels:join``; a channel it is in already is answered ok).  False when it cannot (an
        install from before that scope: ``missing_scope``): that thread then works by its buttons.
        Direct messages and private channels need no join (the app posts there only as a member).
        The answer is cached for a while per channel; ``fresh`` asks Slack again (a new conversation).
        """
        if not channel_id.startswith("C"):
            return True
        key = (team_id, channel_id)
        now = time.monotonic()
        cached = self.deps.hears.get(key)
        if not fresh and cached is not None and now - cached[1] < HEARS_TTL_SECONDS:
            return cached[0]
        hears = True
        try:
            await self.client.conversations_join(channel=channel_id)
        except SlackApiError as exc:
            error = str(exc.response.get("error", ""))
            if error in JOIN_UNANSWERED or error in TOKEN_REFUSED_ERRORS:
                return True  # unknown: as before, and asked again next time
            if error not in JOIN_NOT_NEEDED:
                log.info("cannot join %s in team %s (%s): typed replies there miss the app", channel_id, team_id, error)
                hears = False
        except Exception as exc:  # Slack unreachable …: never the conversation's failure
            log.info("conversations.join failed for %s in team %s: %s", channel_id, team_id, type(exc).__name__)
            return True
        self.deps.hears[key] = (hears, now)
        return hears

    async def update(self, channel: str, ts: str, text: str, blocks: Sequence[Block]) -> None:
        await self.client.chat_update(channel=channel, ts=ts, text=text, blocks=render.to_payload(blocks))

    async def ephemeral(self, where: Where | None, channel: str, user: str, text: str) -> None:
        await self.client.chat_postEphemeral(
            channel=channel, user=user, text=text, thread_ts=where.thread_ts if where else None
        )

    async def link_to(self, channel_id: str, ts: str) -> str | None:
        """A message's permalink; None when Slack cannot say (the note goes out without its link)."""
        try:
            response = await self.client.chat_getPermalink(channel=channel_id, message_ts=ts)
            return str(response["permalink"])
        except (SlackApiError, SlackClientError, aiohttp.ClientError, TimeoutError, KeyError):
            return None

    async def where_of(self, team_id: str, conversation_id: int) -> tuple[Where, Conversation] | None:
        """Where a stored conversation lives, and the conversation; None when unknown to this team."""
        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation(session, team_id=team_id, conversation_id=conversation_id)
        where = where_of_row(conversation)
        if conversation is None or where is None:
            return None
        return where, conversation

    async def display_name(self, team_id: str, user_id: str) -> str:
        """``@name`` of a person, as plain text that pings nobody (users.info, cached for an hour).

        Falls back to ``@`` + the id when Slack cannot say (missing scope, deleted user).
        """
        key = (team_id, user_id)
        cached = self.deps.names.get(key)
        now = time.monotonic()
        if cached is not None and now - cached[1] < NAME_TTL_SECONDS:
            return cached[0]
        name = user_id
        try:
            response = await self.client.users_info(user=user_id)
            user = response.get("user") or {}
            profile = user.get("profile") or {}
            name = str(profile.get("display_name") or profile.get("real_name") or user.get("name") or user_id)
        except SlackApiError as exc:
            log.info("users.info failed for a user of team %s: %s", team_id, exc.response.get("error"))
        except (SlackClientError, aiohttp.ClientError, TimeoutError) as exc:
            # A name is a nicety: a Web API that cannot be reached costs the @id, never the request.
            log.info("users.info failed for a user of team %s: %s", team_id, type(exc).__name__)
            return f"@{name}"  # not cached: the next request asks again
        self.deps.names[key] = (f"@{name}", now)
        return f"@{name}"

    async def display_names(self, team_id: str, user_ids: Sequence[str]) -> dict[str, str]:
        return {u: await self.display_name(team_id, u) for u in dict.fromkeys(user_ids)}

    async def advice_for(self, conversation: Conversation) -> Advice:
        """The advice for a conversation's answers, under its team's policy in force."""
        return await self.advice_of(
            conversation.team_id, state_of(conversation).answers, description=conversation.free_text
        )

    async def card_advice(self, conversation: Conversation) -> Advice:
        """The advice the conversation's card shows: stored with it for its version, else computed
        under the team's policy in force."""
        return stored_advice(conversation, conversation.version) or await self.advice_for(conversation)

    async def advice_of(
        self,
        team_id: str,
        answers: Mapping[str, str],
        *,
        session: AsyncSession | None = None,
        description: str | None = None,
    ) -> Advice:
        """The advice for ``answers`` under the team's policy in force (read in ``session`` when the
        caller has one open, so it is part of that transaction).  ``description`` is the text the
        conversation started from: its workloads keep their own answers (``engine.advise``); reading
        it is CPU work, done off the event loop."""
        from bot.advisor.engine import advise
        from bot.store.policies import team_policy

        if session is None:
            async with self.deps.session_factory() as own:
                policy = await team_policy(own, team_id=team_id, kb=self.kb)
        else:
            policy = await team_policy(session, team_id=team_id, kb=self.kb)
        if description:
            from bot.slack.cpu import off_loop

            return await off_loop(advise, answers, kb=self.kb, policy=policy, description=description)
        return advise(answers, kb=self.kb, policy=policy)

    def system_label(self, system_id: str) -> str:
        return render.system_name(self.kb, system_id)


def where_of_row(conversation: Conversation | None) -> Where | None:
    """Where a stored conversation lives in Slack (None before its thread is attached)."""
    if conversation is None or not conversation.channel_id or not conversation.thread_ts:
        return None
    return Where(conversation.team_id, conversation.channel_id, conversation.thread_ts)


def stored_advice(conversation: Conversation, version: int | None) -> Advice | None:
    """The advice stored with the conversation for the card of ``version`` (None: none stored for it)."""
    if conversation.advice is None or version is None or conversation.advice_version != version:
        return None
    return Advice.model_validate(conversation.advice)


def state_of(conversation: Conversation) -> AdvisorState:
    return AdvisorState.model_validate(conversation.state or {})


def unsure_of(state: AdvisorState) -> set[str]:
    """The questions whose latest answer in a conversation's ``state`` is "Not sure"."""
    return {step.question for step in state.steps if step.question not in state.answers}

