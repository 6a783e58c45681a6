"""People are named by users.info; a Web API that cannot be reached costs the name, never the request."""

from __future__ import annotations

import socket

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.services import Deps, SlackService
from bot.store import db


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens there once the socket is closed


async def test_an_unreachable_web_api_names_the_person_by_id_and_asks_again_next_time(db_url: str) -> None:
    client = AsyncWebClient(base_url=f"http://127.0.0.1:{_closed_port()}/api/", token="xoxb-test")
    service = SlackService(Deps.create(db.session_factory(db_url)), client)
    assert await service.display_name("T1", "U0ALICE001") == "@U0ALICE001"
    assert ("T1", "U0ALICE001") not in service.deps.names  # not cached: the name is looked up again
