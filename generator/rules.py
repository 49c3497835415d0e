"""The rules one zoekprofiel must follow beyond its schema, and the warnings a coordinator
should see: steunvorm 'anders' explained, a publication date, dates in order, a known gemeente,
wijk and folder, a sensible status history, no example text left from `buurtsite new`, a known
illustration, and expiry. Cross-file rules (ids, siblings) stay in validate.py."""

from __future__ import annotations

from datetime import date, timedelta

from generator.errors import Finding, Severity, did_you_mean
from generator.load import Document, Loc
from generator.model import Status, SupportType, Zoekprofiel
from generator.schema_errors import field_name, finding
from generator.settings import Project
from generator.template import placeholder_in

EXPIRY_WARNING_DAYS = 14
CLOSED_STATUSES = frozenset({Status.GEKOPPELD, Status.GESLOTEN})


def profile_rules(
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
                field_name(loc),
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
