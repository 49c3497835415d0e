"""Export of aanmeldingen as CSV or JSON: the one writer behind the CLI and the backoffice.

The CSV is written for Dutch Excel, which is what coordinators open it with: UTF-8 with a byte
order mark (without one Excel reads ANSI), ``;`` as separator (Dutch Excel splits on it, not on
``,``), Dutch column headers, local times and ``ja``/``nee``. The writer owns the format's
dangers too: a spreadsheet runs any cell, or any ``;``-separated or line-broken piece of one, that
starts with ``=``, ``+``, ``-`` or ``@`` as a formula (OWASP "CSV injection"), whatever field it
came from. Every such start gets a ``'``, and every field is quoted, so a CR, LF, TAB or ``;``
inside a value can never start a new cell or row.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from generator.forms.queries import listing, record
from generator.forms.store import aanmeldingen

FORMATS = ("csv", "json")
LOCAL = ZoneInfo("Europe/Amsterdam")
# Internal keys stay inside: the row id, the idempotency hash and the lookup form of the e-mail
# address mean nothing to a reader.
INTERNAL = ("id", "idem_key", "email_sleutel")
COLUMNS = [c.name for c in aanmeldingen.c if c.name not in INTERNAL]
HEADERS = {
    "public_id": "kenmerk",
    "created_at": "ontvangen",
    "updated_at": "gewijzigd",
    "soort": "soort",
    "rol": "rol",
    "gemeente": "gemeente",
    "profiel": "oproep",
    "profiel_status": "status van de oproep",
    "profiel_niet_open": "oproep niet meer open",
    "naam": "naam",
    "email": "e-mailadres",
    "telefoon": "telefoon",
    "woonplaats": "postcode of woonplaats",
    "huishouden": "huishouden",
    "bericht": "bericht",
    "bron": "hoe gehoord",
    "toestemming_at": "toestemming gegeven",
    "privacy_versie": "versie privacyverklaring",
    "utm_source": "campagne: bron",
    "utm_medium": "campagne: medium",
    "utm_campaign": "campagne: naam",
    "utm_content": "campagne: inhoud",
    "utm_term": "campagne: term",
    "afgehandeld_at": "afgehandeld op",
    "afgehandeld_door": "afgehandeld door",
}
# A formula can start at the start of the cell or of any piece a spreadsheet may split off:
# after the separator, a line break or a tab. A TAB or CR there can hide the next character.
FORMULA_START = re.compile(r"(?:^|(?<=[;\r\n\t]))(?=[=+\-@\t\r])")


def rows_for(
    engine: Engine, scope: Iterable[str] | None, gemeente: str | None, actor: str, fmt: str
) -> list[dict[str, Any]]:
    """The rows to export; the export itself is written to the audit log in the same go."""
    with engine.begin() as conn:
        rows = listing(conn, scope, gemeente=gemeente, limit=1_000_000)
        where = gemeente or ("alle gemeenten" if scope is None else ",".join(scope))
        record(conn, actor, "export", f"{len(rows)} aanmelding(en), {where}, {fmt}")
    return [{k: r[k] for k in COLUMNS} for r in rows]


def neutralise(text: str) -> str:
    """``text`` with a ``'`` before every place where a spreadsheet could start a formula."""
    return FORMULA_START.sub("'", text)


def cell(value: Any) -> str:
    """One CSV cell as Dutch Excel should show it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        # Stored as naive UTC; coordinators read Dutch local time.
        return value.replace(tzinfo=UTC).astimezone(LOCAL).strftime("%d-%m-%Y %H:%M")
    return neutralise(str(value))


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([HEADERS[k] for k in COLUMNS])
    for row in rows:
        writer.writerow([cell(row[k]) for k in COLUMNS])
    return out.getvalue()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    return value


def to_json(rows: list[dict[str, Any]]) -> str:
    plain = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return json.dumps(plain, ensure_ascii=False, indent=2) + "\n"


def render(rows: list[dict[str, Any]], fmt: str) -> str:
    return to_csv(rows) if fmt == "csv" else to_json(rows)
