"""remember the open question's Slack message

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

A typed answer must update the question message it answers (show the choice,
drop the buttons).  Keeping that message's ts with the conversation saves a
conversations.replies call per typed reply.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("question_ts", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("question_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("question_id")
        batch.drop_column("question_ts")
