"""Planning cards from the catalog: facts, fallbacks and clear errors for broken theme files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.errors import BuurtsiteError
from generator.images.gallery import _BASE
from generator.images.specs import FALLBACK_TITLE, plan, profile_alt
from generator.model import Zoekprofiel
from generator.validate import Catalog


def _profile(**overrides: object) -> Zoekprofiel:
    data = {**_BASE, "id": "test-1", "titel": "Jongen van 7 zoekt een maatje", **overrides}
    return Zoekprofiel.model_validate({k: v for k, v in data.items() if v is not None})


def _cards(catalog: Catalog, profile: Zoekprofiel) -> dict[str, object]:
    planned = plan(replace(catalog, profiles=[profile]))
    return {p.slot: p for p in planned if p.key == f"profiel:{profile.id}"}


def test_emoji_only_title_gets_a_headline(small_catalog: Catalog) -> None:
    cards = _cards(small_catalog, _profile(titel="😀🎉🌈⚽🏠"))
    assert cards["og"].spec.title == FALLBACK_TITLE  # type: ignore[attr-defined]


def test_concept_profiles_get_no_card(small_catalog: Catalog) -> None:
    concept = _profile(status="concept", gepubliceerd=None)
    assert _cards(small_catalog, concept) == {}


def test_unknown_illustration_falls_back_to_samen(small_catalog: Catalog) -> None:
    # validate.py rejects unknown keys; a theme without the file must still not crash the build.
    cards = _cards(small_catalog, _profile(illustratie="bestaat-niet"))
    assert Path(cards["og"].spec.illustration).name == "samen.png"  # type: ignore[attr-defined]


def test_corrupt_illustration_is_a_dutch_error(small_catalog: Catalog) -> None:
    art = small_catalog.project.theme_dir / "illustraties" / "spelen.png"
    art.write_bytes(b"dit is geen png")
    with pytest.raises(BuurtsiteError, match=r"illustratie theme/illustraties/spelen\.png"):
        plan(replace(small_catalog, profiles=[_profile(illustratie="spelen")]))


def test_missing_logo_is_a_dutch_error(small_catalog: Catalog) -> None:
    (small_catalog.project.root / "theme" / "assets" / "logo.png").unlink()
    with pytest.raises(BuurtsiteError, match=r"logo theme/assets/logo\.png ontbreekt"):
        plan(small_catalog)


def test_alt_text_for_each_status() -> None:
    assert profile_alt(_profile(titel="Jongen zoekt maatje."), "Haarlem") == (
        "Oproep van Buurtgezinnen Haarlem: Jongen zoekt maatje. "
        "Jongen van 7 jaar; Speelmiddag; Schalkwijk, Haarlem."
    )
    assert profile_alt(_profile(status="gekoppeld"), "Haarlem").endswith(
        "Gevonden: er is een steungezin gekoppeld."
    )
    assert profile_alt(_profile(status="gesloten"), "Haarlem").endswith("niet meer actueel.")
    assert profile_alt(_profile(), "Haarlem", expired=True).endswith("niet meer actueel.")
