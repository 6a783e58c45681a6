"""``msgchoice digest run --now`` as a real process against a local Slack stand-in and the test database."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.digest.schedule import Schedule, current_slot
from tests.digest.helpers import add_decision, configure
from tests.digest.mock_slack import DigestMockSlack
from tests.slack.harness import BOT_TOKEN

ROOT = Path(__file__).resolve().parents[2]


async def msgchoice(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "MSGCHOICE_"))}
    env.update(PYTHONPATH=str(ROOT), MSGCHOICE_HOME=str(tmp_path / "home"), **extra)
    return env


async def test_digest_run_now_posts_one_digest_per_team_and_a_second_run_none(
    db_url: str, session_factory: Any, slack: DigestMockSlack, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    async with session_factory() as session:
        for team, weekday in (("T0ONE", (now.weekday() + 3) % 7), ("T0TWO", now.weekday())):
            # Scheduled for another day (or later today): --now sends regardless.
            await configure(
                session,
                team_id=team,
                channel_id=f"C{team}",
                weekday=weekday,
                hour=23,
                minute=59,
                timezone="Pacific/Kiritimati",
                configured_at=now - timedelta(days=30),
            )
            # (s41) within this week's digest: a slot already passed this week (Friday to Sunday, the day three on is
            # an earlier one) ends the week's digest there, and what came after it is next week's
            slot = current_slot(Schedule(weekday=weekday, hour=23, minute=59, timezone="Pacific/Kiritimati"), now)
            decided = min(now, slot.at) - timedelta(hours=1)
            await add_decision(session, team_id=team, created_at=decided, rationale="<!channel> *x*")
        await configure(
            session, team_id="T0OFF", channel_id="C0OFF", enabled=False, configured_at=now - timedelta(days=30)
        )
    env = environment(tmp_path, DATABASE_URL=db_url, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=slack.api_url)

    code, out, err = await msgchoice("digest", "run", "--now", env=env, cwd=tmp_path)
    assert code == 0, err
    assert len(slack.messages["CT0ONE"]) == 1 and len(slack.messages["CT0TWO"]) == 1
    assert "C0OFF" not in slack.messages
    assert "*Decisions (1)*" in (slack.messages["CT0ONE"][0].text or "")
    assert "<!channel>" not in (slack.messages["CT0ONE"][0].text or "")
    lines = out.splitlines()
    assert [line.split(" week ")[0] for line in lines] == ["T0ONE", "T0TWO"]
    assert all("posted to" in line for line in out.splitlines())

    code, out, err = await msgchoice("digest", "run", "--now", env=env, cwd=tmp_path)
    assert code == 0, err
    assert len(slack.calls_to("chat.postMessage")) == 2
    assert all("already sent" in line for line in out.splitlines())

    code, out, _ = await msgchoice("digest", "run", "--now", "--team", "T0NONE", env=env, cwd=tmp_path)
    assert code == 0 and "team 'T0NONE' has no digest configured" in out


async def test_digest_run_without_a_token_is_a_one_line_error(tmp_path: Path) -> None:
    env = environment(tmp_path, DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    code, out, err = await msgchoice("digest", "run", "--now", env=env, cwd=tmp_path)
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "msgchoice: SLACK_BOT_TOKEN is not set: the digest is posted with the app's bot token (xoxb-…)"
    ]


async def test_digest_preview_prints_the_digest(db_url: str, session_factory: Any, tmp_path: Path) -> None:
    async with session_factory() as session:
        await add_decision(session, team_id="T0ONE", created_at=datetime.now(UTC) - timedelta(days=1), chosen="kafka")
    env = environment(tmp_path, DATABASE_URL=db_url)
    code, out, err = await msgchoice("digest", "preview", "--team", "T0ONE", env=env, cwd=tmp_path)
    assert code == 0, err
    assert "*Decisions (1)*" in out and "Apache Kafka" in out


async def test_a_stop_signal_while_a_digest_is_posting_lets_it_finish_and_record_it(
    db_url: str, session_factory: Any, slack: DigestMockSlack, tmp_path: Path
) -> None:
    """A CronJob pod stopped (node drain, deadline) or Ctrl-C while `digest run` is posting: the post in flight
    is finished and recorded, not left 'claimed' to be posted a second time once the claim times out."""
    import signal

    from sqlalchemy import select

    from bot.store.models import DigestRun

    now = datetime.now(UTC)
    async with session_factory() as session:
        await configure(session, team_id="T0ONE", channel_id="CT0ONE", configured_at=now - timedelta(days=30))
        await add_decision(session, team_id="T0ONE", created_at=now - timedelta(hours=1))
    slack.delay["chat.postMessage"] = 2.0
    env = environment(tmp_path, DATABASE_URL=db_url, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=slack.api_url)
    for signum in (signal.SIGTERM, signal.SIGINT):
        async with session_factory() as session:
            await session.execute(DigestRun.__table__.delete())
            await session.commit()
        posts = len(slack.posts())
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "digest", "run", "--now", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        deadline = datetime.now(UTC) + timedelta(seconds=60)
        while slack.attempts.get("chat.postMessage", 0) <= posts:  # until the post is on its way
            assert datetime.now(UTC) < deadline, "digest run never posted"
            await asyncio.sleep(0.02)
        process.send_signal(signum)
        out, err = await asyncio.wait_for(process.communicate(), 30)

        assert (process.returncode, "Traceback" in err.decode()) == (0, False), err.decode()
        assert "posted to CT0ONE" in out.decode()
        async with session_factory() as session:
            [run] = (await session.scalars(select(DigestRun))).all()
        assert (run.status, run.message_ts is not None) == ("posted", True)
        assert len(slack.posts()) == posts + 1
