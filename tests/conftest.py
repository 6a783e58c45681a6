"""Shared test configuration: the database fixtures live in tests/db_fixtures.py.

The suite runs on every core (pytest-xdist, ``-n auto`` in pyproject.toml; ``-n 0`` runs it in
one process).  A test marked ``alone`` measures time and runs with no other test in flight: the
other workers finish the test in hand and wait (see ``_one_room``).

Property-based tests (hypothesis) run under a profile chosen by
``MSGCHOICE_HYPOTHESIS_PROFILE``:

- ``ci`` (the default): a fixed seed (``derandomize``) and a bounded number of
  examples, so CI is fast and every run tries the same inputs;
- ``full``: 10,000 examples per property, random seed, for an attack run on
  demand (``MSGCHOICE_HYPOTHESIS_PROFILE=full pytest tests/slack/test_malformed.py``).
"""

import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

_SLOW_IS_FINE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci", max_examples=40, derandomize=True, database=None, deadline=None, suppress_health_check=_SLOW_IS_FINE
)
settings.register_profile("full", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_IS_FINE)
settings.load_profile(os.environ.get("MSGCHOICE_HYPOTHESIS_PROFILE", "ci"))

pytest_plugins = ["tests.db_fixtures"]


@pytest.fixture(autouse=True)
def _one_room(request: pytest.FixtureRequest) -> Iterator[None]:
    """Under xdist, every test holds a shared lock on a "room" for its run; an ``alone`` test holds it
    exclusively.  A "turnstile" taken on the way in stops new tests from entering while an ``alone``
    test waits for the room to empty (flock itself would let shared holders overtake it)."""
    workerinput = getattr(request.config, "workerinput", None)
    if workerinput is None:  # one process: nothing else runs beside a test
        yield
        return
    base = Path(tempfile.gettempdir()) / f"msgchoice-tests-{workerinput['testrunuid']}"
    base.mkdir(exist_ok=True)
    alone = request.node.get_closest_marker("alone") is not None
    with open(base / "turnstile", "a") as turnstile, open(base / "room", "a") as room:
        fcntl.flock(turnstile, fcntl.LOCK_EX)
        try:
            fcntl.flock(room, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        finally:
            if not alone:
                fcntl.flock(turnstile, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(room, fcntl.LOCK_UN)
            if alone:
                fcntl.flock(turnstile, fcntl.LOCK_UN)
