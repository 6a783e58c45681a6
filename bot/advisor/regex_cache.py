"""Compiled regular expressions kept between processes.

The lexicon compiles to about 1 MB of regular expressions, and compiling them is most of what a fresh
process spends on a description (``msgchoice advise`` starts one each time: about 0.6 s of its first
0.8 s).  ``re`` cannot save a compiled pattern (pickling one compiles it again), so this keeps what
``re`` hands its C engine for each pattern, the engine's program, in the cache folder (one small file
per pattern, named after the pattern and its flags) and builds the pattern from it in a later process
through the same call ``re`` itself makes.

That call (``_sre.compile``) is CPython's own, not a public API, so:

- the folder is named after the interpreter (``sys.implementation.cache_tag``) and the engine's
  version (``_sre.MAGIC``, ``_sre.CODESIZE``), so no program is read by an engine it was not made for;
- the engine validates a program before it builds a pattern from it ("invalid SRE code"); a file that
  does not load, or a program the engine refuses, is compiled again and the file replaced;
- once per process a small pattern is built both ways and compared (``re.Pattern`` equality compares
  the programs); if they differ, or the internals are not there (another Python), every pattern is
  compiled by ``re.compile`` as usual.

A missing, damaged or unwritable folder costs only time: the patterns are the same either way.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import marshal
import os
import re
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any

# CPython's regular-expression engine and compiler (internal modules, without type stubs)
_sre: Any
_compiler: Any
_parser: Any
try:
    _sre = importlib.import_module("_sre")
    _compiler = importlib.import_module("re._compiler")
    _parser = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - another implementation
    _sre = _compiler = _parser = None

# The folder beside the lexicon's analysis; emptied when it holds more than this many files (each
# lexicon version adds the patterns that changed, a few hundred at most).
MAX_FILES = 10_000


def cache_dir() -> Path | None:
    """``MSGCHOICE_CACHE_DIR``, else ``$XDG_CACHE_HOME/msgchoice`` or ``~/.cache/msgchoice``; None when
    ``MSGCHOICE_CACHE_DIR=off``, or when there is no home to put it in (a container's user without one)."""
    configured = os.environ.get("MSGCHOICE_CACHE_DIR", "").strip()
    if configured.lower() == "off":
        return None
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg:
        return Path(xdg) / "msgchoice"
    try:
        return Path.home() / ".cache" / "msgchoice"
    except (RuntimeError, KeyError, OSError):  # "Could not determine home directory"
        return None


def _program(source: str, flags: int) -> tuple[Any, ...]:
    """What ``re`` passes to ``_sre.compile`` after the source (as ``re._compiler.compile`` builds it)."""
    parsed = _parser.parse(source, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _works() -> bool:
    """Whether building a pattern from its program gives what ``re.compile`` gives, in this interpreter."""
    if _sre is None:
        return False
    source, flags = r"(?<![\w-])(?P<word>ke+p|retain)s?(?:\s+\d{1,3})?(?!\w)|x", int(re.IGNORECASE | re.MULTILINE)
    try:
        built = _sre.compile(source, *_program(source, flags))
        return bool(built == re.compile(source, flags)) and built.match("Keeps 7").group("word") == "Keep"
    except Exception:
        return False


_WORKS: bool | None = None
# What this process has compiled (as ``re`` keeps its own), bounded: a server reads many texts.
_MEMO: dict[tuple[str, int], re.Pattern[str]] = {}
_MEMO_MAX = 8192


def _folder() -> Path | None:
    base = cache_dir()
    if base is None:
        return None
    return base / f"regex-{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the cache folder when an earlier process compiled it."""
    flags = int(flags)
    pattern = _MEMO.get((source, flags))
    if pattern is None:
        if len(_MEMO) >= _MEMO_MAX:
            # the oldest out (another thread may have emptied or changed the dict meanwhile)
            with contextlib.suppress(StopIteration, RuntimeError):
                _MEMO.pop(next(iter(_MEMO)), None)
        pattern = _MEMO[(source, flags)] = _load_or_compile(source, flags)
    return pattern


def _load_or_compile(source: str, flags: int) -> re.Pattern[str]:
    global _WORKS
    if _WORKS is None:
        _WORKS = _works()
    folder = _folder() if _WORKS else None
    if folder is None:
        return re.compile(source, flags)
    path = folder / hashlib.sha256(f"{flags}|{source}".encode()).hexdigest()[:32]
    try:
        program = marshal.loads(zlib.decompress(path.read_bytes()))
        loaded: re.Pattern[str] = _sre.compile(source, *program)
        return loaded
    except Exception:
        pass
    program = _program(source, flags)
    pattern: re.Pattern[str] = _sre.compile(source, *program)
    _save(path, zlib.compress(marshal.dumps(program), 1))
    return pattern


def _save(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, path)  # readers see no file or the whole of one
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


def prune() -> None:
    """Empty the folder when it has grown past ``MAX_FILES`` (called when a new lexicon is analysed)."""
    folder = _folder() if _sre is not None else None
    if folder is None:
        return
    try:
        files = list(folder.iterdir())
        if len(files) > MAX_FILES:
            for file in files:
                file.unlink(missing_ok=True)
    except OSError:
        pass
