"""buurtsite serve: the preview rebuilds one gemeente, and a save reaches the served page."""

from __future__ import annotations

import re
import socket
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from generator.preview import Preview, Rebuild

PROFILE = "profiles/haarlem/logeren-meisje-4.yml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def test_preview_of_one_gemeente_rebuilds_and_keeps_the_site_on_errors(
    make_demo: Callable[[str], Path],
) -> None:
    config = make_demo("preview")
    preview = Preview(config, "haarlem")
    first = preview.rebuild()
    assert first.ok, first.message
    assert (preview.site_dir / "haarlem" / "haarlem-p7wx" / "index.html").is_file()
    assert not (preview.site_dir / "rijswijk").exists()  # only the chosen gemeente

    path = config.parent / PROFILE
    good = path.read_text("utf-8")
    path.write_text(good.replace("titel: Een lief", "titel: Een zonnig"), "utf-8")
    second = preview.rebuild()
    assert second.ok and "dirty" in second.message
    page = preview.site_dir / "haarlem" / "haarlem-p7wx" / "index.html"
    assert "Een zonnig meisje" in page.read_text("utf-8")

    path.write_text(good.replace("status: open", "status: misschien"), "utf-8")
    broken = preview.rebuild()
    assert not broken.ok
    assert broken.findings and broken.findings[0].file == PROFILE
    assert "Een zonnig meisje" in page.read_text("utf-8")  # the last good site stays


def test_saving_a_profile_reaches_the_served_page(make_demo: Callable[[str], Path]) -> None:
    config = make_demo("serve")
    preview = Preview(config, "haarlem")
    assert preview.rebuild().ok
    results: list[Rebuild] = []
    port = free_port()
    server = preview.server(port, results.append)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{port}/haarlem/haarlem-p7wx/"
        deadline = time.monotonic() + 10
        while True:
            try:
                assert "Een lief meisje" in fetch(url)
                break
            except OSError:
                assert time.monotonic() < deadline, "preview server did not start"
                time.sleep(0.05)
        path = config.parent / PROFILE
        path.write_text(path.read_text("utf-8").replace("titel: Een lief", "titel: Een blij"))
        while "Een blij meisje" not in fetch(url):
            assert time.monotonic() < deadline + 10, "the change never reached the page"
            time.sleep(0.05)
        assert results and results[-1].ok
    finally:
        server.shutdown(wait=True)
        thread.join(timeout=5)
    assert not thread.is_alive()


def test_preview_of_a_site_under_a_sub_path_serves_it_there(
    make_demo: Callable[[str], Path],
) -> None:
    """Links are root-relative from base_url's path, so the preview must serve under it."""
    config = make_demo("subpath-serve")
    text = config.read_text(encoding="utf-8")
    base = "https://www.buurtgezinnen.example/buurtgezinnen/"
    config.write_text(
        text.replace("base_url: https://www.buurtgezinnen.example/", f"base_url: {base}")
    )
    preview = Preview(config, "haarlem")
    assert preview.rebuild().ok
    port = free_port()
    server = preview.server(port, lambda _result: None)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{port}/buurtgezinnen/haarlem/haarlem-p7wx/"
        deadline = time.monotonic() + 10
        while True:
            try:
                page = fetch(url)
                break
            except OSError:
                assert time.monotonic() < deadline, "preview server did not start"
                time.sleep(0.05)
        link = re.search(r'<a href="(/buurtgezinnen/haarlem/)">Buurtgezinnen Haarlem', page)
        assert link is not None
        assert "Buurtgezinnen Haarlem" in fetch(f"http://127.0.0.1:{port}{link.group(1)}")
    finally:
        server.shutdown(wait=True)
        thread.join(timeout=5)
    assert not thread.is_alive()
