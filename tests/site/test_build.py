"""buurtsite build: refuses bad input, is deterministic, and redoes only what changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import PrivacyBlocked
from generator.cli import cli
from tests.site.conftest import Built, build

PROFILE = "profiles/haarlem/logeren-meisje-4.yml"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    left, right = tree(a), tree(b)
    return sorted(n for n in left.keys() | right.keys() if left.get(n) != right.get(n))


def test_same_input_gives_a_byte_identical_site(
    built: Built, make_demo: Callable[[str], Path]
) -> None:
    config = make_demo("again")
    _catalog, result = build(config)
    assert result.mode == "clean"
    assert differences(built.site, result.site_dir) == []
    gz = (result.site_dir / "sitemap.xml.gz").read_bytes()
    assert gz[4:8] != b"\0\0\0\0"  # an mtime is there, but from BUURTSITE_TODAY, not the clock


def test_rebuild_after_one_edit_is_dirty_and_equals_a_clean_build(
    make_demo: Callable[[str], Path], tmp_path: Path
) -> None:
    config = make_demo("edit")
    _catalog, first = build(config)
    assert first.mode == "clean"
    _catalog, unchanged = build(config)
    assert unchanged.mode == "skipped"
    assert unchanged.written == []

    path = config.parent / PROFILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Een lief meisje van 4", "Een vrolijk meisje van 4"), "utf-8")
    _catalog, second = build(config)
    assert second.mode == "dirty"
    # The profile page, its gemeente page, the home page, feeds and sitemap; not every page.
    assert "docs/haarlem/haarlem-p7wx/index.md" in second.written
    assert "docs/rijswijk/rijswijk-h8vz/index.md" not in second.written
    assert "Een vrolijk meisje van 4" in (
        second.site_dir / "haarlem" / "haarlem-p7wx" / "index.html"
    ).read_text("utf-8")

    _catalog, clean = build(config, tmp_path / "clean-site")
    assert clean.mode == "clean"
    assert differences(second.site_dir, clean.site_dir) == []


def test_build_refuses_while_check_reports_errors(make_demo: Callable[[str], Path]) -> None:
    config = make_demo("broken")
    path = config.parent / PROFILE
    path.write_text(path.read_text("utf-8").replace("frequentie: maandelijks", "frequentie: vaak"))
    result = CliRunner().invoke(cli, ["build", "--config", str(config)])
    assert result.exit_code == 1
    assert "fout" in result.output and "logeren-meisje-4.yml" in result.output
    assert "Traceback" not in result.output
    assert not (config.parent / "site").exists()


def test_cli_build_writes_the_site_where_asked(
    make_demo: Callable[[str], Path], tmp_path: Path
) -> None:
    config = make_demo("cli")
    out = tmp_path / "uit"
    result = CliRunner().invoke(cli, ["build", "--config", str(config), "--uitvoer", str(out)])
    assert result.exit_code == 0, result.output
    assert "volledig gebouwd" in result.output
    assert (out / "haarlem" / "haarlem-p7wx" / "index.html").is_file()


def test_a_phone_number_in_published_text_stops_the_build(
    make_demo: Callable[[str], Path],
) -> None:
    """Content pages are not profiles, so only the post-render scan can catch this."""
    config = make_demo("leak")
    page = config.parent / "content" / "over-ons.md"
    page.write_text(page.read_text("utf-8") + "\nBel ons gerust: 06 12345678.\n", "utf-8")
    with pytest.raises(PrivacyBlocked) as caught:
        build(config)
    assert caught.value.findings
    assert caught.value.findings[0].file == "docs/over-ons.md"
    assert not (config.parent / "site" / "index.html").exists()


def test_site_holds_only_what_the_current_sources_produce(
    make_demo: Callable[[str], Path],
) -> None:
    """Issue 12: a deleted profile left its share cards in site/kaarten/profiel/."""
    deleted = "profiles/rijswijk/opa-oma-broertjes.yml"
    config = make_demo("stale")
    _catalog, first = build(config)
    assert (first.site_dir / "kaarten" / "profiel" / "rijswijk-h8vz-feed.png").is_file()
    (config.parent / deleted).unlink()
    _catalog, second = build(config)
    fresh = make_demo("fresh")
    (fresh.parent / deleted).unlink()
    _catalog, clean = build(fresh)
    assert differences(second.site_dir, clean.site_dir) == []
    assert differences(second.staged_dir / "docs", clean.staged_dir / "docs") == []
