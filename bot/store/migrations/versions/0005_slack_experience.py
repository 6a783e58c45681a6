"""what the conversation shows in Slack; decision permalinks

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

- ``conversations.shown_version``: the conversation version whose next
  message (question or card) is on screen; when it lags ``version`` the
  conversation is stranded and any click, typed message or the sweep re-posts.
- ``conversations.showing_version`` / ``showing_since``: a claim to post that
  message, so two replicas repairing the same thread post it once.
- ``conversations.card_ts``: the live recommendation card (closed when an
  answer changes after it).
- ``decisions.permalink``: the thread's permalink, asked once when the decision
  is recorded, so App Home and history make no per-decision Web API call.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("shown_version", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("showing_version", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("showing_since", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("card_ts", sa.String(length=64), nullable=True))
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("permalink", sa.Text(), nullable=True))
    # Conversations that exist already are treated as shown (they were, by the old code).
    op.execute("UPDATE conversations SET shown_version = version")


def downgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("permalink")
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("card_ts")
        batch.drop_column("showing_since")
        batch.drop_column("showing_version")
        batch.drop_column("shown_version")
