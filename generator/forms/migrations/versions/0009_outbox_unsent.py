"""The outbox's due mail by an index of the unsent mail only (issue 15).

The sender looks for the oldest due mail after every sign-up. ``ix_outbox_next_attempt_at``
held every mail ever queued, and sent mail counts as due by that column too, so SQLite walked
the whole outbox in id order and PostgreSQL without statistics scanned it. A partial index of
the ids of unsent mail holds only what is still to be sent, in the order the sender takes it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

UNSENT = sa.text("sent_at IS NULL")


def upgrade() -> None:
    op.drop_index("ix_outbox_next_attempt_at", table_name="outbox")
    op.create_index(
        "ix_outbox_unsent",
        "outbox",
        ["id"],
        postgresql_where=UNSENT,
        sqlite_where=UNSENT,
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_unsent", table_name="outbox")
    op.create_index("ix_outbox_next_attempt_at", "outbox", ["next_attempt_at"])
