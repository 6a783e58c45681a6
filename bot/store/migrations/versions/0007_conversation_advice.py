"""the advice a recommendation card showed, stored with the conversation

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

- ``conversations.advice``: the advice on the card that is up (under the team
  policy in force when it was posted), so Adopt records exactly what the card
  said without recomputing it.
- ``conversations.advice_version``: the conversation version it was computed
  for; advice of an older version is never used (it is recomputed and stored).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("advice", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=True))
        batch.add_column(sa.Column("advice_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("advice_version")
        batch.drop_column("advice")
