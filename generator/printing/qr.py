"""QR codes with segno: as horizontal runs for a vector PDF path, or as a 300-dpi PNG.

Error correction "M" (15%) survives a crease or a pin through a poster; segno picks the mask
that scans best. A module row is drawn as runs of dark modules rather than one square each: a
QR of version 5 has ~700 dark modules but ~250 runs, which keeps the PDF small and fast.
"""

from __future__ import annotations

import io
from functools import lru_cache

import segno

QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks
ERROR = "m"

Run = tuple[int, int, int]  # row, first column, length (in modules)


@lru_cache(maxsize=256)
def runs(data: str) -> tuple[int, tuple[Run, ...]]:
    """The symbol's size in modules (without quiet zone) and its dark runs, row by row."""
    code = segno.make(data, error=ERROR, micro=False)
    matrix = code.matrix
    size = len(matrix)
    found: list[Run] = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                found.append((y, start, x - start))
            else:
                x += 1
    return size, tuple(found)


@lru_cache(maxsize=256)
def path_operators(data: str) -> str:
    """The dark runs as PDF path operators in module units, filled as one path ("f"): one
    path has no seams between touching rows, whatever the renderer's anti-aliasing."""
    _size, found = runs(data)
    return " ".join(f"{col} {row} {length} 1 re" for row, col, length in found) + " f"


def png(data: str, module_px: int = 12, dpi: int = 300) -> bytes:
    """The code as a black-on-white PNG with its quiet zone, for the newspaper kit."""
    buffer = io.BytesIO()
    segno.make(data, error=ERROR, micro=False).save(
        buffer, kind="png", scale=module_px, border=QUIET_ZONE, dpi=dpi
    )
    return buffer.getvalue()
