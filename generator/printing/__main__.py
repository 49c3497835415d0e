"""Developer entry point: ``python -m generator.printing gallery docs/print``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.printing.gallery import write_gallery


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.printing")
    commands = parser.add_subparsers(dest="command", required=True)
    gallery = commands.add_parser("gallery", help="render the print gallery")
    gallery.add_argument("out", type=Path, help="folder to write, e.g. docs/print")
    gallery.add_argument("--config", type=Path, default=Path("site_config.yml"))
    args = parser.parse_args(argv)
    written = write_gallery(args.config, args.out)
    sys.stdout.write(f"wrote {len(written)} files to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
