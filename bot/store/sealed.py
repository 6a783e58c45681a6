"""Slack tokens at rest: sealed with Fernet (``cryptography``) when ``MSGCHOICE_ENCRYPTION_KEY`` is set.

``MSGCHOICE_ENCRYPTION_KEY`` holds one or more Fernet keys separated by
commas.  The first one seals; every one of them opens (``MultiFernet``), so a
key is rotated by putting the new key first, running ``msgchoice db
rotate-key`` (which re-seals every row with the first key) and then dropping
the old key.

A sealed value is stored as ``fernet:<token>``; anything else is a token
stored in plaintext (before a key was set, or with
``MSGCHOICE_ALLOW_PLAINTEXT_TOKENS=true``), which is still read, and sealed by
``rotate-key`` once a key is set.  Without a key and without that permission,
storing a token fails with :class:`PlaintextRefused` instead of writing it in
the clear.

:class:`SealedToken` is the column type that does this on every read and
write of ``slack_installations.bot_token`` / ``bot_refresh_token``; it uses the
process-wide :class:`TokenCipher` set by :func:`configure` (``msgchoice serve``
and the ``db`` commands set it from the settings).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy.types import Text, TypeDecorator

if TYPE_CHECKING:
    from bot.settings import Settings

PREFIX = "fernet:"
GENERATE_HINT = (
    'generate one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


class PlaintextRefused(Exception):
    """A token was about to be stored in the clear without MSGCHOICE_ALLOW_PLAINTEXT_TOKENS=true."""


class KeyProblem(Exception):
    """A key is malformed, missing for a sealed value, or none of the keys opens it."""


class TokenCipher:
    """Seals and opens tokens with the configured keys (none: plaintext, if allowed)."""

    def __init__(self, keys: Sequence[str] = (), *, allow_plaintext: bool = False) -> None:
        self.allow_plaintext = allow_plaintext
        self._fernet: Any = None
        keys = [k.strip() for k in keys if k.strip()]
        if keys:
            from cryptography.fernet import Fernet, MultiFernet

            fernets = []
            for number, key in enumerate(keys, start=1):
                try:
                    fernets.append(Fernet(key.encode()))
                except (ValueError, TypeError):
                    raise KeyProblem(
                        f"MSGCHOICE_ENCRYPTION_KEY: key {number} is not a Fernet key "
                        f"(32 url-safe base64-encoded bytes); {GENERATE_HINT}"
                    ) from None
            self._fernet = MultiFernet(fernets)

    @classmethod
    def from_settings(cls, settings: Settings) -> TokenCipher:
        keys = settings.encryption_key.get_secret_value().split(",") if settings.encryption_key else []
        return cls(keys, allow_plaintext=settings.allow_plaintext_tokens)

    @property
    def encrypting(self) -> bool:
        return self._fernet is not None

    def seal(self, token: str) -> str:
        if self._fernet is None:
            if not self.allow_plaintext:
                raise PlaintextRefused(
                    "refusing to store a Slack token in plaintext: set MSGCHOICE_ENCRYPTION_KEY "
                    f"({GENERATE_HINT}) or MSGCHOICE_ALLOW_PLAINTEXT_TOKENS=true"
                )
            return token
        return PREFIX + str(self._fernet.encrypt(token.encode()).decode())

    def open(self, stored: str) -> str:
        if not stored.startswith(PREFIX):
            return stored  # stored in plaintext
        if self._fernet is None:
            raise KeyProblem("a stored Slack token is encrypted, but MSGCHOICE_ENCRYPTION_KEY is not set")
        from cryptography.fernet import InvalidToken

        try:
            return str(self._fernet.decrypt(stored.removeprefix(PREFIX).encode()).decode())
        except InvalidToken:
            raise KeyProblem(
                "no key in MSGCHOICE_ENCRYPTION_KEY opens a stored Slack token (was its key dropped too early?)"
            ) from None

    def reseal(self, stored: str) -> str:
        """``stored`` sealed with the first key (plaintext gets sealed; needs a key)."""
        if self._fernet is None:
            raise KeyProblem(f"MSGCHOICE_ENCRYPTION_KEY is not set; {GENERATE_HINT}")
        if not stored.startswith(PREFIX):
            return self.seal(stored)
        from cryptography.fernet import InvalidToken

        try:
            return PREFIX + str(self._fernet.rotate(stored.removeprefix(PREFIX).encode()).decode())
        except InvalidToken:
            raise KeyProblem("no key in MSGCHOICE_ENCRYPTION_KEY opens a stored Slack token") from None


_cipher: TokenCipher | None = None


def configure(cipher: TokenCipher) -> None:
    global _cipher
    _cipher = cipher


def cipher() -> TokenCipher:
    """The process-wide cipher: as configured, else from the environment's settings."""
    global _cipher
    if _cipher is None:
        from bot.settings import get_settings

        _cipher = TokenCipher.from_settings(get_settings())
    return _cipher


class SealedToken(TypeDecorator[str]):
    """A ``Text`` column holding a token sealed by the process-wide :class:`TokenCipher`."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else cipher().seal(value)

    def process_result_value(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else cipher().open(value)
