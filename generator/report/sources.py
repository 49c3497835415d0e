"""Anonymous events for the report, read where they were recorded.

- Facebook posts: the publisher's ledger (in the forms database, SQLite in
  `BUURTSITE_DATA_DIR` or `DATABASE_URL`), read from a snapshot so a running `publish` is never
  blocked.
- Aanmeldingen: the forms database (SQLite or `DATABASE_URL`): only day, gemeente, profile and
  channel are selected, from the live rows plus the counts that retention left behind.

Neither query selects a name, e-mail address, phone number or message.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.exc import SQLAlchemyError

from generator.errors import BuurtsiteError
from generator.report.figures import Channel, PostEvent, SignupEvent

log = logging.getLogger("buurtsite.report")

CREATED = ("create", "recover")
DONE_STATES = ("done", "recovered")


def post_events(data_dir: Path) -> list[PostEvent]:
    """Every post the publisher made (a create, or an uncertain create found on the Page)."""
    from generator.publish.ledger import Ledger

    ledger = Ledger.snapshot(data_dir)
    try:
        return [
            PostEvent(a.profile_id, date.fromisoformat(a.day))
            for a in ledger.actions()
            if a.action in CREATED and a.state.value in DONE_STATES
        ]
    finally:
        ledger.close()


def signup_events(database_url: str) -> list[SignupEvent]:
    """Every aanmelding as (gemeente, profile, channel, day); none when there is no database."""
    from generator.forms.store import aanmeldingen, channel, make_engine, tellingen

    if database_url.startswith("sqlite:///") and not Path(database_url[10:]).is_file():
        return []
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            events: list[SignupEvent] = []
            if "aanmeldingen" in tables:
                a = aanmeldingen.c
                for row in conn.execute(
                    select(a.gemeente, a.profiel, a.created_at, a.bron, a.utm_source)
                ):
                    events.append(
                        SignupEvent(
                            row.gemeente,
                            row.profiel,
                            Channel(channel(row.utm_source, row.bron)),
                            row.created_at.date(),
                        )
                    )
            if "tellingen" in tables:
                t = tellingen.c
                for row in conn.execute(select(t.dag, t.gemeente, t.profiel, t.kanaal, t.aantal)):
                    event = SignupEvent(row.gemeente, row.profiel, Channel(row.kanaal), row.dag)
                    events.extend([event] * row.aantal)
            return events
    except SQLAlchemyError as exc:
        # The error type only: the URL may hold a password.
        raise BuurtsiteError(
            f"de aanmeldingendatabase is niet te lezen ({type(exc).__name__}); "
            "controleer DATABASE_URL of BUURTSITE_DATA_DIR"
        ) from None
    finally:
        engine.dispose()
