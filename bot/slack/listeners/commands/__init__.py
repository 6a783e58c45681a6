"""Slash commands: ``/msgchoice`` and its sub-commands."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.slack.listeners import command
from bot.slack.listeners.commands.msgchoice import handle_msgchoice

COMMAND = "/msgchoice"


def register(app: AsyncApp) -> None:
    command(app, COMMAND, handle_msgchoice)
