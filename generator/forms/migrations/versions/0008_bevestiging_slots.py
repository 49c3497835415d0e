"""Confirmation slots: a queued confirmation holds one of its address's daily slots (issue 15).

Counting an address's confirmations joined aanmeldingen and outbox; without statistics
PostgreSQL planned that as a scan of the whole outbox per batch. A unique key per slot is found
by index whatever the planner knows, and lets only one instance take a slot. The past day's
confirmations get their slots here, so the limit holds across the upgrade.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CONFIRMATIONS_PER_DAY = 3  # store.CONFIRMATIONS_PER_DAY when this migration shipped
HELD = sa.text("slot_key IS NOT NULL")  # only confirmations hold a slot


def slot_keys(address: str) -> list[str]:
    # A copy of store.slot_keys as it was when this migration shipped: migrations stay fixed.
    digest = hashlib.sha256(f"{address}|bevestiging".encode()).hexdigest()[:62]
    return [f"{digest}{n:02d}" for n in range(CONFIRMATIONS_PER_DAY)]


def upgrade() -> None:
    op.add_column("outbox", sa.Column("slot_key", sa.String(64)))
    op.create_index(
        "ix_outbox_slot_key",
        "outbox",
        ["slot_key"],
        unique=True,
        postgresql_where=HELD,
        sqlite_where=HELD,
    )
    conn = op.get_bind()
    since = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=1)
    recent = conn.execute(
        sa.text(
            "SELECT outbox.id, aanmeldingen.email_sleutel FROM outbox"
            " JOIN aanmeldingen ON aanmeldingen.id = outbox.aanmelding_id"
            " WHERE outbox.kind = 'bevestiging' AND outbox.created_at > :since"
            " ORDER BY outbox.created_at DESC, outbox.id DESC"
        ),
        {"since": since},
    ).all()
    per_address: dict[str, list[int]] = defaultdict(list)
    for outbox_id, address in recent:
        if address is not None:
            per_address[address].append(outbox_id)
    updates = [
        {"key": key, "id": outbox_id}
        for address, ids in per_address.items()
        for key, outbox_id in zip(slot_keys(address), ids, strict=False)  # the newest ones
    ]
    if updates:
        conn.execute(sa.text("UPDATE outbox SET slot_key = :key WHERE id = :id"), updates)


def downgrade() -> None:
    op.drop_index("ix_outbox_slot_key", table_name="outbox")
    op.drop_column("outbox", "slot_key")
