"""``python -m bot`` is the same as the ``msgchoice`` command."""

from bot.cli import run

run()
