"""Planning without network: dry runs, captions, UTM links, refusals, tokens."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator import pipeline
from generator.errors import ConfigError
from generator.publish.facebook import ErrorKind, GraphClient, GraphError
from generator.publish.planner import Action, Kind, Plan, excerpt, screen, with_utm
from generator.publish.tokens import Token, load_tokens
from tests.publish.conftest import HAARLEM, PAGES, json_lines, run, set_facebook, set_profile
from tests.publish.fakegraph import FakeGraph, Fault


def test_dry_run_json_needs_no_token_and_posts_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("BUURTSITE_FACEBOOK_TOKENS", raising=False)
    # A Graph URL where nothing listens: any network use would fail the run.
    monkeypatch.setenv("BUURTSITE_GRAPH_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(tmp_path / "data"))
    result = run(project, "--proef", "--format", "json")
    # Without tokens a real run fails: the dry run says so, and exits as the real run would.
    assert result.exit_code == 1, result.output
    records = json_lines(result.stdout)
    assert {r["profile_id"] for r in records} >= {"haarlem-k3m9", "wijchen-c7yh"}
    for record in records:
        assert {"action", "profile_id", "gemeente", "page_id", "message", "link", "image"} <= set(
            record
        )
        assert record["action"] == "create" and record["result"] == "failed"
        assert record["reason"].startswith("geen token voor Facebookpagina " + record["page_id"])
        assert "utm_campaign=" + record["profile_id"] in record["link"]
    assert not (tmp_path / "data").exists() or list((tmp_path / "data").iterdir()) == []


def test_dry_run_photo_posts_show_the_rendered_feed_image(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(tmp_path / "data"))
    set_facebook(project, berichttype="foto")
    monkeypatch.setenv("BUURTSITE_FACEBOOK_TOKEN_" + HAARLEM, PAGES[HAARLEM])
    result = run(project, "--proef", "--profiel", "haarlem-k3m9", "--format", "json")
    assert result.exit_code == 0, result.output
    [record] = json_lines(result.stdout)
    image = Path(record["image"])
    assert image.is_file() and image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert record["post_type"] == "foto"


def test_photo_post_uploads_the_feed_image(fake: FakeGraph, project: Path) -> None:
    set_facebook(project, berichttype="foto")
    result = run(project, "--profiel", "haarlem-k3m9", "--format", "json")
    assert result.exit_code == 0, result.output
    [post] = fake.live_posts()
    assert post.photo is not None and post.photo[:4] == b"\x89PNG"
    assert "https://www.buurtgezinnen.example/haarlem/haarlem-k3m9/?utm_source" in post.message
    assert fake.count("POST photos") == 1


def test_dry_run_text_shows_the_caption(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BUURTSITE_FACEBOOK_TOKEN_" + HAARLEM, PAGES[HAARLEM])
    result = run(project, "--proef", "--gemeente", "haarlem")
    assert result.exit_code == 0, result.output
    assert "haarlem-k3m9 (haarlem) -> pagina 100000000000001: plaatsen" in result.stdout
    assert "| Voor een vrolijke jongen van 7" in result.stdout
    assert "niets geplaatst" in result.stdout


def test_profile_with_errors_is_refused(fake: FakeGraph, project: Path) -> None:
    set_profile(project, "haarlem/speelmiddag-jongen-7.yml", wijk="Nergenshuizen")
    result = run(project, "--gemeente", "haarlem", "--format", "json")
    assert result.exit_code == 1
    records = json_lines(result.stdout)
    refused = [r for r in records if r["result"] == "refused"]
    assert [r["profile_id"] for r in refused] == ["profiles/haarlem/speelmiddag-jongen-7.yml"]
    assert "buurtsite check" in refused[0]["message"]
    assert all("haarlem-k3m9" not in p.message for p in fake.live_posts())
    assert fake.live_posts(HAARLEM)  # the other Haarlem profiles still went out


def test_unknown_filters_give_a_dutch_error(project: Path) -> None:
    result = run(project, "--proef", "--gemeente", "haarlm")
    assert result.exit_code == 1
    assert "onbekende gemeente 'haarlm'" in result.output
    result = run(project, "--proef", "--profiel", "haarlem-xxxx")
    assert result.exit_code == 1 and "geen geldig zoekprofiel" in result.output


def test_utm_parameters_are_added_but_never_overwritten() -> None:
    assert with_utm("https://x.example/a/", "p1") == (
        "https://x.example/a/?utm_source=facebook&utm_medium=social&utm_campaign=p1"
    )
    kept = with_utm("https://x.example/a/?utm_source=krant&x=1", "p1")
    assert kept == "https://x.example/a/?utm_source=krant&x=1&utm_medium=social&utm_campaign=p1"
    assert with_utm("https://x.example/?utm_campaign=zomer", "p1").count("utm_campaign") == 1


def test_excerpt_is_plain_text_cut_at_a_word() -> None:
    text = "Een **vrolijke** jongen met [een link](https://x.example) " + "woord " * 80
    short = excerpt(text, 60)
    assert short.endswith("…") and "**" not in short and "](" not in short
    assert len(short) <= 61 and short.startswith("Een vrolijke jongen met een link")


def test_tokens_from_file_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = tmp_path / "tokens.yml"
    secrets.write_text('"111111": file-token-1\n"222222": file-token-2\n', encoding="utf-8")
    monkeypatch.setenv("BUURTSITE_FACEBOOK_TOKENS", str(secrets))
    monkeypatch.setenv("BUURTSITE_FACEBOOK_TOKEN_222222", "env-token-2")
    tokens = load_tokens(["111111", "222222", "333333"])
    assert tokens == {"111111": Token("file-token-1"), "222222": Token("env-token-2")}
    assert "file-token" not in repr(tokens) and "file-token" not in f"{tokens['111111']}"


def test_broken_token_file_error_does_not_quote_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets = tmp_path / "tokens.yml"
    secrets.write_text('"111111": [unclosed-secret-token\n', encoding="utf-8")
    monkeypatch.setenv("BUURTSITE_FACEBOOK_TOKENS", str(secrets))
    with pytest.raises(ConfigError) as info:
        load_tokens(["111111"])
    assert "unclosed-secret-token" not in str(info.value)
    assert "geen geldige YAML of JSON" in info.value.message


def test_graph_errors_never_carry_the_token(fake: FakeGraph) -> None:
    token = PAGES[HAARLEM]
    fake.fail_next("POST feed", Fault("error", code=100, message=f"bad param access_token={token}"))
    with GraphClient(Token(token), "v24.0", 1) as client, pytest.raises(GraphError) as info:
        client.post_link(HAARLEM, "hallo", "https://x.example/")
    assert info.value.kind is ErrorKind.OTHER
    assert token not in str(info.value) and token not in repr(info.value.args)
    assert "access_token=***" in info.value.message
    fake.fail_next("POST feed", Fault("drop_before_store"))
    with GraphClient(Token(token), "v24.0", 1) as client, pytest.raises(GraphError) as info:
        client.post_link(HAARLEM, "hallo", "https://x.example/")
    assert info.value.kind is ErrorKind.TRANSIENT and info.value.__cause__ is None
    assert token not in str(info.value)


def test_status_reports_tokens_and_pending(fake: FakeGraph, project: Path) -> None:
    fake.expired.add(PAGES[HAARLEM])
    result = run(project, "status", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["page_id"]: r for r in json_lines(result.stdout)}
    assert rows[HAARLEM]["token"].startswith("niet te controleren")
    assert rows["100000000000002"]["token"] == "geldig (verloopt niet)"
    assert rows["100000000000002"]["pending"] >= 1 and rows["100000000000002"]["last_post"] is None
    assert run(project, "--gemeente", "rijswijk").exit_code == 0
    rows = {r["page_id"]: r for r in json_lines(run(project, "status", "--format", "json").stdout)}
    assert rows["100000000000002"]["pending"] == 0 and rows["100000000000002"]["last_post_id"]


def test_post_text_with_a_phone_number_is_refused(fake: FakeGraph, project: Path) -> None:
    set_profile(
        project,
        "haarlem/speelmiddag-jongen-7.yml",
        facebook={"publiceren": True, "tekst": "Help je mee? Bel moeder op 06-12345678."},
    )
    result = run(project, "--gemeente", "haarlem", "--format", "json")
    assert result.exit_code == 1
    refused = [r for r in json_lines(result.stdout) if r["result"] == "refused"]
    assert len(refused) == 1
    assert all("12345678" not in p.message for p in fake.live_posts())


def test_screen_runs_the_published_privacy_check(project: Path) -> None:
    catalog = pipeline.check(project)
    action = Action(
        Kind.CREATE, "haarlem-k3m9", "haarlem", HAARLEM, "", "https://x.example/", "link"
    )
    plan = Plan(
        [
            replace(action, message="Mail ons: haarlem@example.org"),  # coordinator: allowed
            replace(action, profile_id="p2", message="Mail de moeder: fam.jansen@gmail.com"),
        ],
        [],
    )
    screened = screen(catalog, plan)
    assert [a.profile_id for a in screened.actions] == ["haarlem-k3m9"]
    assert [r.profile_id for r in screened.refusals] == ["p2"]
    assert "persoonsgegevens" in screened.refusals[0].reason
