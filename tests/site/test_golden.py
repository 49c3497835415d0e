"""The staged demo site matches tests/golden/ (regenerate: python -m tests.site.update_golden)."""

from __future__ import annotations

import difflib

from tests.site.conftest import Built
from tests.site.golden import GOLDEN, golden_files


def test_staged_demo_matches_the_golden_copy(built: Built) -> None:
    expected_names = sorted(
        p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()
    )
    actual = golden_files(built.staged)
    assert sorted(actual) == expected_names
    for name, text in actual.items():
        golden = (GOLDEN / name).read_text(encoding="utf-8")
        if text != golden:
            diff = "".join(
                difflib.unified_diff(
                    golden.splitlines(True),
                    text.splitlines(True),
                    "golden/" + name,
                    "staged/" + name,
                )
            )
            raise AssertionError(
                f"{name} differs from the golden copy; if intended, run "
                f"`.venv/bin/python -m tests.site.update_golden`\n{diff[:4000]}"
            )
