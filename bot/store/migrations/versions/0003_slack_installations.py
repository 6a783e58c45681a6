"""Slack installations and OAuth states (install in several workspaces)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

``slack_installations``: one row per workspace (or Enterprise Grid org) that
installed the app through OAuth, unique on (enterprise_id, team_id) with ""
for an absent id, so the latest install replaces the earlier one.
``slack_oauth_states``: the ``state`` values handed out by ``/slack/install``,
each consumed once before it expires, shared by every replica.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "slack_installations",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("enterprise_id", sa.String(length=64), server_default="", nullable=False),
        sa.Column("team_id", sa.String(length=64), server_default="", nullable=False),
        sa.Column("is_enterprise_install", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("app_id", sa.String(length=64), nullable=True),
        sa.Column("enterprise_name", sa.String(length=255), nullable=True),
        sa.Column("team_name", sa.String(length=255), nullable=True),
        sa.Column("bot_token", sa.Text(), nullable=False),
        sa.Column("bot_id", sa.String(length=64), nullable=True),
        sa.Column("bot_user_id", sa.String(length=64), nullable=True),
        sa.Column("bot_scopes", sa.Text(), server_default="", nullable=False),
        sa.Column("installer_user_id", sa.String(length=64), nullable=True),
        sa.Column("installed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slack_installations")),
        sa.UniqueConstraint(
            "enterprise_id", "team_id", name=op.f("uq_slack_installations_enterprise_id_team_id")
        ),
    )
    with op.batch_alter_table("slack_installations", schema=None) as batch_op:
        batch_op.create_index("ix_slack_installations_team_id", ["team_id"], unique=False)

    op.create_table(
        "slack_oauth_states",
        sa.Column("state", sa.String(length=255), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("state", name=op.f("pk_slack_oauth_states")),
    )
    with op.batch_alter_table("slack_oauth_states", schema=None) as batch_op:
        batch_op.create_index("ix_slack_oauth_states_expires_at", ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("slack_oauth_states", schema=None) as batch_op:
        batch_op.drop_index("ix_slack_oauth_states_expires_at")

    op.drop_table("slack_oauth_states")
    with op.batch_alter_table("slack_installations", schema=None) as batch_op:
        batch_op.drop_index("ix_slack_installations_team_id")

    op.drop_table("slack_installations")
