"""Regenerate tests/golden/ from the demo project: `.venv/bin/python -m tests.site.update_golden`."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator import pipeline
from generator.stage import stage
from tests.site.conftest import TODAY, copy_demo
from tests.site.golden import GOLDEN, golden_files


def main() -> None:
    os.environ["BUURTSITE_TODAY"] = TODAY.isoformat()
    with tempfile.TemporaryDirectory() as tmp:
        config = copy_demo(Path(tmp) / "project")
        catalog = pipeline.checked(config, on=TODAY)
        staged = config.parent / "build" / "staged"
        stage(catalog, staged, config.parent / ".cache" / "kaarten")
        files = golden_files(staged)
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for name, text in files.items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"{len(files)} bestanden geschreven naar {GOLDEN}")


if __name__ == "__main__":
    main()
