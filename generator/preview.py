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

import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer

from generator import pipeline
from generator.build import build_site
from generator.errors import BuurtsiteError, Finding
from generator.load import display_path
from generator.render import site_path

log = logging.getLogger(__name__)
POLL_SECONDS = 0.2


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
            return Rebuild(False, time.perf_counter() - started, exc.message, findings)
        seconds = time.perf_counter() - started
        return Rebuild(True, seconds, f"bijgewerkt in {seconds:.2f} s ({result.mode})")

    def server(
        self, port: int, on_rebuild: Callable[[Rebuild], None], host: str = "127.0.0.1"
    ) -> LiveReloadServer:
        """A live-reload server for the preview, not yet started (``serve()`` blocks)."""

        def builder() -> None:
            on_rebuild(self.rebuild())

        server = LiveReloadServer(
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
