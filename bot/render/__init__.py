"""Rendering: pure functions from advisor results to Block Kit, Markdown and terminal output."""
