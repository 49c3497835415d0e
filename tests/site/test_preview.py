"""buurtsite serve: the preview rebuilds one gemeente, and a save reaches the served page."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from generator.preview import ContentChanges, Preview, Rebuild

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
    assert second.ok and "gewijzigde bestanden" in second.message
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


QUIET_SECONDS = 3.0


def _start(preview: Preview, results: list[Rebuild]) -> tuple[LiveReloadServer, threading.Thread]:
    server = preview.server(free_port(), results.append)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while True:
        try:
            fetch(server.url)
            return server, thread
        except OSError:
            assert time.monotonic() < deadline, "preview server did not start"
            time.sleep(0.05)


def _stop(server: LiveReloadServer, thread: threading.Thread) -> None:
    server.shutdown(wait=True)
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_one_save_gives_one_rebuild_and_then_the_server_stays_quiet(
    make_demo: Callable[[str], Path],
) -> None:
    config = make_demo("settle")
    preview = Preview(config, "haarlem")
    assert preview.rebuild().ok
    results: list[Rebuild] = []
    server, thread = _start(preview, results)
    try:
        path = config.parent / PROFILE
        path.write_text(path.read_text("utf-8").replace("titel: Een lief", "titel: Een blij"))
        deadline = time.monotonic() + 20
        while not results:
            assert time.monotonic() < deadline, "the save never started a rebuild"
            time.sleep(0.05)
        # The rebuild's own reads of profiles, theme and content must not start the next one.
        time.sleep(QUIET_SECONDS)
        assert len(results) == 1, [r.message for r in results]
        assert results[0].ok and "bijgewerkt" in results[0].message
    finally:
        _stop(server, thread)


def test_reading_or_touching_a_watched_file_does_not_rebuild(
    make_demo: Callable[[str], Path],
) -> None:
    config = make_demo("reads")
    preview = Preview(config, "haarlem")
    assert preview.rebuild().ok
    results: list[Rebuild] = []
    server, thread = _start(preview, results)
    try:
        path = config.parent / PROFILE
        assert "titel:" in path.read_text("utf-8")
        for theme_file in sorted((config.parent / "theme").rglob("*.html"))[:5]:
            theme_file.read_bytes()
        path.write_text(path.read_text("utf-8"), "utf-8")  # saved without a change
        swap = path.with_name(f".{path.name}.swp")  # an editor's scratch file comes and goes
        swap.write_bytes(b"vim")
        swap.unlink()
        time.sleep(QUIET_SECONDS)
        assert results == []
    finally:
        _stop(server, thread)


SAVED = "titel: Een lief meisje\n"


def _watching(folder: Path, settles_on_close: bool = True) -> tuple[Path, ContentChanges]:
    profile = folder / "profiel.yml"
    profile.write_text(SAVED, "utf-8")
    changes = ContentChanges(settles_on_close)
    changes.remember(folder)
    return profile, changes


def test_an_unchanged_save_seen_while_it_is_written_is_no_change(tmp_path: Path) -> None:
    """Writing a file truncates it first. The watcher's thread may read it at any point of
    the save (the flaky serve test did, under load): here the events of ``write_text`` are
    handled with the file as the watcher would find it at the worst moment."""
    profile, changes = _watching(tmp_path)
    path = str(profile)
    seen = []
    with open(profile, "w", encoding="utf-8") as handle:  # truncated, nothing written yet
        assert profile.read_bytes() == b""
        seen += [changes.changed(FileOpenedEvent(path)), changes.changed(FileModifiedEvent(path))]
        handle.write(SAVED)
        handle.flush()
        seen.append(changes.changed(FileModifiedEvent(path)))
    seen.append(changes.changed(FileClosedEvent(path)))
    assert seen == [False, False, False, False]
    assert not changes.settle()


def test_an_atomic_save_through_a_temporary_file_is_no_change(tmp_path: Path) -> None:
    """Editors write a temporary file and rename it over the profile. However late the
    watcher handles the temporary file's events, the save left the content as it was."""
    profile, changes = _watching(tmp_path)
    temporary = tmp_path / "tmpa1b2c3"  # Python's tempfile: no extension to recognise
    temporary.write_text(SAVED, "utf-8")
    asked = changes.changed(FileCreatedEvent(str(temporary)))
    asked |= changes.changed(FileClosedEvent(str(temporary)))  # handled before the rename
    os.replace(temporary, profile)
    asked |= changes.changed(FileMovedEvent(str(temporary), str(profile)))
    late = tmp_path / "tmpd4e5f6"  # a second save, handled after its file was renamed
    late.write_text(SAVED, "utf-8")
    os.replace(late, profile)
    for event in (FileCreatedEvent(str(late)), FileClosedEvent(str(late))):
        assert not changes.changed(event)  # a file that came and went is no content
    asked |= changes.changed(FileMovedEvent(str(late), str(profile)))
    assert asked  # the first temporary file was seen with content: a rebuild was asked for
    assert not changes.settle()  # ... but by then the profile is as the last build read it


def test_vim_renaming_the_profile_while_it_writes_is_no_change(tmp_path: Path) -> None:
    """vim (backupcopy=no) renames the profile to a backup, writes a new one, drops the backup."""
    profile, changes = _watching(tmp_path)
    backup = profile.with_name(profile.name + "~")
    os.rename(profile, backup)
    assert changes.changed(FileMovedEvent(str(profile), str(backup)))  # the profile is gone
    profile.write_text(SAVED, "utf-8")
    for event in (FileCreatedEvent(str(profile)), FileModifiedEvent(str(profile))):
        assert not changes.changed(event)
    assert not changes.changed(FileClosedEvent(str(profile)))
    backup.unlink()
    assert not changes.changed(FileDeletedEvent(str(backup)))
    assert not changes.settle()


def test_a_real_change_is_built_once(tmp_path: Path) -> None:
    profile, changes = _watching(tmp_path)
    profile.write_text(SAVED.replace("lief", "blij"), "utf-8")
    assert not changes.changed(FileModifiedEvent(str(profile)))  # judged at the close
    assert changes.changed(FileClosedEvent(str(profile)))
    assert changes.settle()
    assert not changes.settle()  # settled: the next build has nothing to do
    assert not changes.changed(FileClosedEvent(str(profile)))
    outside = tmp_path / "nieuw.yml"  # moved in from outside the watched folder
    outside.write_text(SAVED, "utf-8")
    assert changes.changed(FileMovedEvent("", str(outside)))
    profile.unlink()
    assert changes.changed(FileDeletedEvent(str(profile)))
    assert changes.settle()


def test_without_close_events_every_write_is_judged(tmp_path: Path) -> None:
    """Back ends other than inotify (macOS, Windows, polling) report no closes."""
    profile, changes = _watching(tmp_path, settles_on_close=False)
    profile.write_text(SAVED.replace("lief", "blij"), "utf-8")
    assert changes.changed(FileModifiedEvent(str(profile)))
    assert changes.settle()


def test_preview_messages_are_dutch(make_demo: Callable[[str], Path]) -> None:
    config = make_demo("dutch")
    preview = Preview(config, "haarlem")
    first = preview.rebuild()
    again = preview.rebuild()
    path = config.parent / PROFILE
    path.write_text(path.read_text("utf-8").replace("titel: Een lief", "titel: Een zonnig"))
    changed = preview.rebuild()
    for result in (first, again, changed):
        assert result.ok
        for english in ("clean", "dirty", "skipped"):
            assert english not in result.message, result.message
    assert "niets veranderd" in again.message


def test_serve_command_prints_an_error_below_its_message_and_settles(
    make_demo: Callable[[str], Path],
) -> None:
    """The real `buurtsite serve` process: its log after one broken save, read line by line."""
    config = make_demo("cli")
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--gemeente", "haarlem", "--poort", str(port)],
        cwd=config.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.rstrip("\n"))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    seen: list[str] = []

    def wait_for(fragment: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not any(fragment in line for line in seen):
            assert time.monotonic() < deadline, f"'{fragment}' not in {seen}"
            with contextlib.suppress(queue.Empty):
                seen.append(lines.get(timeout=0.2))

    try:
        wait_for("voorbeeld op http://127.0.0.1:")
        deadline = time.monotonic() + 10
        while True:  # the server answers once the watcher runs
            try:
                fetch(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                assert time.monotonic() < deadline, "preview server did not start"
                time.sleep(0.05)
        start = len(seen)
        path = config.parent / PROFILE
        path.write_text(path.read_text("utf-8").replace("status: open", "status: misschien"))
        wait_for("niet bijgewerkt")
        wait_for(f"{PROFILE}:")
        time.sleep(QUIET_SECONDS)
        while not lines.empty():
            seen.append(lines.get())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        reader.join(timeout=5)
        assert proc.stdout is not None
        proc.stdout.close()
    log = seen[start:]
    message = next(i for i, line in enumerate(log) if "niet bijgewerkt" in line)
    assert "zie hieronder" in log[message]
    assert any(PROFILE in line and "fout" in line for line in log[message + 1 :]), log
    assert sum("bijgewerkt" in line for line in log) == 1, log
    for english in ("clean", "dirty", "skipped", "Traceback"):
        assert english not in "\n".join(seen)


def test_a_file_system_error_is_a_dutch_message_not_a_traceback(
    make_demo: Callable[[str], Path],
) -> None:
    config = make_demo("blocked")
    preview = Preview(config, "haarlem")
    preview.work.mkdir(parents=True, exist_ok=True)
    preview.site_dir.write_text("geen map", "utf-8")  # where the site should go
    result = preview.rebuild()
    assert not result.ok
    assert result.message.startswith("niet bijgewerkt: kan niet lezen of schrijven")
    assert str(preview.site_dir) in result.message


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


def test_a_save_during_the_first_build_is_built_once_watching_starts(
    make_demo: Callable[[str], Path],
) -> None:
    """`serve` builds first and watches afterwards: a save made in between had no event."""
    config = make_demo("first")
    preview = Preview(config, "haarlem")
    assert preview.rebuild().ok  # the first build remembers what it read
    path = config.parent / PROFILE
    path.write_text(path.read_text("utf-8").replace("titel: Een lief", "titel: Een blij"))
    results: list[Rebuild] = []
    server, thread = _start(preview, results)
    try:
        url = f"http://127.0.0.1:{server.server_port}/haarlem/haarlem-p7wx/"
        deadline = time.monotonic() + 20
        while "Een blij meisje" not in fetch(url):
            assert time.monotonic() < deadline, "the save before watching was never built"
            time.sleep(0.05)
        time.sleep(QUIET_SECONDS)
        assert len(results) == 1, [r.message for r in results]
    finally:
        _stop(server, thread)


def test_catching_up_after_watching_starts_sees_only_real_changes(tmp_path: Path) -> None:
    profile, changes = _watching(tmp_path)
    assert not changes.catch_up()  # nothing changed since the files were remembered
    profile.write_text(SAVED.replace("lief", "blij"), "utf-8")
    (tmp_path / "nieuw.yml").write_text(SAVED, "utf-8")
    assert changes.catch_up()
    assert changes.settle()
    assert not changes.catch_up()
