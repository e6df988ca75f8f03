"""The `Database`: engines and session factories, with one read and one write mode.

SQLite: foreign keys on, WAL, a busy timeout, and write transactions that begin
IMMEDIATE so two desks (or threads) serialise before they read what they will change.
PostgreSQL: READ COMMITTED, with the overlap rules guarded by an EXCLUDE constraint and
per-venue advisory locks taken by the booking services.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from spacebank.domain.errors import (
    BookingClashError,
    SpacebankError,
    StatusError,
    StorageBusyError,
    StorageError,
)

OVERLAP_MARKER = "booking_overlap"
SQLITE_BUSY_TIMEOUT_MS = 10_000


class Database:
    """Owns the engine; hands out short transactions, never a long-lived session."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine: Engine = _create_engine(url, echo=echo)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        writer = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE")
            if self.is_sqlite
            else self.engine
        )
        #: Shared by every session of this database (see services/catalogue_cache.py).
        self.cache: dict[str, Any] = {}
        info = {"catalogue_cache": self.cache}
        self._read = sessionmaker(self.engine, expire_on_commit=False, info=info)
        self._write = sessionmaker(writer, expire_on_commit=False, info=info)

    @property
    def display_name(self) -> str:
        """The database as a clerk reads it in the status bar: a file path, or the server
        and database name (never the password)."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return f"{url.database or 'in memory'} (SQLite)"
        host = f"{url.host or 'localhost'}{f':{url.port}' if url.port else ''}"
        return f"{url.database} on {host} (PostgreSQL, user {url.username or 'default'})"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end)."""
        with _translated(), self._read() as session, session.begin():
            yield session
            session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: commits if the block succeeds, else rolls back everything."""
        with _translated(), self._write.begin() as session:
            yield session

    def lock_venue(self, session: Session, venue_id: int) -> None:
        """Serialise booking writes within one venue for the rest of the transaction.

        Buffers and combined halls span rows the EXCLUDE constraint cannot see, so on
        PostgreSQL two desks booking the same venue take turns. SQLite's IMMEDIATE
        transactions already serialise all writers.
        """
        if not self.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(7301, :v)"), {"v": venue_id})

    def dispose(self) -> None:
        self.engine.dispose()


def _create_engine(url: str, *, echo: bool) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take over transaction control from pysqlite so BEGIN IMMEDIATE is possible.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # 32 MB page cache per connection (the app holds two or three): the hot pages of the
    # ten-year demo database (~380 MB) fit, and the app stays under 250 MB resident.
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def _translated() -> Iterator[None]:
    """Turn driver errors into typed errors a clerk can read; let ours pass through."""
    try:
        yield
    except SpacebankError:
        raise
    except StaleDataError as exc:
        raise StatusError(
            "Someone at another desk changed this record at the same moment; "
            "reload it and try again."
        ) from exc
    except IntegrityError as exc:
        if is_overlap_violation(exc):
            raise BookingClashError(
                "Another desk has just booked that hall for an overlapping time. "
                "Refresh and choose another time."
            ) from exc
        raise StorageError(f"The database refused the change: {_first_line(exc)}") from exc
    except OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            raise StorageBusyError(
                "The database is busy with another desk's change; please try again."
            ) from exc
        raise StorageError(f"The database could not be reached: {_first_line(exc)}") from exc
    except DBAPIError as exc:
        raise StorageError(f"Database error: {_first_line(exc)}") from exc


def is_overlap_violation(exc: DBAPIError) -> bool:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate == "23P01" or OVERLAP_MARKER in str(exc.orig)


def _first_line(exc: Exception) -> str:
    orig = getattr(exc, "orig", exc)
    return str(orig).splitlines()[0] if str(orig) else type(orig).__name__
