"""All configuration, read once from the environment (and an optional .env file)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import ConfigurationError

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


def default_database_url(home: str | None = None, xdg_data_home: str | None = None) -> str:
    """SQLite file in ``home`` (MSGCHOICE_HOME), else under ``xdg_data_home`` (XDG_DATA_HOME) or ~/.local/share."""
    if home:
        base = Path(home)
    else:
        base = (Path(xdg_data_home) if xdg_data_home else Path.home() / ".local" / "share") / "msgchoice"
    return f"sqlite+aiosqlite:///{base / 'msgchoice.db'}"


class Settings(BaseSettings):
    # A variable set but empty (`DATABASE_URL=` in a .env file, an empty value a Helm chart or
    # `docker run -e` renders) counts as unset: its default applies, as for SLACK_* in `serve`.
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    database_url: str = Field(default_factory=default_database_url, validation_alias="DATABASE_URL")
    # Where the default SQLite file goes when DATABASE_URL is unset (read from .env too, like the rest).
    home: str | None = Field(default=None, validation_alias="MSGCHOICE_HOME")
    xdg_data_home: str | None = Field(default=None, validation_alias="XDG_DATA_HOME")

    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_client_id: str | None = Field(default=None, validation_alias="SLACK_CLIENT_ID")
    slack_client_secret: SecretStr | None = Field(default=None, validation_alias="SLACK_CLIENT_SECRET")
    slack_api_url: str = Field(default="https://slack.com/api/", validation_alias="SLACK_API_URL")

    log_level: LogLevel = Field(default="INFO", validation_alias="MSGCHOICE_LOG_LEVEL")
    # Delete every row of a workspace when the app is uninstalled from it (msgchoice forget).
    forget_on_uninstall: bool = Field(default=False, validation_alias="MSGCHOICE_FORGET_ON_UNINSTALL")
    # "json": one JSON object per line (for log shippers); "text": for people.
    log_format: Literal["text", "json"] = Field(default="text", validation_alias="MSGCHOICE_LOG_FORMAT")
    # aiohttp's access log (a line per HTTP request) costs time on every request: off unless asked for.
    access_log: bool = Field(default=False, validation_alias="MSGCHOICE_ACCESS_LOG")
    # How often `msgchoice serve` checks for due weekly digests.
    # Finite and at most an hour: a missed slot is caught up for 12 hours at most (a late Sunday one).
    digest_tick_seconds: float = Field(
        default=60.0, gt=0, le=3600, allow_inf_nan=False, validation_alias="MSGCHOICE_DIGEST_TICK_SECONDS"
    )
    # False: `msgchoice serve` runs no digest scheduler (a CronJob runs `msgchoice digest run` instead).
    digest_scheduler: bool = Field(default=True, validation_alias="MSGCHOICE_DIGEST_SCHEDULER")

    # One or more Fernet keys, comma-separated: the first seals Slack tokens at rest, any of them opens.
    encryption_key: SecretStr | None = Field(default=None, validation_alias="MSGCHOICE_ENCRYPTION_KEY")
    # Without a key, OAuth mode refuses to store tokens unless this says plaintext is acceptable.
    allow_plaintext_tokens: bool = Field(default=False, validation_alias="MSGCHOICE_ALLOW_PLAINTEXT_TOKENS")

    # Slack user ids (comma- or space-separated) who may change the team policy besides admins and the installer.
    policy_admins: str | None = Field(default=None, validation_alias="MSGCHOICE_POLICY_ADMINS")

    def __repr_args__(self) -> Any:
        """``repr`` (and ``str``) show the database URL with its password masked, as every log line does."""
        for name, value in super().__repr_args__():
            yield name, (_mask_password(value) if name == "database_url" and isinstance(value, str) else value)

    @model_validator(mode="after")
    def _default_database_in_home(self) -> Settings:
        if "database_url" not in self.model_fields_set:
            self.database_url = default_database_url(self.home, self.xdg_data_home)
        return self

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @property
    def policy_admin_ids(self) -> frozenset[str]:
        return frozenset(part for part in (self.policy_admins or "").replace(",", " ").split() if part)

    @property
    def oauth_enabled(self) -> bool:
        """Install in several workspaces through OAuth: SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are both set."""
        client_id = (self.slack_client_id or "").strip()
        secret = self.slack_client_secret.get_secret_value().strip() if self.slack_client_secret else ""
        return bool(client_id and secret)


def _mask_password(url: str) -> str:
    """``scheme://user:***@host/db`` for ``scheme://user:password@host/db`` (SQLAlchemy not imported).

    Up to the last @: a password with an @ that was not percent-encoded is masked whole.
    """
    return re.sub(r"^([^:/?#]+://[^:/?#@]*:).*@", r"\1***@", url)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests call ``get_settings.cache_clear()`` after changing the environment.

    Raises :class:`~bot.errors.ConfigurationError` (one line, no values) when a variable cannot be read.
    """
    try:
        return Settings()
    except ValidationError as exc:
        raise ConfigurationError(describe_problems(exc)) from None


def describe_problems(exc: ValidationError) -> str:
    """``MSGCHOICE_LOG_FORMAT: Input should be 'text' or 'json'; …``: the variables at fault, not their values."""
    problems = []
    for error in exc.errors(include_input=False, include_url=False):
        where = ".".join(str(part) for part in error.get("loc", ())) or "settings"
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(problems)
