"""docs/DEPLOY.md documents every setting, with the default the code really has."""

from __future__ import annotations

import re
from pathlib import Path

from bot.settings import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "docs" / "DEPLOY.md"


def documented() -> dict[str, str]:
    """Variable → the Default cell of the configuration table."""
    rows = {}
    for line in DEPLOY.read_text().splitlines():
        match = re.match(r"^\| `([A-Z_]+)` \| (.+?) \|", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def test_every_environment_variable_of_the_settings_is_in_the_table_with_its_default() -> None:
    rows = documented()
    for name, field in Settings.model_fields.items():
        variable = str(field.validation_alias)
        assert variable in rows, f"{variable} ({name}) is missing from docs/DEPLOY.md"
        if field.default_factory is not None or field.default is None:
            continue  # computed, or unset
        default = field.default
        if isinstance(default, bool):
            shown = str(default).lower()
        elif isinstance(default, float):
            shown = f"{default:g}"
        else:
            shown = str(default)
        assert f"`{shown}`" in rows[variable], f"{variable}: the docs say {rows[variable]!r}, the code {shown!r}"
