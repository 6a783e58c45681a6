"""Several workspaces: each team's digest is posted with that team's own bot token (its OAuth installation).

The runner, the scheduler started by ``msgchoice serve`` and ``msgchoice digest
run`` all look the token up per team; a team with no installation (and no
single SLACK_BOT_TOKEN to fall back on) is recorded as failed, and the others
still get theirs.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select

from bot.cli.serve import Server
from bot.digest.runner import NO_INSTALLATION, NO_INSTALLATION_ERROR, run_due
from bot.settings import Settings
from bot.store.installations import bot_token_lookup, save_installation
from bot.store.models import DigestRun
from tests.digest.helpers import add_decision, configure
from tests.digest.mock_slack import DigestMockSlack
from tests.digest.test_cli import environment, msgchoice
from tests.slack.harness import SIGNING_SECRET

TOKENS = {"T0ONE": "xoxb-one-1-token", "T0TWO": "xoxb-two-2-token"}


async def _three_teams(session_factory: Any, *, due_now: bool = False) -> None:
    """T0ONE and T0TWO installed the app; T0NOAPP has digest settings but no installation."""
    now = datetime.now(UTC)
    async with session_factory() as session:
        for team in ("T0ONE", "T0TWO", "T0NOAPP"):
            await configure(
                session,
                team_id=team,
                channel_id=f"C{team}",
                weekday=now.weekday(),
                hour=0 if due_now else 23,
                minute=0 if due_now else 59,
                configured_at=now - timedelta(days=30),
            )
            await add_decision(session, team_id=team, created_at=now - timedelta(hours=1))
        for team, token in TOKENS.items():
            await save_installation(
                session, enterprise_id=None, team_id=team, bot_token=token, installed_at=now - timedelta(days=1)
            )


def _tokens_by_channel(slack: DigestMockSlack) -> dict[str, str | None]:
    return {str(c.args["channel"]): c.token for c in slack.posts()}


async def test_the_runner_posts_each_teams_digest_with_its_own_token(
    session_factory: Any, slack: DigestMockSlack
) -> None:
    await _three_teams(session_factory)
    client = AsyncWebClient(base_url=slack.api_url)  # no token of its own

    results = await run_due(
        session_factory,
        client,
        now=datetime.now(UTC),
        force=True,
        replica_id="r1",
        bot_token_for=bot_token_lookup(session_factory),
    )

    assert {r.team_id: r.outcome for r in results} == {"T0ONE": "posted", "T0TWO": "posted", "T0NOAPP": "failed"}
    assert _tokens_by_channel(slack) == {"CT0ONE": TOKENS["T0ONE"], "CT0TWO": TOKENS["T0TWO"]}
    failed = next(r for r in results if r.team_id == "T0NOAPP")
    assert failed.error == NO_INSTALLATION_ERROR
    async with session_factory() as session:
        run = (await session.scalars(select(DigestRun).where(DigestRun.team_id == "T0NOAPP"))).one()
    assert run.status == "failed" and (run.error or "").startswith(NO_INSTALLATION)


async def test_without_an_installation_the_single_bot_token_posts(
    session_factory: Any, slack: DigestMockSlack
) -> None:
    await _three_teams(session_factory)
    client = AsyncWebClient(base_url=slack.api_url, token="xoxb-single-workspace")

    lookup = bot_token_lookup(session_factory, fallback="xoxb-single-workspace")
    await run_due(session_factory, client, now=datetime.now(UTC), force=True, replica_id="r1", bot_token_for=lookup)

    assert _tokens_by_channel(slack) == {
        "CT0ONE": TOKENS["T0ONE"],
        "CT0TWO": TOKENS["T0TWO"],
        "CT0NOAPP": "xoxb-single-workspace",
    }


async def test_serve_with_oauth_posts_each_teams_scheduled_digest_with_its_token(
    db_url: str, session_factory: Any, slack: DigestMockSlack
) -> None:
    await _three_teams(session_factory, due_now=True)
    settings = Settings(
        DATABASE_URL=db_url,
        SLACK_BOT_TOKEN=None,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_APP_TOKEN=None,
        SLACK_CLIENT_ID=slack.client_id,
        SLACK_CLIENT_SECRET=slack.client_secret,
        SLACK_API_URL=slack.api_url,
        MSGCHOICE_DIGEST_TICK_SECONDS=0.1,
    )
    server = Server(settings, host="127.0.0.1", port=0)
    await server.start()
    try:
        await slack.wait_for(lambda: len(slack.posts()) >= 2, what="the two installed teams' digests")

        async def failed_run() -> bool:
            async with session_factory() as session:
                run = (await session.scalars(select(DigestRun).where(DigestRun.team_id == "T0NOAPP"))).first()
            return run is not None and run.status == "failed"

        deadline = datetime.now(UTC) + timedelta(seconds=10)
        while not await failed_run():
            assert datetime.now(UTC) < deadline, "T0NOAPP's run was not recorded as failed"
            await asyncio.sleep(0.05)
    finally:
        await server.stop()
    assert _tokens_by_channel(slack) == {"CT0ONE": TOKENS["T0ONE"], "CT0TWO": TOKENS["T0TWO"]}


async def test_digest_run_with_oauth_needs_no_bot_token_and_reports_the_team_without_one(
    db_url: str, session_factory: Any, slack: DigestMockSlack, tmp_path: Path
) -> None:
    await _three_teams(session_factory)
    env = environment(
        tmp_path,
        DATABASE_URL=db_url,
        SLACK_CLIENT_ID=slack.client_id,
        SLACK_CLIENT_SECRET=slack.client_secret,
        SLACK_API_URL=slack.api_url,
    )

    code, out, err = await msgchoice("digest", "run", "--now", env=env, cwd=tmp_path)

    assert code == 1, err  # one team failed
    lines = {line.split(" ")[0]: line for line in out.splitlines()}
    assert "posted to CT0ONE" in lines["T0ONE"] and "posted to CT0TWO" in lines["T0TWO"]
    assert "FAILED" in lines["T0NOAPP"] and "not installed in this workspace" in lines["T0NOAPP"]
    assert _tokens_by_channel(slack) == {"CT0ONE": TOKENS["T0ONE"], "CT0TWO": TOKENS["T0TWO"]}
    assert "xoxb-" not in out + err  # tokens are never printed


async def test_a_digest_that_failed_for_want_of_an_installation_goes_out_once_the_app_is_reinstalled(
    session_factory: Any, slack: DigestMockSlack
) -> None:
    # The slot came while the app was uninstalled; it was installed again the same day. The week's
    # digest stayed failed until the next week, and App Home said the app was not installed.
    await _three_teams(session_factory, due_now=True)
    client = AsyncWebClient(base_url=slack.api_url)
    lookup = bot_token_lookup(session_factory)
    now = datetime.now(UTC)
    results = await run_due(session_factory, client, now=now, replica_id="r1", bot_token_for=lookup, team="T0NOAPP")
    assert [r.outcome for r in results] == ["failed"]
    # Later ticks while it is still not installed: nothing posted, and nothing to retry yet.
    later = await run_due(
        session_factory, client, now=now + timedelta(minutes=1), replica_id="r1", bot_token_for=lookup, team="T0NOAPP"
    )
    assert [r.outcome for r in later] == ["done"] and slack.posts() == []

    async with session_factory() as session:
        await save_installation(
            session, enterprise_id=None, team_id="T0NOAPP", bot_token="xoxb-noapp-3-token", installed_at=now
        )
    tick = now + timedelta(minutes=2)
    results = await run_due(session_factory, client, now=tick, replica_id="r1", bot_token_for=lookup, team="T0NOAPP")
    assert [r.outcome for r in results] == ["posted"]
    assert _tokens_by_channel(slack) == {"CT0NOAPP": "xoxb-noapp-3-token"}
    again = await run_due(
        session_factory, client, now=tick + timedelta(minutes=1), replica_id="r2", bot_token_for=lookup, team="T0NOAPP"
    )
    assert [r.outcome for r in again] == ["done"] and len(slack.posts()) == 1
