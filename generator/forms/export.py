"""Export of aanmeldingen as CSV or JSON, shared by the CLI and the backoffice."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from generator.forms.store import aanmeldingen, listing, record

FORMATS = ("csv", "json")
# Internal keys stay inside: the row id and the idempotency hash mean nothing to a reader.
COLUMNS = [c.name for c in aanmeldingen.c if c.name not in ("id", "idem_key")]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    return value


def rows_for(
    engine: Engine, scope: Iterable[str] | None, gemeente: str | None, actor: str, fmt: str
) -> list[dict[str, Any]]:
    """The rows to export; the export itself is written to the audit log in the same go."""
    with engine.begin() as conn:
        rows = listing(conn, scope, gemeente=gemeente, limit=1_000_000)
        where = gemeente or ("alle gemeenten" if scope is None else ",".join(scope))
        record(conn, actor, "export", f"{len(rows)} aanmelding(en), {where}, {fmt}")
    return [{k: _plain(r[k]) for k in COLUMNS} for r in rows]


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # A cell starting with = + - @ would run as a formula in a spreadsheet.
        writer.writerow(
            {
                k: ("'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v)
                for k, v in row.items()
            }
        )
    return out.getvalue()


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def render(rows: list[dict[str, Any]], fmt: str) -> str:
    return to_csv(rows) if fmt == "csv" else to_json(rows)
