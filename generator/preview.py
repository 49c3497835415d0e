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
from stat import S_ISLNK
from typing import TYPE_CHECKING

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
from watchdog.utils import UnsupportedLibcError, platform

if TYPE_CHECKING:
    from watchdog.observers.inotify import InotifyObserver

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


def _a_link(path: str) -> bool:
    """A symbolic or hard link appears whole: no writer opened it, so no close will follow."""
    try:
        stat = os.lstat(path)
    except OSError:
        return False
    return S_ISLNK(stat.st_mode) or stat.st_nlink > 1


def _inotify() -> type[InotifyObserver] | None:
    """watchdog's inotify observer where it works (Linux), chosen as watchdog itself does."""
    if not platform.is_linux():
        return None
    try:
        from watchdog.observers.inotify import InotifyObserver
    except UnsupportedLibcError:
        return None
    return InotifyObserver


class ContentChanges:
    """Decides whether file system events changed what a build reads.

    Editors and our own build touch files without changing them (a save without edits, a read,
    an atomic save through a temporary file, vim renaming the profile to a backup while it
    writes the new one). Only content counts: ``_known`` holds the sha256 of every watched file
    as the last build read it (a path missing from it had no file), and a rebuild happens when
    a file's content differs from it *once the editor is done*:

    - ``changed(event)``, in the watcher's thread, asks for a rebuild when a finished write
      leaves a file different from the known content. With inotify (``settles_on_close``) a
      write is finished when the writer closes the file: the "modified" and "created" events
      before that see a truncated or half-written file (writing a file truncates it first, so
      an unchanged save looks changed for a moment). Other back ends report no closes, so
      there every event is judged.
    - ``settle()``, just before the rebuild, compares every touched path again and remembers
      what the build will read. States an editor passes through during one save (a temporary
      file that comes and goes, a profile renamed away and written anew) are gone by then,
      so they do not cause a build.
    """

    def __init__(self, settles_on_close: bool) -> None:
        self.settles_on_close = settles_on_close
        self._known: dict[str, str] = {}
        self._roots: set[str] = set()
        self._touched: set[str] = set()
        self._folders: set[str] = set()
        self._lock = threading.Lock()

    def remember(self, root: Path) -> None:
        """Take the digests of the files under ``root``, once: before the first build reads
        them, so a save during that build differs from them at its first event.

        Reading every file at an arbitrary moment would see a save half-written (the race
        ``changed`` avoids), which is why nothing compares them all once watching starts."""
        key = os.path.abspath(root)
        with self._lock:
            if key in self._roots:
                return
            self._roots.add(key)
            self._scan(key)

    def _scan(self, root: str) -> None:
        for path in [root] if os.path.isfile(root) else _files_under(root):
            digest = _digest(path)
            if digest is not None:
                self._known[path] = digest

    def changed(self, event: FileSystemEvent) -> bool:
        """Whether ``event`` finished a change of content; remembers what it touched."""
        if event.event_type not in CONTENT_EVENTS:
            return False
        paths = [os.fsdecode(event.src_path)]
        if event.event_type == EVENT_TYPE_MOVED:
            paths.append(os.fsdecode(event.dest_path))
        paths = [p for p in paths if p]  # a move from or to outside the watched folders
        if event.is_directory:
            # A folder of profiles moved in or removed; a folder's "modified" is only a listing.
            if event.event_type == EVENT_TYPE_MODIFIED:
                return False
            with self._lock:
                self._folders.update(paths)
            return True
        if self.settles_on_close and (
            event.event_type == EVENT_TYPE_MODIFIED
            or (event.event_type == EVENT_TYPE_CREATED and not _a_link(paths[0]))
        ):
            return False  # a write in progress: its close is judged
        found = False
        with self._lock:
            for path in paths:
                if _editor_scratch(path):
                    continue
                self._touched.add(path)
                found = found or self._known.get(path) != _digest(path)
        return found

    def catch_up(self) -> bool:
        """Compare every watched file with what the last build read, once, right after
        watching starts: `serve` builds first and watches afterwards, so a save made during
        the first build had no event. A file being written at this very moment may be read
        half-written; its close event follows and is judged then (at worst one more build).
        The differing files are left for ``settle``, like those of an event."""
        with self._lock:
            current: set[str] = set()
            for root in self._roots:
                current.update([root] if os.path.isfile(root) else _files_under(root))
            found = False
            for path in current | set(self._known):
                if not _editor_scratch(path) and self._known.get(path) != _digest(path):
                    self._touched.add(path)
                    found = True
            return found

    def settle(self) -> bool:
        """Compare the touched files with the known content and remember them as they are
        now (what the build about to run reads); True when any differ."""
        with self._lock:
            touched, self._touched = self._touched, set()
            folders, self._folders = self._folders, set()
            for folder in folders:
                inside = folder + os.sep
                for path in [p for p in self._known if p.startswith(inside)]:
                    del self._known[path]
                if os.path.isdir(folder):
                    self._scan(folder)
            found = bool(folders)
            for path in touched:
                digest = _digest(path)
                if self._known.get(path) != digest:
                    found = True
                    if digest is None:
                        del self._known[path]
                    else:
                        self._known[path] = digest
        return found


def _files_under(folder: str) -> list[str]:
    return [str(p) for p in Path(folder).rglob("*") if p.is_file()]


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
                    server.want_rebuild()

        self._watch_refs[path] = self.observer.schedule(Handler(), path, recursive=recursive)

    def catch_up(self) -> None:
        """Called right after the observer starts, inside MkDocs' ``serve`` and before it
        accepts the first request: build what changed before watching began."""
        if self._changes.catch_up():
            log.debug("wijziging voor het kijken begon")
            self.want_rebuild()

    def want_rebuild(self) -> None:
        """Wake the build loop; it waits for the events to stop, then calls the builder."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()


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
        self.changes = ContentChanges(settles_on_close=_inotify() is not None)
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
        for path in self.watched():  # what this build reads; a no-op after the first build
            self.changes.remember(path)
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
            if not self.changes.settle():
                return  # what an editor passed through during a save is gone again
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
            self.changes,
            builder=builder,
            host=host,
            port=port,
            root=str(self.site_dir),
            mount_path=self.mount_path,
            polling_interval=POLL_SECONDS,
        )
        # MkDocs polls for changes; inotify reports a save at once, which is a tenth of the
        # one-second budget for save-to-browser. Full events report a file moved in from outside
        # as a move (complete) rather than as a creation (a close would follow).
        inotify = _inotify()
        observer = inotify(generate_full_events=True) if inotify else Observer()
        server.observer = observer  # type: ignore[assignment]  # same API, other backend
        start = observer.start

        def start_and_catch_up() -> None:
            # MkDocs' serve() starts the observer after binding and before serving: a save
            # made during the first build (before any watching) is compared here, once.
            start()
            server.catch_up()

        observer.start = start_and_catch_up  # type: ignore[method-assign]
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
