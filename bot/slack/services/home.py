"""Decision history (``/msgchoice history``) and the App Home tab."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.digest.content import thread_link
from bot.render import blocks as render
from bot.slack import text as typed
from bot.slack.services.base import SlackService
from bot.store import repo


class HomeService(SlackService):
    async def decision_lines(
        self, team_id: str, *, system: str | list[str] | None = None, text: str | None = None, limit: int = 20
    ) -> list[render.DecisionLine]:
        """The team's decisions with links to their threads: the permalink stored with each decision
        (no Web API call per decision), else one built from the thread's channel and ts."""
        async with self.deps.session_factory() as session:
            decisions = await repo.history(session, team_id=team_id, system=system, text=text, limit=limit)
            lines = []
            for d in decisions:
                link = d.permalink
                if link is None and d.conversation_id is not None:
                    conversation = await repo.get_conversation(
                        session, team_id=team_id, conversation_id=d.conversation_id
                    )
                    if conversation is not None:
                        link = thread_link(conversation.channel_id, conversation.thread_ts)
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

    async def history_reply(self, team_id: str, argument: str) -> tuple[str, list[Block]]:
        argument = argument.strip()
        systems = self.systems_from(argument) if argument else []
        lines = await self.decision_lines(
            team_id, system=systems or None, text=None if systems or not argument else argument, limit=20
        )
        shown = " ".join(argument.split())
        shown = shown if len(shown) <= 300 else shown[:299].rstrip() + "…"
        if not argument:
            return render.build_history(lines, self.kb, title="Recent decisions")
        # plain text: escaped when rendered
        return render.build_history(
            lines, self.kb, title=f"Recent decisions matching “{shown}”", empty=f"No decisions match “{shown}”."
        )

    def systems_from(self, word: str) -> list[str]:
        """The systems a filter names: one by its id or name, or a family ("nats": Core and JetStream)."""
        norm = typed.normalise(word).replace(" ", "-")
        for system in self.kb.systems:
            if norm in (system.id, typed.normalise(system.name).replace(" ", "-")):
                return [system.id]
        aliases = {
            "jetstream": ["nats-jetstream"],
            "nats": ["nats-core", "nats-jetstream"],
            "core": ["nats-core"],
            "nats+kafka": ["hybrid"],
        }
        return aliases.get(norm, [])

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
