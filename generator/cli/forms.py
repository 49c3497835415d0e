"""`buurtsite forms ...` (owned by the sign-up work, issue 9)."""

from __future__ import annotations

import click


@click.group()
def forms() -> None:
    """Het aanmeldformulier: server, export, opschonen en gebruikers."""
