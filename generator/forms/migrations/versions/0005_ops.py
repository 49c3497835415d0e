"""Operations: a record of every job run, and leases so one instance runs a job at a time.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("job", sa.String(60), nullable=False),
        sa.Column("started", sa.DateTime, nullable=False),
        sa.Column("finished", sa.DateTime),
        sa.Column("ok", sa.Boolean),
        sa.Column("message_nl", sa.String(500), nullable=False, server_default=""),
        sa.Column("details", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_index("ix_runs_started", "runs", ["started"])
    op.create_index("ix_runs_job_started", "runs", ["job", "started"])
    # Used on SQLite; PostgreSQL takes advisory locks instead (see generator/ops/lease.py),
    # but the table exists on both so that one schema serves both.
    op.create_table(
        "leases",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("owner", sa.String(100), nullable=False),
        sa.Column("until", sa.DateTime, nullable=False),
    )
    # Rate limits shared by all instances (PostgreSQL; generator/forms/abuse.py).
    op.create_table(
        "rate_hits",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("expires", sa.DateTime, nullable=False),
    )
    op.create_index("ix_rate_hits_expires", "rate_hits", ["expires"])


def downgrade() -> None:
    op.drop_table("rate_hits")
    op.drop_table("leases")
    op.drop_index("ix_runs_job_started", "runs")
    op.drop_index("ix_runs_started", "runs")
    op.drop_table("runs")
