"""Decisions on the recommendation card: adopt, 'we chose something else', full comparison, ADR export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.advisor.advice import Advice
from bot.render import blocks as render
from bot.render.escape import escape
from bot.slack.services.base import SlackService, Where
from bot.store import repo
from bot.store.models import Conversation, Decision
from knowledge import Knowledge


class DecisionService(SlackService):
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
                f"Already recorded: {self.system_label(decision.chosen_system)} by <@{decision.decided_by}>.",
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
            f"Decision recorded: *{escape(self.system_label(chosen_system))}* (by <@{user_id}>). "
            "It shows in `/msgchoice history` and in the weekly digest.",
            thread_ts=where.thread_ts,
        )
        return True

    async def open_chose_other(
        self, where: Where, *, trigger_id: str, conversation_id: int, version: int, card_ts: str | None
    ) -> None:
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


def adr_markdown(decision: Decision | None, advice: Advice, conversation: Conversation, kb: Knowledge) -> str:
    """The ADR for a conversation: the recorded decision when there is one, else the advice as a proposal."""
    from bot.render.adr import render_adr

    record: Decision | Proposal = decision or Proposal(
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
    return render_adr(record, free_text=conversation.free_text, kb=kb)
