"""The question flow of a conversation thread: start, answer, Back/Restart, Change, typed replies."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession

from bot.advisor.advice import Advice, ParsedAnswer
from bot.advisor.machine import UNSURE, AdvisorState, InvalidAnswer, Source, ask_also, next_question
from bot.advisor.machine import apply as apply_step
from bot.render import blocks as render
from bot.render.blocks import policy as policy_blocks
from bot.render.escape import escape
from bot.slack import text as typed
from bot.slack.cpu import off_loop
from bot.slack.services.base import (
    Deps,
    SlackService,
    Where,
    state_of,
    stored_advice,
    unsure_of,
    where_of_row,
)
from bot.slack.services.followups import FollowupService
from bot.store import repo, screen
from bot.store.models import AnswerEvent, Conversation
from knowledge import Question

log = logging.getLogger(__name__)

# Back, Restart or Change in a conversation whose decision is recorded.
DECIDED_NOTE = "This conversation's decision is recorded, so its answers stay. `/msgchoice` starts a new one."

# A click on a closed card while the next message is being posted by another request waits this
# long (steps × seconds) for it, so that it can link to it.
POINTER_WAIT_STEPS = 20
POINTER_WAIT_S = 0.1


# Typed under the recommendation card: a request for help, not chatter.
HELP_REQUESTS = frozenset({"help", "help?", "?", "help me", "help please", "what now?", "what now", "what next?"})


class ConversationService(SlackService):
    """Drives one thread's questions; all state is in the database, so any process continues any thread.

    The conversation version carried in every button makes a double click or a
    concurrent answer record once.
    """

    def __init__(
        self,
        deps: Deps,
        client: AsyncWebClient,
        *,
        bot_user_id: str | None = None,
        followups: FollowupService | None = None,
    ) -> None:
        super().__init__(deps, client, bot_user_id=bot_user_id)
        self.followups = followups or FollowupService(deps, client, bot_user_id=bot_user_id)

    # ------------------------------------------------------------------ starting

    async def start(self, *, team_id: str, channel_id: str, user_id: str, text: str | None) -> Where:
        """Store the conversation, post the root message, show what the text said, ask the next question.

        The conversation and the answers read from the text are stored in one
        commit before anything is posted: with the database down nothing appears
        in the channel (the listener tells the person it could not save).  A root
        message that cannot be posted leaves no conversation behind.  Attaching
        the thread (with the claim to post the first question) is written while
        'what I understood' is being posted.
        """
        free_text = (text or "").strip() or None
        parsed = []
        ambiguous = []
        # Joining the channel (so that typed replies reach the app) goes on while the text is read and stored.
        joining = asyncio.ensure_future(self.hears_typing(team_id, channel_id, fresh=True))
        try:
            if free_text:
                from bot.advisor.parse import parse

                result = await off_loop(parse, free_text)  # CPU work: off the event loop
                parsed, ambiguous = list(result.answers), list(result.ambiguous)

            async with self.deps.session_factory() as session:
                conversation, applied = await repo.start_with_answers(
                    session,
                    team_id=team_id,
                    channel_id=channel_id,
                    started_by=user_id,
                    free_text=free_text,
                    state=ask_also(AdvisorState(), [a.question for a in ambiguous]),
                    answers=parsed,
                    status_after=self.status_after,
                )
        except BaseException:
            joining.cancel()
            raise
        hears = await joining

        # Where typed replies miss the app (it could not join the channel), no message says to type them.
        root_text, root_blocks = render.build_root_message(user_id, free_text, typing=hears)
        try:
            thread_ts = await self.post(channel_id, root_text, root_blocks)
        except BaseException:
            async with self.deps.session_factory() as session:
                await repo.discard_unposted(session, team_id=team_id, conversation_id=conversation.id)
            raise
        where = Where(team_id, channel_id, thread_ts)

        async def attach() -> None:
            try:
                async with self.deps.session_factory() as session:
                    await repo.set_thread(
                        session,
                        team_id=team_id,
                        conversation_id=conversation.id,
                        thread_ts=thread_ts,
                        claim_version=conversation.version,
                    )
            except BaseException:
                # The database went away between the two writes: take the root message back down.
                with contextlib.suppress(Exception):
                    await self.client.chat_delete(channel=channel_id, ts=thread_ts)
                raise

        # The thread is attached while 'what I understood' goes out (it needs only the root's ts).
        jobs: list[Awaitable[Any]] = [attach()]
        if free_text:
            understood_text, understood_blocks = render.build_understood(
                conversation.id, conversation.version, applied, ambiguous, self.kb, typing=hears
            )
            jobs.append(self.post(channel_id, understood_text, understood_blocks, thread_ts=thread_ts))
        await asyncio.gather(*jobs)
        conversation.thread_ts = thread_ts
        await self._show_claimed(where, conversation)
        return where

    # ------------------------------------------------------------------ what is on screen

    async def _show_claimed(
        self, where: Where, conversation: Conversation, *, also: Sequence[Awaitable[Any]] = ()
    ) -> None:
        """Post the message that follows the conversation's version, under the claim its step took.

        ``also`` (updating the answered card, closing superseded ones) is sent
        alongside once the post is under way and never fails the request: the
        next question does not wait for them.  A failed post gives the claim
        back, so the next click, typed message or the sweep posts it.
        """
        show = asyncio.ensure_future(self._show_or_release(where, conversation))
        side = [asyncio.ensure_future(self._quietly(job)) for job in also]
        try:
            await show
        finally:
            if side:
                await asyncio.gather(*side)

    async def _show_or_release(self, where: Where, conversation: Conversation) -> None:
        try:
            await self._show(where, conversation)
        except BaseException:
            await self._release(where, conversation)
            raise

    async def _release(self, where: Where, conversation: Conversation) -> None:
        """Give back the claim to post what follows ``conversation.version`` (a post failed): the next
        click, typed message or the sweep posts it at once."""
        async with self.deps.session_factory() as session:
            await screen.release_showing(
                session, team_id=where.team_id, conversation_id=conversation.id, version=conversation.version
            )

    @staticmethod
    async def _quietly(job: Awaitable[Any]) -> None:
        """Run a side job of a click (closing an older card …); a failure is logged, never raised."""
        try:
            await job
        except Exception as exc:  # a side job never fails the click
            log.info("side job of a click failed: %s", type(exc).__name__)

    async def ensure_shown(self, where: Where, conversation: Conversation, *, repair: bool = True) -> bool:
        """Post the message the stored state calls for, unless it is on screen or being posted.

        True when this call posted it.  A failed post gives the claim back, so the
        next click, typed message or the sweep tries again.  A ``repair`` (the
        request that changed the state died before it got here) first closes the
        cards still live from before, so only the new one has buttons.
        """
        if not screen.is_stranded(conversation):
            return False
        version = conversation.version
        async with self.deps.session_factory() as session:
            claimed = await screen.claim_showing(
                session,
                team_id=where.team_id,
                conversation_id=conversation.id,
                version=version,
                stale_after=self.deps.claim_timeout,
            )
        if not claimed:
            return False
        if repair:
            await self._quietly(self._close_stale(where, conversation))
        await self._show_or_release(where, conversation)
        return True

    async def _show(self, where: Where, conversation: Conversation) -> None:
        state = state_of(conversation)
        question = next_question(state, self.kb)
        if question is not None:
            text, blocks = render.build_question(
                conversation.id,
                conversation.version,
                question,
                can_go_back=bool(state.steps),
                typing=await self.hears_typing(where.team_id, where.channel_id),
            )
            ts = await self.post(where.channel_id, text, blocks, thread_ts=where.thread_ts)
            async with self.deps.session_factory() as session:
                current = await screen.mark_shown(
                    session,
                    team_id=where.team_id,
                    conversation_id=conversation.id,
                    version=conversation.version,
                    question_ts=ts,
                    question_id=question.id,
                    card_ts=None,
                    status="active",
                )
            if not current:
                await self._close_overtaken(where, conversation, question_ts=ts, question_id=question.id)
            return
        stored = stored_advice(conversation, conversation.version)
        advice = stored or await self.advice_for(conversation)
        extras, buttons = policy_blocks.card_additions(advice, self.kb, conversation.id)
        text, blocks = render.build_recommendation(
            conversation.id,
            conversation.version,
            advice,
            self.kb,
            extras=extras,
            extra_buttons=buttons,
            unsure=unsure_of(state),
        )
        ts = await self.post(where.channel_id, text, blocks, thread_ts=where.thread_ts)
        async with self.deps.session_factory() as session:
            current = await screen.mark_shown(
                session,
                team_id=where.team_id,
                conversation_id=conversation.id,
                version=conversation.version,
                question_ts=None,
                question_id=None,
                card_ts=ts,
                status="recommended",
                advice=None if stored is not None else advice.model_dump(mode="json"),
            )
        if not current:
            await self._close_overtaken(where, conversation, card_ts=ts, advice=advice)

    async def _close_overtaken(
        self,
        where: Where,
        posted: Conversation,
        *,
        question_ts: str | None = None,
        question_id: str | None = None,
        card_ts: str | None = None,
        advice: Advice | None = None,
    ) -> None:
        """The message just posted for ``posted.version`` was overtaken before it was recorded (an answer
        typed or clicked that quickly): close it, so only the newest message has live buttons."""
        latest = await self.reload(where, posted.id)
        answers = state_of(latest).answers if latest is not None else {}
        if latest is not None and latest.version == posted.version and latest.shown_version == posted.version:
            # A duplicate: another request showed this version while this one stalled past its claim.
            with contextlib.suppress(SlackApiError):
                await self.client.chat_delete(channel=where.channel_id, ts=question_ts or card_ts or "")
            return
        if question_ts and question_id:
            question = self.kb.question(question_id)
            value = answers.get(question_id)
            who = await self._who_answered(where, posted.id, question_id) if value else None
            if value and who:
                # Rendered exactly as the answering click renders it, so whichever update lands last shows
                # the same "✅ … answered by @x".
                text, blocks = render.build_answered(question, value, who)
            else:
                note = f"Answered: {render.answer_label(question, value)}." if value else "Closed: answers changed."
                text, blocks = render.build_superseded(question, note)
            await self._quiet_update(where.channel_id, question_ts, text, blocks)
        if card_ts and advice is not None:
            text, blocks = render.build_closed_card(
                f"Recommendation: {advice.recommendation_name}", "Closed: answers changed."
            )
            await self._quiet_update(where.channel_id, card_ts, text, blocks)

    async def _card_advice_after(
        self, session: AsyncSession, before: Conversation, expected_version: int, question_id: str, value: str
    ) -> dict[str, Any] | None:
        """When this answer completes the conversation, the card's advice (under the team policy in
        force), stored by the same step: the card and Adopt then read it rather than compute it."""
        if before.version != expected_version:
            return None  # stale: the step will not be taken
        try:
            state = apply_step(state_of(before), question_id, value, kb=self.kb)
        except InvalidAnswer:
            return None
        if next_question(state, self.kb) is not None:
            return None
        advice = await self.advice_of(before.team_id, state.answers, session=session, description=before.free_text)
        return advice.model_dump(mode="json")

    async def _who_answered(self, where: Where, conversation_id: int, question_id: str) -> str | None:
        """``@name`` of whoever gave the latest answer to a question (None when the log has none)."""
        async with self.deps.session_factory() as session:
            events = await repo.answer_events(session, team_id=where.team_id, conversation_id=conversation_id)
        answered = [e for e in events if e.kind == "answer" and e.question == question_id]
        return await self.display_name(where.team_id, answered[-1].user_id) if answered else None

    def status_after(self, state: AdvisorState) -> repo.Status:
        """The status a step's new state puts a live conversation in: the card comes next, or a question."""
        return "recommended" if next_question(state, self.kb) is None else "active"

    async def _close_stale(self, where: Where, conversation: Conversation) -> None:
        """Close the question card or card left live by a request that died mid-way."""
        answers = {s.question: s.value for s in state_of(conversation).steps}
        if conversation.question_ts and conversation.question_id:
            try:
                question = self.kb.question(conversation.question_id)
            except KeyError:
                question = None
            if question is not None:
                value = answers.get(question.id)
                note = f"Answered: {render.answer_label(question, value)}." if value else "Closed: answers changed."
                text, blocks = render.build_superseded(question, note)
                await self._quiet_update(where.channel_id, conversation.question_ts, text, blocks)
        if conversation.card_ts:
            # The card on screen is the one of ``shown_version``: its stored advice names what it said.
            advice = stored_advice(conversation, conversation.shown_version) or await self.advice_for(conversation)
            text, blocks = render.build_closed_card(
                f"Recommendation: {advice.recommendation_name}", "Closed: answers changed."
            )
            await self._quiet_update(where.channel_id, conversation.card_ts, text, blocks)

    async def close_superseded(
        self, where: Where, before: OnScreen, *, note: str, keep_ts: str | None = None
    ) -> None:
        """Close every live message of the state ``before`` a change (its open question, its card),
        except ``keep_ts`` (the clicked message, updated by the caller).  Sent concurrently."""
        jobs = []
        if before.question_ts and before.question_id and before.question_ts != keep_ts:
            try:
                question = self.kb.question(before.question_id)
            except KeyError:
                question = None
            if question is not None:
                text, blocks = render.build_superseded(question, note)
                jobs.append(self._quiet_update(where.channel_id, before.question_ts, text, blocks))
        if before.card_ts and before.card_ts != keep_ts:
            name = await self._card_name(before)
            text, blocks = render.build_closed_card(f"Recommendation: {name}", note)
            jobs.append(self._quiet_update(where.channel_id, before.card_ts, text, blocks))
        if jobs:
            await asyncio.gather(*jobs)

    async def _card_name(self, before: OnScreen) -> str:
        """The system the card ``before`` a change recommended (from the advice stored with it)."""
        if before.advice is not None:
            return render.system_name(self.kb, str(before.advice.get("recommendation", "")))
        advice = await self.advice_of(before.team_id, before.answers, description=before.free_text)
        return advice.recommendation_name

    async def _quiet_update(self, channel: str, ts: str, text: str, blocks: Sequence[Block]) -> None:
        """chat.update of an older message; a message deleted in Slack is no reason to fail the click."""
        try:
            await self.update(channel, ts, text, blocks)
        except SlackApiError as exc:
            log.info("could not close message %s: %s", ts, exc.response.get("error"))

    async def point_to_open(
        self,
        where: Where,
        user_id: str,
        conversation: Conversation | None,
        *,
        own_answer: bool = False,
        lead: str | None = None,
    ) -> None:
        """A click on a closed card: say which question is open now, with a link (re-posting it if needed).

        ``own_answer``: the click repeats the answer this person gave the card (a double click): it
        counted, so they hear nothing once what follows it is on screen, unless this click had to
        post it (the request of their first click died).  ``lead`` (mrkdwn, escaped): what to say
        instead of "That card is closed." before pointing at the open question."""
        if conversation is None:
            return
        repaired = False
        if screen.is_stranded(conversation):
            repaired = await self.ensure_shown(where, conversation)
            conversation = await self.reload(where, conversation.id) or conversation
            for _ in range(POINTER_WAIT_STEPS):  # another request (or replica) is posting it: wait a moment
                if not screen.is_stranded(conversation):
                    break
                await asyncio.sleep(POINTER_WAIT_S)
                conversation = await self.reload(where, conversation.id) or conversation
            if screen.is_stranded(conversation):
                # Another request (or replica) holds the claim to post it: it is on its way.
                await self.ephemeral(
                    where, where.channel_id, user_id,
                    "That card is closed. The next message is on its way in the thread.",
                )
                return
        if own_answer and not repaired:
            return
        if conversation.status == "decided":
            note = "That card is closed: this conversation's decision is recorded. `/msgchoice` starts a new one."
        elif conversation.question_ts and conversation.question_id:
            link = await self.link_to(where.channel_id, conversation.question_ts)
            note = render.build_open_question_pointer(
                self.kb.question(conversation.question_id).text, link, lead=lead
            )
        elif conversation.card_ts:
            link = await self.link_to(where.channel_id, conversation.card_ts)
            note = f"{lead or 'That card is closed.'} The recommendation is up" + (
                f": <{link}|see it>." if link else "."
            )
        else:
            note = f"{lead or 'That card is closed.'} The latest message in the thread is the live one."
        await self.ephemeral(where, where.channel_id, user_id, note)

    async def reload(self, where: Where, conversation_id: int) -> Conversation | None:
        async with self.deps.session_factory() as session:
            return await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)

    # ------------------------------------------------------------------ answering

    async def answer(
        self,
        team_id: str,
        *,
        conversation_id: int,
        expected_version: int,
        question_id: str,
        value: str,
        user_id: str,
        source: Source,
        message_ts: str | None = None,
        text: str | None = None,
        current: Conversation | None = None,
    ) -> bool:
        """Record one answer and show what follows; False (and an ephemeral note pointing at the open
        question) when stale.

        One transaction: the row (``current`` when the caller read it already),
        the versioned update with the claim to post the next message, the event.
        Then the next question is posted, and the answered card's update and the
        closing of superseded cards go alongside it.
        """
        async with self.deps.session_factory() as session:
            before = current or await repo.get_conversation(
                session, team_id=team_id, conversation_id=conversation_id
            )
            where = where_of_row(before)
            if before is None or where is None:
                return False
            try:
                question = self.kb.question(question_id)
                if value != UNSURE and question.answer(value) is None:
                    raise KeyError(value)
            except KeyError:
                await self.ephemeral(where, where.channel_id, user_id, "That answer is not one I know; try again.")
                return False
            answers_before = state_of(before).answers  # the step refreshes ``before`` in place
            result = await repo.apply_answer(
                session,
                team_id=team_id,
                conversation_id=conversation_id,
                expected_version=expected_version,
                question=question_id,
                value=value,
                source=source,
                user_id=user_id,
                text=text,
                current=before,
                claim_next=True,
                status_after=self.status_after,
                advice=await self._card_advice_after(session, before, expected_version, question_id, value),
            )
        if not result.ok or result.conversation is None:
            first = result.superseded_by
            # This person's own answer got there first (a double click, or the click delivered again)?
            own = first is not None and (first.kind, first.question, first.value, first.user_id) == (
                "answer", question_id, value, user_id,
            )
            lead = None
            if not own and first is not None and first.kind == "answer" and first.question == question_id:
                # Someone else answered this question a moment earlier (two people on one question):
                # say who and what, and whether this answer was dropped, not just "closed".
                lead = await self._answered_first(team_id, question_id, first, value)
            await self.point_to_open(where, user_id, result.conversation, own_answer=own, lead=lead)
            return False
        shown = OnScreen.of(result.conversation, expected_version, answers_before)
        if message_ts is None and shown.question_id == question_id:
            message_ts = shown.question_ts
        side: list[Awaitable[Any]] = []
        if message_ts is not None:
            side.append(self._mark_answered(where, message_ts, question, value, user_id))
        side.append(self.close_superseded(where, shown, note="Closed: an answer changed.", keep_ts=message_ts))
        await self._show_claimed(where, result.conversation, also=side)
        return True

    async def _mark_answered(
        self, where: Where, message_ts: str, question: Question, value: str, user_id: str
    ) -> None:
        who = await self.display_name(where.team_id, user_id)
        done_text, done_blocks = render.build_answered(question, value, who)
        await self._quiet_update(where.channel_id, message_ts, done_text, done_blocks)

    async def navigate(
        self,
        team_id: str,
        *,
        action: str,
        conversation_id: int,
        expected_version: int,
        user_id: str,
        current: Conversation | None = None,
    ) -> bool:
        """Back or Restart, in one transaction.  Back names the answer it removed; with nothing to undo
        it says so."""
        async with self.deps.session_factory() as session:
            before = current or await repo.get_conversation(
                session, team_id=team_id, conversation_id=conversation_id
            )
            where = where_of_row(before)
            if before is None or where is None:
                return False
            answers_before = state_of(before).answers  # the step refreshes ``before`` in place
            if before.status == "decided":
                result = None
            else:
                result = await (repo.undo if action == "back" else repo.restart_conversation)(
                    session,
                    team_id=team_id,
                    conversation_id=conversation_id,
                    expected_version=expected_version,
                    user_id=user_id,
                    current=before,
                    claim_next=True,
                    status_after=self.status_after,
                )
        if result is None:
            await self.ephemeral(where, where.channel_id, user_id, DECIDED_NOTE)
            return False
        if result.reason == "nothing_to_undo":
            await self.ephemeral(
                where, where.channel_id, user_id, "Nothing to undo yet: no question has been answered."
            )
            return False
        if not result.ok or result.conversation is None:
            await self.point_to_open(where, user_id, result.conversation)
            return False
        shown = OnScreen.of(result.conversation, expected_version, answers_before)
        who = await self.display_name(where.team_id, user_id)
        if action == "back" and result.event is not None and result.event.question:
            undone = self._answer_text(result.event.question, result.event.value)
            note = f"↩️ {who} went back: removed {undone}."
        else:
            note = f"🔄 {who} restarted: every answer was removed."
        await self._notice_then_show(where, result.conversation, note, shown, close_note=note)
        return True

    async def _notice_then_show(
        self, where: Where, conversation: Conversation, note: str, shown: OnScreen, *, close_note: str
    ) -> None:
        """Say what changed in the thread, then show what follows; the superseded cards close alongside."""
        closing = asyncio.ensure_future(self._quietly(self.close_superseded(where, shown, note=close_note)))
        try:
            try:
                await self.post(where.channel_id, note, render.build_notice(escape(note)), thread_ts=where.thread_ts)
            except BaseException:
                await self._release(where, conversation)
                raise
            await self._show_claimed(where, conversation)
        finally:
            await closing

    async def _answered_first(self, team_id: str, question_id: str, first: AnswerEvent, value: str) -> str | None:
        try:
            question = self.kb.question(question_id)
        except KeyError:
            return None
        who = await self.display_name(team_id, first.user_id)
        theirs = render.answer_label(question, first.value or "")
        mine = None if first.value == value else render.answer_label(question, value)
        return render.build_answered_first(who, question.guide_label or question.text, theirs, mine)

    def _question_text(self, question_id: str) -> str:
        try:
            return self.kb.question(question_id).text
        except KeyError:
            return question_id

    def _answer_text(self, question_id: str, value: str | None) -> str:
        """“Yes” for “Need message persistence?”"""
        try:
            question = self.kb.question(question_id)
        except KeyError:
            return f"the answer to {question_id}"
        label = render.answer_label(question, value or "")
        return f"“{label}” for “{question.guide_label or question.text}”"

    async def change(self, team_id: str, *, conversation_id: int, question_id: str, user_id: str) -> None:
        """Change an answer (read from the description or given earlier): it is removed and asked again.

        Every card the change supersedes is closed (the open question, the
        recommendation card: the conversation is re-opened explicitly).
        """
        async with self.deps.session_factory() as session:
            before = await repo.get_conversation(session, team_id=team_id, conversation_id=conversation_id)
            where = where_of_row(before)
            if before is None or where is None:
                return
            expected = before.version
            answers_before = state_of(before).answers  # the step refreshes ``before`` in place
            if before.status == "decided":
                result = None
            else:
                result = await repo.retract(
                    session,
                    team_id=team_id,
                    conversation_id=conversation_id,
                    expected_version=expected,
                    question=question_id,
                    user_id=user_id,
                    current=before,
                    claim_next=True,
                    status_after=self.status_after,
                )
        if result is None:
            await self.ephemeral(where, where.channel_id, user_id, DECIDED_NOTE)
            return
        if result.reason == "nothing_to_undo" or not result.ok or result.conversation is None:
            # Not answered (any more: a Restart, Back or another Change took it): it is asked when its
            # turn comes; say so (the Change button was on 'what I understood', not a card) and show
            # where things are.
            lead = None
            if result.reason == "nothing_to_undo":
                lead = render.build_nothing_to_change(self._question_text(question_id))
            await self.point_to_open(where, user_id, result.conversation, lead=lead)
            return
        shown = OnScreen.of(result.conversation, expected, answers_before)
        who = await self.display_name(where.team_id, user_id)
        undone = self._answer_text(question_id, result.event.value if result.event else None)
        reopened = " The recommendation is withdrawn until it is answered." if shown.card_ts else ""
        note = f"✏️ {who} is changing {undone}.{reopened}"
        await self._notice_then_show(
            where, result.conversation, note, shown, close_note=f"Closed: {who} is changing an earlier answer."
        )

    # ------------------------------------------------------------------ typed replies

    async def reply(self, where: Where, *, user_id: str, text: str, conversation: Conversation) -> None:
        """A message typed in a conversation thread: an answer, back/restart, a follow-up, facts or a hint."""
        if typed.mentions_other(text, self.bot_user_id):
            return  # people talking to each other
        text = typed.strip_mentions(text)
        if not text:
            return
        if await self._typed_lookup(where, text):
            return
        from bot.advisor.replies import interpret

        if screen.is_stranded(conversation):
            # The open question never reached Slack (a crash, a failed post): show it first.
            await self.ensure_shown(where, conversation)
            conversation = await self.reload(where, conversation.id) or conversation
        question = next_question(state_of(conversation), self.kb) if conversation.status == "active" else None
        meant = await off_loop(interpret, text, question, kb=self.kb)  # CPU work: off the event loop
        if meant.kind in ("back", "restart"):
            await self.navigate(
                where.team_id,
                action=meant.kind,
                conversation_id=conversation.id,
                expected_version=conversation.version,
                user_id=user_id,
                current=conversation,
            )
        elif question is not None and meant.kind == "answer" and any(f.question != question.id for f in meant.facts):
            # "yes, and we have a platform team": the answer and the other facts, shown back together
            await self.facts(where, user_id=user_id, facts=meant.facts, conversation=conversation)
        elif question is not None and meant.kind in ("answer", "unsure"):
            await self.answer(
                where.team_id,
                conversation_id=conversation.id,
                expected_version=conversation.version,
                question_id=question.id,
                value=UNSURE if meant.kind == "unsure" else str(meant.value),
                user_id=user_id,
                source="typed",
                text=text,
                current=conversation,
            )
        elif meant.kind == "followup":
            link = None
            if question is not None and conversation.question_ts:
                link = await self.link_to(where.channel_id, conversation.question_ts)
            await self.followups.followup(
                where,
                user_id=user_id,
                text=text,
                conversation_id=conversation.id,
                open_question=(question.text, link) if question is not None and link else None,
            )
        elif meant.kind == "facts" and conversation.status in ("active", "recommended"):
            if not await self.facts(where, user_id=user_id, facts=meant.facts, conversation=conversation):
                await self.post(where.channel_id, render.build_hint(question), thread_ts=where.thread_ts)
        elif question is not None:
            asked_help = typed.normalise(text) in HELP_REQUESTS
            await self.post(
                where.channel_id, render.build_hint(question, asked_help=asked_help), thread_ts=where.thread_ts
            )
        elif typed.normalise(text) in HELP_REQUESTS:
            await self.post(where.channel_id, render.build_card_help(), thread_ts=where.thread_ts)
        # Once the card is up, chatter in the thread ("thanks!") gets no reply.

    async def _typed_lookup(self, where: Where, text: str) -> bool:
        """The slash command's lookups typed in the thread ("usecase cdc", a bare "compare"): answered in
        the thread as ``/msgchoice`` answers them.  "usecase cdc" asks what the guide says about CDC; read
        as the workload's facts it would answer questions for the team.  ``compare <topic>`` stays a
        follow-up (answered and counted for the digest)."""
        word, _, rest = " ".join(text.split()).partition(" ")
        word = word.lower().rstrip("?:")
        if word == "usecase":
            reply_text, blocks = self.followups.usecase_reply(rest)
        elif word == "compare" and not rest.strip(" ?!."):
            reply_text, blocks = self.followups.compare_reply("")
        else:
            return False
        await self.post(where.channel_id, reply_text, blocks, thread_ts=where.thread_ts)
        return True

    async def facts(
        self, where: Where, *, user_id: str, facts: Sequence[ParsedAnswer], conversation: Conversation
    ) -> bool:
        """Workload facts typed in the thread ("we have a platform team"): recorded like the description,
        in one transaction."""
        answered = state_of(conversation).answers
        fresh = [p for p in facts if answered.get(p.question) != p.value]
        if not fresh:
            return False
        expected = conversation.version
        async with self.deps.session_factory() as session:
            result, applied = await repo.apply_answers(
                session,
                team_id=where.team_id,
                conversation=conversation,
                answers=fresh,
                user_id=user_id,
                claim_next=True,
                status_after=self.status_after,
            )
        if not result.ok or result.conversation is None or not applied:
            return False
        after = result.conversation
        shown = OnScreen.of(after, expected, answered)
        answered_ts = None
        side: list[Awaitable[Any]] = []
        if shown.question_ts and shown.question_id in {a.question for a in applied}:
            item = next(a for a in applied if a.question == shown.question_id)
            side.append(
                self._mark_answered(where, shown.question_ts, self.kb.question(item.question), item.value, user_id)
            )
            answered_ts = shown.question_ts
        side.append(self.close_superseded(where, shown, note="Closed: an answer changed.", keep_ts=answered_ts))
        understood_text, understood_blocks = render.build_understood(
            after.id, after.version, applied, [], self.kb, source="that reply"
        )
        try:
            await self.post(where.channel_id, understood_text, understood_blocks, thread_ts=where.thread_ts)
        except BaseException:
            await self._release(where, after)
            for job in side:
                if asyncio.iscoroutine(job):
                    job.close()
            raise
        await self._show_claimed(where, after, also=side)
        return True


@dataclass(frozen=True)
class OnScreen:
    """What a conversation had live in Slack before a change (its open question, its card and the card's
    advice): a snapshot, since the step's ``UPDATE … RETURNING`` refreshes the row object in place."""

    question_ts: str | None
    question_id: str | None
    card_ts: str | None
    advice: dict[str, Any] | None
    team_id: str
    answers: dict[str, str]  # before the step: what a card without stored advice recommended from
    free_text: str | None = None  # the description those answers were read from

    @classmethod
    def of(cls, conversation: Conversation, version: int, answers: dict[str, str]) -> OnScreen:
        """What was live at ``version``, read from a row: the step's ``RETURNING`` row, whose pointers
        are the latest committed (a message recorded after it is closed by its poster instead).
        ``answers`` are the answers at ``version`` (the row holds the new state)."""
        fresh = conversation.advice_version == version
        # The pointers describe the message of ``shown_version``.  When it lags (the message of this
        # version is up but not recorded yet: a click quicker than that write), they point at a message
        # the step before already answered and updated; there is nothing else live to close.
        current = conversation.shown_version == version
        return cls(
            question_ts=conversation.question_ts if current else None,
            question_id=conversation.question_id if current else None,
            card_ts=conversation.card_ts if current else None,
            advice=dict(conversation.advice) if conversation.advice and fresh else None,
            team_id=conversation.team_id,
            answers=answers,
            free_text=conversation.free_text,
        )

