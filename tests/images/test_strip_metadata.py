"""strip_metadata: theme images reach the site without EXIF, ICC profiles or text chunks."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageCms, PngImagePlugin

from generator.images import strip_metadata

REPO = Path(__file__).resolve().parents[2]


def _srgb_profile() -> bytes:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return profile.tobytes()


def test_png_loses_text_chunks_and_icc_but_keeps_pixels(tmp_path: Path) -> None:
    src, dst = tmp_path / "in.png", tmp_path / "out" / "in.png"
    image = Image.new("RGBA", (40, 30), (194, 65, 12, 200))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jan Jansen, Dorpsstraat 1")
    info.add_text("Comment", "gemaakt op 2026-05-01 bij school De Regenboog")
    image.save(src, pnginfo=info, icc_profile=_srgb_profile())
    with Image.open(src) as check:
        assert "Author" in check.info and "icc_profile" in check.info

    strip_metadata(src, dst)

    raw = dst.read_bytes()
    assert b"Jansen" not in raw and b"Regenboog" not in raw and b"iCCP" not in raw
    with Image.open(dst) as out, Image.open(src) as orig:
        assert out.format == "PNG"
        assert set(out.info) <= {"transparency"}
        assert out.tobytes() == orig.tobytes()


def test_jpeg_loses_exif(tmp_path: Path) -> None:
    src, dst = tmp_path / "foto.jpg", tmp_path / "schoon.jpg"
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0131] = "GeheimProgramma 1.0"  # Software
    Image.new("RGB", (64, 48), (30, 58, 95)).save(src, exif=exif.tobytes(), quality=95)
    assert b"GeheimProgramma" in src.read_bytes()

    strip_metadata(src, dst)

    assert b"GeheimProgramma" not in dst.read_bytes() and b"Exif" not in dst.read_bytes()
    with Image.open(dst) as out:
        assert out.format == "JPEG" and out.size == (64, 48)
        assert not out.getexif()


def test_theme_illustrations_pass_through_unchanged_in_pixels(tmp_path: Path) -> None:
    src = REPO / "theme" / "illustraties" / "samen.png"
    strip_metadata(src, tmp_path / "samen.png")
    with Image.open(src) as a, Image.open(tmp_path / "samen.png") as b:
        assert a.mode == b.mode and a.tobytes() == b.tobytes()
