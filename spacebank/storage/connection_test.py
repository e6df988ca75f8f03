"""Try a database before switching to it: can we connect, and is it a Spacebank database?

Used by Settings (in a worker thread, so a slow network never freezes the window). It
never changes anything: a SQLite file is opened read-only (SQLite may still add its
usual -wal/-shm companions beside a WAL database) and a path that does not exist is
reported, not created.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.request import pathname2url

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import NullPool

from spacebank.storage.migrate import alembic_config
from spacebank.storage.paths import database_url

#: Seconds to wait for a PostgreSQL server before saying it cannot be reached.
CONNECT_TIMEOUT_S = 5


@dataclass(frozen=True)
class ConnectionReport:
    """What a connection test found, in words fit for the settings dialog."""

    ok: bool
    message: str
    #: The Alembic revision the database is at (None: empty, unreachable or foreign).
    schema_revision: str | None = None
    #: True when Spacebank would create or upgrade the schema at the next start.
    needs_migration: bool = False
    #: The database as shown to the clerk (password hidden).
    display_name: str = ""


def test_connection(url_or_path: str, *, timeout_s: int = CONNECT_TIMEOUT_S) -> ConnectionReport:
    """Connect to a SQLite file path or a database URL, run SELECT 1, read the revision.

    Never raises for a bad address or an unreachable server: the report says what is
    wrong. Nothing is created or written.
    """
    typed = url_or_path.strip()
    if not typed:
        return ConnectionReport(False, "Type a SQLite file path or a PostgreSQL URL.")
    try:
        url = make_url(database_url(typed))
    except (ArgumentError, ValueError):
        return ConnectionReport(
            False,
            f"“{typed}” is not a database address Spacebank understands. Type a file path "
            "(…/spacebank.sqlite) or a URL like postgresql+psycopg://user@host/database.",
        )
    shown = url.render_as_string(hide_password=True)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _test_sqlite(url, shown)
    if backend == "postgresql":
        return _test_postgresql(url, shown, timeout_s)
    return ConnectionReport(
        False,
        f"{shown}: Spacebank works with SQLite files and PostgreSQL only, not {backend}.",
        display_name=shown,
    )


# pytest would otherwise collect the function wherever a test module imports it.
test_connection.__test__ = False  # type: ignore[attr-defined]


def _test_sqlite(url: URL, shown: str) -> ConnectionReport:
    name = url.database or ""
    if name in ("", ":memory:") or name.startswith("file:"):
        return ConnectionReport(
            False,
            "Give the path of a SQLite file; an in-memory database would be lost on closing.",
            display_name=shown,
        )
    path = Path(name)
    if path.is_dir():
        return ConnectionReport(False, f"{path} is a folder, not a database file.",
                                display_name=str(path))
    if not path.exists():
        where = (
            "Saving this choice makes Spacebank create a new, empty database there at the "
            "next start."
            if path.parent.is_dir()
            else f"The folder {path.parent} does not exist either."
        )
        return ConnectionReport(False, f"There is no database file at {path}. {where}",
                                display_name=str(path))
    location = f"file:{pathname2url(str(path))}?mode=ro"
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(location, uri=True, check_same_thread=False),
        poolclass=NullPool,
    )
    return _inspect(engine, str(path), upgrade_note="a backup is taken first")


def _test_postgresql(url: URL, shown: str, timeout_s: int) -> ConnectionReport:
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    try:
        engine = create_engine(
            url, poolclass=NullPool, connect_args={"connect_timeout": max(1, timeout_s)}
        )
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        return ConnectionReport(False, f"{shown}: {_first_line(exc)}", display_name=shown)
    return _inspect(engine, shown, upgrade_note="take a backup of the server first")


def _inspect(engine: Engine, shown: str, *, upgrade_note: str) -> ConnectionReport:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            revision = MigrationContext.configure(connection).get_current_revision()
            has_tables = revision is not None or bool(_table_names(connection))
    except DBAPIError as exc:
        return ConnectionReport(
            False, f"Could not open {shown}: {_first_line(exc)}", display_name=shown
        )
    finally:
        engine.dispose()
    return _judge(shown, revision, has_tables, upgrade_note)


def _judge(shown: str, revision: str | None, has_tables: bool, upgrade_note: str
           ) -> ConnectionReport:
    scripts = ScriptDirectory.from_config(alembic_config())
    head = scripts.get_current_head()
    if revision is None:
        if has_tables:
            return ConnectionReport(
                False,
                f"Connected to {shown}, but it is not a Spacebank database (it holds other "
                "tables). Choose another database.",
                display_name=shown,
            )
        return ConnectionReport(
            True,
            f"Connected to {shown}. It is empty: Spacebank will set it up at the next start.",
            needs_migration=True,
            display_name=shown,
        )
    if revision == head:
        return ConnectionReport(
            True,
            f"Connected to {shown}: a Spacebank database, up to date (schema {revision}).",
            schema_revision=revision,
            display_name=shown,
        )
    if _known(scripts, revision):
        return ConnectionReport(
            True,
            f"Connected to {shown}: a Spacebank database at schema {revision}. It will be "
            f"upgraded to {head} at the next start ({upgrade_note}).",
            schema_revision=revision,
            needs_migration=True,
            display_name=shown,
        )
    return ConnectionReport(
        False,
        f"Connected to {shown}, but its schema ({revision}) is from a newer version of "
        "Spacebank. Update Spacebank on this desk before using it.",
        schema_revision=revision,
        display_name=shown,
    )


def _table_names(connection: Connection) -> list[str]:
    return inspect(connection).get_table_names()


def _known(scripts: ScriptDirectory, revision: str) -> bool:
    try:
        return scripts.get_revision(revision) is not None
    except CommandError:
        return False


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__
