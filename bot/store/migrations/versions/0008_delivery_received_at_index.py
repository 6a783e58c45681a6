"""an index on slack_deliveries.received_at, for pruning delivery ids past Slack's retry window

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

``slack_deliveries`` records every Events API delivery and every command, click
and submission (by ``trigger_id``) so that a retry is processed once.  A retry
comes within minutes; ``msgchoice serve`` now deletes the ids older than a day,
and this index keeps that delete from scanning the table.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_slack_deliveries_received_at", "slack_deliveries", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_slack_deliveries_received_at", table_name="slack_deliveries")
