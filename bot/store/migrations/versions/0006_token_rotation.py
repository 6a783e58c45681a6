"""Slack token rotation: a refresh token and an expiry per installation

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

With token rotation on in the Slack app's settings, ``oauth.v2.access`` hands
out a bot token that expires (``expires_in``) and a refresh token to get the
next one.  ``bot_refresh_token`` is sealed like ``bot_token`` when
MSGCHOICE_ENCRYPTION_KEY is set; both stay NULL for apps without rotation.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("slack_installations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bot_refresh_token", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("bot_token_expires_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("slack_installations", schema=None) as batch_op:
        batch_op.drop_column("bot_token_expires_at")
        batch_op.drop_column("bot_refresh_token")
