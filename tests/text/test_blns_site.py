"""Every naughty string (BLNS) in a profile's title and story, through `check` and `build`.

No crash; `check` refuses with a Dutch message or accepts; the accepted profiles build, in
batches, into a site whose every XML, JSON and HTML file parses (tests/text/wellformed.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import pipeline
from generator.build import build_site
from tests.text.naughty import naughty_strings
from tests.text.project import mini_project, profile_yaml
from tests.text.wellformed import check_site

TODAY = date(2026, 11, 23)
BATCH = 250
ENGLISH = ("Input should", "Value error", "validation error", "Traceback")

pytestmark = pytest.mark.slow


def write_profiles(config: Path, strings: dict[int, str]) -> dict[int, Path]:
    paths = {}
    for i, value in strings.items():
        path = config.parent / "profiles" / "haarlem" / f"n{i:03d}.yml"
        source = profile_yaml(
            f"haarlem-n{i:03d}",
            f"Steungezin gezocht {value}",
            f"Een verhaal over een kind van 7. {value}",
            ["Een gezin met tijd"],
        )
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        paths[i] = path
    return paths


def test_every_naughty_string_is_checked_and_what_is_accepted_builds(tmp_path: Path) -> None:
    strings = dict(enumerate(naughty_strings()))
    config = mini_project(tmp_path / "all")
    paths = write_profiles(config, strings)
    catalog = pipeline.check(config, on=TODAY)
    for finding in catalog.report.errors:
        assert finding.message and not any(w in finding.message for w in ENGLISH), finding
    refused = {f.file for f in catalog.report.errors}
    accepted = [i for i, p in paths.items() if f"profiles/haarlem/{p.name}" not in refused]
    # Privacy errors keep a profile in the catalog (`checked` then refuses the whole build).
    assert {f"haarlem-n{i:03d}" for i in accepted} <= {p.id for p in catalog.profiles}
    assert len(accepted) > len(strings) * 0.8  # ordinary text with odd characters gets through

    counts = {"xml": 0, "json": 0, "html": 0}
    for start in range(0, len(accepted), BATCH):
        batch = {i: strings[i] for i in accepted[start : start + BATCH]}
        project = mini_project(tmp_path / f"batch{start}")
        write_profiles(project, batch)
        built = pipeline.checked(project, on=TODAY)
        assert len(built.profiles) == len(batch)
        root = project.parent
        result = build_site(built, root / "site", root / "build" / "staged", root / ".cache" / "k")
        for kind, n in check_site(result.site_dir).items():
            counts[kind] += n
    assert counts["xml"] >= 2 * len(range(0, len(accepted), BATCH)) and counts["json"]
    assert counts["html"] >= len(accepted)
