"""Shared test configuration: the database fixtures live in tests/db_fixtures.py.

Property-based tests (hypothesis) run under a profile chosen by
``MSGCHOICE_HYPOTHESIS_PROFILE``:

- ``ci`` (the default): a fixed seed (``derandomize``) and a bounded number of
  examples, so CI is fast and every run tries the same inputs;
- ``full``: 10,000 examples per property, random seed, for an attack run on
  demand (``MSGCHOICE_HYPOTHESIS_PROFILE=full pytest tests/slack/test_malformed.py``).
"""

import os

from hypothesis import HealthCheck, settings

_SLOW_IS_FINE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci", max_examples=40, derandomize=True, database=None, deadline=None, suppress_health_check=_SLOW_IS_FINE
)
settings.register_profile("full", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_IS_FINE)
settings.load_profile(os.environ.get("MSGCHOICE_HYPOTHESIS_PROFILE", "ci"))

pytest_plugins = ["tests.db_fixtures"]
