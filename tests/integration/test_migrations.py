"""Migrations build exactly the schema the models describe, and protect old data."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from spacebank.domain.enums import PaymentMethod
from spacebank.domain.invoice import Invoice
from spacebank.domain.models import Base
from spacebank.services.context import ServiceContext
from spacebank.services.invoice_service import InvoiceService
from spacebank.storage.database import Database
from spacebank.storage.migrate import (
    alembic_config,
    backup_sqlite,
    current_revision,
    head_revision,
    upgrade,
)
from tests.factories import World
from tests.integration.test_invoice_service import SAT, TODAY, book, pay
from tests.settlement import check_settled_on


def test_migrated_schema_matches_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    assert current_revision(db) == head_revision()


def test_overlap_guard_installed(db: Database) -> None:
    with db.engine.connect() as connection:
        if db.is_sqlite:
            names = (
                connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
                .scalars()
                .all()
            )
            assert set(names) >= {
                "trg_bookings_no_overlap_insert",
                "trg_bookings_no_overlap_update",
            }
        else:
            found = (
                connection.execute(text("SELECT conname FROM pg_constraint WHERE contype = 'x'"))
                .scalars()
                .all()
            )
            assert "ex_bookings_no_overlap" in found


def test_sqlite_pragmas(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite connection settings")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_upgrade_backs_up_an_existing_database(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    assert current_revision(db) == head_revision()
    with db.write() as s:
        s.execute(text("INSERT INTO settings(key, value) VALUES ('marker', 'kept')"))
    # Pretend the file is one revision behind: the next start must back it up first.
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    backups = tmp_path / "backups"
    with pytest.raises(Exception):  # noqa: B017 - unknown revision: alembic refuses
        upgrade(db, backup_dir=backups)
    copies = list(backups.glob("old-*-older.sqlite"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as copy:
        assert copy.execute("SELECT value FROM settings WHERE key='marker'").fetchone() == ("kept",)
    db.dispose()


def test_backup_is_a_consistent_copy(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'live.sqlite'}")
    upgrade(db)
    target = backup_sqlite(db, tmp_path / "b", label="manual")
    copy = Database(f"sqlite:///{target}")
    assert set(inspect(copy.engine).get_table_names()) == set(inspect(db.engine).get_table_names())
    copy.dispose()
    db.dispose()


def test_0003_swaps_the_invoice_indexes_for_covering_ones_and_back(db: Database) -> None:
    def indexes(table: str) -> set[str]:
        with db.engine.connect() as connection:
            return {i["name"] for i in inspect(connection).get_indexes(table)}

    assert "ix_payments_invoice_received" in indexes("payments")
    assert "ix_credit_notes_invoice_issued" in indexes("credit_notes")
    config = alembic_config()
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")
        assert "ix_payments_invoice_id" in indexes("payments")
        assert "ix_payments_invoice_received" not in indexes("payments")
        assert "ix_credit_notes_invoice_id" in indexes("credit_notes")
    finally:
        upgrade(db)
    assert current_revision(db) == head_revision()
    assert "ix_payments_invoice_id" not in indexes("payments")


def test_0004_backfills_settled_on_conservatively_and_downgrades(
    db: Database, world: World, ctx: ServiceContext
) -> None:
    """Rolled back to 0003 and up again over real money: NULL exactly where something is
    owed, and never a day on or after which something was (it may be later than the
    services' exact day)."""
    invoices = InvoiceService(ctx)
    paid = invoices.issue([book(db, world, SAT)], issued_on=TODAY - timedelta(days=9))
    invoices.record_payment(paid.id, pay(12000, received_on=TODAY - timedelta(days=5)))
    invoices.record_refund(
        paid.id, 2000, PaymentMethod.CASH, "Overpaid", refunded_on=TODAY - timedelta(days=2)
    )
    invoices.credit_note(paid.id, amount_pence=2000, reason="Shorter hire")
    owing = invoices.issue([book(db, world, SAT + timedelta(days=1))])
    invoices.record_payment(owing.id, pay(100))
    free = invoices.issue([book(db, world, SAT + timedelta(days=2), charges=())])
    config = alembic_config()
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0003")
        with db.engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("invoices")}
        assert "settled_on" not in columns
    finally:
        upgrade(db)
    assert current_revision(db) == head_revision()
    with db.read() as s:
        check_settled_on(s)
        settled = dict(s.execute(select(Invoice.id, Invoice.settled_on)).all())
    assert settled == {paid.id: TODAY, owing.id: None, free.id: TODAY}
