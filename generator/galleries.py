"""The developer command both galleries share: ``python -m generator.<package> gallery OUT``.

The share cards' edge-case gallery (``generator.images``) and the print gallery
(``generator.printing``) are run the same way; each package's ``__main__`` only names itself,
its gallery and the function that writes it. English: developers read this, not coordinators.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

Writer = Callable[[Path, Path], list[Path]]  # (site_config.yml, folder) -> files written


def run_gallery(prog: str, what: str, example: str, write: Writer, argv: list[str] | None) -> int:
    """Parse ``gallery OUT [--config PATH]``, write the gallery and say how many files."""
    parser = argparse.ArgumentParser(prog=prog)
    commands = parser.add_subparsers(dest="command", required=True)
    gallery = commands.add_parser("gallery", help=f"render the {what}")
    gallery.add_argument("out", type=Path, help=f"folder to write, e.g. {example}")
    gallery.add_argument("--config", type=Path, default=Path("site_config.yml"))
    args = parser.parse_args(argv)
    written = write(args.config, args.out)
    sys.stdout.write(f"wrote {len(written)} files to {args.out}\n")
    return 0
