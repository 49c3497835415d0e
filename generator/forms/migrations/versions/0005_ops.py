"""P2: runs, leases and other operations tables (issue 15)."""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Filled in by the work on this issue."""


def downgrade() -> None:
    """Filled in by the work on this issue."""
