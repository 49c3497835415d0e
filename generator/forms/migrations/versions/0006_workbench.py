"""The workbench: drafts of zoekprofielen and who has one open (issue 14).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "concepten",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("profiel_id", sa.String(60), nullable=False),
        sa.Column("gemeente", sa.String(60), nullable=False),
        sa.Column("yaml", sa.Text, nullable=False),
        sa.Column("basis_digest", sa.String(64)),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("author", sa.String(60), nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_concepten_profiel_id", "concepten", ["profiel_id"])
    op.create_index("ix_concepten_gemeente", "concepten", ["gemeente"])
    op.create_table(
        "bewerkers",
        sa.Column("profiel_id", sa.String(60), primary_key=True),
        sa.Column("username", sa.String(60), primary_key=True),
        sa.Column("seen_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("bewerkers")
    op.drop_table("concepten")
