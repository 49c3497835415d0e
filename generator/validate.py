"""Raw documents -> the model. Collects EVERY problem, then the caller fails once.

Schema errors from pydantic are translated into Dutch here, with the file, line and column
of the offending key or value. Cross-file rules (unknown gemeente or wijk, duplicate ids,
a folder that disagrees with its gemeente, sibling links) and the warnings a coordinator
should see (expired, expiring soon, open for long) live here too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import ConfigError, Finding, Report, Severity, did_you_mean, field_label
from generator.load import Document, Loc, display_path, load_yaml
from generator.model import DATE_FORMATS, Status, SupportType, Zoekprofiel, parse_date
from generator.settings import Project, Settings
from generator.template import placeholder_in

EXPIRY_WARNING_DAYS = 14
CLOSED_STATUSES = frozenset({Status.GEKOPPELD, Status.GESLOTEN})


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


# --- pydantic errors in Dutch -------------------------------------------------------------

_TYPE_NAMES = {
    "int": "een geheel getal",
    "string": "tekst",
    "str": "tekst",
    "bool": "ja of nee (true/false)",
    "date": f"een datum ({DATE_FORMATS})",
    "list": "een lijst (regels die met '- ' beginnen)",
    "tuple": "een lijst (regels die met '- ' beginnen)",
    "dict": "een blok met velden",
    "model": "een blok met velden",
    "url": "een volledig webadres (https://...)",
}


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "..."


def dutch_message(error: Any, allowed_keys: Iterable[str] = ()) -> tuple[str, str]:
    """(code, Dutch message) for one pydantic error dict."""
    kind: str = error["type"]
    ctx = error.get("ctx") or {}
    loc = error["loc"]
    name = str(loc[-1]) if loc else ""
    value = error.get("input")
    if kind == "missing":
        return "missing-field", f"verplicht veld '{name}' ontbreekt"
    if kind == "extra_forbidden":
        hint = did_you_mean(name, allowed_keys)
        tail = f" — bedoelde u '{hint}'?" if hint else ""
        return "unknown-field", f"onbekend veld '{name}'{tail}"
    if kind in ("enum", "literal_error"):
        options = str(ctx.get("expected", ""))
        hint = did_you_mean(
            str(value), [o.strip(" '") for o in options.replace(" or ", ",").split(",")]
        )
        tail = (
            f" — bedoelde u '{hint}'?" if hint else f"; kies uit: {options.replace(' or ', ' of ')}"
        )
        return "unknown-value", f"onbekende waarde {_shown(value)} voor '{_label(loc)}'{tail}"
    if kind.endswith("_type") or kind.endswith("_parsing") or kind == "model_attributes_type":
        base = kind.split("_")[0]
        wanted = _TYPE_NAMES.get(base, base)
        if kind == "date_from_datetime_inexact":
            wanted = _TYPE_NAMES["date"]
        return "wrong-type", f"'{_label(loc)}' moet {wanted} zijn, niet {_shown(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return (
            "out-of-range",
            f"'{_label(loc)}' moet minstens {ctx.get('ge', ctx.get('gt'))} zijn",
        )
    if kind in ("less_than_equal", "less_than"):
        return (
            "out-of-range",
            f"'{_label(loc)}' mag hooguit {ctx.get('le', ctx.get('lt'))} zijn",
        )
    if kind == "string_too_short":
        return (
            "too-short",
            f"'{_label(loc)}' is te kort (minstens {ctx.get('min_length')} tekens)",
        )
    if kind == "string_too_long":
        return (
            "too-long",
            f"'{_label(loc)}' is te lang (hooguit {ctx.get('max_length')} tekens)",
        )
    if kind == "too_short":
        return (
            "too-short",
            f"'{_label(loc)}' moet minstens {ctx.get('min_length')} item(s) hebben",
        )
    if kind == "too_long":
        return "too-long", f"'{_label(loc)}' mag hooguit {ctx.get('max_length')} items hebben"
    if kind == "string_pattern_mismatch":
        return "bad-format", f"'{_label(loc)}' heeft niet de juiste vorm: {_shown(value)}"
    if kind.startswith("url"):
        return "bad-url", f"'{_label(loc)}' moet een volledig webadres zijn (https://...)"
    if kind == "value_error":
        message = str(ctx.get("error", error.get("msg", "")))
        return "invalid", message
    return "invalid", f"'{_label(loc)}' is ongeldig ({error.get('msg', kind)})"


def _label(loc: Sequence[Any]) -> str:
    """The field as messages name it (see ``field_label``)."""
    return field_label(_field_name(loc))


def _field_name(loc: Sequence[Any]) -> str:
    """The machine path of a field (``kinderen[0].leeftijd``), kept in JSON output."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{part}]"]
        else:
            parts.append(str(part))
    return ".".join(parts)


def _aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _submodel(model: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel]:
    """The model class that owns the last key of ``loc`` (for "did you mean" hints)."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        for name, info in current.model_fields.items():
            if (info.alias or name) == part:
                for candidate in _model_types(info.annotation):
                    current = candidate
                break
    return current


def _model_types(annotation: Any) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_model_types(arg))
    return found


def schema_findings(
    exc: ValidationError, model: type[BaseModel], doc: Document, prefix: Loc = ()
) -> list[Finding]:
    """Every pydantic error as a Dutch finding at the right line and column."""
    findings: list[Finding] = []
    errors = exc.errors()
    failing = {tuple(e["loc"]) for e in errors}
    # "onbekend veld 'title' — bedoelde u 'titel'?" already says what "'titel' ontbreekt" would.
    typo_targets = {
        (*e["loc"][:-1], hint)
        for e in errors
        if e["type"] == "extra_forbidden"
        and (hint := did_you_mean(str(e["loc"][-1]), _aliases(_submodel(model, e["loc"]))))
    }
    for error in errors:
        loc: Loc = (*prefix, *error["loc"])
        # A list that is "too short after validation" only because an item failed is noise.
        if error["type"] == "too_short" and any(
            other[: len(error["loc"])] == tuple(error["loc"]) and other != tuple(error["loc"])
            for other in failing
        ):
            continue
        if error["type"] == "missing" and tuple(error["loc"]) in typo_targets:
            continue
        allowed = (
            _aliases(_submodel(model, error["loc"])) if error["type"] == "extra_forbidden" else []
        )
        code, message = dutch_message(error, allowed)
        key = error["type"] in ("extra_forbidden",)
        line, column = doc.position(loc, key=key)
        findings.append(
            Finding(doc.display, line, column, Severity.ERROR, code, _field_name(loc), message)
        )
    return findings


def finding(doc: Document, loc: Loc, code: str, message: str, *, warning: bool = False) -> Finding:
    line, column = doc.position(loc)
    severity = Severity.WARNING if warning else Severity.ERROR
    return Finding(doc.display, line, column, severity, code, _field_name(loc), message)


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
    for path in all_files:
        display = display_path(path, project.root)
        doc, findings = load_yaml(path, project.root, display)
        reported = wanted is None or (path.resolve() in wanted)
        if reported:
            catalog.files.append(display)
            catalog.report.extend(findings)
        if doc is None:
            continue
        profile, problems = _validate_profile(doc, project, catalog.today, keys)
        if reported:
            catalog.report.extend(problems)
        docs.append((doc, profile))
    _cross_checks(catalog, docs, wanted)
    return catalog


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
    return profile, _profile_rules(profile, doc, project, on, keys)


def _profile_rules(
    profile: Zoekprofiel, doc: Document, project: Project, on: date, keys: set[str]
) -> list[Finding]:
    settings = project.settings
    out: list[Finding] = []
    if SupportType.ANDERS in profile.support and not profile.support_other:
        index = profile.support.index(SupportType.ANDERS)
        out.append(
            finding(
                doc,
                ("steunvormen", index),
                "invalid",
                "bij steunvorm 'anders' hoort `steunvorm_anders` met een toelichting",
            )
        )
    if profile.status is not Status.CONCEPT and profile.published is None:
        out.append(
            finding(
                doc,
                ("status",),
                "missing-field",
                "`gepubliceerd` (datum) is verplicht zodra de status niet `concept` is",
            )
        )
    if profile.published and profile.expires and profile.expires < profile.published:
        out.append(finding(doc, ("verloopt",), "invalid", "`verloopt` ligt vóór `gepubliceerd`"))
    if profile.id in profile.siblings:
        index = profile.siblings.index(profile.id)
        out.append(
            finding(
                doc,
                ("broers_zussen", index),
                "invalid",
                "een profiel kan niet naar zichzelf verwijzen",
            )
        )
    gemeente = settings.gemeente(profile.gemeente)
    if gemeente is None:
        hint = did_you_mean(profile.gemeente, [g.slug for g in settings.gemeenten])
        tail = f" — bedoelde u '{hint}'?" if hint else " (zie `gemeenten` in site_config.yml)"
        out.append(
            finding(
                doc,
                ("gemeente",),
                "unknown-gemeente",
                f"onbekende gemeente '{profile.gemeente}'{tail}",
            )
        )
    else:
        if profile.wijk and profile.wijk not in gemeente.wijken:
            hint = did_you_mean(profile.wijk, gemeente.wijken)
            tail = (
                f" — bedoelde u '{hint}'?"
                if hint
                else f"; kies uit: {', '.join(gemeente.wijken) or '(geen wijken ingesteld)'}"
            )
            out.append(
                finding(
                    doc,
                    ("wijk",),
                    "unknown-wijk",
                    f"wijk '{profile.wijk}' hoort niet bij {gemeente.name}{tail}",
                )
            )
        folder = doc.path.parent.name
        if folder != profile.gemeente:
            out.append(
                finding(
                    doc,
                    ("gemeente",),
                    "wrong-folder",
                    f"dit bestand staat in map '{folder}' maar hoort bij gemeente "
                    f"'{profile.gemeente}'; verplaats het naar profiles/{profile.gemeente}/",
                )
            )
    out.extend(_history_rules(profile, doc))
    out.extend(_placeholder_rules(profile, doc))
    if keys and profile.illustration not in keys:
        hint = did_you_mean(profile.illustration, keys)
        tail = f" — bedoelde u '{hint}'?" if hint else f"; kies uit: {', '.join(sorted(keys))}"
        out.append(
            finding(
                doc,
                ("illustratie",),
                "unknown-illustration",
                f"onbekende illustratie '{profile.illustration}'{tail}",
            )
        )
    out.extend(_date_warnings(profile, doc, project, on))
    return out


def _text_fields(profile: Zoekprofiel) -> list[tuple[Loc, str]]:
    """Every free-text field a coordinator writes, with its place in the file."""
    fields: list[tuple[Loc, str | None]] = [
        (("titel",), profile.title),
        (("verhaal",), profile.story),
        *((("wensen", i), wish) for i, wish in enumerate(profile.wishes)),
        (("steunvorm_anders",), profile.support_other),
        (("frequentie_toelichting",), profile.frequency_note),
        (("facebook", "tekst"), profile.facebook.text),
    ]
    return [(loc, text) for loc, text in fields if text]


def _placeholder_rules(profile: Zoekprofiel, doc: Document) -> list[Finding]:
    """Example text from `buurtsite new` must not reach the site once the profile is not a concept."""
    if profile.status is Status.CONCEPT:
        return []
    out: list[Finding] = []
    for loc, text in _text_fields(profile):
        placeholder = placeholder_in(text)
        if placeholder is None:
            continue
        line, column = _text_position(doc, loc, placeholder)
        out.append(
            Finding(
                doc.display,
                line,
                column,
                Severity.ERROR,
                "placeholder",
                _field_name(loc),
                f'hier staat nog de voorbeeldtekst van `buurtsite new` ("{placeholder}"); '
                f"vervang die door uw eigen tekst, of zet de status terug op `concept`",
            )
        )
    return out


def _text_position(doc: Document, loc: Loc, text: str) -> tuple[int, int]:
    """Where ``text`` is written in the file, searching from the value's own position.

    A ``|`` block starts its value at the ``|``; the example text is on the lines below.
    """
    line, column = doc.position(loc)
    try:
        source = doc.path.read_text(encoding="utf-8-sig")
    except OSError:
        return line, column
    lines = source.splitlines(keepends=True)
    start = sum(len(x) for x in lines[: line - 1]) + column - 1
    found = source.find(text, start)
    if found < 0:
        return line, column
    before = source[:found]
    return before.count("\n") + 1, found - (before.rfind("\n") + 1) + 1


def _history_rules(profile: Zoekprofiel, doc: Document) -> list[Finding]:
    """The status log feeds the progress report: dates in order, ending at the current status."""
    out: list[Finding] = []
    dates = [entry.on for entry in profile.history]
    for i in range(1, len(dates)):
        if dates[i] < dates[i - 1]:
            out.append(
                finding(
                    doc,
                    ("statuslog", i, "datum"),
                    "history-order",
                    "`statuslog` moet op datum staan, oudste eerst",
                )
            )
    if profile.history and profile.history[-1].status is not profile.status:
        out.append(
            finding(
                doc,
                ("statuslog",),
                "history-status",
                f"de laatste regel van `statuslog` is '{profile.history[-1].status.value}', maar de "
                f"status is '{profile.status.value}'; voeg de wijziging met datum toe",
                warning=True,
            )
        )
    elif not profile.history and profile.status in CLOSED_STATUSES:
        out.append(
            finding(
                doc,
                ("status",),
                "history-missing",
                f"voeg aan `statuslog` toe wanneer dit profiel '{profile.status.value}' werd "
                "(bijvoorbeeld `- {status: gekoppeld, datum: 2026-11-01}`), dan telt het mee in "
                "de voortgangsrapportage",
                warning=True,
            )
        )
    return out


def _date_warnings(
    profile: Zoekprofiel, doc: Document, project: Project, on: date
) -> list[Finding]:
    if profile.status not in (Status.OPEN, Status.IN_GESPREK):
        return []
    settings = project.settings
    end = profile.expiry(settings.site.lifetime_days)
    out: list[Finding] = []
    if end and end < on:
        out.append(
            finding(
                doc,
                ("verloopt",) if profile.expires else ("gepubliceerd",),
                "expired",
                f"dit profiel is verlopen op {end.isoformat()}; het staat niet meer in de overzichten. "
                "Verleng `verloopt` of zet de status op `gesloten`",
                warning=True,
            )
        )
    elif end and end <= on + timedelta(days=EXPIRY_WARNING_DAYS):
        out.append(
            finding(
                doc,
                ("verloopt",) if profile.expires else ("gepubliceerd",),
                "expiring",
                f"dit profiel verloopt op {end.isoformat()}",
                warning=True,
            )
        )
    gemeente = settings.gemeente(profile.gemeente)
    if gemeente and profile.published:
        days_open = (on - profile.published).days
        if days_open > gemeente.usual_search_days:
            out.append(
                finding(
                    doc,
                    ("status",),
                    "open-long",
                    f"dit profiel staat al {days_open} dagen open; in {gemeente.name} is "
                    f"{gemeente.usual_search_days} gebruikelijk. Is het nog actueel?",
                    warning=True,
                )
            )
    return out


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
