"""The weekly digest of a team's decisions.

- :mod:`bot.digest.schedule`: pure time arithmetic (when is a digest due, for which ISO week);
- :mod:`bot.digest.content`: the week's data for one team, from the store;
- :mod:`bot.digest.render`: that data as Slack mrkdwn, through Jinja2 templates;
- :mod:`bot.digest.runner`: claim, post and record, exactly once per team and ISO week;
- :mod:`bot.digest.scheduler`: the asyncio loop that ``msgchoice serve`` runs;
- :mod:`bot.digest.service`: settings changes (``/msgchoice digest here|off|when|empty|preview``).

Nothing here imports Slack: the runner is handed a client with ``chat_postMessage``.
"""
