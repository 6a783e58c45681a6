"""Re-checking recorded decisions after the knowledge or the team policy changed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.advisor.engine import advise
from bot.advisor.policy import parse_policy
from bot.cli import main
from bot.settings import get_settings
from bot.store import policies, repo
from knowledge import Knowledge, load
from knowledge.loader import DATA_DIR, load_from

DURABLE_MODEST_SMALL = {"persistence": "yes", "throughput": "moderate", "ops": "small"}  # JetStream
DURABLE_EDGE = {"persistence": "yes", "throughput": "moderate", "ops": "small", "edge": "yes"}  # JetStream
STREAMING = {"persistence": "yes", "throughput": "high", "stream_processing": "yes"}  # Kafka
SUB_MS = {"persistence": "no", "latency": "sub-ms"}  # NATS Core


def jetstream_not_durable(tmp_path: Path) -> Knowledge:
    """The knowledge with JetStream rated 0 on persistence (a required row for durable messaging)."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "tables" / "features.yaml"
    table = yaml.safe_load(path.read_text())
    row = next(r for r in table["rows"] if r["id"] == "persistence")
    row["ratings"]["nats-jetstream"] = 0
    path.write_text(yaml.safe_dump(table, sort_keys=False, allow_unicode=True))
    return load_from(data)


async def _record(session: Any, key: str, answers: dict[str, str], team: str = "T1") -> int:
    advice = advise(answers)
    decision, _ = await repo.record_decision(
        session, team_id=team, idempotency_key=key, conversation_id=None, advice=advice,
        chosen_system=advice.recommendation, rationale="", decided_by="alice",
    )
    return decision.id


async def test_after_a_knowledge_change_recheck_lists_exactly_the_decisions_whose_answer_changed(
    session: Any, tmp_path: Path
) -> None:
    ids = {
        name: await _record(session, name, answers)
        for name, answers in {
            "modest": DURABLE_MODEST_SMALL, "edge": DURABLE_EDGE, "streaming": STREAMING, "sub-ms": SUB_MS,
        }.items()
    }
    await _record(session, "other-team", DURABLE_MODEST_SMALL, team="T2")
    changed_kb = jetstream_not_durable(tmp_path)
    assert changed_kb.version != load().version

    checked, changed = await policies.recheck_decisions(session, team_id="T1", kb=changed_kb)

    assert checked == 4
    # JetStream can no longer hold durable messages: exactly the two durable JetStream decisions move
    assert sorted(r.decision_id for r in changed) == sorted([ids["modest"], ids["edge"]])
    for r in changed:
        assert r.recommended == "nats-jetstream" and r.now != "nats-jetstream"
        assert f"the knowledge changed ({load().version} → {changed_kb.version})" in r.why
        assert "team policy changed" not in r.why


async def test_with_nothing_changed_nothing_is_listed(session: Any) -> None:
    for key, answers in (("a", DURABLE_MODEST_SMALL), ("b", SUB_MS)):
        await _record(session, key, answers)
    checked, changed = await policies.recheck_decisions(session, team_id="T1")
    assert (checked, changed) == (2, [])


async def test_a_new_policy_lists_the_decisions_it_would_now_advise_otherwise(session: Any) -> None:
    sub_ms = await _record(session, "sub-ms", SUB_MS)
    await _record(session, "streaming", STREAMING)
    await _record(session, "modest", DURABLE_MODEST_SMALL)
    document = parse_policy("systems:\n  nats-core: {offered: false, note: no on-call}\n").model_dump(mode="json")
    await policies.set_policy(session, team_id="T1", document=document, source="x", created_by="alice")

    _, changed = await policies.recheck_decisions(session, team_id="T1")

    assert [r.decision_id for r in changed] == [sub_ms]
    assert changed[0].policy_then is None and changed[0].policy_now == 1
    assert "the team policy changed (none → version 1)" in changed[0].why
    assert "NATS Core is not offered here: no on-call" in changed[0].why


@pytest.fixture
def cli_db(migrated_db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DATABASE_URL", migrated_db_url)
    monkeypatch.delenv("MSGCHOICE_TEAM", raising=False)
    get_settings.cache_clear()
    yield migrated_db_url
    get_settings.cache_clear()


def test_cli_recheck_lists_changed_decisions_with_why(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.store.db import run_sync, session_factory

    async def seed() -> int:
        async with session_factory(cli_db)() as session:
            await _record(session, "streaming", STREAMING, team="local")
            return await _record(session, "sub-ms", SUB_MS, team="local")

    sub_ms = run_sync(seed)
    assert main(["decisions", "recheck"]) == 0
    assert "none would get other advice today" in capsys.readouterr().out

    policy = tmp_path / "policy.yaml"
    policy.write_text("systems:\n  nats-core: {offered: false}\n")
    assert main(["policy", "set", str(policy), "--by", "alice"]) == 0
    capsys.readouterr()

    assert main(["decisions", "recheck", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["checked"] == 2
    assert [c["id"] for c in out["changed"]] == [sub_ms]
    assert out["changed"][0]["recommended"] == "nats-core" and out["changed"][0]["policy_now"] == 1
