"""``msgchoice forget --team T``: every row of that team goes, the other team's stay, counts are reported."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from bot.advisor.machine import AdvisorState
from bot.store import repo


async def _seed(session_factory: object, team: str) -> None:
    async with session_factory() as session:  # type: ignore[operator]
        conversation = await repo.start_conversation(
            session, team_id=team, channel_id="C1", thread_ts=f"{team}.1", started_by="U1", state=AdvisorState()
        )
        await repo.apply_answer(
            session, team_id=team, conversation_id=conversation.id, expected_version=0,
            question="persistence", value="yes", source="button", user_id="U1",
        )
        await repo.mark_delivery(session, team_id=team, delivery_key=f"event:{team}")
        await session.commit()


def _forget(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "forget", *args],
        env={"DATABASE_URL": db_url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


async def test_forget_deletes_one_team_only_and_needs_a_confirmation(db_url: str, session_factory: object) -> None:
    from bot.store.forget import team_counts

    await _seed(session_factory, "T0GONE")
    await _seed(session_factory, "T0STAYS")
    refused = _forget(db_url, "--team", "T0GONE")  # no terminal, no --yes: nothing happens
    assert refused.returncode != 0 and "--yes" in refused.stderr
    async with session_factory() as session:  # type: ignore[operator]
        assert (await team_counts(session, team_id="T0GONE"))["conversations"] == 1
    done = _forget(db_url, "--team", "T0GONE", "--yes")
    assert done.returncode == 0, done.stderr
    assert "conversations: 1" in done.stdout and "answers: 1" in done.stdout and "deleted 3 rows" in done.stdout
    async with session_factory() as session:  # type: ignore[operator]
        assert set((await team_counts(session, team_id="T0GONE")).values()) == {0}
        assert (await team_counts(session, team_id="T0STAYS"))["conversations"] == 1


async def test_uninstalling_forgets_the_team_when_configured(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.cli.serve import Server
    from bot.store import db
    from bot.store.forget import team_counts
    from tests.slack.conftest import make_settings
    from tests.slack.harness import SlackSender
    from tests.slack.mock_slack import TEAM_ID, MockSlack

    sessions = db.session_factory(db_url)
    await _seed(sessions, TEAM_ID)
    mock = MockSlack()
    await mock.start()
    # The flag comes from the Settings the app is built with, not from the process environment.
    monkeypatch.delenv("MSGCHOICE_FORGET_ON_UNINSTALL", raising=False)
    settings = make_settings(db_url, mock.api_url).model_copy(update={"forget_on_uninstall": True})
    server = Server(settings, host="127.0.0.1", port=0)
    await server.start()
    try:
        send = SlackSender(f"http://127.0.0.1:{server.port}", mock)
        assert (await send.event({"type": "app_uninstalled", "event_ts": "1.2"})).status == 200
        await mock.wait_for(lambda: True)

        async def gone() -> bool:
            async with sessions() as session:
                return set((await team_counts(session, team_id=TEAM_ID)).values()) == {0}

        import asyncio

        for _ in range(200):
            if await gone():
                break
            await asyncio.sleep(0.05)
        assert await gone()
    finally:
        await server.stop()
        await mock.stop()


async def test_uninstalling_keeps_the_team_by_default_even_if_the_environment_says_otherwise(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app built with the default settings keeps the team's rows; the process environment, read
    after the app was built, changes nothing."""
    from bot.cli.serve import Server
    from bot.store import db
    from bot.store.forget import team_counts
    from tests.slack.conftest import make_settings
    from tests.slack.harness import SlackSender
    from tests.slack.mock_slack import TEAM_ID, MockSlack

    sessions = db.session_factory(db_url)
    await _seed(sessions, TEAM_ID)
    mock = MockSlack()
    await mock.start()
    server = Server(make_settings(db_url, mock.api_url), host="127.0.0.1", port=0)
    await server.start()
    monkeypatch.setenv("MSGCHOICE_FORGET_ON_UNINSTALL", "true")
    try:
        send = SlackSender(f"http://127.0.0.1:{server.port}", mock)
        assert (await send.event({"type": "app_uninstalled", "event_ts": "1.3"})).status == 200
        await asyncio.sleep(0.5)  # time for the listener to run (it must not delete anything)
        async with sessions() as session:
            assert (await team_counts(session, team_id=TEAM_ID))["conversations"] == 1
    finally:
        await server.stop()
        await mock.stop()
