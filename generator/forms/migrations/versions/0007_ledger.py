"""The publisher's ledger in the database, so that every instance shares it (issue 15).

Until now it was a SQLite file per data folder (``facebook-ledger.sqlite3``); that file is
imported on first use (``generator.publish.ledger_import``). Timestamps stay ISO-8601 text, as
in the file, so the copy is exact and the ordering the same.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_posts",
        # The primary key is what makes a create exclusive: one row per profile, claimed with a
        # conditional upsert (generator/publish/ledger.py, ``Ledger.begin``).
        sa.Column("profile_id", sa.String(60), primary_key=True),
        sa.Column("page_id", sa.String(40), nullable=False),
        sa.Column("post_id", sa.String(80)),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("link", sa.Text, nullable=False),
        sa.Column("caption_digest", sa.String(64), nullable=False, server_default=""),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_ledger_posts_page_id", "ledger_posts", ["page_id"])
    op.create_table(
        "ledger_actions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("profile_id", sa.String(60), nullable=False),
        sa.Column("page_id", sa.String(40), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("post_id", sa.String(80)),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_ledger_actions_page_day", "ledger_actions", ["page_id", "day", "action"])
    op.create_index("ix_ledger_actions_profile_id", "ledger_actions", ["profile_id"])


def downgrade() -> None:
    op.drop_index("ix_ledger_actions_profile_id", "ledger_actions")
    op.drop_index("ix_ledger_actions_page_day", "ledger_actions")
    op.drop_table("ledger_actions")
    op.drop_index("ix_ledger_posts_page_id", "ledger_posts")
    op.drop_table("ledger_posts")
