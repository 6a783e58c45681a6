"""The question flow of a conversation thread: start, answer, Back/Restart, Change, typed replies."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession

from bot import logs
from bot.advisor.advice import ParsedAnswer
from bot.advisor.machine import UNSURE, AdvisorState, Source, ask_also, next_question
from bot.render import blocks as render
from bot.render.blocks import policy as policy_blocks
from bot.render.escape import escape
from bot.slack import text as typed
from bot.slack.services.base import Deps, SlackService, Where, state_of
from bot.slack.services.followups import FollowupService
from bot.store import repo, screen
from bot.store.models import Conversation

log = logging.getLogger(__name__)


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
        """Post the root message, store the conversation, show what the text said, ask the next question."""
        free_text = (text or "").strip() or None
        root_text, root_blocks = render.build_root_message(user_id, free_text)
        thread_ts = await self.post(channel_id, root_text, root_blocks)
        where = Where(team_id, channel_id, thread_ts)

        parsed = []
        ambiguous = []
        if free_text:
            from bot.advisor.parse import parse

            result = parse(free_text)
            parsed, ambiguous = list(result.answers), list(result.ambiguous)

        async with self.deps.session_factory() as session:
            conversation = await repo.start_conversation(
                session,
                team_id=team_id,
                channel_id=channel_id,
                thread_ts=thread_ts,
                started_by=user_id,
                free_text=free_text,
                state=ask_also(AdvisorState(), [a.question for a in ambiguous]),
            )
            conversation, _ = await apply_parsed(session, team_id, conversation, parsed, user_id)
            await session.commit()
        logs.bind(conversation_id=conversation.id)

        if free_text:
            understood_text, understood_blocks = render.build_understood(
                conversation.id, conversation.version, parsed, ambiguous, self.kb
            )
            await self.post(channel_id, understood_text, understood_blocks, thread_ts=thread_ts)
        await self.advance(where, conversation)
        return where

    # ------------------------------------------------------------------ what is on screen

    async def advance(self, where: Where, conversation: Conversation) -> None:
        """Show what follows the conversation's version: the next question, or the card.  Idempotent:
        the message is posted once however many clicks, retries or replicas call this."""
        await self.ensure_shown(where, conversation, repair=False)

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
        try:
            if repair:
                await self._close_stale(where, conversation)
            await self._show(where, conversation)
        except BaseException:
            async with self.deps.session_factory() as session:
                await screen.release_showing(
                    session, team_id=where.team_id, conversation_id=conversation.id, version=version
                )
            raise
        return True

    async def _show(self, where: Where, conversation: Conversation) -> None:
        state = state_of(conversation)
        question = next_question(state, self.kb)
        if question is not None:
            text, blocks = render.build_question(
                conversation.id, conversation.version, question, can_go_back=bool(state.steps)
            )
            ts = await self.post(where.channel_id, text, blocks, thread_ts=where.thread_ts)
            async with self.deps.session_factory() as session:
                await screen.mark_shown(
                    session,
                    team_id=where.team_id,
                    conversation_id=conversation.id,
                    version=conversation.version,
                    question_ts=ts,
                    question_id=question.id,
                    card_ts=None,
                    status="active",
                )
            return
        advice = await self.advice_for(conversation)
        extras, buttons = policy_blocks.card_additions(advice, self.kb, conversation.id)
        text, blocks = render.build_recommendation(
            conversation.id, conversation.version, advice, self.kb, extras=extras, extra_buttons=buttons
        )
        async with self.deps.session_factory() as session:  # recommended from the moment the card goes out
            await repo.set_status(session, team_id=where.team_id, conversation_id=conversation.id, status="recommended")
        ts = await self.post(where.channel_id, text, blocks, thread_ts=where.thread_ts)
        async with self.deps.session_factory() as session:
            await screen.mark_shown(
                session,
                team_id=where.team_id,
                conversation_id=conversation.id,
                version=conversation.version,
                question_ts=None,
                question_id=None,
                card_ts=ts,
                status="recommended",
            )

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
            advice = await self.advice_for(conversation)
            text, blocks = render.build_closed_card(
                f"Recommendation: {advice.recommendation_name}", "Closed: answers changed."
            )
            await self._quiet_update(where.channel_id, conversation.card_ts, text, blocks)

    async def close_superseded(
        self, where: Where, before: Conversation, *, note: str, keep_ts: str | None = None
    ) -> None:
        """Close every live message of the state ``before`` a change (its open question, its card),
        except ``keep_ts`` (the clicked message, updated by the caller)."""
        if before.question_ts and before.question_id and before.question_ts != keep_ts:
            try:
                question = self.kb.question(before.question_id)
            except KeyError:
                question = None
            if question is not None:
                text, blocks = render.build_superseded(question, note)
                await self._quiet_update(where.channel_id, before.question_ts, text, blocks)
        if before.card_ts and before.card_ts != keep_ts:
            advice = await self.advice_for(before)
            text, blocks = render.build_closed_card(f"Recommendation: {advice.recommendation_name}", note)
            await self._quiet_update(where.channel_id, before.card_ts, text, blocks)

    async def _quiet_update(self, channel: str, ts: str, text: str, blocks: Sequence[Block]) -> None:
        """chat.update of an older message; a message deleted in Slack is no reason to fail the click."""
        try:
            await self.update(channel, ts, text, blocks)
        except SlackApiError as exc:
            log.info("could not close message %s: %s", ts, exc.response.get("error"))

    async def point_to_open(self, where: Where, user_id: str, conversation: Conversation | None) -> None:
        """A click on a closed card: say which question is open now, with a link (re-posting it if needed)."""
        if conversation is None:
            return
        if screen.is_stranded(conversation):
            await self.ensure_shown(where, conversation)
            conversation = await self.reload(where, conversation.id) or conversation
        if conversation.status == "decided":
            note = "That card is closed: this conversation's decision is recorded. `/msgchoice` starts a new one."
        elif conversation.question_ts and conversation.question_id:
            link = await self.link_to(where.channel_id, conversation.question_ts)
            note = render.build_open_question_pointer(self.kb.question(conversation.question_id).text, link)
        elif conversation.card_ts:
            link = await self.link_to(where.channel_id, conversation.card_ts)
            note = "That card is closed. The recommendation is up" + (f": <{link}|see it>." if link else ".")
        else:
            note = "That card is closed; the latest message in the thread is the live one."
        await self.ephemeral(where, where.channel_id, user_id, note)

    async def link_to(self, channel_id: str, ts: str) -> str | None:
        try:
            response = await self.client.chat_getPermalink(channel=channel_id, message_ts=ts)
            return str(response["permalink"])
        except SlackApiError:
            return None

    async def reload(self, where: Where, conversation_id: int) -> Conversation | None:
        async with self.deps.session_factory() as session:
            return await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)

    # ------------------------------------------------------------------ answering

    async def answer(
        self,
        where: Where,
        *,
        conversation_id: int,
        expected_version: int,
        question_id: str,
        value: str,
        user_id: str,
        source: Source,
        message_ts: str | None = None,
        text: str | None = None,
    ) -> bool:
        """Record one answer; False (and an ephemeral note pointing at the open question) when stale."""
        try:
            question = self.kb.question(question_id)
            if value != UNSURE and question.answer(value) is None:
                raise KeyError(value)
        except KeyError:
            await self.ephemeral(where, where.channel_id, user_id, "That answer is not one I know; try again.")
            return False
        async with self.deps.session_factory() as session:
            before = await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)
            result = await repo.apply_answer(
                session,
                team_id=where.team_id,
                conversation_id=conversation_id,
                expected_version=expected_version,
                question=question_id,
                value=value,
                source=source,
                user_id=user_id,
                text=text,
            )
            await session.commit()
        if not result.ok or result.conversation is None or before is None:
            await self.point_to_open(where, user_id, result.conversation)
            return False
        if message_ts is None and before.question_id == question_id:
            message_ts = before.question_ts
        if message_ts is not None:
            who = await self.display_name(where.team_id, user_id)
            done_text, done_blocks = render.build_answered(question, value, who)
            await self._quiet_update(where.channel_id, message_ts, done_text, done_blocks)
        await self.close_superseded(where, before, note="Closed: an answer changed.", keep_ts=message_ts)
        await self.advance(where, result.conversation)
        return True

    async def navigate(
        self,
        where: Where,
        *,
        action: str,
        conversation_id: int,
        expected_version: int,
        user_id: str,
        message_ts: str | None = None,
    ) -> bool:
        """Back or Restart.  Back names the answer it removed; with nothing to undo it says so."""
        async with self.deps.session_factory() as session:
            before = await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)
            if before is not None and before.status == "decided":
                result = None
            elif action == "back":
                result = await repo.undo(
                    session,
                    team_id=where.team_id,
                    conversation_id=conversation_id,
                    expected_version=expected_version,
                    user_id=user_id,
                )
            else:
                result = await repo.restart_conversation(
                    session,
                    team_id=where.team_id,
                    conversation_id=conversation_id,
                    expected_version=expected_version,
                    user_id=user_id,
                )
            await session.commit()
        if before is None:
            return False
        if result is None:
            await self.ephemeral(
                where, where.channel_id, user_id,
                "This conversation's decision is recorded, so its answers stay. `/msgchoice` starts a new one.",
            )
            return False
        if result.reason == "nothing_to_undo":
            await self.ephemeral(
                where, where.channel_id, user_id, "Nothing to undo yet: no question has been answered."
            )
            return False
        if not result.ok or result.conversation is None:
            await self.point_to_open(where, user_id, result.conversation)
            return False
        who = await self.display_name(where.team_id, user_id)
        if action == "back" and result.event is not None and result.event.question:
            undone = self._answer_text(result.event.question, result.event.value)
            note = f"↩️ {who} went back: removed {undone}."
        else:
            note = f"🔄 {who} restarted: every answer was removed."
        await self.close_superseded(where, before, note=note)
        await self.post(where.channel_id, note, render.build_notice(escape(note)), thread_ts=where.thread_ts)
        await self.advance(where, result.conversation)
        return True

    def _answer_text(self, question_id: str, value: str | None) -> str:
        """“Yes” for “Need message persistence?”"""
        try:
            question = self.kb.question(question_id)
        except KeyError:
            return f"the answer to {question_id}"
        label = render.answer_label(question, value or "")
        return f"“{label}” for “{question.guide_label or question.text}”"

    async def change(self, where: Where, *, conversation_id: int, question_id: str, user_id: str) -> None:
        """Change an answer (read from the description or given earlier): it is removed and asked again.

        Every card the change supersedes is closed (the open question, the
        recommendation card: the conversation is re-opened explicitly).
        """
        async with self.deps.session_factory() as session:
            before = await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)
            if before is None:
                return
            if before.status == "decided":
                result = None
            else:
                result = await repo.retract(
                    session,
                    team_id=where.team_id,
                    conversation_id=conversation_id,
                    expected_version=before.version,
                    question=question_id,
                    user_id=user_id,
                )
            await session.commit()
        if result is None:
            await self.ephemeral(
                where, where.channel_id, user_id,
                "This conversation's decision is recorded, so its answers stay. `/msgchoice` starts a new one.",
            )
            return
        if result.reason == "nothing_to_undo":
            # Not answered (any more): it is asked when its turn comes; show where things are.
            await self.point_to_open(where, user_id, result.conversation)
            return
        if not result.ok or result.conversation is None:
            await self.point_to_open(where, user_id, result.conversation)
            return
        who = await self.display_name(where.team_id, user_id)
        undone = self._answer_text(question_id, result.event.value if result.event else None)
        reopened = " The recommendation is withdrawn until it is answered." if before.card_ts else ""
        note = f"✏️ {who} is changing {undone}.{reopened}"
        await self.close_superseded(where, before, note=f"Closed: {who} is changing an earlier answer.")
        await self.post(where.channel_id, note, render.build_notice(escape(note)), thread_ts=where.thread_ts)
        await self.advance(where, result.conversation)

    # ------------------------------------------------------------------ typed replies

    async def reply(self, where: Where, *, user_id: str, text: str, conversation: Conversation) -> None:
        """A message typed in a conversation thread: an answer, back/restart, a follow-up, facts or a hint."""
        if typed.mentions_other(text, self.bot_user_id):
            return  # people talking to each other
        text = typed.strip_mentions(text)
        if not text:
            return
        from bot.advisor.replies import interpret

        if screen.is_stranded(conversation):
            # The open question never reached Slack (a crash, a failed post): show it first.
            await self.ensure_shown(where, conversation)
            conversation = await self.reload(where, conversation.id) or conversation
        question = next_question(state_of(conversation), self.kb) if conversation.status == "active" else None
        meant = interpret(text, question, kb=self.kb)
        if meant.kind in ("back", "restart"):
            await self.navigate(
                where,
                action=meant.kind,
                conversation_id=conversation.id,
                expected_version=conversation.version,
                user_id=user_id,
            )
        elif question is not None and meant.kind == "answer" and any(f.question != question.id for f in meant.facts):
            # "yes, and we have a platform team": the answer and the other facts, shown back together
            await self.facts(where, user_id=user_id, facts=meant.facts, conversation=conversation)
        elif question is not None and meant.kind in ("answer", "unsure"):
            await self.answer(
                where,
                conversation_id=conversation.id,
                expected_version=conversation.version,
                question_id=question.id,
                value=UNSURE if meant.kind == "unsure" else str(meant.value),
                user_id=user_id,
                source="typed",
                text=text,
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
            await self.post(where.channel_id, render.build_hint(question), thread_ts=where.thread_ts)
        # Once the card is up, chatter in the thread ("thanks!") gets no reply.

    async def facts(
        self, where: Where, *, user_id: str, facts: Sequence[ParsedAnswer], conversation: Conversation
    ) -> bool:
        """Workload facts typed in the thread ("we have a platform team"): recorded like the description."""
        answered = state_of(conversation).answers
        fresh = [p for p in facts if answered.get(p.question) != p.value]
        if not fresh:
            return False
        before = conversation
        async with self.deps.session_factory() as session:
            conversation, applied = await apply_parsed(session, where.team_id, conversation, fresh, user_id)
            await session.commit()
        if not applied:
            return False
        answered_ts = None
        if before.question_ts and before.question_id in {a.question for a in applied}:
            item = next(a for a in applied if a.question == before.question_id)
            who = await self.display_name(where.team_id, user_id)
            done_text, done_blocks = render.build_answered(self.kb.question(item.question), item.value, who)
            await self._quiet_update(where.channel_id, before.question_ts, done_text, done_blocks)
            answered_ts = before.question_ts
        await self.close_superseded(where, before, note="Closed: an answer changed.", keep_ts=answered_ts)
        understood_text, understood_blocks = render.build_understood(
            conversation.id, conversation.version, applied, [], self.kb
        )
        await self.post(where.channel_id, understood_text, understood_blocks, thread_ts=where.thread_ts)
        await self.advance(where, conversation)
        return True


async def apply_parsed(
    session: AsyncSession, team_id: str, conversation: Conversation, items: Sequence[ParsedAnswer], user_id: str
) -> tuple[Conversation, list[ParsedAnswer]]:
    """Record answers read from text, one optimistic step each; returns the conversation and what was applied."""
    applied = []
    for item in items:
        outcome = await repo.apply_answer(
            session,
            team_id=team_id,
            conversation_id=conversation.id,
            expected_version=conversation.version,
            question=item.question,
            value=item.value,
            source="parsed",
            user_id=user_id,
            span=item.span,
            text=item.text,
        )
        if outcome.ok and outcome.conversation is not None:
            conversation = outcome.conversation
            applied.append(item)
    return conversation, applied
