"""Developer entry point: ``python -m generator.printing gallery docs/print``."""

from __future__ import annotations

from generator.galleries import run_gallery
from generator.printing.gallery import write_gallery


def main(argv: list[str] | None = None) -> int:
    return run_gallery(
        "python -m generator.printing", "print gallery", "docs/print", write_gallery, argv
    )


if __name__ == "__main__":
    raise SystemExit(main())
