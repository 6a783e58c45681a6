"""The conversation flow behind the Slack listeners.

Listeners ack, pick the fields they need out of Slack's payload and call one
method here; this module calls the advisor, the store and the renderers and
talks to the Web API through the ``AsyncWebClient`` it is given.  All state is
in the database: any process (a restarted one, another replica) continues any
thread, and the conversation version carried in every button makes a double
click or a concurrent answer record once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.advisor.advice import Advice, ParsedAnswer, RowCitation
from bot.advisor.engine import cite
from bot.advisor.machine import UNSURE, AdvisorState, Source, ask_also, next_question
from bot.render import blocks as render
from bot.render.escape import escape, quote
from bot.slack import text as typed
from knowledge import Knowledge
from knowledge import load as load_knowledge

log = logging.getLogger(__name__)

NOT_IN_CHANNEL_ERRORS = {"not_in_channel", "channel_not_found", "is_archived"}


class NotInChannel(Exception):
    """The app cannot post in the channel (a private channel it was not invited to …)."""

    def __init__(self, channel_id: str, error: str) -> None:
        super().__init__(f"cannot post in {channel_id}: {error}")
        self.channel_id = channel_id
        self.error = error


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

    @classmethod
    def create(cls, session_factory: async_sessionmaker[AsyncSession], kb: Knowledge | None = None) -> Deps:
        return cls(session_factory=session_factory, kb=kb or load_knowledge())


class Flow:
    """One request's view of the conversation service: the dependencies plus the request's client."""

    def __init__(self, deps: Deps, client: AsyncWebClient, *, bot_user_id: str | None = None) -> None:
        self.deps = deps
        self.kb = deps.kb
        self.client = client
        self.bot_user_id = bot_user_id

    # ------------------------------------------------------------------ Slack helpers

    async def post(
        self, channel: str, text: str, blocks: Sequence[Block] | None = None, *, thread_ts: str | None = None
    ) -> str:
        """chat.postMessage; returns the message ts.  Raises NotInChannel for channels the app is not in."""
        try:
            response = await self.client.chat_postMessage(
                channel=channel,
                text=text,
                blocks=render.to_payload(blocks) if blocks else None,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            error = str(exc.response.get("error", ""))
            if error in NOT_IN_CHANNEL_ERRORS:
                raise NotInChannel(channel, error) from exc
            raise
        return str(response["ts"])

    async def update(self, channel: str, ts: str, text: str, blocks: Sequence[Block]) -> None:
        await self.client.chat_update(channel=channel, ts=ts, text=text, blocks=render.to_payload(blocks))

    async def ephemeral(self, where: Where | None, channel: str, user: str, text: str) -> None:
        await self.client.chat_postEphemeral(
            channel=channel, user=user, text=text, thread_ts=where.thread_ts if where else None
        )

    async def where_of(self, team_id: str, conversation_id: int) -> tuple[Where, Any] | None:
        """Where a stored conversation lives, and the conversation; None when unknown to this team."""
        from bot.store import repo

        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation(session, team_id=team_id, conversation_id=conversation_id)
        if conversation is None or not conversation.channel_id or not conversation.thread_ts:
            return None
        return Where(team_id, conversation.channel_id, conversation.thread_ts), conversation

    # ------------------------------------------------------------------ starting

    async def start(self, *, team_id: str, channel_id: str, user_id: str, text: str | None) -> Where:
        """Post the root message, store the conversation, show what the text said, ask the next question."""
        from bot.store import repo

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

    async def advance(self, where: Where, conversation: Any) -> None:
        """Ask the next question, or post the recommendation card when there is none left."""
        state = AdvisorState.model_validate(conversation.state or {})
        question = next_question(state, self.kb)
        from bot.store import repo

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

    def advice_for(self, conversation: Any) -> Advice:
        from bot.advisor.engine import advise

        state = AdvisorState.model_validate(conversation.state or {})
        return advise(state.answers, kb=self.kb)

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
        from bot.store import repo

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
        from bot.store import repo

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
        from bot.store import repo

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
        from bot.store import repo

        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation_by_thread(
                session, team_id=where.team_id, channel_id=where.channel_id, thread_ts=where.thread_ts
            )
        if conversation is None or not conversation.question_ts or not conversation.question_id:
            return None
        return conversation.question_ts, conversation.question_id

    # ------------------------------------------------------------------ typed replies

    async def reply(self, where: Where, *, user_id: str, text: str, conversation: Any) -> None:
        """A message typed in a conversation thread: an answer, back/restart, a follow-up, facts or a hint."""
        if typed.mentions_other(text, self.bot_user_id):
            return  # people talking to each other
        text = typed.strip_mentions(text)
        if not text:
            return
        from bot.advisor.replies import interpret

        state = AdvisorState.model_validate(conversation.state or {})
        question = next_question(state, self.kb) if conversation.status == "active" else None
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
            await self.followup(where, user_id=user_id, text=text, conversation_id=conversation.id)
        elif meant.kind == "facts" and conversation.status in ("active", "recommended"):
            if not await self.facts(where, user_id=user_id, facts=meant.facts, conversation=conversation):
                await self.post(where.channel_id, render.build_hint(question), thread_ts=where.thread_ts)
        elif question is not None:
            await self.post(where.channel_id, render.build_hint(question), thread_ts=where.thread_ts)
        # Once the card is up, chatter in the thread ("thanks!") gets no reply.

    async def facts(self, where: Where, *, user_id: str, facts: Sequence[ParsedAnswer], conversation: Any) -> bool:
        """Workload facts typed in the thread ("we have a platform team"): recorded like the description."""

        answered = state_answers(conversation)
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

    async def followup(self, where: Where, *, user_id: str, text: str, conversation_id: int | None) -> None:
        """Answer a question about the systems from the knowledge, and record it for the digest."""
        from bot.advisor.followup import answer_followup
        from bot.store import repo

        answer = answer_followup(text)
        if answer is None:
            await self.post(where.channel_id, render.build_hint(None), thread_ts=where.thread_ts)
            return
        reply_text, reply_blocks = render.build_followup(answer, self.kb)
        await self.post(where.channel_id, reply_text, reply_blocks, thread_ts=where.thread_ts)
        async with self.deps.session_factory() as session:
            await repo.record_followup(
                session,
                team_id=where.team_id,
                conversation_id=conversation_id,
                user_id=user_id,
                question_text=text,
                topic=answer.topic,
                covered=answer.covered,
            )
            await session.commit()

    # ------------------------------------------------------------------ decisions

    async def decide(
        self,
        where: Where,
        *,
        conversation_id: int,
        version: int,
        chosen_system: str,
        rationale: str,
        user_id: str,
        card_ts: str | None,
    ) -> bool:
        """Record the team's decision once per card (a double click or a retry records one)."""
        from bot.store import repo

        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)
            if conversation is None:
                return False
            advice = self.advice_for(conversation)
            decision, created = await repo.record_decision(
                session,
                team_id=where.team_id,
                idempotency_key=f"decision:{conversation_id}:{version}",
                conversation_id=conversation_id,
                advice=advice,
                chosen_system=chosen_system,
                rationale=rationale,
                decided_by=user_id,
            )
            await session.commit()
        if not created:
            await self.ephemeral(
                where,
                where.channel_id,
                user_id,
                f"Already recorded: {self._name(decision.chosen_system)} by <@{decision.decided_by}>.",
            )
            return False
        card_text, card_blocks = render.build_decided_card(
            advice,
            self.kb,
            chosen_system=chosen_system,
            decided_by=user_id,
            rationale=rationale or None,
            conversation_id=conversation_id,
        )
        if card_ts:
            await self.update(where.channel_id, card_ts, card_text, card_blocks)
        await self.post(
            where.channel_id,
            f"Decision recorded: *{escape(self._name(chosen_system))}* (by <@{user_id}>). "
            "It shows in `/msgchoice history` and in the weekly digest.",
            thread_ts=where.thread_ts,
        )
        return True

    def _name(self, system_id: str) -> str:
        try:
            return self.kb.system(system_id).name
        except KeyError:
            return system_id

    async def open_chose_other(
        self, where: Where, *, trigger_id: str, conversation_id: int, version: int, card_ts: str | None
    ) -> None:
        from bot.store import repo

        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)
        if conversation is None:
            return
        advice = self.advice_for(conversation)
        metadata = render.encode_value(
            c=conversation_id,
            v=version,
            ch=where.channel_id,
            t=where.thread_ts,
            m=card_ts,
            team=where.team_id,
        )
        view = render.build_chose_other_modal(conversation_id, advice.recommendation, self.kb, metadata)
        await self.client.views_open(trigger_id=trigger_id, view=render.view_payload(view))

    async def post_comparison(self, where: Where) -> None:
        for text, blocks in render.build_comparison(self.kb):
            await self.post(where.channel_id, text, blocks, thread_ts=where.thread_ts)

    async def export_adr(self, where: Where, *, conversation_id: int, user_id: str) -> None:
        """Post the Markdown decision record into the thread (as a code block, to copy into a repo)."""
        from bot.store import repo

        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)
            if conversation is None:
                return
            decisions = await repo.history(session, team_id=where.team_id, limit=500)
        decision = next((d for d in decisions if d.conversation_id == conversation_id), None)
        markdown = adr_markdown(decision, self.advice_for(conversation), conversation, self.kb)
        chunks = split_code(markdown, 2800)
        blocks = [render.mrkdwn_section(f"```\n{escape(chunk)}\n```") for chunk in chunks[:40]]
        blocks.insert(0, render.mrkdwn_section(f"Architecture decision record (requested by <@{user_id}>):"))
        await self.post(where.channel_id, "Architecture decision record (Markdown)", blocks, thread_ts=where.thread_ts)

    # ------------------------------------------------------------------ lookups, history, home

    async def decision_lines(
        self, team_id: str, *, system: str | None = None, text: str | None = None, limit: int = 20
    ) -> list[render.DecisionLine]:
        from bot.store import repo

        async with self.deps.session_factory() as session:
            decisions = await repo.history(session, team_id=team_id, system=system, text=text, limit=limit)
            lines = []
            for d in decisions:
                link = None
                if d.conversation_id is not None:
                    conversation = await repo.get_conversation(
                        session, team_id=team_id, conversation_id=d.conversation_id
                    )
                    if conversation is not None and conversation.thread_ts and conversation.channel_id:
                        link = await self.permalink(conversation.channel_id, conversation.thread_ts)
                lines.append(
                    render.DecisionLine(
                        system=d.chosen_system,
                        recommended=d.recommended_system,
                        decided_by=d.decided_by,
                        decided_at=d.created_at,
                        rationale=d.rationale or None,
                        link=link,
                    )
                )
        return lines

    async def permalink(self, channel_id: str, ts: str) -> str | None:
        if channel_id == "cli":
            return None
        try:
            response = await self.client.chat_getPermalink(channel=channel_id, message_ts=ts)
            return str(response["permalink"])
        except SlackApiError:
            return f"https://slack.com/archives/{channel_id}/p{ts.replace('.', '')}"

    async def history_reply(self, team_id: str, argument: str) -> tuple[str, list[Block]]:
        argument = argument.strip()
        system = self.system_from(argument) if argument else None
        lines = await self.decision_lines(
            team_id, system=system, text=None if system or not argument else argument, limit=20
        )
        title = "Recent decisions" + (f" matching {quote(argument)}" if argument else "")
        return render.build_history(lines, self.kb, title=title)

    def system_from(self, word: str) -> str | None:
        norm = typed.normalise(word).replace(" ", "-")
        for system in self.kb.systems:
            if norm in (system.id, typed.normalise(system.name).replace(" ", "-")):
                return system.id
        aliases = {
            "jetstream": "nats-jetstream",
            "nats": "nats-core",
            "core": "nats-core",
            "nats+kafka": "hybrid",
        }
        return aliases.get(norm)

    def compare_reply(self, topic: str) -> tuple[str, list[Block]]:
        if not topic.strip():
            topics = ", ".join(t.title for t in self.kb.tables if t.kind == "comparison")
            return render.build_help(
                note=f"Name a topic to compare, e.g. `/msgchoice compare latency`. Tables: {topics}"
            )
        from knowledge.search import search

        rows = [as_citation(r) for r in search(topic)][:12]
        return render.build_rows_reply(
            f"What the guide says about {topic}",
            rows,
            self.kb,
            f"The guide has nothing on {quote(topic)}. Try `/msgchoice help` for the topics it covers.",
        )

    def usecase_reply(self, name: str) -> tuple[str, list[Block]]:
        table = next((t for t in self.kb.tables if t.kind == "usecase"), None)
        if table is None:
            return render.build_help(note="The use-case matrix is not available.")
        wanted = typed.normalise(name)
        if not wanted:
            names = ", ".join(f"`{r.id}`" for r in table.rows)
            return render.build_help(note=f"Name a use case, e.g. `/msgchoice usecase cdc`. Use cases: {names}")
        matches = [
            r
            for r in table.rows
            if wanted in (r.id, typed.normalise(r.topic), *(typed.normalise(a) for a in r.aliases))
        ] or [r for r in table.rows if wanted in typed.normalise(r.topic) or wanted in r.id]
        rows = [
            cite(table, r)
            for r in matches
        ]
        names = ", ".join(f"`{r.id}`" for r in table.rows)
        return render.build_rows_reply(
            f"Use case: {name}", rows, self.kb, f"No use case matches {quote(name)}. Known use cases: {names}"
        )

    async def publish_home(self, team_id: str, user_id: str) -> None:
        lines = await self.decision_lines(team_id, limit=10)
        view = render.build_home(lines, self.kb, await self.home_digest_section(team_id))
        await self.client.views_publish(user_id=user_id, view=render.view_payload(view))

    async def home_digest_section(self, team_id: str) -> list[Block]:
        """The team's digest settings and last run (with its Slack error, if any) for the Home tab."""
        from datetime import UTC, datetime

        from bot.digest.service import home_status

        async with self.deps.session_factory() as session:
            status = await home_status(session, team_id=team_id, now=datetime.now(UTC))
        return render.build_home_digest_section(status)


# ---------------------------------------------------------------------- small pure helpers


async def apply_parsed(
    session: Any, team_id: str, conversation: Any, items: Sequence[ParsedAnswer], user_id: str
) -> tuple[Any, list[ParsedAnswer]]:
    """Record answers read from text, one optimistic step each; returns the conversation and what was applied."""
    from bot.store import repo

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


def state_answers(conversation: Any) -> dict[str, str]:
    return AdvisorState.model_validate(conversation.state or {}).answers


def as_citation(match: Any) -> RowCitation:
    """A search hit (``knowledge.search.Match``: table + row) as a citation."""
    if isinstance(match, RowCitation):
        return match
    return cite(match.table, match.row)


def split_code(text: str, size: int) -> list[str]:
    """Split text at line ends into pieces of at most ``size`` characters."""
    pieces: list[str] = []
    current = ""
    for line in text.splitlines():
        while len(line) > size:
            pieces.append(line[:size])
            line = line[size:]
        if len(current) + len(line) + 1 > size:
            pieces.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        pieces.append(current)
    return pieces


@dataclass
class Proposal:
    """A decision not taken yet, in the shape ``bot.render.adr`` reads: the ADR of the advice, 'proposed'."""

    id: int
    team_id: str
    recommended_system: str
    chosen_system: str
    rationale: str
    decided_by: str
    knowledge_version: str
    confidence: float
    advice: dict[str, Any]
    created_at: datetime


def adr_markdown(decision: Any, advice: Advice, conversation: Any, kb: Knowledge) -> str:
    """The ADR for a conversation: the recorded decision when there is one, else the advice as a proposal."""
    from bot.render.adr import render_adr

    if decision is None:
        decision = Proposal(
            id=0,
            team_id=conversation.team_id,
            recommended_system=advice.recommendation,
            chosen_system=advice.recommendation,
            rationale="Proposed: no decision recorded yet.",
            decided_by=conversation.started_by,
            knowledge_version=advice.knowledge_version,
            confidence=advice.confidence,
            advice=advice.model_dump(mode="json"),
            created_at=datetime.now(UTC),
        )
    return render_adr(decision, free_text=conversation.free_text, kb=kb)


__all__ = ["Deps", "Flow", "NotInChannel", "Where"]
