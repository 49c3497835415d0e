"""The first schema: aanmeldingen, outbox, gebruikers, audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTM = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")


def upgrade() -> None:
    op.create_table(
        "aanmeldingen",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("public_id", sa.String(32), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("soort", sa.String(20), nullable=False),
        sa.Column("rol", sa.String(20)),
        sa.Column("gemeente", sa.String(60), nullable=False),
        sa.Column("profiel", sa.String(60)),
        sa.Column("profiel_status", sa.String(20)),
        sa.Column("profiel_niet_open", sa.Boolean, nullable=False),
        sa.Column("naam", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("telefoon", sa.String(20), nullable=False),
        sa.Column("woonplaats", sa.String(60), nullable=False),
        sa.Column("huishouden", sa.String(200)),
        sa.Column("bericht", sa.Text),
        sa.Column("bron", sa.String(20)),
        sa.Column("toestemming_at", sa.DateTime, nullable=False),
        sa.Column("privacy_versie", sa.String(20), nullable=False),
        *(sa.Column(name, sa.String(200)) for name in UTM),
        sa.Column("idem_key", sa.String(64), unique=True),
        sa.Column("afgehandeld_at", sa.DateTime),
        sa.Column("afgehandeld_door", sa.String(60)),
    )
    op.create_index("ix_aanmeldingen_updated_at", "aanmeldingen", ["updated_at"])
    op.create_index("ix_aanmeldingen_gemeente", "aanmeldingen", ["gemeente"])
    op.create_index("ix_aanmeldingen_email", "aanmeldingen", ["email"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "aanmelding_id",
            sa.Integer,
            sa.ForeignKey("aanmeldingen.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("recipient", sa.String(254), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.DateTime, nullable=False),
        sa.Column("sent_at", sa.DateTime),
        sa.Column("last_error", sa.String(200)),
    )
    op.create_index("ix_outbox_aanmelding_id", "outbox", ["aanmelding_id"])
    op.create_index("ix_outbox_next_attempt_at", "outbox", ["next_attempt_at"])
    op.create_table(
        "gebruikers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(60), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("gemeenten", sa.String(2000), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(60), nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("detail", sa.String(500), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audit")
    op.drop_table("gebruikers")
    op.drop_table("outbox")
    op.drop_table("aanmeldingen")
