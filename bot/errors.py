"""Errors shared across layers, in a module that imports nothing (the CLI catches them without cost)."""

from __future__ import annotations


class ConfigurationError(Exception):
    """A variable of the environment (or .env) holds a value its setting cannot take.

    The message is one line naming each such variable and what it needs; it never
    repeats the value (which may be a secret).
    """
