"""Fixtures for the publisher: a running fake Graph API, tokens outside the repo, a demo copy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli import cli
from tests.publish.fakegraph import FakeGraph

PAGES = {
    "100000000000001": "tok-haarlem-SECRET-aaaa1111",
    "100000000000002": "tok-rijswijk-SECRET-bbbb2222",
    "100000000000003": "tok-heerenveen-SECRET-cccc3333",
    "100000000000004": "tok-wijchen-SECRET-dddd4444",
}
HAARLEM, RIJSWIJK = "100000000000001", "100000000000002"


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeGraph]:
    graph = FakeGraph()
    for page_id, token in PAGES.items():
        graph.add_page(page_id, token)
    secrets = tmp_path / "secrets" / "tokens.json"
    secrets.parent.mkdir()
    secrets.write_text(json.dumps(PAGES), encoding="utf-8")
    monkeypatch.setenv("BUURTSITE_FACEBOOK_TOKENS", str(secrets))
    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(tmp_path / "data"))
    with graph.running():
        monkeypatch.setenv("BUURTSITE_GRAPH_URL", graph.url)
        yield graph


def set_facebook(config: Path, **values: Any) -> None:
    """Change keys of the `facebook:` block of a project's site_config.yml."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["facebook"].update(values)
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def set_profile(config: Path, relative: str, **values: Any) -> None:
    """Change keys of one profile file (e.g. ``haarlem/speelmiddag-jongen-7.yml``)."""
    path = config.parent / "profiles" / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(values)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def project(demo_project: Path) -> Path:
    """The demo project, set up for fast tests: link posts, no real waiting, 1 s time-out."""
    set_facebook(
        demo_project,
        berichttype="link",
        wachttijd_seconden=0.0,
        timeout_seconden=1,
        max_per_dag=10,
        pogingen=3,
    )
    return demo_project


def run(config: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["publish", "--config", str(config), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]
