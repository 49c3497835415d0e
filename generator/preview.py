"""`buurtsite serve`: a live preview that rebuilds when a profile is saved.

We reuse MkDocs' own live-reload server (``mkdocs.livereload.LiveReloadServer``): it serves
the built folder on 127.0.0.1, watches paths, calls our builder on a change and makes open
browser tabs reload. Our builder is the normal build (``generator.build.build_site``), so the
preview shows exactly what ``buurtsite build`` would publish.

``--gemeente SLUG`` keeps the loop under a second at national scale: the preview works on a
*view* of the project — a copy of site_config.yml next to links to that gemeente's profile
folder, the theme and the content — so loading, checking, rendering and MkDocs only see
one gemeente, and the MkDocs run after a save is a dirty build of the changed pages.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from generator import pipeline
from generator.build import BuildResult, build_site
from generator.errors import BuurtsiteError, Finding
from generator.load import display_path
from generator.render import site_path

log = logging.getLogger(__name__)
POLL_SECONDS = 0.2


# inotify also reports plain reads (opened, closed_no_write) and attribute changes; only these
# event types can mean new content. Reacting to reads made every rebuild start the next one.
CONTENT_EVENTS = frozenset(
    {
        EVENT_TYPE_MODIFIED,
        EVENT_TYPE_CREATED,
        EVENT_TYPE_DELETED,
        EVENT_TYPE_MOVED,
        EVENT_TYPE_CLOSED,
    }
)


def describe(result: BuildResult) -> str:
    """What a build did, in Dutch, for `build` and the preview log."""
    if result.mode == "skipped":
        return "niets veranderd, niet opnieuw gebouwd"
    if result.mode == "dirty":
        return f"bijgewerkt ({len(result.written)} gewijzigde bestanden)"
    return "volledig gebouwd"


def _digest(path: str) -> str | None:
    """The content of a file, or None when it is gone or cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _editor_scratch(path: str) -> bool:
    """Swap, backup and lock files that editors write while a coordinator types."""
    name = os.path.basename(path)
    return (
        name.startswith((".", "#"))
        or name.endswith("~")
        or os.path.splitext(name)[1] in (".swp", ".swo", ".swx", ".tmp")
        or name == "4913"  # vim probes whether it may write in the folder
    )


class ContentChanges:
    """Decides whether a file system event changed what a build reads.

    Editors and our own build touch files without changing them (a save without edits,
    a read, a copy that keeps the bytes); comparing digests with the last known ones
    keeps those from rebuilding. Known digests are taken once when watching starts.
    """

    def __init__(self) -> None:
        self._known: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def remember(self, root: Path) -> None:
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        with self._lock:
            for path in files:
                self._known[os.path.abspath(path)] = _digest(str(path))

    def changed(self, event: FileSystemEvent) -> bool:
        if event.event_type not in CONTENT_EVENTS:
            return False
        if event.is_directory:
            # A folder of profiles moved in or removed; a folder's "modified" is only a listing.
            return event.event_type != EVENT_TYPE_MODIFIED
        paths = [os.fsdecode(event.src_path)]
        if event.event_type == EVENT_TYPE_MOVED:
            paths.append(os.fsdecode(event.dest_path))
        paths = [p for p in paths if not _editor_scratch(p)]
        found = False
        with self._lock:
            for path in paths:
                digest = _digest(path)
                if self._known.get(path, "unknown") != digest:
                    self._known[path] = digest
                    found = True
        return found


class _PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server that rebuilds only when a watched file's content changed."""

    def __init__(self, changes: ContentChanges, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._changes = changes

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        path = os.path.abspath(path)
        if path in self._watched_paths:
            return
        self._watched_paths[path] = 1  # serve() starts the observer only when this is filled
        self._changes.remember(Path(path))
        server = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if server._changes.changed(event):
                    log.debug("wijziging: %s", event)
                    with server._rebuild_cond:
                        server._want_rebuild = True
                        server._rebuild_cond.notify_all()

        self._watch_refs[path] = self.observer.schedule(Handler(), path, recursive=recursive)


@dataclass
class Rebuild:
    """The outcome of one preview rebuild, for the CLI to print."""

    ok: bool
    seconds: float
    message: str
    findings: list[Finding] = field(default_factory=list)


class Preview:
    """Builds the preview into ``build/voorbeeld[-slug]/site`` and serves it."""

    def __init__(self, config_path: Path, gemeente: str | None = None) -> None:
        self.config_path = config_path.resolve()
        self.root = self.config_path.parent
        self.gemeente = gemeente
        name = f"voorbeeld-{gemeente}" if gemeente else "voorbeeld"
        self.work = self.root / "build" / name
        self.site_dir = self.work / "site"
        self.staged_dir = self.work / "staged"
        self.cache_dir = self.root / ".cache" / "kaarten"
        self.view_config = self._make_view() if gemeente else self.config_path
        # The path of site.base_url: links are root-relative from it (generator.render.href),
        # so the preview serves there too. Known after the first rebuild.
        self.mount_path = "/"

    def _make_view(self) -> Path:
        """A project root holding only this gemeente's profiles (links, not copies)."""
        view = self.work / "project"
        (view / "profiles").mkdir(parents=True, exist_ok=True)
        links = {
            view / "profiles" / str(self.gemeente): self.root / "profiles" / str(self.gemeente),
            view / "theme": self.root / "theme",
            view / "content": self.root / "content",
        }
        for link, target in links.items():
            if link.is_symlink() or link.exists():
                continue
            if target.exists():
                link.symlink_to(target, target_is_directory=True)
        return view / "site_config.yml"

    def watched(self) -> list[Path]:
        """The paths whose change triggers a rebuild."""
        profiles = self.root / "profiles"
        if self.gemeente:
            profiles = profiles / self.gemeente
        paths = [profiles, self.root / "theme", self.root / "content", self.config_path]
        return [p for p in paths if p.exists()]

    def _relative(self, finding: Finding) -> Finding:
        """The view links to the real folders, so paths resolve outside the view's root:
        show them relative to the real project, as `buurtsite check` would."""
        path = Path(finding.file)
        if path.is_absolute():
            return replace(finding, file=display_path(path, self.root))
        return finding

    def rebuild(self) -> Rebuild:
        """Check and build once; on errors keep the previous site and report them."""
        started = time.perf_counter()
        try:
            if self.gemeente:
                shutil.copyfile(self.config_path, self.view_config)
            catalog = pipeline.check(self.view_config)
            errors = [self._relative(f) for f in catalog.report.errors]
            if errors:
                return Rebuild(
                    False,
                    time.perf_counter() - started,
                    f"niet bijgewerkt: {len(errors)} fout(en); zie hieronder",
                    errors,
                )
            self.mount_path = site_path(catalog.settings.site.base)
            result = build_site(
                catalog, self.site_dir, self.staged_dir, self.cache_dir, self.gemeente
            )
        except BuurtsiteError as exc:
            findings = [self._relative(f) for f in exc.findings]
            message = f"niet bijgewerkt: {exc.message}" + ("; zie hieronder" if findings else "")
            return Rebuild(False, time.perf_counter() - started, message, findings)
        except OSError as exc:  # the disk, not the profiles: say which file and why
            where = f" ({exc.filename})" if exc.filename else ""
            message = f"niet bijgewerkt: kan niet lezen of schrijven{where}: {exc.strerror or exc}"
            return Rebuild(False, time.perf_counter() - started, message)
        seconds = time.perf_counter() - started
        return Rebuild(True, seconds, f"{describe(result)} in {seconds:.2f} s")

    def server(
        self, port: int, on_rebuild: Callable[[Rebuild], None], host: str = "127.0.0.1"
    ) -> LiveReloadServer:
        """A live-reload server for the preview, not yet started (``serve()`` blocks)."""

        def builder() -> None:
            try:
                result = self.rebuild()
            except Exception as exc:
                if os.environ.get("BUURTSITE_DEBUG"):
                    raise
                # MkDocs' loop would print a traceback and an English line; keep serving instead.
                result = Rebuild(
                    False,
                    0.0,
                    f"niet bijgewerkt: interne fout ({type(exc).__name__}); dit is een fout in "
                    "buurtsite, niet in uw bestanden. Met BUURTSITE_DEBUG=1 ziet u details.",
                )
            on_rebuild(result)

        server = _PreviewServer(
            ContentChanges(),
            builder=builder,
            host=host,
            port=port,
            root=str(self.site_dir),
            mount_path=self.mount_path,
            polling_interval=POLL_SECONDS,
        )
        # MkDocs polls for changes; inotify (watchdog's native observer) reports a save at once,
        # which is a tenth of the one-second budget for save-to-browser.
        server.observer = Observer()  # type: ignore[assignment]  # same API, other backend
        for path in self.watched():
            server.watch(str(path))
        return server

    def serve(self, port: int, on_rebuild: Callable[[Rebuild], None]) -> None:
        """Serve on 127.0.0.1 until Ctrl+C."""
        server = self.server(port, on_rebuild)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
