"""Backoffice sessions on the server, so that log-out and a password change end them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessies",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(60), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_sessies_username", "sessies", ["username"])
    op.create_index("ix_sessies_last_seen_at", "sessies", ["last_seen_at"])


def downgrade() -> None:
    op.drop_table("sessies")
