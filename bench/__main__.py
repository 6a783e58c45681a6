"""``python -m bench``: the served Slack app against a bare Bolt app (see bench/slack_bench.py)."""

import sys

from bench.slack_bench import main

sys.exit(main())
