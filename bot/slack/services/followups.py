"""Questions about the systems: follow-ups typed in a thread, ``compare <topic>`` and ``usecase <name>``."""

from __future__ import annotations

import re

from slack_sdk.models.blocks import Block

from bot.advisor.advice import RowCitation
from bot.advisor.engine import cite
from bot.render import blocks as render
from bot.render.escape import quote
from bot.slack import text as typed
from bot.slack.cpu import off_loop
from bot.slack.services.base import SlackService, Where
from bot.store import repo
from knowledge.search import Match


class FollowupService(SlackService):
    async def followup(
        self,
        where: Where,
        *,
        user_id: str,
        text: str,
        conversation_id: int | None,
        open_question: tuple[str, str] | None = None,
    ) -> None:
        """Answer a question about the systems from the knowledge, and record it for the digest.

        ``open_question`` (its text and permalink) adds a button back to the open
        question, which the reply pushes up the thread.
        """
        from bot.advisor.followup import answer_followup

        answer = await off_loop(answer_followup, text)  # CPU work: off the event loop
        if answer is None:
            await self.post(where.channel_id, render.build_hint(None), thread_ts=where.thread_ts)
            return
        reply_text, reply_blocks = render.build_followup(answer, self.kb)
        if open_question is not None:
            reply_blocks = [*reply_blocks[: render.MESSAGE_BLOCK_LIMIT - 1], render.back_to_question(*open_question)]
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

    def compare_reply(self, topic: str) -> tuple[str, list[Block]]:
        if not topic.strip():
            topics = ", ".join(t.title for t in self.kb.tables if t.kind == "comparison")
            return render.build_help(
                note=f"Name a topic to compare, e.g. `/msgchoice compare latency`. Tables: {topics}"
            )
        from bot.advisor.followup import answer_followup
        from knowledge.search import search

        rows = [as_citation(r) for r in search(topic)][:12]
        if not rows:  # only system names ("compare nats vs kafka"): the guide's overview, as a thread gets it
            answer = answer_followup(topic, self.kb)
            rows = answer.rows[:12] if answer.covered else []
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
        wanted = _words(name)
        if not wanted:
            names = ", ".join(f"`{r.id}`" for r in table.rows)
            return render.build_help(note=f"Name a use case, e.g. `/msgchoice usecase cdc`. Use cases: {names}")
        matches = [
            r for r in table.rows if wanted in (_words(r.id), _words(r.topic), *(_words(a) for a in r.aliases))
        ] or [r for r in table.rows if wanted in _words(r.topic) or wanted in _words(r.id)]
        rows = [cite(table, r) for r in matches]
        names = ", ".join(f"`{r.id}`" for r in table.rows)
        # The title names the row matched ("IoT / Edge messaging"), not the word typed.
        title = f"Use case: {matches[0].topic}" if len(matches) == 1 else f"Use cases matching “{name.strip()}”"
        return render.build_rows_reply(
            title, rows, self.kb, f"No use case matches {quote(name)}. Known use cases: {names}"
        )


def _words(text: str) -> str:
    """A name as its words: "iot-edge", "IoT / Edge" and "iot edge" alike."""
    return " ".join(re.split(r"[\s/-]+", typed.normalise(text))).strip()


def as_citation(match: Match | RowCitation) -> RowCitation:
    """A search hit (``knowledge.search.Match``: table + row) as a citation."""
    if isinstance(match, RowCitation):
        return match
    return cite(match.table, match.row)
