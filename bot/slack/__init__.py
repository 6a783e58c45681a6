"""Slack glue: the Bolt app, its middleware and listeners.

Listeners are grouped by kind under ``listeners/`` and stay thin; the
conversation flow they share lives in :mod:`bot.slack.services`.
"""
