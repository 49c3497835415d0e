"""A site build plans print matter only for the gemeenten whose inputs changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.build import build_site
from generator.printing import build_print
from generator.printing.incremental import build_changed
from tests.print.conftest import TODAY, Printed, copy_demo

EDITED = Path("profiles") / "haarlem" / "speelmiddag-jongen-7.yml"


def _edit(config: Path) -> None:
    path = config.parent / EDITED
    path.write_text(path.read_text("utf-8").replace("vrolijke jongen", "blije jongen", 1), "utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_an_edit_plans_only_its_gemeente_and_equals_a_full_run(
    demo_project: Path, printed: Printed, tmp_path: Path
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    shutil.copytree(printed.cache, cache)  # drawn already: this test is about planning
    first = build_changed(pipeline.checked(demo_project, on=TODAY), out, cache, workers=1)
    assert {f.split("/")[0] for f in first.files} == {
        "haarlem",
        "heerenveen",
        "rijswijk",
        "wijchen",
    }
    again = build_changed(pipeline.checked(demo_project, on=TODAY), out, cache, workers=1)
    assert again.files == []  # nothing changed: nothing planned

    _edit(demo_project)
    catalog = pipeline.checked(demo_project, on=TODAY)
    edited = build_changed(catalog, out, cache, workers=1)
    assert edited.files and all(f.startswith("haarlem/") for f in edited.files)
    assert edited.rendered == 4  # its poster, flyer and kit image, and the Haarlem poster

    fresh = tmp_path / "fresh"
    build_print(catalog, fresh, tmp_path / "fresh-cache", workers=1, prune=True)
    assert tree(out) == tree(fresh)


def test_a_gemeente_whose_folder_is_gone_is_planned_again(
    demo_project: Path, printed: Printed, tmp_path: Path
) -> None:
    """A clean MkDocs build empties the site folder, print matter included."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    shutil.copytree(printed.cache, cache)
    catalog = pipeline.checked(demo_project, on=TODAY)
    build_changed(catalog, out, cache, workers=1)
    written = tree(out)
    shutil.rmtree(out / "wijchen")
    result = build_changed(catalog, out, cache, workers=1)
    assert result.files and all(f.startswith("wijchen/") for f in result.files)
    assert tree(out) == written


def test_an_unreadable_manifest_plans_everything(
    demo_project: Path, printed: Printed, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    shutil.copytree(printed.cache, cache)
    catalog = pipeline.checked(demo_project, on=TODAY)
    build_changed(catalog, out, cache, workers=1)
    for manifest in cache.glob("uitvoer-*.json"):
        manifest.write_text("{half", "utf-8")
    result = build_changed(catalog, out, cache, workers=1)
    assert {f.split("/")[0] for f in result.files} == {
        "haarlem",
        "heerenveen",
        "rijswijk",
        "wijchen",
    }
    assert "print manifest" in caplog.text and "unreadable" in caplog.text


@pytest.mark.slow
def test_a_one_profile_rebuild_gives_the_print_folder_of_a_fresh_build(tmp_path: Path) -> None:
    config = copy_demo(tmp_path / "project")
    root = config.parent

    def build(site: Path) -> None:
        catalog = pipeline.checked(config, on=TODAY)
        build_site(catalog, site, root / "build" / site.name, root / ".cache" / "kaarten")

    build(root / "site")
    untouched = root / "site" / "printen" / "wijchen" / "poster.pdf"
    stamp = untouched.stat().st_mtime_ns
    _edit(config)
    build(root / "site")
    build(root / "fresh")
    assert tree(root / "site" / "printen") == tree(root / "fresh" / "printen")
    assert untouched.stat().st_mtime_ns == stamp
