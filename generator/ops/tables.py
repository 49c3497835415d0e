"""The operations tables, on the sign-up store's metadata so that Alembic sees them (0005)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Table, Text

from generator.forms.store import metadata

# One row per run of a scheduled or requested job. ``ok`` is NULL while the run is going on
# (or when its process died: a row that stays NULL long after ``started`` tells that story).
runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("job", String(60), nullable=False),
    Column("started", DateTime, nullable=False, index=True),
    Column("finished", DateTime),
    Column("ok", Boolean),
    Column("message_nl", String(500), nullable=False, default=""),
    Column("details", Text, nullable=False, default="{}"),  # JSON; counts and slugs only
    Index("ix_runs_job_started", "job", "started"),
)

# Leases for databases without advisory locks (SQLite): who holds a job, and until when.
leases = Table(
    "leases",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("owner", String(100), nullable=False),
    Column("until", DateTime, nullable=False),
)
