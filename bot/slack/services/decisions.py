"""Decisions on the recommendation card: adopt, 'we chose something else', full comparison, ADR export."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_sdk.errors import SlackApiError
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.advisor.advice import Advice
from bot.render import blocks as render
from bot.render.escape import escape
from bot.slack.services.base import (
    NotInChannel,
    SlackService,
    Where,
    raising_not_in_channel,
    state_of,
    stored_advice,
    unsure_of,
    where_of_row,
)
from bot.store import repo
from bot.store.models import Conversation, Decision
from knowledge import Knowledge

log = logging.getLogger(__name__)


class DecisionService(SlackService):
    async def decide(
        self,
        team_id: str,
        *,
        conversation_id: int,
        version: int,
        chosen_system: str,
        rationale: str,
        user_id: str,
        card_ts: str | None,
    ) -> bool | None:
        """Record the team's decision once per card (a double click or a retry records one); True when
        this call recorded it, None when the conversation is not this team's.

        One transaction: the conversation (within the requesting team), the advice
        its card showed (stored with it; computed and stored if it is not), the
        decision.  Then the card's update, the confirmation and the thread's
        permalink go out together.  The card of an earlier ``version`` (closed: an
        answer changed after it) records nothing; the person is told where the live
        message is.
        """
        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation(session, team_id=team_id, conversation_id=conversation_id)
            where = where_of_row(conversation)
            if conversation is None or where is None:
                return None
            out_of_date = conversation.version != version
            if not out_of_date:
                advice = await self.recorded_advice(session, conversation)
                decision, created = await repo.record_decision(
                    session,
                    team_id=team_id,
                    idempotency_key=f"decision:{conversation_id}:{version}",
                    conversation_id=conversation_id,
                    advice=advice,
                    chosen_system=chosen_system,
                    rationale=rationale,
                    decided_by=user_id,
                    owner_checked=True,
                )
        if out_of_date:
            await self.tell_out_of_date(where, conversation, user_id, rationale)
            return False
        # The card as decided, from the stored decision: this call's, or the one a double click or an
        # earlier request recorded.
        who = await self.display_name(where.team_id, decision.decided_by)
        card_text, card_blocks = render.build_decided_card(
            advice,
            self.kb,
            chosen_system=decision.chosen_system,
            decided_by=who,
            rationale=decision.rationale or None,
            conversation_id=conversation_id,
            unsure=unsure_of(state_of(conversation)),
        )
        if not created:
            already = f"Already recorded: {escape(self.system_label(decision.chosen_system))} by {escape(who)}."
            note = self._tell(where, user_id, already)
            # The card may still offer Adopt (its update failed after the decision was recorded): mark it again.
            marks = [self.update(where.channel_id, card_ts, card_text, card_blocks)] if card_ts else []
            await _together(note, *marks)
            return False

        async def mark_card() -> None:
            # After the permalink is stored: once the card says "adopted", history and App Home link to it.
            await self.store_permalink(where, decision.id)
            if card_ts:
                await self.update(where.channel_id, card_ts, card_text, card_blocks)

        recorded = (
            f"Decision recorded: *{escape(self.system_label(chosen_system))}* (by {escape(who)}). "
            "It shows in `/msgchoice history` and in the weekly digest."
        )
        try:
            await _together(self.post(where.channel_id, recorded, thread_ts=where.thread_ts), mark_card())
        except NotInChannel as exc:
            # The app was removed from the channel (or it was archived) while the card was up: the decision
            # stays recorded, and whoever took it hears so, and why the thread did not, in a direct message
            # (a modal has no response_url, and a whisper in that channel fails the same way).
            log.warning("decision %s recorded, but %s cannot be posted in (%s)", decision.id, exc.channel_id, exc.error)
            await self._direct(user_id, f"{recorded}\n{_thread_unreachable(exc)}")
        return True

    async def _tell(self, where: Where, user_id: str, text: str) -> None:
        """An ephemeral note in the thread; a direct message when the app cannot post in its channel."""
        try:
            with raising_not_in_channel(where.channel_id):
                await self.ephemeral(where, where.channel_id, user_id, text)
        except NotInChannel as exc:
            await self._direct(user_id, f"{text}\n{_thread_unreachable(exc)}")

    async def _direct(self, user_id: str, text: str) -> None:
        """A direct message from the app (best effort: a failure is logged)."""
        try:
            await self.post(user_id, text)
        except Exception as exc:  # the decision is recorded either way
            log.warning("could not send a direct message about a decision (%s)", type(exc).__name__)

    async def tell_out_of_date(self, where: Where, conversation: Conversation, user_id: str, rationale: str) -> None:
        """A decision on a card an answer replaced: nothing recorded; where the live message is, and
        the rationale the person typed (escaped), so that it is not lost."""
        note = "Nothing recorded: that recommendation is out of date (an answer changed after it)."
        if conversation.status == "decided":
            note += " This conversation's decision is recorded already: see `/msgchoice history`."
        elif conversation.question_ts and conversation.question_id:
            link = await self.link_to(where.channel_id, conversation.question_ts)
            note += " The conversation asks again" + (f": <{link}|the open question>." if link else " in the thread.")
        else:
            link = await self.link_to(where.channel_id, conversation.card_ts) if conversation.card_ts else None
            note += " Decide on the current one" + (f": <{link}|see it>." if link else ", the latest in the thread.")
        if rationale:
            note += "\nYour rationale:\n" + "\n".join(f"> {escape(line)}" for line in rationale.splitlines())
        await self.ephemeral(where, where.channel_id, user_id, note)

    async def recorded_advice(self, session: AsyncSession, conversation: Conversation) -> Advice:
        """The card's advice, as Adopt records it; computed advice is stored too, so the next reader
        need not compute it."""
        stored = stored_advice(conversation, conversation.version)
        if stored is not None:
            return stored
        advice = await self.advice_of(
            conversation.team_id, state_of(conversation).answers, session=session, description=conversation.free_text
        )
        await session.execute(
            update(Conversation)
            .where(Conversation.id == conversation.id, Conversation.version == conversation.version)
            .values(advice=advice.model_dump(mode="json"), advice_version=conversation.version)
            .execution_options(synchronize_session=False)
        )
        return advice

    async def store_permalink(self, where: Where, decision_id: int) -> None:
        """The thread's permalink, asked once when the decision is recorded (App Home then asks nothing)."""
        if where.channel_id == "cli":
            return
        try:
            response = await self.client.chat_getPermalink(channel=where.channel_id, message_ts=where.thread_ts)
            link = str(response["permalink"])
        except SlackApiError:
            link = f"https://slack.com/archives/{where.channel_id}/p{where.thread_ts.replace('.', '')}"
        async with self.deps.session_factory() as session:
            await repo.set_decision_permalink(session, team_id=where.team_id, decision_id=decision_id, permalink=link)

    async def open_details(self, where: Where, *, trigger_id: str, conversation_id: int) -> None:
        """Details on the card: the full reasoning, ranking and table excerpts in a modal."""
        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)
        if conversation is None:
            return
        view = render.build_details_modal(await self.card_advice(conversation), self.kb)
        await self.client.views_open(trigger_id=trigger_id, view=render.view_payload(view))

    async def open_chose_other(
        self, where: Where, *, trigger_id: str, conversation_id: int, version: int, card_ts: str | None
    ) -> None:
        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)
        if conversation is None:
            return
        advice = await self.card_advice(conversation)
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
        """The Markdown decision record as one file in the thread (files_upload_v2), with a short preview.

        Without the ``files:write`` scope (an older install) it is posted as one
        block when it fits, else the thread is told how to get it.
        """
        async with self.deps.session_factory() as session:
            conversation = await repo.get_conversation(session, team_id=where.team_id, conversation_id=conversation_id)
            if conversation is None:
                return
            decision = await repo.decision_for_conversation(
                session, team_id=where.team_id, conversation_id=conversation_id
            )
        advice = await self.card_advice(conversation)
        deciders = [decision.decided_by] if decision is not None else []
        names = await self.display_names(where.team_id, [*deciders, conversation.started_by])
        markdown = adr_markdown(decision, advice, conversation, self.kb, names=names)
        chosen = decision.chosen_system if decision is not None else advice.recommendation
        status = "accepted" if decision is not None else "proposed"
        requester = await self.display_name(where.team_id, user_id)
        preview = (
            f"Architecture decision record ({status}): *{escape(self.system_label(chosen))}*, "
            f"requested by {escape(requester)}."
        )
        try:
            await self.client.files_upload_v2(
                channel=where.channel_id,
                thread_ts=where.thread_ts,
                content=markdown,
                filename=f"adr-{chosen}-{status}.md",
                title=f"ADR: use {self.system_label(chosen)} for messaging ({status})",
                initial_comment=preview.replace("*", ""),
            )
            return
        except SlackApiError as exc:
            log.info("ADR upload failed (%s); posting it inline", exc.response.get("error"))
        code = f"```\n{escape(markdown)}\n```"
        if len(code) <= render.SECTION_TEXT_LIMIT:
            blocks = [render.mrkdwn_section(preview), render.mrkdwn_section(code)]
            await self.post(where.channel_id, preview, blocks, thread_ts=where.thread_ts)
        else:
            await self.post(
                where.channel_id,
                f"{preview} It is too long for one message and the app may not upload files here "
                "(reinstall it with the `files:write` scope); `msgchoice show --adr` prints it.",
                thread_ts=where.thread_ts,
            )


@dataclass
class Proposal:
    """A decision not taken yet, in the shape ``bot.render.adr`` reads: the ADR of the advice, 'proposed'."""

    id: int | None
    team_id: str
    recommended_system: str
    chosen_system: str
    rationale: str
    decided_by: str
    knowledge_version: str
    confidence: float
    advice: dict[str, Any]
    created_at: datetime


def adr_markdown(
    decision: Decision | None,
    advice: Advice,
    conversation: Conversation,
    kb: Knowledge,
    *,
    names: Mapping[str, str] | None = None,
) -> str:
    """The ADR for a conversation: the recorded decision when there is one, else the advice, proposed."""
    from bot.render.adr import render_adr

    record: Decision | Proposal = decision or Proposal(
        id=None,
        team_id=conversation.team_id,
        recommended_system=advice.recommendation,
        chosen_system=advice.recommendation,
        rationale="",
        decided_by=conversation.started_by,
        knowledge_version=advice.knowledge_version,
        confidence=advice.confidence,
        advice=advice.model_dump(mode="json"),
        created_at=datetime.now(UTC),
    )
    return render_adr(
        record,
        free_text=conversation.free_text,
        kb=kb,
        names=names,
        proposed=decision is None,
        unsure=unsure_of(state_of(conversation)),
    )


def _thread_unreachable(exc: NotInChannel) -> str:
    """Why the conversation's thread did not hear it, and what helps."""
    if exc.error == "is_archived":
        return f"<#{exc.channel_id}> is archived, so its thread could not say so."
    return (
        f"Its thread could not say so: I am not a member of <#{exc.channel_id}> any more. "
        "Invite me back there with `/invite @msgchoice` to carry on in the thread."
    )


async def _together(*jobs: Awaitable[Any]) -> None:
    """Run ``jobs`` at once; once all have ended, the first failure is raised."""
    for outcome in await asyncio.gather(*jobs, return_exceptions=True):
        if isinstance(outcome, BaseException):
            raise outcome
