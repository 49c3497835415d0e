"""What the class tests ask of the gate: the blocking severities that overlap an item."""

from __future__ import annotations

from generator.privacy import scan_text

BLOCKING = ("error", "check")


def overlapping(text: str, item: str, allowed: tuple[str, ...] = ()) -> set[str]:
    """Severities of the blocking findings that overlap the first ``item`` in ``text``."""
    start = text.index(item)
    end = start + len(item)
    return {
        f.severity
        for f in scan_text(text, allowed)
        if f.severity in BLOCKING and f.start < end and start < f.end
    }
