"""Team policies in the database: versions with who and when, the CLI, decisions made under a policy."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.advisor.engine import advise
from bot.advisor.policy import TeamPolicy, parse_policy
from bot.cli import main
from bot.settings import get_settings
from bot.store import policies, repo

POLICY = """
name: Paved road
contact: "#platform"
systems:
  nats-core: {offered: false, note: No on-call for it, contact: "@oncall"}
"""


@pytest.fixture
def cli_db(migrated_db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DATABASE_URL", migrated_db_url)
    monkeypatch.delenv("MSGCHOICE_TEAM", raising=False)
    get_settings.cache_clear()
    yield migrated_db_url
    get_settings.cache_clear()


async def test_each_set_is_a_new_version_with_who_and_the_same_document_again_records_nothing(session: Any) -> None:
    first = parse_policy(POLICY).model_dump(mode="json")
    second = parse_policy(POLICY.replace("Paved road", "Paved road 2")).model_dump(mode="json")

    v1, created1 = await policies.set_policy(session, team_id="T1", document=first, source=POLICY, created_by="alice")
    again, created_again = await policies.set_policy(
        session, team_id="T1", document=first, source=POLICY, created_by="bob"
    )
    v2, created2 = await policies.set_policy(session, team_id="T1", document=second, source="x", created_by="bob")
    other, _ = await policies.set_policy(session, team_id="T2", document=first, source=POLICY, created_by="carol")

    assert (v1.version, created1) == (1, True)
    assert (again.version, created_again, again.created_by) == (1, False, "alice")
    assert (v2.version, created2, v2.created_by) == (2, True, "bob")
    assert other.version == 1  # versions count per team
    current = await policies.current_policy(session, team_id="T1")
    assert current is not None and current.version == 2 and current.document["name"] == "Paved road 2"
    history = await policies.policy_history(session, team_id="T1")
    assert [(h.version, h.created_by) for h in history] == [(2, "bob"), (1, "alice")]
    assert all(h.created_at is not None for h in history)
    assert await policies.current_policy(session, team_id="nobody") is None


async def test_a_decision_records_the_policy_version_and_whether_it_went_against_it(session: Any) -> None:
    team_policy = TeamPolicy(parse_policy(POLICY), version=3, source="team T1, version 3")
    advice = advise({"persistence": "no", "latency": "sub-ms"}, policy=team_policy)
    assert advice.recommendation != "nats-core"

    followed, _ = await repo.record_decision(
        session, team_id="T1", idempotency_key="a", conversation_id=None, advice=advice,
        chosen_system=advice.recommendation, rationale="", decided_by="alice",
    )
    against, _ = await repo.record_decision(
        session, team_id="T1", idempotency_key="b", conversation_id=None, advice=advice,
        chosen_system="nats-core", rationale="we need sub-ms", decided_by="bob",
    )
    plain, _ = await repo.record_decision(
        session, team_id="T1", idempotency_key="c", conversation_id=None, advice=advise({"persistence": "no"}),
        chosen_system="nats-core", rationale="", decided_by="carol",
    )

    assert (followed.policy_version, followed.against_policy) == (3, False)
    assert (against.policy_version, against.against_policy) == (3, True)
    assert (plain.policy_version, plain.against_policy) == (None, False)


def test_cli_set_show_history_and_a_bad_file_changes_nothing(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "policy.yaml"
    good.write_text(POLICY)
    bad = tmp_path / "bad.yaml"
    bad.write_text(POLICY.replace("offered: false", "offered: nope"))

    assert main(["policy", "show"]) == 0
    assert "No policy for team 'local'" in capsys.readouterr().out

    assert main(["policy", "set", str(good), "--by", "alice"]) == 0
    out = capsys.readouterr().out
    assert "version 1" in out and "Slack's text box" not in out

    assert main(["policy", "set", str(bad), "--by", "mallory"]) == 2
    err = capsys.readouterr().err
    assert "field 'systems.nats-core.offered'" in err and "nothing was changed" in err

    assert main(["policy", "check", str(bad)]) == 2
    capsys.readouterr()

    assert main(["policy", "history", "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert [(h["version"], h["created_by"]) for h in history] == [(1, "alice")]

    assert main(["policy", "show"]) == 0
    out = capsys.readouterr().out
    assert "version 1" in out and "alice" in out and "NATS Core: NOT offered — No on-call for it" in out

    # advise under the team's stored policy
    assert main(["advise", "--json", "--team", "local", "-a", "persistence=no", "-a", "latency=sub-ms"]) == 0
    out_json = json.loads(capsys.readouterr().out)
    assert out_json["policy"]["version"] == 1 and out_json["policy"]["guide_recommendation"] == "nats-core"
    assert out_json["recommendation"] != "nats-core"


def test_cli_policy_check_summarises_a_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "policy.yaml"
    good.write_text(POLICY)

    assert main(["policy", "check", str(good)]) == 0

    out = capsys.readouterr().out
    assert "valid" in out and "NATS Core: NOT offered" in out and "Hybrid: NATS + Kafka: NOT offered" in out


async def test_the_adr_shows_the_guide_answer_the_policy_answer_and_the_rule(session: Any) -> None:
    from bot.render.adr import render_adr

    team_policy = TeamPolicy(parse_policy(POLICY), version=2, source="team T1, version 2")
    advice = advise({"persistence": "no", "latency": "sub-ms"}, policy=team_policy)
    decision, _ = await repo.record_decision(
        session, team_id="T1", idempotency_key="adr", conversation_id=None, advice=advice,
        chosen_system="nats-core", rationale="sub-ms matters", decided_by="bob",
    )

    adr = render_adr(decision)

    assert "### Team policy" in adr and "team T1, version 2" in adr
    assert "The guide alone recommends NATS Core" in adr
    assert f"the recommendation is {advice.recommendation_name}" in adr
    assert "NATS Core is not offered here: No on-call for it (contact: @oncall)" in adr
    assert "goes against the policy" in adr


def test_cli_set_of_a_policy_longer_than_slacks_text_box_says_where_it_can_be_changed(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = tmp_path / "long.yaml"
    text = POLICY + "# a note the platform team keeps with the policy\n" * 80
    long.write_text(text)
    assert main(["policy", "set", str(long), "--by", "alice"]) == 0
    out = capsys.readouterr().out
    assert "version 1" in out and f"{len(text):,} characters" in out and "3,000 of Slack's text box" in out
    assert main(["policy", "show"]) == 0
    assert capsys.readouterr().out.rstrip("\n").endswith(text.rstrip("\n"))  # stored whole


def _doc(name: str) -> dict[str, Any]:
    return parse_policy(POLICY.replace("Paved road", name)).model_dump(mode="json")


async def test_a_save_based_on_an_older_version_stores_nothing_and_says_who_stored_the_newer(session: Any) -> None:
    await policies.set_policy(session, team_id="T1", document=_doc("one"), source="one", created_by="alice")
    await policies.set_policy(session, team_id="T1", document=_doc("two"), source="two", created_by="lead")

    with pytest.raises(policies.StalePolicy) as refused:
        await policies.set_policy(
            session, team_id="T1", document=_doc("mine"), source="mine", created_by="bob", based_on=1
        )

    current = refused.value.current
    assert current is not None and (current.version, current.created_by) == (2, "lead")
    assert current.created_at is not None
    assert [h.version for h in await policies.policy_history(session, team_id="T1")] == [2, 1]
    # Based on the version in force, it is stored as the next one.
    row, created = await policies.set_policy(
        session, team_id="T1", document=_doc("mine"), source="mine", created_by="bob", based_on=2
    )
    assert (row.version, created) == (3, True)


async def test_a_first_policy_is_based_on_none_and_a_save_based_on_none_is_refused_once_one_exists(
    session: Any,
) -> None:
    row, created = await policies.set_policy(
        session, team_id="T1", document=_doc("one"), source="one", created_by="alice", based_on=None
    )
    assert (row.version, created) == (1, True)
    with pytest.raises(policies.StalePolicy):
        await policies.set_policy(
            session, team_id="T1", document=_doc("two"), source="two", created_by="bob", based_on=None
        )
    with pytest.raises(policies.StalePolicy):  # a version that was never stored
        await policies.set_policy(
            session, team_id="T1", document=_doc("two"), source="two", created_by="bob", based_on=5
        )
    assert [h.version for h in await policies.policy_history(session, team_id="T1")] == [1]


@pytest.mark.parametrize("based_on", [None, 1])
async def test_of_saves_racing_on_one_version_exactly_one_is_stored(
    session_factory: Any, session: Any, based_on: int | None
) -> None:
    # Each save reads the version in force, then inserts; the check and the insert are one
    # conditional step, so no save slips in between another's check and its insert.
    if based_on is not None:
        await policies.set_policy(session, team_id="T1", document=_doc("base"), source="base", created_by="alice")

    async def save(i: int) -> Any:
        async with session_factory() as own:
            try:
                return await policies.set_policy(
                    own, team_id="T1", document=_doc(f"edit {i}"), source=f"edit {i}", created_by=f"U{i}",
                    based_on=based_on,
                )
            except policies.StalePolicy as stale:
                return stale

    results = await asyncio.gather(*(save(i) for i in range(10)))

    stored = [r for r in results if not isinstance(r, policies.StalePolicy)]
    refused = [r for r in results if isinstance(r, policies.StalePolicy)]
    expected = (based_on or 0) + 1
    assert len(stored) == 1 and stored[0][0].version == expected and stored[0][1] is True
    assert len(refused) == 9
    assert all(r.current is not None and r.current.created_by == stored[0][0].created_by for r in refused)
    history = await policies.policy_history(session, team_id="T1")
    assert history[0].version == expected and len(history) == expected
