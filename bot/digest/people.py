"""Display names for the digest: ``users.info`` once per person, cached, so the digest names people
("@alice") without pinging them every week."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)

TTL_SECONDS = 3600.0
# All the users.info calls of one digest, together: Slack slow for everyone (30 s a call before a
# timeout, one call per person named) must not hold a digest past its 10-minute claim.
LOOKUP_BUDGET_S = 60.0
_cache: dict[tuple[str, str], tuple[str, float]] = {}


async def display_names(client: Any, team_id: str, user_ids: Iterable[str], **token_args: Any) -> dict[str, str]:
    """user id -> ``@display name``; a person Slack cannot describe, or not within :data:`LOOKUP_BUDGET_S`
    for them all, is left out (the digest shows ``@id``)."""
    import asyncio

    names: dict[str, str] = {}
    now = time.monotonic()
    deadline = now + LOOKUP_BUDGET_S
    for user_id in dict.fromkeys(user_ids):
        cached = _cache.get((team_id, user_id))
        if cached is not None and now - cached[1] < TTL_SECONDS:
            names[user_id] = cached[0]
            continue
        left = deadline - time.monotonic()
        if left <= 0:
            continue  # the rest from the cache only
        try:
            async with asyncio.timeout(left):
                response = await client.users_info(user=user_id, **token_args)
        except TimeoutError:
            log.info("users.info too slow for team %s: the rest of its people are named by id", team_id)
            continue
        except Exception as exc:  # a missing scope or a deleted user: the digest still goes out
            log.info("users.info failed for a user of team %s: %s", team_id, getattr(exc, "response", exc))
            continue
        user = response.get("user") or {}
        profile = user.get("profile") or {}
        name = profile.get("display_name") or profile.get("real_name") or user.get("name")
        if name:
            names[user_id] = f"@{name}"
            _cache[(team_id, user_id)] = (names[user_id], now)
    return names
