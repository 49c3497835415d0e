"""Saving from the backoffice into a hand-edited file keeps the coordinator's YAML: comments,
flow lists, key order; git's diff shows only the fields that changed, and check still passes."""
# ruff: noqa: F811  (pytest fixtures imported from other modules are arguments here)

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine

from generator import pipeline
from generator.backoffice import form, yamlpatch
from tests.backoffice.test_workbench import (  # noqa: F401  (fixtures)
    TODAY,
    commits,
    first_open,
    git,
    posted,
    project,
    session,
    url,
)
from tests.forms.conftest import REPO, database_url, engine, pg_url  # noqa: F401

HAND = """# Zoekprofiel van de week; met de hand bijgewerkt
id: haarlem-hand1
gemeente: haarlem
wijk: Schalkwijk   # de wijk, nooit de straat
titel: Een vrolijk meisje van 8 zoekt een speelmaatje-gezin
kinderen:
  - leeftijd: 8
    geslacht: meisje
steunvormen: [speelmiddag]
frequentie: wekelijks
dagen: [woensdag, zaterdag]
verhaal: |
  Een vrolijk meisje van 8 zoekt een gezin in de buurt voor een vaste middag in de week.
  Ze houdt van tekenen en buiten spelen.

# Wat het gezin graag wil:
wensen:
  - Een gezin met een tuin
  - Geduld
status: open
gepubliceerd: 2026-11-20
statuslog:
  - {status: open, datum: 2026-11-20}
illustratie: spelen
"""


def edited(text: str, **changes: Any) -> str:
    """What a save from the form writes, after the coordinator changed ``changes``."""
    data = yaml.safe_load(text)
    values = {**form.values_from(data), **changes}
    new = form.data_from(values, data)
    form.log_status(new, str(data["status"]), TODAY)
    return yamlpatch.patched(text, new)


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    a, b = old.splitlines(), new.splitlines()
    return [x for x in a if x not in b], [x for x in b if x not in a]


def test_an_unchanged_save_writes_every_demo_profile_back_byte_for_byte() -> None:
    files = sorted((REPO / "profiles").rglob("*.yml"))
    assert len(files) >= 10
    for path in [*files, None]:
        text = HAND if path is None else path.read_text(encoding="utf-8-sig")
        assert edited(text) == text, path


def test_a_change_touches_only_its_lines_and_keeps_comments() -> None:
    text = edited(HAND, **{"dagen": ["zaterdag"], "frequentie": "om de week"})
    assert changed_lines(HAND, text) == (
        ["frequentie: wekelijks", "dagen: [woensdag, zaterdag]"],
        ["frequentie: om de week", "dagen: [zaterdag]"],  # still a flow list
    )
    assert "# de wijk, nooit de straat" in text and "# Wat het gezin graag wil:" in text
    # A wish added and a status change: the comment above `status` stays above it.
    text = edited(HAND, wensen="Een gezin met een tuin\nGeduld\nEen hond", status="in_gesprek")
    removed, added = changed_lines(HAND, text)
    assert removed == ["status: open"]
    assert added == [
        "  - Een hond",
        "status: in_gesprek",
        "  - {status: in_gesprek, datum: 2026-11-23}",
    ]


def test_a_value_yaml_1_1_reads_otherwise_is_quoted_as_pyyaml_would() -> None:
    text = edited(HAND, wijk="ja", titel="Nee: een titel die op een boolean lijkt")
    data = yaml.safe_load(text)
    assert data["wijk"] == "ja" and data["titel"].startswith("Nee: ")
    assert "# de wijk, nooit de straat" in text


def test_what_ruamel_cannot_keep_falls_back_to_the_full_rewrite() -> None:
    data = yaml.safe_load(HAND)
    assert yamlpatch.patched("- een lijst, geen profiel\n", data) == form.to_yaml(data)
    assert yamlpatch.patched(None, data) == form.to_yaml(data)


def test_a_hand_edited_file_edited_in_the_backoffice_keeps_its_comments(
    url: str, project: Path, engine: Engine
) -> None:
    profile_id, path = first_open(project, "haarlem")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(0, "# Met de hand: overleg met Ans voor u dit verandert\n")
    lines = [line.replace("frequentie: ", "frequentie:   ") for line in lines]
    lines.insert(lines.index("wensen:\n"), "# De wensen komen uit het tweede gesprek\n")
    hand = "".join(lines)
    path.write_text(hand, encoding="utf-8")
    git(project, "commit", "-qam", "met de hand", "--author", "ans <ans@example.org>")
    client, csrf = session(url, engine, "ans", "coordinator", "haarlem")
    page = client.get(f"/backoffice/profielen/bewerken/{profile_id}")
    base = re.search(r'name="basis" value="([0-9a-f]{64})"', page.text)
    assert base
    data = yaml.safe_load(hand)
    data["dagen"] = ["woensdag"]  # not public text: committed at once, without review
    sent = posted(csrf, data, actie="indienen", basis=base.group(1), origineel=profile_id)
    before = commits(project)
    done = client.post("/backoffice/profielen/opslaan", data=sent, follow_redirects=False)
    assert done.status_code == 303, done.text
    assert commits(project) == before + 1
    diff = git(project, "diff", "-U0", "HEAD~1", "HEAD", "--", str(path.relative_to(project)))
    changes = [x for x in diff.splitlines() if x[:1] in "+-" and x[:3] not in ("+++", "---")]
    assert changes == ["-dagen: [zaterdag, zondag]", "+dagen: [woensdag]"]
    # A status change from the list: two lines more, the comments still there.
    client.post(
        f"/backoffice/profielen/profiel/{profile_id}/status",
        data={"csrf": csrf, "status": "in_gesprek"},
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Met de hand: overleg met Ans")
    assert "# De wensen komen uit het tweede gesprek\nwensen:" in text
    assert "frequentie:   maandelijks" in text
    assert yaml.safe_load(text)["statuslog"][-1] == {"status": "in_gesprek", "datum": TODAY}
    catalog = pipeline.check(project / "site_config.yml", on=TODAY)
    assert catalog.report.errors == []
    mine = [f for f in catalog.report.findings if f.file.endswith(path.name)]
    assert mine == []  # not even a warning: the statuslog follows the status


@pytest.mark.parametrize(
    ("status", "published", "entry"),
    [
        ("open", date(2026, 11, 20), {"status": "open", "datum": date(2026, 11, 20)}),
        ("concept", None, {"status": "concept", "datum": TODAY}),
    ],
)
def test_a_new_profile_gets_its_first_statuslog_entry(
    status: str, published: date | None, entry: dict[str, Any]
) -> None:
    data: dict[str, Any] = {"id": "haarlem-x", "status": status}
    if published:
        data["gepubliceerd"] = published
    form.log_status(data, None, TODAY)
    assert data["statuslog"] == [entry]
    form.log_status(data, None, TODAY)  # once
    assert len(data["statuslog"]) == 1
    # An existing profile kept without a log gets none on an ordinary save.
    kept: dict[str, Any] = {"status": "open", "gepubliceerd": date(2026, 1, 5)}
    form.log_status(kept, "open", TODAY)
    assert "statuslog" not in kept
