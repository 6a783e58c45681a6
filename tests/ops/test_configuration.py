"""Configuration as an operator meets it: every variable missing, empty or malformed, through the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))"


def env_for(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MSGCHOICE_", "DATABASE_URL"))}
    env.update({"MSGCHOICE_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)})
    env.update(values)
    return env


def msgchoice(tmp_path: Path, *args: str, **values: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        env=env_for(tmp_path, **values),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_empty_database_url_means_the_default_sqlite_file(tmp_path: Path) -> None:
    # `DATABASE_URL=` is what an empty secret, a .env line or `docker run -e DATABASE_URL=` gives.
    done = msgchoice(tmp_path, "db", "upgrade", DATABASE_URL="")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "home" / "msgchoice.db").is_file()
    assert "Traceback" not in done.stderr


def test_msgchoice_home_in_a_dotenv_file_places_the_default_database(tmp_path: Path) -> None:
    # docs/DEPLOY.md: every setting may come from a .env file in the working directory.
    (tmp_path / ".env").write_text(f"MSGCHOICE_HOME={tmp_path / 'from-dotenv'}\n")
    env = env_for(tmp_path, HOME=str(tmp_path / "user"))
    del env["MSGCHOICE_HOME"]
    done = subprocess.run(
        [sys.executable, "-c", CLI, "db", "upgrade"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "from-dotenv" / "msgchoice.db").is_file()
    assert not (tmp_path / "user").exists()


def test_empty_optional_settings_take_their_defaults(tmp_path: Path) -> None:
    empty = {
        name: ""
        for name in (
            "MSGCHOICE_DIGEST_TICK_SECONDS",
            "MSGCHOICE_DIGEST_SCHEDULER",
            "MSGCHOICE_LOG_LEVEL",
            "MSGCHOICE_LOG_FORMAT",
            "MSGCHOICE_ACCESS_LOG",
            "MSGCHOICE_FORGET_ON_UNINSTALL",
            "MSGCHOICE_ALLOW_PLAINTEXT_TOKENS",
            "SLACK_API_URL",
        )
    }
    done = msgchoice(tmp_path, "history", **empty)
    assert done.returncode == 0, done.stderr
    assert "No decisions" in done.stdout


@pytest.mark.parametrize(
    ("variable", "value", "needs"),
    [
        ("MSGCHOICE_DIGEST_TICK_SECONDS", "soon-sekrit", "number"),
        ("MSGCHOICE_DIGEST_TICK_SECONDS", "0", "greater than 0"),
        # serve died with a traceback (OverflowError) making the tick a timedelta
        ("MSGCHOICE_DIGEST_TICK_SECONDS", "inf", "finite number"),
        ("MSGCHOICE_DIGEST_TICK_SECONDS", "1e300", "less than or equal to 3600"),
        # a digest slot is caught up for 12 hours at most: a tick that rare misses weeks
        ("MSGCHOICE_DIGEST_TICK_SECONDS", "86400", "less than or equal to 3600"),
        ("MSGCHOICE_LOG_FORMAT", "xml-sekrit", "'text' or 'json'"),
        ("MSGCHOICE_LOG_LEVEL", "verbose-sekrit", "'DEBUG'"),
        ("MSGCHOICE_FORGET_ON_UNINSTALL", "maybe-sekrit", "boolean"),
        ("MSGCHOICE_DIGEST_SCHEDULER", "perhaps-sekrit", "boolean"),
    ],
)
def test_a_malformed_setting_is_one_line_naming_the_variable_and_exit_2(
    tmp_path: Path, variable: str, value: str, needs: str
) -> None:
    for command in (["history"], ["serve", "--port", "0"], ["digest", "run"]):
        done = msgchoice(
            tmp_path, *command, SLACK_BOT_TOKEN="xoxb-1-2-abc", SLACK_SIGNING_SECRET="abc123", **{variable: value}
        )
        assert done.returncode == 2, (command, done.stderr)
        assert "Traceback" not in done.stderr
        [line] = done.stderr.splitlines()
        assert line.startswith("msgchoice: configuration: ") and variable in line and needs in line
        assert "sekrit" not in done.stderr  # the value is never repeated: it may be a secret


def test_the_log_level_is_read_in_any_case(tmp_path: Path) -> None:
    done = msgchoice(tmp_path, "history", MSGCHOICE_LOG_LEVEL="debug")
    assert done.returncode == 0, done.stderr


def test_the_settings_repr_shows_no_secret_and_no_database_password(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.settings import Settings

    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://msgchoice:pw-sekrit@db.internal:5432/msgchoice")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-2-tok-sekrit")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "client-sekrit")
    monkeypatch.setenv("MSGCHOICE_ENCRYPTION_KEY", "key-sekrit")
    settings = Settings()
    for shown in (repr(settings), str(settings), f"{settings!r}"):
        assert "sekrit" not in shown
        assert "postgresql+asyncpg://msgchoice:***@db.internal:5432/msgchoice" in shown
    assert settings.database_url.endswith(":pw-sekrit@db.internal:5432/msgchoice")  # the value itself is intact
