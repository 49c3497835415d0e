"""Privacy gate: finds what could identify a family. Pure functions over text and model.

Owned by the privacy work (issue 4); ``scan_catalog`` is the hook ``generator.pipeline`` calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.errors import Finding
    from generator.validate import Catalog


def scan_catalog(catalog: Catalog) -> list[Finding]:
    """Privacy findings for every profile in the catalog (none until the scanner lands)."""
    return []
