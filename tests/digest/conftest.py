"""Digest test fixtures: a Slack Web API stand-in on 127.0.0.1 (random port)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.digest.mock_slack import DigestMockSlack


@pytest.fixture
async def slack() -> AsyncIterator[DigestMockSlack]:
    mock = DigestMockSlack()
    await mock.start()
    try:
        yield mock
    finally:
        await mock.stop()
    assert not mock.problems, f"Slack would have rejected: {mock.problems}"
