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
