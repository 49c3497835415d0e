"""Alembic environment: runs on the connection ``forms.migrate`` hands over.

Used from the ``alembic`` command line too (``DATABASE_URL`` or the default SQLite file).
"""

from __future__ import annotations

from alembic import context

from generator.forms.store import make_engine, metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        # render_as_batch lets later migrations alter columns on SQLite too.
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    from generator.forms.migrate import database_url

    engine = make_engine(database_url())
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run()
