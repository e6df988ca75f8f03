"""Where user data lives: the platform's app-data folder, never the install folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "Spacebank"
APP_AUTHOR = "Spacebank"
DB_ENV = "SPACEBANK_DB"


def data_dir() -> Path:
    path = user_data_path(APP_NAME, APP_AUTHOR, ensure_exists=True)
    return path


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def documents_dir() -> Path:
    """Where generated PDFs go unless the user chooses another folder."""
    path = data_dir() / "documents"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url(*, chosen: str | None = None) -> str:
    """`SPACEBANK_DB` if set, else `chosen` (the database picked in Settings), else a
    SQLite file in the user-data folder."""
    configured = os.environ.get(DB_ENV, "").strip()
    if configured:
        return database_url(configured)
    if chosen:
        return chosen
    return database_url(str(data_dir() / "spacebank.sqlite"))


def database_url(path_or_url: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path (taken as SQLite)."""
    if "://" in path_or_url:
        if path_or_url.startswith("postgresql://"):
            return "postgresql+psycopg://" + path_or_url.removeprefix("postgresql://")
        return path_or_url
    return "sqlite:///" + str(Path(path_or_url).expanduser().resolve())
