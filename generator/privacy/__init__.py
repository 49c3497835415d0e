"""Privacy gate: finds what could identify a family. Pure functions over text and model.

- ``scan_text(text, allowed_names)``: every finding in one free text (the public API).
- ``scan_catalog(catalog)``: findings for every profile, with file, line and column
  (``generator.pipeline`` calls it; errors block build and publish).
- ``scan_published(text, allowed_contacts)``: the post-render check of built HTML, feeds and
  Facebook post texts for phone numbers and e-mail addresses.
"""

from __future__ import annotations

from generator.privacy.catalog import scan_catalog
from generator.privacy.finding import PrivacyFinding
from generator.privacy.scan import scan_published, scan_text

Finding = PrivacyFinding

__all__ = ["Finding", "PrivacyFinding", "scan_catalog", "scan_published", "scan_text"]
