"""``build_changed``: the site's print folder, planning only the gemeenten whose inputs changed.

Planning a gemeente's print matter (texts, facts, the privacy gate on every sheet, the digest
of every PDF) costs about a millisecond per profile: ~4 s for all 342 gemeenten at national
scale, on every ``build``, even when one profile was edited. A gemeente's print matter is
decided by its own profiles (with their privacy verdicts), the settings, today's date (a
profile expires), the theme's images, the fonts and the code; a digest of those per gemeente,
kept in a manifest per output folder, says which gemeenten to plan again. The others' files
are left as they are: the output folder still holds exactly what a full run would write.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from generator import fonts
from generator.images.cache import LAYOUT_VERSION as CARD_LAYOUT
from generator.images.cache import stamps
from generator.printing.build import LAYOUT_VERSION, PrintResult, build_print, versions
from generator.printing.content import blocked_files
from generator.settings import Gemeente
from generator.validate import Catalog

log = logging.getLogger(__name__)
CODE_DIR = Path(__file__).resolve().parent.parent  # generator/: print plans use most of it
MANIFEST_FORMAT = 1


def _shared(catalog: Catalog, channel: str | None) -> bytes:
    """What every gemeente's print matter depends on: settings, today, code, images, fonts."""
    h = hashlib.sha256()
    h.update(f"{catalog.today}|{channel}|{LAYOUT_VERSION}|{CARD_LAYOUT}|{versions()}|".encode())
    h.update(catalog.settings.model_dump_json().encode())
    project = catalog.project
    files = sorted(CODE_DIR.rglob("*.py"))
    files += [fonts.font_file("regular"), fonts.font_file("bold")]
    if project.theme_dir.is_dir():
        files += sorted(p for p in project.theme_dir.rglob("*") if p.is_file())
    if project.settings.site.logo:
        files.append(project.path(project.settings.site.logo))
    h.update(stamps(files))
    return h.digest()


def gemeente_digests(
    catalog: Catalog, gemeenten: list[Gemeente], channel: str | None = None
) -> dict[str, str]:
    """A digest per gemeente slug of everything its print matter is planned from."""
    shared = _shared(catalog, channel)
    blocked = blocked_files(catalog)
    digests: dict[str, str] = {}
    for g in gemeenten:
        h = hashlib.sha256(shared)
        for profile in sorted(catalog.profiles_of(g.slug), key=lambda p: p.id):
            doc = catalog.documents.get(profile.id)
            held = doc is not None and doc.display in blocked  # the privacy gate's verdict
            h.update(f"{held}|".encode() + profile.model_dump_json().encode() + b"\n")
        digests[g.slug] = h.hexdigest()[:32]
    return digests


def _manifest_path(out_dir: Path, cache_dir: Path) -> Path:
    """One manifest per output folder (the site and each preview), beside the print cache."""
    key = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:12]
    return cache_dir / f"uitvoer-{key}.json"


def _read(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT or not isinstance(data["gemeenten"], dict):
            raise ValueError(f"unexpected manifest format {data.get('format')!r}")
        return {str(k): str(v) for k, v in data["gemeenten"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("print manifest %s is unreadable (%s); planning every gemeente", path, exc)
        return {}


def _save(path: Path, gemeenten: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    data = {"format": MANIFEST_FORMAT, "gemeenten": gemeenten}
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def build_changed(
    catalog: Catalog,
    out_dir: Path,
    cache_dir: Path,
    gemeenten: list[Gemeente] | None = None,
    workers: int | None = None,
) -> PrintResult:
    """``build_print(..., prune=True)`` for ``gemeenten`` (default: all), planning only those
    whose digest differs from the last run into ``out_dir`` or whose folder is gone (MkDocs
    empties the site on a clean build). Returns what was planned and written."""
    chosen = list(gemeenten or catalog.settings.gemeenten)
    digests = gemeente_digests(catalog, chosen)
    manifest = _manifest_path(out_dir, cache_dir)
    previous = _read(manifest)
    stale = [
        g
        for g in chosen
        if previous.get(g.slug) != digests[g.slug]
        or not (out_dir / g.slug / "index.html").is_file()
    ]
    if gemeenten is None and (len(stale) == len(chosen) or set(previous) != set(digests)):
        # Every gemeente, or the set of gemeenten changed: one full run, which also removes
        # the folders of gemeenten that are gone.
        result = build_print(catalog, out_dir, cache_dir, None, workers=workers, prune=True)
        _save(manifest, digests)
        return result
    if not stale:
        return PrintResult()
    result = build_print(catalog, out_dir, cache_dir, stale, workers=workers, prune=True)
    _save(manifest, {**previous, **{g.slug: digests[g.slug] for g in stale}})
    return result
