"""``scan_catalog``: privacy findings for every checked profile, placed in its YAML file.

A finding points at the exact line and column of the matched words, also inside block
scalars (``verhaal: |``), where the text starts on the next line, indented. Reviewed false
alarms listed under ``privacy: toegestaan`` become INFO findings that ``check`` still lists;
an acceptance that no longer matches anything is a warning, so stale ones get cleaned up.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import Finding, Severity
from generator.load import Document, Loc
from generator.model import AcceptedFinding, Zoekprofiel
from generator.privacy.finding import Hit, PrivacyFinding, make_finding
from generator.privacy.scan import scan_text
from generator.privacy.sensitive import rare_details

if TYPE_CHECKING:
    from generator.validate import Catalog

log = logging.getLogger("buurtsite.privacy")

TYPE_LABELS = {
    "name": "naam",
    "address": "adres",
    "postcode": "postcode",
    "phone": "telefoonnummer",
    "email": "e-mailadres",
    "url": "webadres",
    "handle": "account op sociale media",
    "bsn": "BSN",
    "iban": "IBAN",
    "plate": "kenteken",
    "birthdate": "geboortedatum",
    "institution": "school of instelling",
    "club": "club of team",
    "organisation": "bedrijf of organisatie",
    "date": "datum",
    "event": "gebeurtenis of bericht",
    "health": "gezondheid",
    "religion": "geloof",
    "origin": "afkomst",
    "combination": "herkenbare combinatie",
}


_SEVERITIES = {"error": Severity.ERROR, "check": Severity.CHECK, "warning": Severity.WARNING}


def field_loc(field_path: str) -> Loc:
    """``"wensen[1]"`` -> ``("wensen", 1)``; ``"facebook.tekst"`` -> ``("facebook", "tekst")``."""
    loc: list[str | int] = []
    for part in field_path.split("."):
        m = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        if m:
            loc += [m.group(1), int(m.group(2))]
        else:
            loc.append(part)
    return tuple(loc)


def allowed_names(catalog: Catalog, profile: Zoekprofiel) -> list[str]:
    """The pseudonym, every gemeente name, the profile's gemeente's wijken and the site title."""
    settings = catalog.settings
    names = [g.name for g in settings.gemeenten] + [settings.site.title]
    gemeente = settings.gemeente(profile.gemeente)
    if gemeente is not None:
        names += list(gemeente.wijken)
    if profile.wijk:
        names.append(profile.wijk)
    if profile.pseudonym:
        names.append(profile.pseudonym)
    return names


class SourceMap:
    """Maps a character offset inside a scalar value back to (line, column) in its file."""

    def __init__(self, path: Path) -> None:
        try:
            self.source = path.read_text(encoding="utf-8-sig")
        except OSError:
            self.source = ""
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.source)]

    def offset(self, line: int, column: int) -> int:
        if not 0 < line <= len(self.line_starts):
            return 0
        return self.line_starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        line = max(i for i, start in enumerate(self.line_starts) if start <= offset)
        return line + 1, offset - self.line_starts[line] + 1

    def locate(self, value: str, start: int, end: int, scalar: tuple[int, int]) -> tuple[int, int]:
        """Where ``value[start:end]`` is written, searching from the scalar's own position.

        The n-th occurrence of the words in the value is the n-th one in the source after the
        scalar's start, whatever the scalar style (plain, quoted, ``|`` or ``>``). Words that a
        folded scalar splits over two lines fall back to their first word, then to the scalar.
        """
        base = self.offset(*scalar)
        for needle in (
            value[start:end],
            value[start:end].split()[0] if value[start:end].split() else "",
        ):
            if not needle:
                continue
            nth = value[:start].count(needle)
            pos = base - 1
            for _ in range(nth + 1):
                pos = self.source.find(needle, pos + 1)
                if pos < 0:
                    break
            if pos >= 0:
                return self.position(pos)
        return scalar


def _profile_combinations(
    profile: Zoekprofiel, value: str, found: list[PrivacyFinding]
) -> list[PrivacyFinding]:
    """Rare details that the page makes identifying by itself: it always shows the wijk and
    the children's exact ages, even when the text mentions neither."""
    ages = [str(c.age) for c in profile.children if c.age is not None]
    if not profile.wijk or not ages:
        return []
    if any(f.type == "combination" for f in found):
        return []  # the text itself already names a place and an age
    health = [f for f in found if f.type == "health"]
    detail = f"de wijk '{profile.wijk}' en de leeftijd {', '.join(ages)} op de pagina"
    hits = rare_details(value, detail, [_as_hit(f) for f in health])
    blocking = [f for f in found if f.severity in ("error", "check")]
    return [
        make_finding(value, hit)
        for hit in hits
        if not any(f.start < hit.end and hit.start < f.end for f in blocking)
    ]


def _as_hit(found: PrivacyFinding) -> Hit:
    return Hit(found.start, found.end, found.type)


def _matches(accepted: AcceptedFinding, found: PrivacyFinding) -> bool:
    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    return norm(found.text) in norm(accepted.text)


def scan_profile(profile: Zoekprofiel, doc: Document, allowed: Iterable[str]) -> list[Finding]:
    """Every privacy finding of one profile, with acceptances applied."""
    allowed = list(allowed)
    source = SourceMap(doc.path)
    used: set[int] = set()
    out: list[Finding] = []
    for field_path, value in profile.public_texts().items():
        loc = field_loc(field_path)
        scalar = doc.position(loc)
        in_text = scan_text(value, allowed)
        for found in in_text + _profile_combinations(profile, value, in_text):
            line, column = source.locate(value, found.start, found.end, scalar)
            severity = _SEVERITIES.get(found.severity, Severity.WARNING)
            message, suggestion = found.message, found.suggestion
            for i, accepted in enumerate(profile.privacy.accepted):
                if _matches(accepted, found):
                    used.add(i)
                    # The confirmation stays in the file: the YAML records who decided why.
                    verb = "bevestigd" if severity is Severity.CHECK else "geaccepteerd"
                    severity = Severity.INFO
                    message = (
                        f"{verb}: `{found.text}` ({TYPE_LABELS.get(found.type, found.type)})"
                        f" — reden: {accepted.reason}"
                    )
                    suggestion = ""
                    break
            out.append(
                Finding(
                    file=doc.display,
                    line=line,
                    column=column,
                    severity=severity,
                    code=f"privacy-{found.type}",
                    field=field_path,
                    message=message,
                    type=found.type,
                    text=found.text,
                    suggestion=suggestion or None,
                )
            )
    for i, accepted in enumerate(profile.privacy.accepted):
        if i not in used:
            line, column = doc.position(("privacy", "toegestaan", i, "tekst"))
            out.append(
                Finding(
                    file=doc.display,
                    line=line,
                    column=column,
                    severity=Severity.WARNING,
                    code="privacy-unused-acceptance",
                    field=f"privacy.toegestaan[{i}]",
                    message=f"'{accepted.text}' staat bij `privacy.toegestaan`, maar de "
                    "privacycontrole vindt die tekst niet (meer); haal deze regel weg.",
                )
            )
    return out


def scan_catalog(catalog: Catalog, cache_file: Path | None = None) -> list[Finding]:
    """Privacy findings for every profile whose file this run reports on.

    With ``cache_file``, findings are remembered per profile under a digest of the file's
    bytes, the allowed names and the scanner's own code, so a national rebuild rescans only
    what changed (6.5 s -> well under a second for 3,420 profiles).
    """
    reported = set(catalog.files)
    cache = _FindingCache(cache_file)
    out: list[Finding] = []
    for profile in catalog.profiles:
        doc = catalog.documents.get(profile.id)
        if doc is None or doc.display not in reported:
            continue
        allowed = allowed_names(catalog, profile)
        key = cache.key(doc, allowed)
        found = cache.get(key)
        if found is None:
            found = scan_profile(profile, doc, allowed)
            cache.put(key, found)
        out += found
    cache.save()
    return out


@lru_cache(maxsize=1)
def _scanner_version() -> str:
    """Digest of the scanner's code and data and of its libraries' versions: a change rescans."""
    digest = hashlib.sha256()
    folder = Path(__file__).parent
    for path in sorted(
        [*folder.glob("*.py"), *folder.glob("data/*.gz"), *folder.glob("data/*.txt")]
    ):
        digest.update(path.read_bytes())
    for package in ("deduce", "wordfreq", "phonenumbers", "python-stdnum"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"no-{package}".encode())
    return digest.hexdigest()


class _FindingCache:
    """A JSON file of findings per digest; an unreadable one is logged and rebuilt."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, list[dict[str, Any]]] = {}
        self.used: dict[str, list[dict[str, Any]]] = {}
        if path is None or not path.is_file():
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
            self.entries = data
        except (OSError, ValueError) as exc:
            log.warning("privacy cache %s unreadable (%s); rebuilding it", path, exc)

    def key(self, doc: Document, allowed: list[str]) -> str:
        digest = hashlib.sha256(_scanner_version().encode())
        digest.update(doc.display.encode())
        digest.update(doc.digest.encode())  # the bytes as loaded, not read a second time
        digest.update("\0".join(allowed).encode())
        return digest.hexdigest()

    def get(self, key: str) -> list[Finding] | None:
        rows = self.entries.get(key)
        if rows is None:
            return None
        try:
            found = [Finding(**{**r, "severity": Severity(r["severity"])}) for r in rows]
        except (TypeError, KeyError, ValueError):
            return None
        self.used[key] = rows
        return found

    def put(self, key: str, found: list[Finding]) -> None:
        self.used[key] = [dataclasses.asdict(f) | {"severity": f.severity.value} for f in found]

    def save(self) -> None:
        # Keep only what this run used, so deleted profiles do not accumulate.
        if self.path is None or self.used == self.entries:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.used, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.path)
        except OSError as exc:
            log.warning("privacy cache %s not written (%s)", self.path, exc)
