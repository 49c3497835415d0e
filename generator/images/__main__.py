"""Developer entry point: ``python -m generator.images gallery docs/gallery``."""

from __future__ import annotations

from generator.galleries import run_gallery
from generator.images.gallery import write_gallery


def main(argv: list[str] | None = None) -> int:
    return run_gallery(
        "python -m generator.images", "edge-case gallery", "docs/gallery", write_gallery, argv
    )


if __name__ == "__main__":
    raise SystemExit(main())
