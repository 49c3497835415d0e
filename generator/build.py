"""Staged pages -> mkdocs build -> site/.

``build_site`` runs the stages in order: share cards (generator.images), pages
(generator.render), the staged MkDocs project on disk (generator.stage), the privacy check of
everything that will be published, and finally MkDocs itself.

Work whose inputs did not change is not redone:
- a staged file is only rewritten when its bytes change, so its mtime tells MkDocs what changed;
- when the project's shape (mkdocs.yml, the theme overrides, the set of pages) is unchanged
  since the last build into the same output folder, MkDocs runs in ``dirty`` mode and renders
  only the pages whose staged file is newer than their HTML; otherwise it builds clean;
- when nothing at all changed and the output is intact, MkDocs is not run.
The output is deterministic: dates come from the profiles, and ``SOURCE_DATE_EPOCH`` (from the
catalog's "today") fixes the timestamps MkDocs would take from the clock.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import json
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from generator import fonts, privacy
from generator.errors import BuurtsiteError, Finding, Severity
from generator.images.cache import stamps
from generator.render import theme_dir
from generator.stage import MANIFEST_PREFIX, Stopwatch, stage
from generator.validate import Catalog

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger(__name__)
CLEAN_SCANS = MANIFEST_PREFIX + "privacy.json"
CODE_DIR = Path(__file__).resolve().parent
ENGINE = "mkdocs"
# Text worth compressing once here, so the server never compresses per request (docs/hosting.md).
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".xml", ".json", ".svg", ".txt", ".webmanifest"})


class BuildFailed(BuurtsiteError):
    """The site could not be built; the message says why in Dutch."""


class PrivacyBlocked(BuurtsiteError):
    """A built page or feed would publish a phone number or e-mail address."""


@dataclass
class BuildResult:
    staged_dir: Path
    site_dir: Path
    pages: int
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    mode: str = "clean"  # "clean", "dirty" or "skipped"


def input_digest(catalog: Catalog, only_gemeente: str | None) -> str:
    """Everything a build reads, cheaply: models, today, theme/content files, code, versions.

    Equal digests mean the previous build's output is still right, so nothing is redone.
    """
    h = hashlib.sha256()
    h.update(f"{catalog.today}|{only_gemeente}|".encode())
    for dist in ("mkdocs", "mkdocs-material", "pillow"):
        h.update(importlib.metadata.version(dist).encode())
    h.update(catalog.settings.model_dump_json().encode())
    for profile in sorted(catalog.profiles, key=lambda p: p.id):
        h.update(profile.model_dump_json().encode())
    project = catalog.project
    folders = {theme_dir(catalog), project.theme_dir, project.content_dir, CODE_DIR / "images"}
    folders.add(CODE_DIR / "printing")
    files = [Path(__file__)] + [CODE_DIR / f"{m}.py" for m in ("render", "feeds", "stage")]
    files += [font.path for font in fonts.web_fonts()]
    for folder in sorted(folders):
        files += sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    if project.settings.site.logo:
        files.append(project.path(project.settings.site.logo))
    h.update(stamps(files))
    return h.hexdigest()


def privacy_findings(
    catalog: Catalog, files: Mapping[str, bytes], staged_dir: Path | None = None
) -> list[Finding]:
    """Phone numbers and e-mail addresses in what we are about to publish, except our own.

    Files that passed before with the same allowed contacts are not scanned again (their
    digests are kept in ``staged_dir``); a file with findings is never remembered as clean.
    """
    settings = catalog.settings
    allowed = [settings.site.contact.email] + [
        x for c in settings.coordinators for x in (c.email, c.phone) if x
    ]
    if settings.site.contact.phone:
        allowed.append(settings.site.contact.phone)
    salt = hashlib.sha256("\0".join(sorted(allowed)).encode()).digest()
    memory = staged_dir / CLEAN_SCANS if staged_dir else None
    try:
        clean = set(json.loads(memory.read_text("utf-8"))) if memory else set()
    except (OSError, ValueError):
        clean = set()
    passed: set[str] = set()
    findings: list[Finding] = []
    for name, data in sorted(files.items()):
        if not name.endswith((".md", ".xml", ".json")) or not name.startswith("docs/"):
            continue
        key = hashlib.sha256(salt + data).hexdigest()
        if key in clean:
            passed.add(key)
            continue
        text = data.decode("utf-8")
        hits = privacy.scan_published(text, allowed)
        if not hits:
            passed.add(key)
        for hit in hits:
            line = text.count("\n", 0, hit.start) + 1
            column = hit.start - text.rfind("\n", 0, hit.start)
            findings.append(
                Finding(name, line, column, Severity.ERROR, "published-contact", "",
                        f"{hit.message}: '{hit.text}'", suggestion=hit.suggestion or None)
            )  # fmt: skip
    if memory:
        memory.write_text(json.dumps(sorted(passed)), encoding="utf-8")
    return findings


def shape_digest(files: Mapping[str, bytes]) -> str:
    """What forces a clean MkDocs build when it changes: config, theme, and the set of pages."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0")
        if name == "mkdocs.yml" or name.startswith("overrides/"):
            h.update(hashlib.sha256(files[name]).digest())
    return h.hexdigest()


def content_digest(files: Mapping[str, bytes], staged_dir: Path) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    cards = staged_dir / "docs" / "kaarten"
    for path in sorted(cards.rglob("*")) if cards.is_dir() else []:
        stat = path.stat()
        h.update(f"{path.relative_to(cards).as_posix()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return h.hexdigest()


@contextmanager
def source_date(catalog: Catalog) -> Iterator[None]:
    """Fix MkDocs' clock (page dates, sitemap.xml.gz mtime) to the catalog's today."""
    stamp = int(
        datetime(catalog.today.year, catalog.today.month, catalog.today.day, tzinfo=UTC).timestamp()
    )
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(stamp)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


class _QuietDirty(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be stale. Our pages do not use
    MkDocs' navigation between profiles, and a changed nav forces a clean build (see
    ``shape_digest``), so the warning would only confuse a coordinator."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


class _Written:
    """Collects, through MkDocs' plugin events, the files a build writes into site_dir: the
    pages it renders, the theme's templates (404.html, sitemap.xml) and the static files it
    copies (in a dirty build only those newer than their copy, the rule of MkDocs'
    ``copy_static_files``; Markdown is not in COMPRESSIBLE). Static files that are never
    compressed are not looked at."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def on_env(self, env: object, /, *, config: object, files: Files) -> None:
        suffixes = tuple(COMPRESSIBLE)
        for file in files:
            # The suffix of src_uri, a plain string, first: no stat for the 7,000 cards.
            if file.src_uri.endswith(suffixes) and file.is_modified():
                self.paths.append(Path(file.abs_dest_path))

    def on_post_template(self, output: str, /, *, template_name: str, config: MkDocsConfig) -> None:
        self.paths.append(Path(config.site_dir) / template_name)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> None:
        self.paths.append(Path(page.file.abs_dest_path))


def run_mkdocs(staged_dir: Path, site_dir: Path, dirty: bool) -> list[Path]:
    """Build the staged project into ``site_dir``; returns the text files MkDocs wrote, so
    that only those are compressed again after a dirty build."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    written = _Written()
    quiet = _QuietDirty()
    mkdocs_log = logging.getLogger("mkdocs.commands.build")
    mkdocs_log.addFilter(quiet)
    try:
        config = load_config(str(staged_dir / "mkdocs.yml"), site_dir=str(site_dir))
        # MkDocs registers the on_* methods of whatever it is given; a BasePlugin subclass
        # would import MkDocs together with this module.
        config.plugins["buurtsite-written"] = written  # type: ignore[assignment]
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            mkdocs_build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise BuildFailed(f"MkDocs kon de site niet bouwen: {exc}") from exc
    finally:
        mkdocs_log.removeFilter(quiet)
    return written.paths


def build_site(
    catalog: Catalog,
    site_dir: Path,
    staged_dir: Path,
    cache_dir: Path,
    only_gemeente: str | None = None,
    timings: dict[str, float] | None = None,
) -> BuildResult:
    """Build the site for ``catalog`` into ``site_dir``; see the module docstring.

    ``timings`` (for bench/) receives the seconds spent in each stage.
    """
    clock = Stopwatch(timings)
    # The manifest lives beside the staged project, not in the published site.
    key = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:12]
    manifest_path = staged_dir / f"{MANIFEST_PREFIX}{key}.json"
    try:
        previous = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    inputs = input_digest(catalog, only_gemeente)
    clock.lap("inputs")
    if previous.get("inputs") == inputs and (site_dir / "index.html").is_file():
        return BuildResult(staged_dir, site_dir, previous.get("pages", 0), mode="skipped")
    files, written, removed = stage(catalog, staged_dir, cache_dir, only_gemeente, clock)
    problems = privacy_findings(catalog, files, staged_dir)
    clock.lap("privacy")
    if problems:
        raise PrivacyBlocked(
            f"de site wordt niet gebouwd: {len(problems)} telefoonnummer(s) of e-mailadres(sen) "
            "zouden op de site komen; haal ze uit de profielen of de teksten",
            problems,
        )
    shape = shape_digest(files)
    content = content_digest(files, staged_dir)
    result = BuildResult(
        staged_dir, site_dir, sum(1 for n in files if n.endswith(".md")), written, removed
    )
    if previous.get("content") == content and (site_dir / "index.html").is_file():
        result.mode = "skipped"
        write_print_matter(catalog, site_dir, cache_dir, only_gemeente)
        precompress(site_dir)
        _save(manifest_path, inputs, shape, content, result.pages)
        return result
    dirty = previous.get("shape") == shape and (site_dir / "index.html").is_file()
    result.mode = "dirty" if dirty else "clean"
    with source_date(catalog):
        run_mkdocs(staged_dir, site_dir, dirty)
    clock.lap("mkdocs")
    write_print_matter(catalog, site_dir, cache_dir, only_gemeente)
    clock.lap("print")
    precompress(site_dir)
    clock.lap("compress")
    _save(manifest_path, inputs, shape, content, result.pages)
    return result


def write_print_matter(
    catalog: Catalog, site_dir: Path, cache_dir: Path, only_gemeente: str | None
) -> list[Path]:
    """Posters, flyers and newspaper kits into site/printen/ (after MkDocs, which empties
    the site folder on a clean build); the pages link them in "Printen en verspreiden".
    Only gemeenten whose print inputs changed since the last build are planned again; returns
    the files of the gemeenten planned (their folders hold nothing else afterwards)."""
    from generator.printing.incremental import build_changed
    from generator.render import PRINT_ROOT

    gemeenten = [catalog.settings.require_gemeente(only_gemeente)] if only_gemeente else None
    target = site_dir / PRINT_ROOT
    result = build_changed(catalog, target, cache_dir.parent / "drukwerk", gemeenten)
    return [target / name for name in result.files]


def precompress(site_dir: Path, paths: Iterable[Path] | None = None) -> int:
    """Write ``name.gz`` next to every text file whose .gz is missing or older; returns how many.

    Deterministic (no name or time in the gzip header), written to a temporary name and renamed,
    so a server never reads half a file. Brotli would save a little more, but no dependency of
    ours brings it. A .gz whose source is gone is removed with it.

    ``paths`` (files in ``site_dir``) limits the work to the files a partial update wrote or
    removed: walking the whole national site only to compare mtimes took 1.9 s (43,000 files),
    compressing what an approval changes takes milliseconds.
    """
    written = 0
    for path in site_dir.rglob("*") if paths is None else paths:
        if path.suffix == ".gz" and path.with_suffix("").suffix in COMPRESSIBLE:
            if not path.with_suffix("").exists():
                path.unlink(missing_ok=True)
            continue
        if path.suffix not in COMPRESSIBLE:
            continue
        target = path.with_name(path.name + ".gz")
        if not path.is_file():
            if paths is not None:  # a removed source named by the caller
                target.unlink(missing_ok=True)
            continue
        try:
            if target.stat().st_mtime_ns >= path.stat().st_mtime_ns:
                continue
        except FileNotFoundError:
            pass
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))
        os.replace(tmp, target)
        written += 1
    return written


def _save(path: Path, inputs: str, shape: str, content: str, pages: int) -> None:
    manifest = {"inputs": inputs, "shape": shape, "content": content, "pages": pages}
    path.write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
