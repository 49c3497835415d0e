"""The cache (an unchanged profile is not drawn again), pruning, and the 300-dpi kit image."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from generator import pipeline
from generator.images.layout import draw_card
from generator.printing import build_print
from tests.print.conftest import TODAY, Printed, qr_codes


def test_second_run_draws_nothing_and_keeps_the_files(printed: Printed, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build_print(printed.catalog, out, printed.cache, workers=1)
    assert first.rendered == 0 and first.from_cache > 0  # the session run filled the cache
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = build_print(printed.catalog, out, printed.cache, workers=1)
    assert again.rendered == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamps


def test_an_edit_redraws_only_what_shows_it(demo_project: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_print(pipeline.checked(demo_project, on=TODAY), out, cache, workers=1)
    untouched = out / "heerenveen" / "heerenveen-w6ka" / "poster.pdf"
    before = untouched.read_bytes(), untouched.stat().st_mtime_ns
    path = demo_project.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    path.write_text(path.read_text("utf-8").replace("vrolijke jongen", "blije jongen", 1), "utf-8")
    result = build_print(pipeline.checked(demo_project, on=TODAY), out, cache, workers=1)
    # Its poster, flyer and kit image, and the Haarlem poster that shows its title.
    assert result.rendered == 4
    assert (untouched.read_bytes(), untouched.stat().st_mtime_ns) == before


def test_prune_removes_print_matter_of_a_filled_profile(demo_project: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_print(pipeline.checked(demo_project, on=TODAY), out, cache, workers=1, prune=True)
    assert (out / "haarlem" / "haarlem-k3m9" / "poster.pdf").is_file()
    path = demo_project.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    text = path.read_text("utf-8").replace("status: open\n", "status: gekoppeld\n")
    text = text.replace(
        "  - {status: open, datum: 2026-10-12}\n",
        "  - {status: open, datum: 2026-10-12}\n  - {status: gekoppeld, datum: 2026-11-20}\n",
    )
    path.write_text(text, "utf-8")
    catalog = pipeline.checked(demo_project, on=TODAY)
    build_print(catalog, out, cache, workers=1, prune=True)
    assert sorted(p.name for p in (out / "haarlem" / "haarlem-k3m9").iterdir()) == ["index.html"]


def test_pool_and_serial_runs_give_the_same_bytes(printed: Printed, tmp_path: Path) -> None:
    result = build_print(printed.catalog, tmp_path / "out", tmp_path / "cache", workers=2)
    assert result.rendered > 12  # enough work for the process pool
    for name in result.files:
        if name.endswith((".pdf", ".jpg")):
            assert (tmp_path / "out" / name).read_bytes() == (printed.out / name).read_bytes()


def test_kit_image_is_the_card_at_300_dpi(printed: Printed) -> None:
    with Image.open(printed.out / "haarlem" / "haarlem-k3m9" / "krant.jpg") as image:
        assert image.format == "JPEG" and image.size == (2400, 1260)
        assert tuple(round(v) for v in image.info["dpi"]) == (300, 300)
    with Image.open(printed.out / "haarlem" / "haarlem-k3m9" / "krant-qr.png") as qr:
        assert qr.format == "PNG"
    codes = qr_png(printed.out / "haarlem" / "haarlem-k3m9" / "krant-qr.png")
    assert codes == [
        "https://www.buurtgezinnen.example/haarlem/haarlem-k3m9/?utm_source=krant&utm_medium=print"
    ]


def qr_png(path: Path) -> list[str]:
    import zxingcpp

    with Image.open(path) as image:
        return [code.text for code in zxingcpp.read_barcodes(image.convert("L"))]


def test_scaled_card_keeps_every_text_inside_its_region(printed: Printed) -> None:
    from generator.images.specs import plan

    spec = next(p.spec for p in plan(printed.catalog) if p.key == "profiel:haarlem-k3m9")
    small, small_boxes = draw_card(spec)
    big, big_boxes = draw_card(spec, scale=2)
    assert big.size == (small.width * 2, small.height * 2)
    assert [b.text for b in big_boxes] == [b.text for b in small_boxes]
    for box in big_boxes:
        x0, y0, x1, y1 = box.bbox
        assert x0 >= 0 and x1 <= big.width and y0 >= 0 and y1 <= big.height, box


def test_gemeente_poster_without_open_profiles(demo_project: Path, tmp_path: Path) -> None:
    catalog = pipeline.checked(demo_project, on=TODAY)
    rijswijk = catalog.settings.require_gemeente("rijswijk")
    keep = [p for p in catalog.profiles if p.gemeente != "rijswijk"]
    catalog.profiles[:] = keep
    build_print(catalog, tmp_path / "out", tmp_path / "cache", [rijswijk], workers=1)
    poster = tmp_path / "out" / "rijswijk" / "poster.pdf"
    from tests.print.conftest import pdf_text

    assert "Word steungezin in Rijswijk" in " ".join(pdf_text(poster).split())
    assert qr_codes(poster) == [
        "https://www.buurtgezinnen.example/rijswijk/?utm_source=poster&utm_medium=print"
    ]
