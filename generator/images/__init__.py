"""Share cards: model -> PNG images (Pillow), cached by a digest of their inputs.

The public API other areas code against:

- ``build_cards(catalog, out_dir, cache_dir, workers=None) -> dict[str, CardSet]``
- ``Card`` / ``CardSet``: where each card lands in the site, its size and Dutch alt text
- ``profile_alt(profile, gemeente_name)``: the alt text of a profile's cards
- ``strip_metadata(src, dst)``: copy a theme image into the site without EXIF and the like
"""

from __future__ import annotations

from generator.images.build import Card, CardSet, build_cards, render_bytes, strip_metadata
from generator.images.specs import FEED_SIZE, OG_SIZE, profile_alt

__all__ = [
    "FEED_SIZE",
    "OG_SIZE",
    "Card",
    "CardSet",
    "build_cards",
    "profile_alt",
    "render_bytes",
    "strip_metadata",
]
