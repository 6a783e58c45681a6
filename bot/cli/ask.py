"""``msgchoice ask``: the whole conversation in the terminal, no Slack and no server needed."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from bot.cli import CommandError

if TYPE_CHECKING:
    from rich.console import Console

    from bot.advisor import Advice, AdvisorState
    from knowledge import Knowledge


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "ask",
        help="talk through your workload in the terminal and record the decision",
        description="Describe your workload, answer the guide's questions (numbers, words, back, "
        "restart, 'not sure'), ask follow-up questions at any prompt, and record the decision.",
    )
    parser.add_argument("--team", default=None, help="team id the decision is recorded under (default: local)")
    parser.add_argument("--no-record", action="store_true", help="do not store the conversation or decision")
    parser.set_defaults(handler=run)


class _Session:
    def __init__(self, console: Console, kb: Knowledge) -> None:
        from bot.advisor import AdvisorState

        self.console = console
        self.kb = kb
        self.state: AdvisorState = AdvisorState()
        self.free_text: str | None = None

    def prompt(self, text: str) -> str:
        return self.console.input(f"[bold cyan]{text}[/bold cyan] ")

    # -- steps ---------------------------------------------------------------
    def take_description(self, text: str) -> None:
        from bot.advisor import apply, ask_also
        from bot.advisor.parse import parse
        from bot.render.terminal import render_understood

        result = parse(text, kb=self.kb)
        self.free_text = f"{self.free_text}\n{text}" if self.free_text else text
        for p in result.answers:
            if p.question in self.state.answers:
                continue
            self.state = apply(self.state, p.question, p.value, source="parsed", span=p.span, text=p.text,
                               kb=self.kb)
        self.state = ask_also(self.state, [a.question for a in result.ambiguous])
        render_understood(self.console, text, result.answers, result.ambiguous, self.kb)

    def follow_up(self, text: str) -> None:
        from bot.advisor.followup import answer_followup
        from bot.render.terminal import rows_tables

        answer = answer_followup(text, kb=self.kb)
        self.console.print(f"[bold]{answer.summary}[/bold]" if answer.covered else
                           f"[yellow]{answer.summary}[/yellow]")
        for table in rows_tables(answer.rows, self.kb):
            self.console.print(table)
        if not answer.covered and answer.covered_topics:
            self.console.print("[dim]I can answer about: " + ", ".join(answer.covered_topics) + "[/dim]")

    def handle(self, text: str) -> None:
        """One typed line while a question is open."""
        from bot.advisor import UNSURE, apply, back, next_question
        from bot.advisor.replies import interpret

        question = next_question(self.state, self.kb)
        reply = interpret(text, question, kb=self.kb)
        if reply.kind == "answer" and question is not None and reply.value is not None:
            self.state = apply(self.state, question.id, reply.value, source="typed", text=text, kb=self.kb)
            others = [f for f in reply.facts if f.question != question.id and f.question not in self.state.answers]
            for f in others:
                self.state = apply(self.state, f.question, f.value, source="parsed", span=f.span, text=f.text,
                                   kb=self.kb)
        elif reply.kind == "unsure" and question is not None:
            self.state = apply(self.state, question.id, UNSURE, source="typed", text=text, kb=self.kb)
            self.console.print("[dim]Noted as not sure; I will weigh the rest and lower the confidence.[/dim]")
        elif reply.kind == "back":
            if not self.state.steps:
                self.console.print("[dim]Nothing to undo yet.[/dim]")
            else:
                undone = self.state.steps[-1]
                self.state = back(self.state)
                self.console.print(f"[dim]Undid your answer to “{self._label(undone.question)}”.[/dim]")
        elif reply.kind == "restart":
            from bot.advisor import AdvisorState

            self.state = AdvisorState()
            self.free_text = None
            self.console.print("[dim]Starting over.[/dim]")
        elif reply.kind == "followup":
            self.follow_up(text)
        elif reply.kind == "facts":
            self.take_description(text)
        elif question is None:  # at the recommendation: "not sure" answers nothing there
            self.console.print(
                "[yellow]I did not catch that.[/yellow] Type [bold]a[/bold] to adopt, [bold]o[/bold] for another "
                "choice, [bold]b[/bold] back, [bold]r[/bold] restart, [bold]q[/bold] quit, or ask a question."
            )
        else:
            self.console.print(
                f"[yellow]I did not catch that.[/yellow] Type 1-{len(question.answers)}, [bold]back[/bold], "
                "[bold]restart[/bold], [bold]?[/bold] for not sure, or ask a question."
            )

    def _label(self, question_id: str) -> str:
        q = self.kb.question(question_id)
        return q.guide_label or q.text


def _choose_system(session: _Session, advice: Advice) -> str | None:
    options = [s for s in session.kb.systems if s.id != advice.recommendation]
    for i, s in enumerate(options, start=1):
        session.console.print(f"  {i}. {s.name}")
    while True:
        raw = session.prompt("Which system did you choose? (number, or Enter to go back)").strip()
        if not raw:
            return None
        if raw.isdigit() and 1 <= int(raw) <= len(options):
            return options[int(raw) - 1].id
        match = next((s.id for s in options if raw.lower() in (s.id, s.name.lower())), None)
        if match:
            return match
        session.console.print(f"[yellow]Pick 1-{len(options)}.[/yellow]")


def _decide(session: _Session, advice: Advice, args: argparse.Namespace) -> bool:
    """After the recommendation: adopt, record another choice, or keep talking. True when done."""
    console = session.console
    console.print(
        f"[bold]a[/bold] adopt {advice.recommendation_name}   [bold]o[/bold] we chose something else   "
        "[bold]b[/bold] back   [bold]r[/bold] restart   [bold]q[/bold] quit without recording   "
        "(or ask a question)"
    )
    raw = session.prompt(">").strip()
    choice = raw.lower()
    if choice in ("a", "adopt"):
        chosen = advice.recommendation
        rationale = session.prompt("Rationale (optional, Enter to skip):").strip()
        rationale = rationale or f"Adopted the recommendation ({advice.confidence_label} confidence)."
    elif choice in ("o", "other"):
        picked = _choose_system(session, advice)
        if picked is None:
            return False
        chosen = picked
        rationale = ""
        while not rationale:
            rationale = session.prompt("Why this instead of the recommendation? (required)").strip()
    elif choice in ("q", "quit", "exit"):
        console.print("Not recorded. Bye.")
        return True
    else:
        session.handle(raw)
        return False

    if args.no_record:
        console.print(f"[green]Decision: {session.kb.system(chosen).name}[/green] (not recorded: --no-record)")
        return True
    from bot.store.db import DatabaseError
    from bot.store.session_log import record_terminal_session_sync

    team = args.team or os.environ.get("MSGCHOICE_TEAM") or "local"
    try:
        decision_id = record_terminal_session_sync(
            None,
            team_id=team,
            user=_user(),
            steps=session.state.steps,
            advice=advice,
            chosen_system=chosen,
            rationale=rationale,
            free_text=session.free_text,
        )
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None
    console.print(
        f"[green]Recorded decision #{decision_id}: {session.kb.system(chosen).name}.[/green] "
        f"`msgchoice history` lists it; `msgchoice show {decision_id} --adr` prints it as a decision record."
    )
    return True


def _user() -> str:
    try:
        import getpass

        return getpass.getuser()
    except (KeyError, OSError):
        return "terminal"


def run(args: argparse.Namespace) -> int:
    from rich.panel import Panel

    from bot.advisor import next_question
    from bot.advisor.engine import advise
    from bot.render.terminal import TerminalConsole, render_advice, render_question
    from knowledge import load

    console = TerminalConsole(highlight=False)
    session = _Session(console, load())
    team_policy = None
    if not args.no_record:
        from bot.cli.policy_cmd import team_policy as stored_policy

        team = args.team or os.environ.get("MSGCHOICE_TEAM") or "local"
        try:
            team_policy = stored_policy(team)
        except CommandError as exc:
            console.print(f"[yellow]The team policy could not be read ({exc}); advising from the guide alone.[/yellow]")
    console.print(
        Panel(
            "I will help you choose between Apache Kafka, NATS Core, NATS JetStream or a NATS + Kafka "
            "hybrid, using the guide's comparison tables and decision flowchart.\n"
            "Describe the workload in your own words (rates, latency, team, CDC, edge…), or press Enter "
            "to answer question by question. Ctrl-D or Ctrl-C leaves at any time.",
            title="msgchoice",
            border_style="cyan",
        )
    )
    try:
        text = session.prompt("Your workload:").strip()
        if text:
            session.take_description(text)
        while True:
            question = next_question(session.state, session.kb)
            if question is not None:
                render_question(console, question, len(session.state.asked) + 1, session.kb)
                session.handle(session.prompt(">"))
                continue
            advice = advise(session.state.answers, kb=session.kb, policy=team_policy, description=session.free_text)
            render_advice(console, advice, session.kb)
            while True:
                before = len(session.state.steps)
                if _decide(session, advice, args):
                    return 0
                if len(session.state.steps) != before or next_question(session.state, session.kb) is not None:
                    break  # answers changed: ask again / re-advise
    except EOFError:
        console.print("\nBye.")
        return 0
