"""The profile form is generated from the schema: every field is there, and a profile survives
the trip to form values and back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.backoffice import form
from generator.docref import document_keys
from generator.errors import Finding, Severity
from generator.model import Zoekprofiel

REPO = Path(__file__).resolve().parents[2]
DEMO = sorted((REPO / "profiles").glob("*/*.yml"))


def test_every_documented_field_has_an_input_or_is_kept() -> None:
    names = {f.name for f in form.FIELDS} | {f"kinderen[].{f.name}" for f in form.CHILD_FIELDS}
    for key in document_keys(Zoekprofiel):
        top = key.split(".")[0].split("[")[0]
        if top in form.HIDDEN or key in ("kinderen", "facebook", "privacy"):
            continue
        if key.startswith("privacy.toegestaan"):
            key = "privacy.toegestaan"  # one text area: "tekst | reden" per line
        assert key in names, f"{key} (docs/veldenreferentie.md) has no input in the form"


def test_labels_and_choices_are_dutch_and_from_the_model() -> None:
    by_name = {f.name: f for f in form.FIELDS}
    assert by_name["frequentie"].choices[0] == ("wekelijks", "wekelijks")
    assert ("speelmiddag", "Speelmiddag") in by_name["steunvormen"].choices
    assert by_name["verhaal"].kind == "textarea" and by_name["verhaal"].help
    assert by_name["gepubliceerd"].kind == "date"


@pytest.mark.parametrize("path", DEMO, ids=lambda p: p.name)
def test_a_profile_survives_the_form(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    again = yaml.safe_load(form.to_yaml(form.data_from(form.values_from(data), data)))

    def normal(d: dict[str, object]) -> dict[str, object]:
        # A story typed in a text area has no trailing newline; that is no change.
        return {k: v.strip() if isinstance(v, str) else v for k, v in d.items()}

    assert normal(again) == normal(data)


def test_a_finding_lands_next_to_its_field() -> None:
    def at(field: str) -> str:
        finding = Finding("f.yml", 1, 1, Severity.ERROR, "x", field, "fout")
        return next(iter(form.errors_by_field([finding])))

    assert at("verhaal") == "verhaal"
    assert at("kinderen[1].leeftijd") == "kinderen[1].leeftijd"
    assert at("kinderen[0]") == "kinderen[0].leeftijd"
    assert at("steunvormen[2]") == "steunvormen"
    assert at("facebook.tekst") == "facebook.tekst"
    assert at("onbekend") == ""
