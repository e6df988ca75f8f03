"""The desk's own settings file (which database to open), in the user-config folder.

Organisation-wide settings live in the database; this file holds only what must be
known before a database is open. It is small JSON, e.g. ``{"database": "..."}``, and
keys this version does not know are kept when it is saved.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from spacebank.storage.paths import APP_AUTHOR, APP_NAME, database_url

CONFIG_FILE_NAME = "config.json"


@dataclass(frozen=True)
class AppConfig:
    #: A SQLite file path or a SQLAlchemy URL; empty means the default database.
    database: str = ""


def config_file() -> Path:
    """Where the settings file lives (it may not exist yet)."""
    return user_config_path(APP_NAME, APP_AUTHOR) / CONFIG_FILE_NAME


def load_config(path: Path | None = None) -> AppConfig:
    """The saved settings; defaults if the file is missing, unreadable or malformed.

    A broken file must never stop the app starting, so it reads as "not configured".
    """
    raw = _read(path or config_file())
    database = raw.get("database")
    return AppConfig(database=database.strip() if isinstance(database, str) else "")


def save_config(config: AppConfig, path: Path | None = None) -> Path:
    """Write the settings atomically (a crash leaves the old file or the new one)."""
    target = path or config_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    data = _read(target)
    data["database"] = config.database.strip()
    handle, temporary = tempfile.mkstemp(prefix=".config-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, ensure_ascii=False)
            out.write("\n")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def configured_database_url(path: Path | None = None) -> str | None:
    """The database chosen in Settings as a SQLAlchemy URL, or None if none was chosen."""
    chosen = load_config(path).database
    return database_url(chosen) if chosen else None


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}
