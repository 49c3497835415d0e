"""The one way to get a checked model: load -> validate -> privacy.

Every command that consumes profiles (check, build, serve, publish, forms) goes through
``check``; ``checked`` additionally refuses to go on while there are errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from generator import privacy
from generator.errors import ValidationFailed
from generator.validate import Catalog, load_catalog, load_project


def check(
    config_path: Path, paths: Sequence[Path] | None = None, on: date | None = None
) -> Catalog:
    """Every finding for the project (or for ``paths``): schema, cross-file and privacy."""
    project = load_project(config_path)
    catalog = load_catalog(project, paths, on)
    cache = project.root / ".cache" / "privacy-findings.json"
    catalog.report.extend(privacy.scan_catalog(catalog, cache))
    return catalog


def checked(config_path: Path, on: date | None = None) -> Catalog:
    """A catalog without errors, or ValidationFailed carrying every error."""
    catalog = check(config_path, None, on)
    if catalog.report.errors:
        raise ValidationFailed(
            f"{len(catalog.report.errors)} fout(en) of te controleren privacymelding(en) in de "
            "zoekprofielen; los ze eerst op of bevestig ze (zie `buurtsite check`)",
            catalog.report.errors,
        )
    return catalog
