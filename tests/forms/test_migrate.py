"""Migrations: a store made by an older release is brought up to date with its rows intact."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, text

from generator.forms.migrate import alembic_config, upgrade
from tests.forms.conftest import rows


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
