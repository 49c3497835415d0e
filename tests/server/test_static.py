"""The built site over real HTTP: precompressed files, caching rules, 304s, paths, headers."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import httpx
import pytest

from generator.build import precompress
from generator.forms.headers import SITE_CSP, SITE_HEADERS, site_headers
from generator.server.static import IMMUTABLE, NO_CACHE, SiteFiles, accepts_gzip
from tests.forms.conftest import serve

REPO = Path(__file__).resolve().parents[2]
HEADERS = site_headers("'self'")


def get(site: Path, *paths: str, recheck: float = 1.0, **headers: str) -> list[httpx.Response]:
    with serve(SiteFiles(site, HEADERS, recheck=recheck)) as url, httpx.Client(base_url=url) as c:
        return [c.get(p, headers=headers) for p in paths]


def test_build_step_writes_deterministic_gz_files_and_only_when_needed(small_site: Path) -> None:
    page = small_site / "index.html"
    packed = small_site / "index.html.gz"
    assert gzip.decompress(packed.read_bytes()) == page.read_bytes()
    assert not (small_site / "assets/fonts/Lato-Regular.woff2.gz").exists()
    assert precompress(small_site) == 0  # everything up to date: nothing rewritten
    page.write_text("<p>nieuw</p>" * 100, encoding="utf-8")
    os.utime(page, ns=(packed.stat().st_mtime_ns + 10**9,) * 2)
    first = precompress(small_site)
    assert first == 1 and gzip.decompress(packed.read_bytes()) == page.read_bytes()
    again = packed.read_bytes()
    packed.unlink()
    precompress(small_site)
    assert packed.read_bytes() == again  # no time or name in the header: same bytes
    (small_site / "haarlem" / "index.html").unlink()
    precompress(small_site)
    assert not (small_site / "haarlem" / "index.html.gz").exists()
    assert (small_site / "sitemap.xml.gz").exists()  # MkDocs' own, its source still there


def test_given_paths_only_those_are_compressed_and_a_gone_one_loses_its_gz(
    small_site: Path,
) -> None:
    """The approval's fast path names the files it wrote instead of walking the site."""
    home, gemeente, feed = (
        small_site / n for n in ("index.html", "haarlem/index.html", "feed.xml")
    )
    for path, text in ((home, "<p>thuis</p>" * 50), (gemeente, "<p>haarlem</p>" * 50)):
        path.write_text(text, encoding="utf-8")
        packed = path.with_name(path.name + ".gz")  # made older: the filesystem's clock is coarse
        os.utime(packed, ns=(path.stat().st_mtime_ns - 10**9,) * 2)
    feed.unlink()
    assert precompress(small_site, [home, feed, small_site / "assets/fonts/x.woff2"]) == 1
    assert gzip.decompress((small_site / "index.html.gz").read_bytes()) == home.read_bytes()
    assert not (small_site / "feed.xml.gz").exists()  # named, and its source is gone
    stale = gzip.decompress((small_site / "haarlem/index.html.gz").read_bytes())
    assert stale != gemeente.read_bytes()  # not named: left for a full pass
    assert precompress(small_site) == 1


def test_gzip_only_when_asked_with_vary(small_site: Path) -> None:
    (packed,) = get(small_site, "/", **{"Accept-Encoding": "br, gzip"})
    (plain,) = get(small_site, "/", **{"Accept-Encoding": "identity"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["vary"] == "Accept-Encoding"
    assert int(packed.headers["content-length"]) < len(plain.content) / 5
    assert "content-encoding" not in plain.headers
    assert packed.text == plain.text == (small_site / "index.html").read_text(encoding="utf-8")
    assert packed.headers["etag"] != plain.headers["etag"]  # one tag per representation


def test_caching_rules_and_types_of_docs_hosting(small_site: Path) -> None:
    page, feed, jfeed, css, font, other = get(
        small_site,
        "/haarlem/",
        "/feed.xml",
        "/feed.json",
        "/assets/stylesheets/main.0a1b2c3d.min.css",
        "/assets/fonts/Lato-Regular.woff2",
        "/assets/stylesheets/buurtsite.css",
    )
    assert page.headers["cache-control"] == feed.headers["cache-control"] == NO_CACHE
    assert jfeed.headers["cache-control"] == NO_CACHE
    assert css.headers["cache-control"] == font.headers["cache-control"] == IMMUTABLE
    assert other.headers["cache-control"] == "public, max-age=3600"
    assert feed.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert jfeed.headers["content-type"] == "application/feed+json; charset=utf-8"
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    for response in (page, feed, css, font):
        for name, value in HEADERS.items():
            assert response.headers[name] == value
        assert "strict-transport-security" not in response.headers  # plain http here


def test_etag_and_last_modified_answer_304(small_site: Path) -> None:
    with serve(SiteFiles(small_site, HEADERS)) as url, httpx.Client(base_url=url) as c:
        first = c.get("/haarlem/")
        tagged = c.get("/haarlem/", headers={"If-None-Match": first.headers["etag"]})
        dated = c.get("/haarlem/", headers={"If-Modified-Since": first.headers["last-modified"]})
        other = c.get("/haarlem/", headers={"If-None-Match": '"iets-anders"'})
        head = c.head("/haarlem/")
    assert tagged.status_code == dated.status_code == 304 and tagged.content == b""
    assert tagged.headers["cache-control"] == NO_CACHE
    assert other.status_code == 200 and other.content == first.content
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == first.headers["content-length"]


def test_paths_folders_unknown_and_outside(small_site: Path) -> None:
    with serve(SiteFiles(small_site, HEADERS)) as url, httpx.Client(base_url=url) as c:
        folder = c.get("/haarlem?x=1")
        missing = c.get("/bestaat-niet/")
        outside = c.get("/../../etc/passwd")
        raw = c.get("/%2e%2e/%2e%2e/etc/passwd")
        post = c.post("/haarlem/")
    assert folder.status_code == 301 and folder.headers["location"] == "/haarlem/?x=1"
    assert missing.status_code == 404 and "Deze pagina bestaat niet" in missing.text
    assert outside.status_code == raw.status_code == 404
    files = SiteFiles(small_site, HEADERS)
    # The redirect's Location is built from this cleaned path: "//host" cannot leave the site.
    assert files.relative("//evil.example") == "evil.example"
    assert files.relative("/a/../../b/") == "b/index.html"
    assert post.status_code == 405


def test_a_rebuilt_file_is_served_after_the_recheck(small_site: Path) -> None:
    page = small_site / "haarlem" / "index.html"
    with serve(SiteFiles(small_site, HEADERS, recheck=0.0)) as url, httpx.Client(base_url=url) as c:
        before = c.get("/haarlem/")
        page.write_text("<p>opnieuw gebouwd</p>" * 40, encoding="utf-8")
        stale_gz = c.get("/haarlem/")  # the .gz is older than its source: not served
        precompress(small_site)
        after = c.get("/haarlem/")
    assert "Haarlem" in before.text
    assert "content-encoding" not in stale_gz.headers and "opnieuw gebouwd" in stale_gz.text
    assert after.headers["content-encoding"] == "gzip" and "opnieuw gebouwd" in after.text


def test_docs_hosting_shows_the_headers_the_server_sends() -> None:
    hosting = (REPO / "docs" / "hosting.md").read_text(encoding="utf-8")
    shown = re.search(r"^Content-Security-Policy: (.+)$", hosting, re.M)
    assert shown is not None
    origin = re.search(r"form-action (\S+);", shown.group(1))
    assert origin is not None
    assert shown.group(1) == SITE_CSP.format(form_action=origin.group(1))
    for name, value in SITE_HEADERS.items():
        assert f"{name}: {value}" in hosting


@pytest.mark.parametrize("name", ["index.html", "feed.xml"])
def test_no_gz_file_means_plain_answers(small_site: Path, name: str) -> None:
    (small_site / f"{name}.gz").unlink()
    (response,) = get(small_site, "/" + name.replace("index.html", ""))
    assert response.status_code == 200 and "content-encoding" not in response.headers


def test_past_the_cache_budget_files_are_read_from_disk_and_still_right(
    small_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.server import static

    monkeypatch.setattr(static, "CACHE_BUDGET", 1000)
    files = SiteFiles(small_site, HEADERS)
    with serve(files) as url, httpx.Client(base_url=url) as c:
        page = c.get("/haarlem/")
        small = c.get("/404.html")
    assert page.text == (small_site / "haarlem" / "index.html").read_text(encoding="utf-8")
    assert files.entries["haarlem/index.html"].body is None  # too big for what is left
    assert files.entries["404.html"].body is not None and small.status_code == 200
    assert 0 < files.kept <= 1000


@pytest.mark.parametrize(
    "value,allowed",
    [
        (b"gzip, deflate, br", True),
        (b"br;q=1.0, gzip;q=0.8", True),
        (b"*", True),
        (b"gzip;q=0", False),
        (b"identity", False),
        (b"", False),
        (b"gzip;q=x", False),
    ],
)
def test_accept_encoding_is_read_with_its_weights(value: bytes, allowed: bool) -> None:
    assert accepts_gzip(value) is allowed
