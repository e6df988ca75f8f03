"""The demo database the benchmarks read: built once, then reused from bench/data/."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from spacebank.storage.database import Database

DATA_DIR = Path(__file__).resolve().parent / "data"  # git-ignored
#: The demo's "today", fixed so that a seed always gives the same database wherever and
#: whenever it is generated (the generator defaults to the real date).
DEMO_TODAY = date(2026, 11, 16)


def dataset_path(years: int, seed: int) -> Path:
    return DATA_DIR / f"demo-{years}y-seed{seed}.sqlite"


def _migrate(path: Path) -> None:
    """Bring a dataset made by an older version to the current schema (indexes count)."""
    from spacebank.storage.migrate import current_revision, head_revision, upgrade

    db = Database(sqlite_url(path))
    try:
        if current_revision(db) != head_revision():
            print("dataset: migrating to the current schema ...", flush=True)
            upgrade(db)
    finally:
        db.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def ensure_dataset(years: int, seed: int, *, rebuild: bool = False) -> Path:
    """The demo database for `years` and `seed`, generating it if missing (or asked to).

    Generation writes to a temporary name first, so an interrupted run never leaves a
    half-filled file that a later run would take for a finished one. A fingerprint of
    the generator's source is kept beside the file, to warn when the data is stale.
    """
    path = dataset_path(years, seed)
    stamp = path.with_name(path.name + ".source")
    if path.exists() and not rebuild:
        print(f"dataset: reusing {path}")
        _migrate(path)
        if stamp.exists() and stamp.read_text().strip() != _generator_fingerprint():
            print(
                "dataset: warning: spacebank/demo has changed since this file was made; "
                "pass --rebuild to regenerate it"
            )
        return path
    from spacebank.demo import generate_demo  # only needed the first time
    from spacebank.storage.migrate import upgrade

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in _sqlite_files(partial):
        leftover.unlink(missing_ok=True)
    print(f"dataset: generating {years}-year demo database (seed {seed}) ...", flush=True)
    started = time.perf_counter()
    db = Database(sqlite_url(partial))
    try:
        upgrade(db)
        generate_demo(db, years=years, seed=seed, today=DEMO_TODAY)
    finally:
        db.dispose()
    elapsed = time.perf_counter() - started
    _checkpoint(partial)
    for old in _sqlite_files(path):
        old.unlink(missing_ok=True)
    partial.rename(path)
    stamp.write_text(_generator_fingerprint() + "\n")
    print(
        f"dataset: generated {path.name} in {elapsed:.1f} s ({path.stat().st_size / 1e6:.0f} MB)",
        flush=True,
    )
    return path


def scratch_copy(path: Path) -> Path:
    """A private copy of the dataset for benchmarks that write (SQLite online backup)."""
    target = path.with_name(path.stem + ".scratch.sqlite")
    for leftover in _sqlite_files(target):
        leftover.unlink(missing_ok=True)
    with sqlite3.connect(path) as source, sqlite3.connect(target) as dest:
        source.backup(dest)
    dest.close()
    source.close()
    return target


def remove_scratch(path: Path) -> None:
    for file in _sqlite_files(path):
        file.unlink(missing_ok=True)


def dataset_now(db: Database) -> datetime:
    """The 'now' the demo data was generated for: just after its latest recorded change.

    Every booking was created and last updated at or before the generator's now, so
    the latest `updated_at` (rounded up to the next minute) is inside the dataset's
    range, with its forward bookings still in the future.
    """
    with db.engine.connect() as connection:
        latest = connection.exec_driver_sql("SELECT max(updated_at) FROM bookings").scalar()
    if latest is None:
        raise SystemExit("the dataset has no bookings; delete it and run again")
    moment = datetime.fromisoformat(str(latest)).replace(tzinfo=UTC)
    return moment.replace(second=0, microsecond=0) + timedelta(minutes=1)


def _generator_fingerprint() -> str:
    import spacebank.demo

    digest = hashlib.sha256()
    for source in sorted(Path(spacebank.demo.__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file, so one file is the whole dataset."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def _sqlite_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
