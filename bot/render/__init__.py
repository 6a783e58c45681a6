"""Rendering: pure functions from advisor results to Block Kit, Markdown and terminal output."""

# A decision for a system the knowledge does not cover ("we chose something else" › "Something else"):
# its id, the option's text, and how a record names it (the card, history, digest, ADR).
OTHER_SYSTEM = "other"
OTHER_SYSTEM_OPTION = "Something else"
OTHER_SYSTEM_NAME = "another system"
