"""The question flow of a conversation thread: start, answer, Back/Restart, Change, typed replies."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession

from bot.advisor.advice import ParsedAnswer
from bot.advisor.machine import UNSURE, AdvisorState, Source, ask_also, next_question
from bot.render import blocks as render
from bot.slack import text as typed
from bot.slack.services.base import Deps, SlackService, Where, state_of
from bot.slack.services.followups import FollowupService
from bot.store import repo
from bot.store.models import Conversation


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

        if free_text:
            understood_text, understood_blocks = render.build_understood(
                conversation.id, conversation.version, parsed, ambiguous, self.kb
            )
            await self.post(channel_id, understood_text, understood_blocks, thread_ts=thread_ts)
        await self.advance(where, conversation)
        return where

    # ------------------------------------------------------------------ answering

    async def advance(self, where: Where, conversation: Conversation) -> None:
        """Ask the next question, or post the recommendation card when there is none left."""
        question = next_question(state_of(conversation), self.kb)
        if question is not None:
            text, blocks = render.build_question(conversation.id, conversation.version, question)
            ts = await self.post(where.channel_id, text, blocks, thread_ts=where.thread_ts)
            async with self.deps.session_factory() as session:
                await repo.set_open_question(
                    session, team_id=where.team_id, conversation_id=conversation.id, message_ts=ts,
                    question_id=question.id,
                )
            return
        advice = self.advice_for(conversation)

        async with self.deps.session_factory() as session:
            await repo.set_open_question(
                session, team_id=where.team_id, conversation_id=conversation.id, message_ts=None, question_id=None
            )
            await repo.set_status(session, team_id=where.team_id, conversation_id=conversation.id, status="recommended")
            await session.commit()
        text, blocks = render.build_recommendation(conversation.id, conversation.version, advice, self.kb)
        await self.post(where.channel_id, text, blocks, thread_ts=where.thread_ts)

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
        """Record one answer; False (and an ephemeral note) when the step was already answered."""
        try:
            question = self.kb.question(question_id)
            if value != UNSURE and question.answer(value) is None:
                raise KeyError(value)
        except KeyError:
            await self.ephemeral(where, where.channel_id, user_id, "That answer is not one I know; try again.")
            return False
        async with self.deps.session_factory() as session:
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
        if not result.ok or result.conversation is None:
            await self.ephemeral(
                where,
                where.channel_id,
                user_id,
                "That question was already answered — see the latest message in the thread.",
            )
            return False
        if message_ts is None:
            message_ts = await self.find_question_message(where, question_id)
        if message_ts is not None:
            done_text, done_blocks = render.build_answered(question, value, user_id)
            await self.update(where.channel_id, message_ts, done_text, done_blocks)
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
        """Back or Restart; the clicked (or current) question message loses its buttons."""
        async with self.deps.session_factory() as session:
            if action == "back":
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
        if not result.ok or result.conversation is None:
            await self.ephemeral(
                where, where.channel_id, user_id, "Someone answered in the meantime — see the latest message."
            )
            return False
        if message_ts is None:
            message_ts = await self.find_question_message(where, None)
        note = "went back" if action == "back" else "restarted"
        if message_ts is not None:
            await self.update(
                where.channel_id,
                message_ts,
                f"{note} by <@{user_id}>",
                render.build_notice(f"_{'↩️ Went back' if action == 'back' else '🔄 Restarted'} by <@{user_id}>_"),
            )
        elif action == "restart":
            await self.post(where.channel_id, f"Restarted by <@{user_id}>", thread_ts=where.thread_ts)
        await self.advance(where, result.conversation)
        return True

    async def change(self, where: Where, *, conversation_id: int, question_id: str, user_id: str) -> None:
        """Re-ask a question whose answer was read from the description."""
        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)
        if conversation is None:
            return
        question = self.kb.question(question_id)
        text, blocks = render.build_question(conversation.id, conversation.version, question)
        await self.post(where.channel_id, text, blocks, thread_ts=where.thread_ts)

    async def find_question_message(self, where: Where, question_id: str | None) -> str | None:
        """The ts of the latest question message in the thread that still has buttons (for typed answers)."""
        found = await self.open_question_message(where)
        if found is None or (question_id is not None and found[1] != question_id):
            return None
        return found[0]

    async def open_question_message(self, where: Where) -> tuple[str, str] | None:
        """(ts, question id) of the thread's open question message, as remembered when it was posted."""
        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation_by_thread(
                session, team_id=where.team_id, channel_id=where.channel_id, thread_ts=where.thread_ts
            )
        if conversation is None or not conversation.question_ts or not conversation.question_id:
            return None
        return conversation.question_ts, conversation.question_id

    # ------------------------------------------------------------------ typed replies

    async def reply(self, where: Where, *, user_id: str, text: str, conversation: Conversation) -> None:
        """A message typed in a conversation thread: an answer, back/restart, a follow-up, facts or a hint."""
        if typed.mentions_other(text, self.bot_user_id):
            return  # people talking to each other
        text = typed.strip_mentions(text)
        if not text:
            return
        from bot.advisor.replies import interpret

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
            await self.followups.followup(where, user_id=user_id, text=text, conversation_id=conversation.id)
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
        async with self.deps.session_factory() as session:
            conversation, applied = await apply_parsed(session, where.team_id, conversation, fresh, user_id)
            await session.commit()
        if not applied:
            return False
        open_message = await self.open_question_message(where)
        if open_message is not None and open_message[1] in {a.question for a in applied}:
            item = next(a for a in applied if a.question == open_message[1])
            done_text, done_blocks = render.build_answered(self.kb.question(item.question), item.value, user_id)
            await self.update(where.channel_id, open_message[0], done_text, done_blocks)
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
