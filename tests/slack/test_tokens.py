"""Workspace tokens: encrypted at rest, rotated before they expire, authorized without auth.test on every request."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Text, select, type_coerce

from bot.cli.serve import config_problems
from bot.settings import Settings
from bot.store import sealed
from bot.store.db import session_factory as sessions_for
from bot.store.models import SlackInstallation
from tests.slack.test_oauth import TEAM_ONE, TEST_KEY, OAuthApp, running_oauth_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def oauth_app(db_url: str) -> AsyncIterator[OAuthApp]:
    try:
        async with running_oauth_app(db_url) as app:
            yield app
    finally:
        sealed.configure(sealed.TokenCipher(allow_plaintext=True))


async def raw_tokens(db_url: str) -> list[tuple[str, str | None]]:
    """(bot_token, bot_refresh_token) as stored, not through the column type."""
    table = SlackInstallation.__table__
    async with sessions_for(db_url)() as session:
        query = select(type_coerce(table.c.bot_token, Text), type_coerce(table.c.bot_refresh_token, Text))
        return [(row[0], row[1]) for row in (await session.execute(query)).all()]


# ---------------------------------------------------------------------- at rest


async def test_bot_tokens_are_stored_encrypted_and_used_decrypted(oauth_app: OAuthApp) -> None:
    grant = await oauth_app.install(TEAM_ONE)

    [(stored, _refresh)] = await raw_tokens(oauth_app.db_url)
    assert stored.startswith("fernet:") and grant.bot_token not in stored
    assert Fernet(TEST_KEY.encode()).decrypt(stored.removeprefix("fernet:").encode()).decode() == grant.bot_token
    assert await oauth_app.start(TEAM_ONE, "C0ONE00001") == grant.bot_token


def test_oauth_without_a_key_refuses_to_start_unless_plaintext_is_allowed() -> None:
    base = {
        "SLACK_BOT_TOKEN": None,
        "SLACK_APP_TOKEN": None,
        "SLACK_SIGNING_SECRET": "abc123",
        "SLACK_CLIENT_ID": "1111.2222",
        "SLACK_CLIENT_SECRET": "abcdef0123",
    }
    [problem] = config_problems(Settings(**base, MSGCHOICE_ENCRYPTION_KEY=None))
    assert problem.startswith("MSGCHOICE_ENCRYPTION_KEY is not set") and "MSGCHOICE_ALLOW_PLAINTEXT_TOKENS" in problem
    allowed = Settings(**base, MSGCHOICE_ENCRYPTION_KEY=None, MSGCHOICE_ALLOW_PLAINTEXT_TOKENS="true")
    assert config_problems(allowed) == []
    assert config_problems(Settings(**base, MSGCHOICE_ENCRYPTION_KEY=TEST_KEY)) == []
    [bad] = config_problems(Settings(**base, MSGCHOICE_ENCRYPTION_KEY=f"{TEST_KEY},not-a-key-sekrit"))
    assert bad.startswith("MSGCHOICE_ENCRYPTION_KEY: key 2 is not a Fernet key") and "sekrit" not in bad
    # Single-workspace mode stores no token: no key needed.
    single = {**base, "SLACK_CLIENT_ID": None, "SLACK_CLIENT_SECRET": None, "SLACK_BOT_TOKEN": "xoxb-1-2-abc"}
    assert config_problems(Settings(**single, MSGCHOICE_ENCRYPTION_KEY=None)) == []


async def test_without_a_key_the_store_refuses_to_write_a_token_in_plaintext(db_url: str) -> None:
    from bot.store.installations import save_installation

    sealed.configure(sealed.TokenCipher())
    try:
        async with sessions_for(db_url)() as session:
            with pytest.raises(sealed.PlaintextRefused, match="MSGCHOICE_ENCRYPTION_KEY"):
                now = datetime.now(UTC)
                await save_installation(
                    session, enterprise_id=None, team_id=TEAM_ONE, bot_token="xoxb-1-2-x", installed_at=now
                )
        assert await raw_tokens(db_url) == []
    finally:
        sealed.configure(sealed.TokenCipher(allow_plaintext=True))


def _cli(db_url: str, *args: str, key: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MSGCHOICE_", "DATABASE_URL"))}
    env.update({"DATABASE_URL": db_url, "PYTHONPATH": str(ROOT)})
    if key is not None:
        env["MSGCHOICE_ENCRYPTION_KEY"] = key
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )


async def test_rotate_key_reencrypts_every_token_with_the_new_key_and_encrypts_plaintext_ones(db_url: str) -> None:
    from bot.store.installations import save_installation

    now = datetime.now(UTC)
    sealed.configure(sealed.TokenCipher(allow_plaintext=True))  # one row from before a key was set
    async with sessions_for(db_url)() as session:
        await save_installation(
            session, enterprise_id=None, team_id="T0PLAIN", bot_token="xoxb-plain", installed_at=now
        )
    sealed.configure(sealed.TokenCipher([TEST_KEY]))  # one row sealed with the old key, with a refresh token
    try:
        async with sessions_for(db_url)() as session:
            await save_installation(
                session,
                enterprise_id=None,
                team_id="T0SEALED",
                bot_token="xoxe.xoxb-sealed",
                bot_refresh_token="xoxe-1-refresh",
                bot_token_expires_at=now + timedelta(hours=12),
                installed_at=now,
            )
    finally:
        sealed.configure(sealed.TokenCipher(allow_plaintext=True))
    new_key = Fernet.generate_key().decode()

    done = await asyncio.to_thread(_cli, db_url, "db", "rotate-key", key=f"{new_key},{TEST_KEY}")

    assert done.returncode == 0, done.stderr
    assert "2 installation(s) encrypted" in done.stdout
    only_new = Fernet(new_key.encode())
    opened = set()
    for token, refresh in await raw_tokens(db_url):
        assert token.startswith("fernet:")
        opened.add(only_new.decrypt(token.removeprefix("fernet:").encode()).decode())
        if refresh is not None:
            opened.add(only_new.decrypt(refresh.removeprefix("fernet:").encode()).decode())
    assert opened == {"xoxb-plain", "xoxe.xoxb-sealed", "xoxe-1-refresh"}


async def test_rotate_key_without_the_old_key_changes_nothing(db_url: str) -> None:
    from bot.store.installations import save_installation

    sealed.configure(sealed.TokenCipher([TEST_KEY]))
    try:
        async with sessions_for(db_url)() as session:
            await save_installation(
                session, enterprise_id=None, team_id=TEAM_ONE, bot_token="xoxb-1", installed_at=datetime.now(UTC)
            )
    finally:
        sealed.configure(sealed.TokenCipher(allow_plaintext=True))
    before = await raw_tokens(db_url)

    done = await asyncio.to_thread(_cli, db_url, "db", "rotate-key", key=Fernet.generate_key().decode())

    assert done.returncode == 1 and "nothing was changed" in done.stderr and "Traceback" not in done.stderr
    assert await raw_tokens(db_url) == before
    no_key = await asyncio.to_thread(_cli, db_url, "db", "rotate-key", key=None)
    assert no_key.returncode == 2 and "MSGCHOICE_ENCRYPTION_KEY is not set" in no_key.stderr


# ---------------------------------------------------------------------- rotation


async def test_a_rotating_token_is_refreshed_before_it_expires_and_the_new_one_is_used(oauth_app: OAuthApp) -> None:
    grant = oauth_app.mock.grant("code-rot", TEAM_ONE, rotating=True, expires_in=600)  # well within 2 hours
    _, state = await oauth_app.start_install()
    assert (await oauth_app.redirect("code-rot", state)).status == 200
    async with sessions_for(oauth_app.db_url)() as session:
        row = (await session.scalars(select(SlackInstallation))).one()
    assert row.bot_token == grant.bot_token and row.bot_refresh_token == grant.refresh_token
    assert row.bot_token_expires_at is not None
    assert row.bot_token_expires_at < datetime.now(UTC) + timedelta(minutes=11)

    used = await oauth_app.start(TEAM_ONE, "C0ONE00001")

    refreshes = [c for c in oauth_app.mock.calls_to("oauth.v2.access") if c.args.get("grant_type") == "refresh_token"]
    assert len(refreshes) == 1 and refreshes[0].args["refresh_token"] == grant.refresh_token
    assert used != grant.bot_token and used.endswith("-refreshed")  # the message went out with the new token
    async with sessions_for(oauth_app.db_url)() as session:
        row = (await session.scalars(select(SlackInstallation).execution_options(populate_existing=True))).one()
    # Slack spent the old refresh token and handed out a new one with the new bot token: that one is kept.
    assert row.bot_token == used and row.bot_refresh_token == oauth_app.mock.refresh_token_of(TEAM_ONE)
    assert row.bot_refresh_token != grant.refresh_token
    assert row.bot_token_expires_at is not None and row.bot_token_expires_at > datetime.now(UTC) + timedelta(hours=11)
    [(stored, refresh)] = await raw_tokens(oauth_app.db_url)
    assert stored.startswith("fernet:") and refresh is not None and refresh.startswith("fernet:")

    # The fresh token has hours left: the next request does not refresh again.
    await oauth_app.start(TEAM_ONE, "C0ONE00002")
    again = [c for c in oauth_app.mock.calls_to("oauth.v2.access") if c.args.get("grant_type") == "refresh_token"]
    assert len(again) == 1


# ---------------------------------------------------------------------- authorization cost


async def test_auth_test_is_called_once_per_token_not_once_per_request(oauth_app: OAuthApp) -> None:
    grant = await oauth_app.install(TEAM_ONE)  # the install itself asks auth.test who the bot is
    at_install = len(oauth_app.mock.calls_to("auth.test"))
    for n in range(4):
        await oauth_app.start(TEAM_ONE, f"C0ONE0000{n}")
        await oauth_app.send.command("help", team_id=TEAM_ONE, channel=f"C0ONE0000{n}")
    await oauth_app.mock.wait_calls("response_url", 4)

    auth_tests = oauth_app.mock.calls_to("auth.test")[at_install:]
    assert [c.token for c in auth_tests] == [grant.bot_token]  # 8 requests, one auth.test
