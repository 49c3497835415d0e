"""Where the store lives and how its schema is brought up to date (Alembic, inside the package)."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from generator.settings import data_dir

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(folder: Path | None = None) -> str:
    """``DATABASE_URL`` when set (PostgreSQL), else SQLite in ``folder`` (``BUURTSITE_DATA_DIR``)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{((folder or data_dir()) / 'aanmeldingen.sqlite3').resolve()}"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine) -> None:
    """Apply every pending migration; cheap when there is none, so every start calls it."""
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
