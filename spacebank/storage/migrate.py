"""Bring a database to the current schema, backing up an existing SQLite file first."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from spacebank.storage.database import Database

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: Database, *, backup_dir: Path | None = None) -> Path | None:
    """Migrate to head. Returns the backup taken, if the database had data to protect."""
    current = current_revision(db)
    if current == head_revision():
        return None
    backup = None
    if current is not None and backup_dir is not None and db.is_sqlite:
        backup = backup_sqlite(db, backup_dir, label=current)
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup


def backup_sqlite(db: Database, backup_dir: Path, *, label: str = "manual") -> Path:
    """Copy a live SQLite database with the online backup API (safe while in use)."""
    source_path = db.engine.url.database
    if not source_path or source_path == ":memory:":
        raise ValueError("only a SQLite file can be backed up")
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{Path(source_path).stem}-{stamp}-{label}.sqlite"
    with sqlite3.connect(source_path) as source, sqlite3.connect(target) as dest:
        source.backup(dest)
    dest.close()
    return target
