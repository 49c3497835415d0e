"""Anonymous counts that survive retention, for the progress report.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tellingen",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dag", sa.Date, nullable=False),
        sa.Column("gemeente", sa.String(60), nullable=False),
        sa.Column("profiel", sa.String(60)),
        sa.Column("kanaal", sa.String(20), nullable=False),
        sa.Column("aantal", sa.Integer, nullable=False),
    )
    op.create_index("ix_tellingen_gemeente", "tellingen", ["gemeente"])


def downgrade() -> None:
    op.drop_index("ix_tellingen_gemeente", table_name="tellingen")
    op.drop_table("tellingen")
