"""The settings dialog's connection test: what it says for good and bad databases."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from spacebank.storage.connection_test import test_connection
from spacebank.storage.database import Database
from spacebank.storage.migrate import head_revision


def test_a_migrated_database_is_up_to_date_on_each_engine(db: Database) -> None:
    report = test_connection(db.url)
    assert report.ok, report.message
    assert report.schema_revision == head_revision()
    assert not report.needs_migration
    assert "up to date" in report.message


def test_a_sqlite_path_without_a_url(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    shutil.copyfile(sqlite_template, path)
    report = test_connection(f"  {path}  ")
    assert report.ok and report.schema_revision == head_revision()
    assert report.display_name == str(path)


def test_a_missing_file_is_reported_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.sqlite"
    report = test_connection(str(path))
    assert not report.ok
    assert report.message.startswith(f"There is no database file at {path}.")
    assert "create a new, empty database there at the next start" in report.message
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    report = test_connection(f"sqlite:///{tmp_path}/gone/db.sqlite")
    assert not report.ok
    assert f"The folder {tmp_path / 'gone'} does not exist either." in report.message
    assert not (tmp_path / "gone").exists()


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    report = test_connection(str(tmp_path))
    assert (report.ok, report.message) == (False, f"{tmp_path} is a folder, not a database file.")


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hall keys are with Mrs Patel\n" * 50)
    report = test_connection(str(path))
    assert not report.ok
    assert report.message == f"Could not open {path}: file is not a database"


def test_an_empty_file_will_be_set_up_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    path.touch()
    report = test_connection(str(path))
    assert report.ok and report.needs_migration and report.schema_revision is None
    assert "It is empty: Spacebank will set it up at the next start." in report.message
    assert path.stat().st_size == 0


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE cats (name TEXT)")
    connection.close()
    report = test_connection(str(path))
    assert not report.ok
    assert "it is not a Spacebank database" in report.message


def test_a_schema_from_a_newer_version_is_refused(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    shutil.copyfile(sqlite_template, path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    report = test_connection(str(path))
    assert not report.ok and report.schema_revision == "9999_future"
    assert "from a newer version of Spacebank" in report.message


def test_nothing_is_written_to_a_tested_file(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    shutil.copyfile(sqlite_template, path)
    before = path.read_bytes()
    assert test_connection(str(path)).ok
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "Type a SQLite file path or a PostgreSQL URL."),
        ("mysql://clerk@db.example/halls",
         "mysql://clerk@db.example/halls: Spacebank works with SQLite files and PostgreSQL "
         "only, not mysql."),
        ("postgresql+psycopg://clerk@db.example:port/halls",
         "“postgresql+psycopg://clerk@db.example:port/halls” is not a database address "
         "Spacebank understands."),
        ("sqlite://", "Give the path of a SQLite file; an in-memory database would be lost"),
    ],
)
def test_addresses_that_cannot_work(typed: str, expected: str) -> None:
    report = test_connection(typed)
    assert not report.ok
    assert report.message.startswith(expected)


def test_an_unreachable_server_is_reported_without_the_password() -> None:
    # Port 1 on this machine refuses at once: no waiting for a timeout.
    report = test_connection("postgresql://clerk:s3cret@127.0.0.1:1/halls", timeout_s=2)
    assert not report.ok
    assert report.message.startswith(
        "Could not open postgresql+psycopg://clerk:***@127.0.0.1:1/halls: ")
    assert "s3cret" not in report.message and "s3cret" not in report.display_name
