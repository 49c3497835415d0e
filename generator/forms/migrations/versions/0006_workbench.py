"""W1: drafts, reviews and workbench tables (issue 14)."""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Filled in by the work on this issue."""


def downgrade() -> None:
    """Filled in by the work on this issue."""
