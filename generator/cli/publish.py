"""`buurtsite publish` (owned by the publisher work, issue 5)."""

from __future__ import annotations

import click


@click.group(invoke_without_command=True)
def publish() -> None:
    """Zet zoekprofielen op de Facebookpagina's van de gemeenten."""
