"""The one typeface of buurtsite: Lato, shipped by the ``font-lato`` pip package.

Share cards (Pillow) and the site (@font-face) use the same files, so a card and the page it
links to look alike. Lato is under the SIL Open Font License 1.1, covers the Dutch diacritics
and the typographic quotes, dashes and ellipsis, and is installed by ``pip install -e .``:
nothing is downloaded at build time and the site makes no request to a font host.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.errors import MissingTool

FAMILY = "Lato"
LICENSE_NAME = "SIL Open Font License 1.1"

# weight name -> (file name in the package, CSS font-weight)
_FILES: dict[str, tuple[str, int]] = {
    "regular": ("Lato-Regular.ttf", 400),
    "bold": ("Lato-Bold.ttf", 700),
}


@dataclass(frozen=True)
class WebFont:
    """One font file the site copies into its assets and declares with @font-face."""

    path: Path
    family: str
    weight: int
    style: str
    format: str  # "woff2" or "truetype", the value of CSS format()


@cache
def font_dir() -> Path:
    """The folder of the installed ``font-lato`` package; a clear error if it is missing."""
    try:
        import font_lato
    except ImportError as exc:
        raise MissingTool(
            "het lettertype Lato ontbreekt; installeer het met `pip install font-lato` "
            "(of `pip install -e .` in de projectmap)"
        ) from exc
    return Path(font_lato.font_directory)


def font_file(weight: str) -> Path:
    """A TTF Pillow can load for ``weight`` ("regular" or "bold")."""
    try:
        name = _FILES[weight][0]
    except KeyError as exc:
        raise ValueError(f"unknown font weight {weight!r}; use one of {sorted(_FILES)}") from exc
    path = font_dir() / name
    if not path.is_file():
        raise MissingTool(
            f"het lettertypebestand {name} ontbreekt; herinstalleer het met "
            "`pip install --force-reinstall font-lato`"
        )
    return path


def license_file() -> Path:
    """The OFL text, which must travel with the font files the site serves."""
    return font_dir() / "OFL.txt"


def web_fonts() -> list[WebFont]:
    """The files the site self-hosts. The package ships TTF only, hence format "truetype"."""
    return [
        WebFont(
            path=font_file(weight), family=FAMILY, weight=css, style="normal", format="truetype"
        )
        for weight, (_name, css) in _FILES.items()
    ]


# What Dutch pages use: Basic Latin, Latin-1, Latin Extended-A (ĳ, ł ...), general punctuation
# (’ “ ” – — …), the euro sign and the trade mark sign.
WEB_UNICODES = "U+0000-017F,U+2000-206F,U+20AC,U+2122"


def web_font_woff2(font: WebFont, cache_dir: Path) -> tuple[str, bytes]:
    """``font`` subset to ``WEB_UNICODES`` as WOFF2: (file name, bytes).

    The TTFs weigh 72 KB each and were a third of a profile page; the subset WOFF2 is about a
    third of that. Subsetting takes ~0.3 s, so results are cached under a digest of the source
    file, the ranges and fontTools' version. Same input, same bytes.
    """
    import hashlib

    import fontTools
    from fontTools import subset

    source = font.path.read_bytes()
    digest = hashlib.sha256(source + WEB_UNICODES.encode() + fontTools.version.encode())
    name = f"{font.path.stem}.woff2"
    cached = cache_dir / f"{font.path.stem}-{digest.hexdigest()[:16]}.woff2"
    if cached.is_file():
        return name, cached.read_bytes()
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the copyright and licence names the OFL asks for
    face = subset.load_font(str(font.path), options)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(WEB_UNICODES))
        subsetter.subset(face)
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        subset.save_font(face, str(tmp), options)
    finally:
        face.close()
    tmp.replace(cached)
    return name, cached.read_bytes()
