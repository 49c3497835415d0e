"""E-mail addresses in one comparable form (NFC, case-folded), for deletion on request.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def email_key(email: str) -> str:
    # A copy of store.email_key as it was when this migration shipped: migrations stay fixed.
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", email.strip()).casefold())


def upgrade() -> None:
    op.add_column("aanmeldingen", sa.Column("email_sleutel", sa.String(320)))
    op.create_index("ix_aanmeldingen_email_sleutel", "aanmeldingen", ["email_sleutel"])
    table = sa.table("aanmeldingen", sa.column("id", sa.Integer), sa.column("email", sa.String))
    conn = op.get_bind()
    rows = conn.execute(sa.select(table.c.id, table.c.email)).all()
    if rows:
        conn.execute(
            sa.text("UPDATE aanmeldingen SET email_sleutel = :key WHERE id = :id"),
            [{"key": email_key(r.email), "id": r.id} for r in rows],
        )


def downgrade() -> None:
    op.drop_index("ix_aanmeldingen_email_sleutel", table_name="aanmeldingen")
    op.drop_column("aanmeldingen", "email_sleutel")
