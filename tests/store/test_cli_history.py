"""``msgchoice history`` and ``msgchoice show`` after a terminal session was recorded."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from bot.advisor.advice import Advice
from bot.advisor.machine import Step
from bot.cli import main
from bot.settings import get_settings
from bot.store.session_log import record_terminal_session_sync


@pytest.fixture
def cli_db(migrated_db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DATABASE_URL", migrated_db_url)
    monkeypatch.delenv("MSGCHOICE_TEAM", raising=False)
    get_settings.cache_clear()
    yield migrated_db_url
    get_settings.cache_clear()


def _record(url: str, advice: Advice, chosen: str, rationale: str, team: str = "local") -> int:
    steps = [Step(question=q, value=v, source="cli") for q, v in advice.answers.items()]
    return record_terminal_session_sync(
        url,
        team_id=team,
        user="alice",
        steps=steps,
        advice=advice,
        chosen_system=chosen,
        rationale=rationale,
        free_text="CDC from Postgres into S3 | 50k events/s",
    )


def test_history_lists_a_recorded_terminal_decision(
    cli_db: str, kafka_advice: Advice, capsys: pytest.CaptureFixture[str]
) -> None:
    decision_id = _record(cli_db, kafka_advice, "kafka", "we need Connect and replay")

    assert main(["history"]) == 0

    out = capsys.readouterr().out
    assert f"#{decision_id}" in out and "kafka" in out and "we need Connect and replay" in out


def test_history_json_filters_by_system_text_and_team(
    cli_db: str, kafka_advice: Advice, nats_advice: Advice, capsys: pytest.CaptureFixture[str]
) -> None:
    kafka_id = _record(cli_db, kafka_advice, "kafka", "replay")
    nats_id = _record(cli_db, nats_advice, "nats-core", "RPC")
    _record(cli_db, kafka_advice, "kafka", "other team", team="TB")

    def listed(*argv: str) -> list[int]:
        assert main(["history", "--json", *argv]) == 0
        return [d["id"] for d in json.loads(capsys.readouterr().out)]

    assert listed() == [nats_id, kafka_id]
    assert listed("--system", "kafka") == [kafka_id]
    assert listed("--text", "rpc") == [nats_id]
    assert listed("--since", "2000-01-01", "--until", "2999-12-31") == [nats_id, kafka_id]
    assert listed("--until", "2000-01-01") == []
    assert len(listed("--team", "TB")) == 1


def test_history_rejects_an_unknown_system_as_usage_error(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--system", "rabbitmq"]) == 2
    assert "unknown system 'rabbitmq'" in capsys.readouterr().err


def test_show_adr_prints_a_madr_record_with_context_outcome_consequences_and_ranking(
    cli_db: str, kafka_advice: Advice, capsys: pytest.CaptureFixture[str]
) -> None:
    decision_id = _record(cli_db, kafka_advice, "nats-jetstream", "# smaller *team* | no JVM")

    assert main(["show", str(decision_id), "--adr"]) == 0

    adr = capsys.readouterr().out
    assert adr.startswith("# Use NATS JetStream for messaging\n")
    for heading in [
        "## Context and Problem Statement",
        "## Decision Outcome",
        "### Consequences",
        "## Alternatives Considered",
    ]:
        assert f"\n{heading}\n" in adr
    assert "| Do messages need to be persisted? | Yes, messages must be durable |" in adr
    assert 'Chosen option: "NATS JetStream", because \\# smaller \\*team\\* \\| no JVM.' in adr
    assert "CDC from Postgres into S3 \\| 50k events/s" in adr
    assert "the team chose otherwise" in adr
    assert "* Good, because Persistence (Feature Comparison): Yes — durable streams" in adr
    for ranked in kafka_advice.ranking:
        assert f"| {ranked.name} | {ranked.score:.1f} |" in adr.replace("\\+", "+")
    # The user's text cannot open a heading or break the table.
    assert "\n# smaller" not in adr


def test_show_of_another_teams_decision_is_not_found(
    cli_db: str, kafka_advice: Advice, capsys: pytest.CaptureFixture[str]
) -> None:
    decision_id = _record(cli_db, kafka_advice, "kafka", "ours", team="TB")

    assert main(["show", str(decision_id)]) == 1
    assert f"no decision #{decision_id} for team 'local'" in capsys.readouterr().err
    assert main(["show", str(decision_id), "--team", "TB", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["rationale"] == "ours" and shown["advice"]["recommendation"] == kafka_advice.recommendation


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "99999999999999999999"],
        ["show", "9223372036854775808", "--json"],
        ["history", "--limit", "99999999999999999999"],
        ["decisions", "recheck", "--limit", "99999999999999999999"],
        ["policy", "show", "--version", "99999999999999999999"],
    ],
)
def test_a_number_too_large_for_the_database_is_a_usage_error_not_a_traceback(
    cli_db: str, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    # SQLite raised OverflowError (a traceback); PostgreSQL called it a database error (exit 1).
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "too large" in err.splitlines()[-1]


@pytest.mark.parametrize("argv", [["history"], ["history", "--json"], ["show", "1"], ["decisions", "recheck"]])
def test_reading_a_database_that_does_not_exist_says_so_and_creates_nothing(
    tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """A mistyped DATABASE_URL (or a first look before anything was recorded) must not leave an empty
    database behind that later commands would take for the real one."""
    typo = tmp_path / "decisons.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{typo}")
    monkeypatch.delenv("MSGCHOICE_TEAM", raising=False)
    get_settings.cache_clear()
    try:
        code = main(argv)
    finally:
        get_settings.cache_clear()
    captured = capsys.readouterr()
    assert not typo.exists() and list(tmp_path.iterdir()) == []
    assert f"no database at {typo}" in captured.err
    if argv == ["history", "--json"]:
        assert code == 0 and json.loads(captured.out) == []
    elif argv == ["show", "1"]:
        assert code != 0
    else:
        assert code == 0
