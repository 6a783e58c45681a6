"""Load and validate the knowledge data files.

A malformed file raises :class:`KnowledgeError` whose message names the file,
the row and the field, so ``msgchoice`` can print one line instead of a
traceback.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.models import Flowchart, Knowledge, Lexicon, Need, SizingData, System, Table, Threshold

DATA_DIR = Path(__file__).parent / "data"

M = TypeVar("M", bound=BaseModel)

try:  # the C loader is several times faster; fall back where libyaml is absent
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


class KnowledgeError(Exception):
    """A data file is missing, unreadable or does not match its schema."""


def _read(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)  # a safe loader: CSafeLoader or SafeLoader
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{_rel(path)}: file is missing") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{_rel(path)}: not valid YAML: {exc}") from exc


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(DATA_DIR.parent.parent))
    except ValueError:
        return str(path)


def _describe_location(raw: Any, loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into "row 'x', field 'y'" using ids found in the raw data."""
    parts: list[str] = []
    node = raw
    fields: list[str] = []
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
            ident = node.get("id") or node.get("value") or node.get("ref") if isinstance(node, dict) else None
            kind = fields[-1].rstrip("s") if fields else "item"
            if kind in ("row", "rows"):
                kind = "row"
            parts.append(f"{kind} {ident!r}" if ident else f"{kind} #{step + 1}")
        elif isinstance(step, str):
            fields.append(step)
            node = node.get(step) if isinstance(node, dict) else None
    trailing = [f for f in fields if f not in ("rows", "questions", "answers", "entries", "extra_questions")]
    if trailing:
        parts.append(f"field {trailing[-1]!r}")
    return ", ".join(parts) or "top level"


def _validate(model: type[M], raw: Any, path: Path) -> M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = _describe_location(raw, tuple(first["loc"]))
        more = f" (and {exc.error_count() - 1} more problem(s))" if exc.error_count() > 1 else ""
        raise KnowledgeError(f"{_rel(path)}: {where}: {first['msg']}{more}") from exc


def _with_default_sources(raw: Any) -> Any:
    """Rows inherit their table's section as source unless they name their own."""
    if isinstance(raw, dict) and isinstance(raw.get("rows"), list) and raw.get("section"):
        for row in raw["rows"]:
            if isinstance(row, dict) and not row.get("source"):
                row["source"] = raw["section"]
    return raw


def load_from(data_dir: Path) -> Knowledge:
    """Load every data file below ``data_dir`` and validate the whole."""
    files = [
        data_dir / "meta.yaml",
        data_dir / "systems.yaml",
        data_dir / "flowchart.yaml",
        data_dir / "needs.yaml",
        data_dir / "thresholds.yaml",
        data_dir / "lexicon.yaml",
        data_dir / "sizing.yaml",
    ]
    table_files = sorted((data_dir / "tables").glob("*.yaml"))
    if not table_files:
        raise KnowledgeError(f"{_rel(data_dir / 'tables')}: no table files found")
    digest = hashlib.sha256()
    for path in [*files, *table_files]:
        if path.exists():
            digest.update(path.read_bytes())

    meta = _read(files[0]) or {}
    systems_raw = _read(files[1]) or {}
    systems = [
        _validate(System, s, files[1]) for s in (systems_raw.get("systems") or [])
    ]
    flowchart = _validate(Flowchart, _read(files[2]), files[2])
    needs_raw = _read(files[3]) or {}
    needs = [_validate(Need, n, files[3]) for n in (needs_raw.get("needs") or [])]
    thresholds_raw = _read(files[4]) or {}
    thresholds = [_validate(Threshold, t, files[4]) for t in (thresholds_raw.get("thresholds") or [])]
    lexicon = _validate(Lexicon, _read(files[5]), files[5])
    tables = [_validate(Table, _with_default_sources(_read(p)), p) for p in table_files]
    sizing = _validate(SizingData, _read(files[6]), files[6]) if files[6].exists() else None

    version = f"{meta.get('version', '0')}+{digest.hexdigest()[:10]}"
    try:
        return Knowledge(
            version=version,
            systems=systems,
            tables=tables,
            flowchart=flowchart,
            needs=needs,
            thresholds=thresholds,
            lexicon=lexicon,
            sizing=sizing,
        )
    except ValidationError as exc:  # the parts were validated above; what is left crosses files
        raise KnowledgeError(f"{_rel(data_dir)}: {exc.errors()[0]['msg'].removeprefix('Value error, ')}") from exc


@lru_cache(maxsize=1)
def load() -> Knowledge:
    """The packaged knowledge, loaded once per process."""
    return load_from(DATA_DIR)
