"""Migrations: a store made by an older release is brought up to date with its rows intact."""

from __future__ import annotations

from datetime import timedelta

from alembic import command
from sqlalchemy import Engine, text

from generator.forms import fields, store
from generator.forms.migrate import alembic_config, upgrade
from generator.validate import Catalog
from tests.forms.conftest import rows, valid


def migrate_to(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


def test_0003_fills_the_email_key_of_existing_rows(engine: Engine) -> None:
    migrate_to(engine, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO aanmeldingen (public_id, created_at, updated_at, soort, gemeente,"
                " profiel_niet_open, naam, email, telefoon, woonplaats, toestemming_at,"
                " privacy_versie) VALUES ('p1', :t, :t, 'steungezin', 'haarlem', false,"
                " 'Oud Rij', :email, '0612345678', '2011 AB', :t, '2026-1')"
            ),
            {"t": "2026-01-01 10:00:00", "email": "E\u0301va.STRASSE@Example.nl"},
        )
    upgrade(engine)
    [row] = rows(engine)
    assert row["email_sleutel"] == "\u00e9va.strasse@example.nl"
    assert row["email"] == "E\u0301va.STRASSE@Example.nl"


def test_0008_gives_the_past_days_confirmations_their_slots(
    engine: Engine, catalog: Catalog
) -> None:
    """An address that had its confirmations of the day before the upgrade gets none after."""
    migrate_to(engine, "0007")
    now = store.utcnow()
    with engine.begin() as conn:
        for n, hours_ago in enumerate((30, 3, 2, 1)):  # the first is older than a day
            at = now - timedelta(hours=hours_ago)
            conn.execute(
                text(
                    "INSERT INTO aanmeldingen (public_id, created_at, updated_at, soort,"
                    " gemeente, profiel_niet_open, naam, email, email_sleutel, telefoon,"
                    " woonplaats, toestemming_at, privacy_versie) VALUES (:p, :t, :t,"
                    " 'steungezin', 'haarlem', false, 'Oud Rij', 'Vaak@example.org',"
                    " 'vaak@example.org', '0612345678', '2011 AB', :t, '2026-1')"
                ),
                {"p": f"p{n}", "t": at},
            )
            conn.execute(
                text(
                    "INSERT INTO outbox (aanmelding_id, kind, recipient, created_at, attempts,"
                    " next_attempt_at) SELECT id, 'bevestiging', email, :t, 0, :t"
                    " FROM aanmeldingen WHERE public_id = :p"
                ),
                {"p": f"p{n}", "t": at},
            )
    upgrade(engine)
    held = [m["slot_key"] for m in sorted(rows(engine, store.outbox), key=lambda m: m["id"])]
    assert held[0] is None
    assert sorted(held[1:]) == sorted(store.slot_keys("vaak@example.org"))
    sub, errors = fields.validate(valid(email="vaak@example.org"), catalog)
    assert sub is not None, errors
    store.insert(engine, sub, [])
    assert len(rows(engine, store.outbox)) == 4  # the limit held: no fourth confirmation
