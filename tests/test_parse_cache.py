"""The lexicon's analysis is kept across processes (``msgchoice advise`` starts a fresh one each time):
the readings must be those of a process that worked everything out itself, and a bad cache must cost
nothing but time."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bot.advisor import parse as parse_module
from knowledge import load as load_knowledge
from tests.eval.report import load_cases

TEXTS = [case.text for case in load_cases("dev")[::80]] + [
    "Separately, compliance keeps 7 years of audit events; the dashboards want sub-ms ticks.",
    "Nothing here needs to be persisted, and a 3-person team runs it at 2k msgs/s.",
]


def _fresh_process_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget everything this process compiled or worked out, as a new process would."""
    for name in ("_COMPILED", "_REQUIRED", "_LIVE"):
        monkeypatch.setattr(parse_module, name, {})


def _readings() -> list[object]:
    return [
        (result.as_dict(), [(a.question, a.span, a.note) for a in result.ambiguous])
        for result in map(parse_module.parse, TEXTS)
    ]


def _analysis(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    _fresh_process_state(monkeypatch)
    compiled = parse_module._compile(load_knowledge())
    return {str(n): each for n, each in enumerate(compiled.alternatives.values())}


def test_a_process_that_reads_the_cache_reads_texts_as_one_that_worked_it_out(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGCHOICE_CACHE_DIR", "off")
    worked_out = _analysis(monkeypatch)
    uncached = _readings()

    monkeypatch.setenv("MSGCHOICE_CACHE_DIR", str(tmp_path))
    assert _analysis(monkeypatch) == worked_out  # the first process writes the file
    [written] = tmp_path.glob("lexicon-*.json")
    assert _readings() == uncached

    assert _analysis(monkeypatch) == worked_out  # a later one reads it
    assert _readings() == uncached
    assert list(tmp_path.glob("lexicon-*.json")) == [written]


def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGCHOICE_CACHE_DIR", "off")
    worked_out = _analysis(monkeypatch)
    expected = _readings()
    monkeypatch.setenv("MSGCHOICE_CACHE_DIR", str(tmp_path))
    _analysis(monkeypatch)
    [path] = tmp_path.glob("lexicon-*.json")
    for damaged in ('{"entries": ', '{"entries": {"0": [[1, null, []]]}}'):
        path.write_text(damaged)
        assert _analysis(monkeypatch) == worked_out
        json.loads(path.read_text())  # whole again
    assert _readings() == expected


def test_an_unwritable_cache_place_still_reads(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGCHOICE_CACHE_DIR", "off")
    expected = (_analysis(monkeypatch), _readings())
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("MSGCHOICE_CACHE_DIR", str(blocker / "msgchoice"))
    assert (_analysis(monkeypatch), _readings()) == expected


def test_another_lexicon_is_another_file_and_old_ones_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGCHOICE_CACHE_DIR", str(tmp_path))
    for stale in range(6):
        old = tmp_path / f"lexicon-old{stale}.json"
        old.write_text("{}")
        os.utime(old, (1_000_000 + stale, 1_000_000 + stale))
    kb = load_knowledge()
    _fresh_process_state(monkeypatch)
    parse_module._compile(kb)
    edited = kb.model_copy(update={"lexicon": kb.lexicon.model_copy(update={"max_chars": kb.lexicon.max_chars - 1})})
    assert parse_module._Analysis.path(edited) != parse_module._Analysis.path(kb)
    names = sorted(p.name for p in tmp_path.glob("lexicon-*.json"))
    assert len(names) == parse_module._CACHE_FILES_KEPT
    assert parse_module._Analysis.path(kb).name in names  # the one just written is kept, the oldest went
    assert "lexicon-old0.json" not in names


def test_msgchoice_advise_writes_the_cache_once_and_answers_the_same(tmp_path):
    text = "Orders must survive a broker restart; about 2k/s; a 3-person team runs it."
    env = {**os.environ, "MSGCHOICE_CACHE_DIR": str(tmp_path), "MSGCHOICE_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "bot", "advise", "--json", text]
    runs = []
    for _ in range(2):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=True)
        runs.append(json.loads(done.stdout))
        runs[-1].pop("generated_at", None)
        assert len(list(tmp_path.glob("lexicon-*.json"))) == 1
    assert runs[0] == runs[1]
    assert runs[0]["recommendation"] in {"nats-jetstream", "kafka", "nats-core", "hybrid"}
