"""Fixtures for the print tests: the demo project's print matter, made once per session."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import zxingcpp

from generator import pipeline
from generator.printing import PrintResult, build_print
from generator.validate import Catalog

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)  # as tests/conftest.py; session fixtures run outside its autouse one
BASE = "https://www.buurtgezinnen.example/"


def copy_demo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for folder in ("profiles", "content", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    return root / "site_config.yml"


@dataclass(frozen=True)
class Printed:
    catalog: Catalog
    out: Path
    cache: Path
    result: PrintResult


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    root = tmp_path_factory.mktemp("print")
    catalog = pipeline.checked(copy_demo(root / "project"), on=TODAY)
    out, cache = root / "drukwerk", root / "cache"
    return Printed(catalog, out, cache, build_print(catalog, out, cache, workers=1))


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def qr_codes(path: Path) -> list[str]:
    """Every QR code on the PDF's first page, rasterised at 144 dpi and decoded."""
    document = pypdfium2.PdfDocument(path)
    try:
        image = document[0].render(scale=2).to_pil().convert("L")
    finally:
        document.close()
    return [code.text for code in zxingcpp.read_barcodes(image)]
