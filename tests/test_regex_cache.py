"""Compiled patterns kept between processes (``bot.advisor.regex_cache``): a pattern built from a file must be
the very pattern ``re.compile`` builds, and a bad file, a refused program or an unwritable folder must cost
nothing but time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from bot.advisor import parse as parse_module
from bot.advisor import regex_cache
from knowledge import load as load_knowledge
from tests.eval.report import load_cases

FLAGS = re.IGNORECASE | re.MULTILINE


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A process that has compiled nothing yet, with its cache folder in ``tmp_path``."""
    monkeypatch.setenv("MSGCHOICE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_MEMO", {})
    monkeypatch.setattr(regex_cache, "_WORKS", None)
    return tmp_path


def _lexicon_sources() -> list[str]:
    """A spread of the lexicon's alternatives as the parser compiles them (word classes, look-arounds,
    named groups, inflections)."""
    compiled = parse_module._compile(load_knowledge())
    every = [alternative for each in compiled.alternatives.values() for alternative, _ in each]
    return [parse_module._phrase_regex(f"(?:{alternative})") for alternative in every[::25]]


def _files(folder):
    return sorted(p for p in folder.glob("regex-*/*") if not p.name.endswith(".tmp"))


def test_a_pattern_read_from_the_folder_is_the_one_re_compiles(monkeypatch, tmp_path):
    sources = sorted(set(_lexicon_sources()))
    monkeypatch.setenv("MSGCHOICE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_MEMO", {})
    monkeypatch.setattr(regex_cache, "_WORKS", None)
    first = [regex_cache.compile(source, FLAGS) for source in sources]  # compiled and written
    assert len(_files(tmp_path)) == len(sources)
    monkeypatch.setattr(regex_cache, "_MEMO", {})  # a later process: read from the files
    later = [regex_cache.compile(source, FLAGS) for source in sources]
    for source, written, read in zip(sources, first, later, strict=True):
        expected = re.compile(source, FLAGS)
        assert written == expected and read == expected  # Pattern equality compares the compiled programs
        assert read.groupindex == expected.groupindex and read.groups == expected.groups


def test_named_groups_and_flags_survive_the_round_trip(fresh, monkeypatch):
    source = r"(?P<n>\d+)\s*(?P<unit>k|m)?\s*(?:msgs?|events?)/s"
    regex_cache.compile(source)
    monkeypatch.setattr(regex_cache, "_MEMO", {})
    pattern = regex_cache.compile(source)
    m = pattern.search("about 40 k events/s at peak")
    assert m is not None and m.group("n") == "40" and m.group("unit") == "k"
    assert pattern.search("about 40 K EVENTS/S") is None  # no IGNORECASE: the flags are the pattern's own
    assert regex_cache.compile(source, re.IGNORECASE).search("about 40 K EVENTS/S") is not None


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.write_bytes(b"not a program"), id="garbage"),
        pytest.param(lambda path: path.write_bytes(b""), id="empty"),
        # a well-formed file whose program the engine refuses ("invalid SRE code")
        pytest.param(
            lambda path: path.write_bytes(
                regex_cache.zlib.compress(regex_cache.marshal.dumps((0, [99999, 1, 2], 0, {}, (None,))))
            ),
            id="refused-program",
        ),
    ],
)
def test_a_damaged_file_is_compiled_again_and_replaced(fresh, monkeypatch, damage):
    source = parse_module._phrase_regex("(?:keeps? (?:every|all) (?:messages?|events?))")
    expected = re.compile(source, FLAGS)
    regex_cache.compile(source, FLAGS)
    [path] = _files(fresh)
    damage(path)
    monkeypatch.setattr(regex_cache, "_MEMO", {})
    assert regex_cache.compile(source, FLAGS) == expected
    monkeypatch.setattr(regex_cache, "_MEMO", {})
    assert regex_cache.compile(source, FLAGS) == expected  # from the replaced file
    assert [p.name for p in _files(fresh)] == [path.name]


def test_an_unwritable_folder_only_costs_time(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would be")
    monkeypatch.setenv("MSGCHOICE_CACHE_DIR", str(blocker / "msgchoice"))
    monkeypatch.setattr(regex_cache, "_MEMO", {})
    monkeypatch.setattr(regex_cache, "_WORKS", None)
    source = r"(?<!\w)p(?:99|95)\s*(?:<|under|below)\s*(\d+)\s*ms"
    assert regex_cache.compile(source, FLAGS) == re.compile(source, FLAGS)


def test_a_user_without_a_home_reads_texts_without_the_cache(monkeypatch):
    """A container's user may have no home directory (an arbitrary uid, no HOME): nothing is cached and
    nothing fails, the parser included (it compiles its patterns as it is imported)."""
    for name in ("MSGCHOICE_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> None:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(regex_cache.Path, "home", staticmethod(no_home))
    monkeypatch.setattr(regex_cache, "_MEMO", {})
    assert regex_cache.cache_dir() is None
    source = r"(?<!\w)(?:at[- ]least[- ]once|exactly[- ]once)(?!\w)"
    assert regex_cache.compile(source, FLAGS) == re.compile(source, FLAGS)
    assert parse_module._cache_dir() is None
    assert parse_module._Analysis.path(load_knowledge()) is None


def test_where_the_engine_internals_differ_every_pattern_is_compiled_as_usual(fresh, monkeypatch):
    monkeypatch.setattr(regex_cache, "_works", lambda: False)
    source = r"(?:sub-?ms|microseconds?)"
    assert regex_cache.compile(source, FLAGS) == re.compile(source, FLAGS)
    assert _files(fresh) == []


def test_the_folder_is_emptied_once_it_has_piled_up(fresh, monkeypatch):
    monkeypatch.setattr(regex_cache, "MAX_FILES", 3)
    for n in range(3):
        regex_cache.compile(rf"word{n}")
    regex_cache.prune()
    assert len(_files(fresh)) == 3  # not past the limit: kept
    regex_cache.compile("word3")
    regex_cache.prune()
    assert _files(fresh) == []


def test_a_later_process_reads_descriptions_as_the_first_one_did(tmp_path):
    """Two fresh processes on one cache folder: the second builds its patterns from the files the first
    wrote (none compiled again, so no pattern's source depends on the process), and both read every
    description as a process without the folder does (the same answers, questions and spans)."""
    texts = [case.text for case in load_cases("dev")[::40]]
    script = (
        "import json, sys\n"
        "from bot.advisor.parse import parse\n"
        "texts = json.loads(sys.stdin.read())\n"
        "print(json.dumps([[parse(t).as_dict(), [(a.question, a.span) for a in parse(t).ambiguous]] for t in texts]))\n"
    )
    env = {**os.environ, "MSGCHOICE_CACHE_DIR": str(tmp_path)}

    def run(seed: str) -> object:
        # a different string hashing (set order) in each process: a pattern's source must not depend on it
        env["PYTHONHASHSEED"] = seed
        done = subprocess.run(
            [sys.executable, "-c", script], input=json.dumps(texts), env=env, capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout)

    def written() -> list[tuple[str, int]]:
        return [(p.name, p.stat().st_mtime_ns) for p in _files(tmp_path)]

    first = run("1")
    after_first = written()
    assert len(after_first) > 100
    assert run("2") == first
    assert written() == after_first  # nothing compiled again: every pattern came from its file
    env["MSGCHOICE_CACHE_DIR"] = "off"
    assert run("3") == first
