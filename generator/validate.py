"""Raw documents -> the model. Collects EVERY problem, then the caller fails once.

Schema errors from pydantic become Dutch findings in schema_errors.py; the rules of one
profile (gemeente, wijk, folder, dates, history, expiry warnings) are in rules.py. Here: the
Catalog, loading the project and its profiles, and the cross-file rules (duplicate ids,
sibling links).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from generator.errors import ConfigError, Finding, Report
from generator.load import Document, display_path, load_yaml
from generator.model import Zoekprofiel, parse_date
from generator.rules import CLOSED_STATUSES, profile_rules
from generator.schema_errors import finding, schema_findings
from generator.settings import Project, Settings


@dataclass
class Catalog:
    """The validated project: settings, every valid profile, and every finding."""

    project: Project
    today: date
    profiles: list[Zoekprofiel] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    files: list[str] = field(default_factory=list)  # every file whose findings are reported
    _cache_key: tuple[int, date] | None = field(default=None, repr=False)
    _cache: tuple[dict[str, list[Zoekprofiel]], dict[str, list[Zoekprofiel]], list[Zoekprofiel]] = (
        field(default_factory=lambda: ({}, {}, []), repr=False)
    )

    @property
    def settings(self) -> Settings:
        return self.project.settings

    def profile(self, profile_id: str) -> Zoekprofiel | None:
        return next((p for p in self.profiles if p.id == profile_id), None)

    def profiles_of(self, gemeente: str) -> list[Zoekprofiel]:
        return list(self._index()[0].get(gemeente, ()))

    def listed(self, gemeente: str | None = None) -> list[Zoekprofiel]:
        """Open and in_gesprek profiles that have not expired, newest first."""
        by_gemeente, listed = self._index()[1:]
        return list(listed if gemeente is None else by_gemeente.get(gemeente, ()))

    def _index(
        self,
    ) -> tuple[dict[str, list[Zoekprofiel]], dict[str, list[Zoekprofiel]], list[Zoekprofiel]]:
        """Profiles per gemeente and the listed ones, computed once per set of profiles.

        Render and images ask per gemeente; scanning all profiles each time was quadratic
        (2.4 s of a national rebuild).
        """
        key = (len(self.profiles), self.today)
        if self._cache_key != key:
            lifetime = self.settings.site.lifetime_days
            listed = sorted(
                (p for p in self.profiles if p.is_listed(self.today, lifetime)),
                key=lambda p: (p.published or date.min, p.id),
                reverse=True,
            )
            per: dict[str, list[Zoekprofiel]] = {}
            listed_per: dict[str, list[Zoekprofiel]] = {}
            for p in self.profiles:
                per.setdefault(p.gemeente, []).append(p)
            for p in listed:
                listed_per.setdefault(p.gemeente, []).append(p)
            self._cache = (per, listed_per, listed)
            self._cache_key = key
        return self._cache


def today() -> date:
    """Today, or ``BUURTSITE_TODAY`` (JJJJ-MM-DD) for reproducible builds and tests."""
    fixed = os.environ.get("BUURTSITE_TODAY")
    if fixed:
        try:
            return parse_date(fixed)
        except ValueError as exc:
            raise ConfigError(f"BUURTSITE_TODAY: {exc}") from exc
    return date.today()


# --- config ---------------------------------------------------------------------------------


def load_project(config_path: Path) -> Project:
    """site_config.yml -> Project, or ConfigError carrying every finding."""
    if not config_path.exists():
        raise ConfigError(
            f"configuratiebestand {config_path} niet gevonden; start in de map van de site "
            "of geef --config BESTAND"
        )
    doc, findings = load_yaml(config_path)
    if doc is None:
        raise ConfigError("site_config.yml is niet te lezen", findings)
    if not isinstance(doc.data, dict):
        raise ConfigError(
            "site_config.yml is ongeldig",
            [finding(doc, (), "wrong-type", "site_config.yml moet een blok met velden zijn")],
        )
    try:
        settings = Settings.model_validate(doc.data)
    except ValidationError as exc:
        raise ConfigError(
            "site_config.yml is ongeldig", findings + schema_findings(exc, Settings, doc)
        ) from None
    if findings:  # refused characters (generator.text) in an otherwise valid file
        raise ConfigError("site_config.yml is ongeldig", findings)
    return Project(settings=settings, config_path=config_path.resolve())


# --- profiles -------------------------------------------------------------------------------

# One validated profile and its findings per (path, display name, digest of the bytes, digest
# of the context): see ``_validated``. Bounded like ``load``'s parse cache, least recently used
# out first.
VALIDATED_MAX = 8_000
_VALIDATED: dict[tuple[str, str, str, str], tuple[Zoekprofiel | None, tuple[Finding, ...]]] = {}


def profile_files(project: Project) -> list[Path]:
    return sorted(project.profiles_dir.glob("*/*.yml")) + sorted(
        project.profiles_dir.glob("*/*.yaml")
    )


def illustration_keys(project: Project) -> set[str]:
    folder = project.theme_dir / "illustraties"
    return {p.stem for p in folder.glob("*.png")} if folder.is_dir() else set()


def load_catalog(
    project: Project, paths: Sequence[Path] | None = None, on: date | None = None
) -> Catalog:
    """Load and validate profiles (all, or ``paths``), collecting every finding.

    Cross-file rules (unique ids, sibling links) always consider every profile in the
    project, so checking one file still catches a duplicate id elsewhere.
    """
    catalog = Catalog(project=project, today=on or today())
    all_files = profile_files(project)
    wanted = {p.resolve() for p in paths} if paths else None
    for path in paths or []:
        if path.resolve() not in {f.resolve() for f in all_files}:
            all_files.append(path)
    docs: list[tuple[Document, Zoekprofiel | None]] = []
    keys = illustration_keys(project)
    context = _context_digest(project, catalog.today, keys)
    for path in all_files:
        display = display_path(path, project.root)
        doc, findings = load_yaml(path, project.root, display)
        reported = wanted is None or (path.resolve() in wanted)
        if reported:
            catalog.files.append(display)
            catalog.report.extend(findings)
        if doc is None:
            continue
        profile, problems = _validated(doc, project, catalog.today, keys, context)
        if reported:
            catalog.report.extend(problems)
        docs.append((doc, profile))
    _cross_checks(catalog, docs, wanted)
    return catalog


def _context_digest(project: Project, on: date, keys: set[str]) -> str:
    """Everything one profile's validation reads besides its own file: the settings (gemeenten,
    wijken, lifetimes), where the project lies, the date, and the illustrations."""
    h = hashlib.sha256(project.settings.model_dump_json().encode())
    h.update(f"\0{project.config_path}\0{on.isoformat()}\0".encode())
    h.update("\0".join(sorted(keys)).encode())
    return h.hexdigest()


def _validated(
    doc: Document, project: Project, on: date, keys: set[str], context: str
) -> tuple[Zoekprofiel | None, list[Finding]]:
    """``_validate_profile``, remembered per file content and context (``_context_digest``).

    The backoffice checks the whole project after every approval, as a full build demands;
    validating 3,420 unchanged profiles again was half of that check (national fixture, warm:
    1.4 s -> 0.7 s). The cross-file rules (ids, siblings) still run over every profile each
    time, in ``_cross_checks``, so a duplicate id in another file is never missed. Profiles and
    findings are frozen, so sharing them between catalogs is safe.
    """
    if not doc.digest:
        return _validate_profile(doc, project, on, keys)
    key = (str(doc.path), doc.display, doc.digest, context)
    if (known := _VALIDATED.pop(key, None)) is not None:
        _VALIDATED[key] = known  # now the most recently used
        return known[0], list(known[1])
    profile, problems = _validate_profile(doc, project, on, keys)
    while len(_VALIDATED) >= VALIDATED_MAX:
        del _VALIDATED[next(iter(_VALIDATED))]
    _VALIDATED[key] = (profile, tuple(problems))
    return profile, problems


def _validate_profile(
    doc: Document, project: Project, on: date, keys: set[str]
) -> tuple[Zoekprofiel | None, list[Finding]]:
    if not isinstance(doc.data, dict):
        return None, [
            finding(
                doc,
                (),
                "wrong-type",
                "een zoekprofiel moet een blok met velden zijn (id:, titel:, ...)",
            )
        ]
    try:
        profile = Zoekprofiel.model_validate(doc.data)
    except ValidationError as exc:
        return None, schema_findings(exc, Zoekprofiel, doc)
    return profile, profile_rules(profile, doc, project, on, keys)


def _cross_checks(
    catalog: Catalog, docs: list[tuple[Document, Zoekprofiel | None]], wanted: set[Path] | None
) -> None:
    def reported(doc: Document) -> bool:
        return wanted is None or doc.path.resolve() in wanted

    groups: dict[str, list[Document]] = {}
    valid: list[tuple[Document, Zoekprofiel]] = []
    for doc, profile in docs:
        if profile is None:
            continue
        groups.setdefault(profile.id, []).append(doc)
        if len(groups[profile.id]) == 1:
            valid.append((doc, profile))
    for profile_id, group in groups.items():
        if len(group) < 2:
            continue
        for doc in group:
            if reported(doc):
                others = ", ".join(d.display for d in group if d is not doc)
                catalog.report.add(
                    finding(
                        doc,
                        ("id",),
                        "duplicate-id",
                        f"id '{profile_id}' wordt ook gebruikt in {others}; elk profiel heeft "
                        "een eigen id (`buurtsite new` maakt er een)",
                    )
                )
    profiles = {p.id: p for _, p in valid}
    for doc, profile in valid:
        for i, sibling_id in enumerate(profile.siblings):
            sibling = profiles.get(sibling_id)
            if sibling is None:
                if reported(doc):
                    catalog.report.add(
                        finding(
                            doc,
                            ("broers_zussen", i),
                            "unknown-sibling",
                            f"geen profiel met id '{sibling_id}'",
                        )
                    )
            elif sibling.gemeente != profile.gemeente:
                if reported(doc):
                    catalog.report.add(
                        finding(
                            doc,
                            ("broers_zussen", i),
                            "sibling-gemeente",
                            f"'{sibling_id}' hoort bij een andere gemeente ({sibling.gemeente})",
                        )
                    )
            elif (
                sibling.status in CLOSED_STATUSES
                and profile.status not in CLOSED_STATUSES
                and reported(doc)
            ):
                catalog.report.add(
                    finding(
                        doc,
                        ("broers_zussen", i),
                        "sibling-closed",
                        f"broer/zus '{sibling_id}' heeft status '{sibling.status.value}'",
                        warning=True,
                    )
                )
    # Only profiles without errors of their own reach the model.
    failing = {f.file for f in catalog.report.errors}
    for doc, profile in valid:
        if doc.display not in failing or not reported(doc):
            catalog.profiles.append(profile)
            catalog.documents[profile.id] = doc
    catalog.profiles.sort(key=lambda p: p.id)
