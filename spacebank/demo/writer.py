"""Writes a planned demo world: rows in foreign-key order, Core executemany in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from spacebank.demo.records import DemoCancelled, DemoPlan
from spacebank.domain.booking import Booking, BookingCharge, BookingExtra, Series
from spacebank.domain.errors import DomainError
from spacebank.domain.hirer import Hirer, HirerSearchTerm
from spacebank.domain.invoice import (
    CreditNote,
    CreditNoteLine,
    Deposit,
    Invoice,
    InvoiceLine,
    NumberCounter,
    Payment,
)
from spacebank.domain.policy import Policy
from spacebank.domain.venue import Closure, Extra, Hall, KeyHolder, OpeningHours, Rate, Venue

BATCH_ROWS = 5_000
#: SQLite page cache while generating (KiB): index pages of a big load stay in memory.
SQLITE_CACHE_KIB = 256 * 1024


def table_rows(plan: DemoPlan) -> Iterator[tuple[str, Table, Iterable[dict[str, Any]], int]]:
    """(progress stage, table, rows, row count) in foreign-key order."""
    estate, bookings, billing = plan.estate, plan.bookings.bookings, plan.billing
    policy = Policy()

    def table(entity: Any) -> Table:
        return entity.__table__  # type: ignore[no-any-return]

    venues = "Venues and halls"
    yield venues, table(Extra), estate.extras, len(estate.extras)
    yield venues, table(Venue), estate.venues, len(estate.venues)
    yield venues, table(OpeningHours), estate.opening_hours, len(estate.opening_hours)
    yield venues, table(KeyHolder), estate.key_holders, len(estate.key_holders)
    yield venues, table(Hall), estate.halls, len(estate.halls)
    yield venues, table(Rate), estate.rates, len(estate.rates)
    closures = plan.bookings.closures
    yield venues, table(Closure), (c.row() for c in closures), len(closures)
    yield "Hirers", table(Hirer), (h.row() for h in plan.hirers), len(plan.hirers)
    terms = [(h.id, sorted(h.search_terms())) for h in plan.hirers]
    yield (
        "Hirer search terms",
        table(HirerSearchTerm),
        ({"hirer_id": i, "term": t} for i, ts in terms for t in ts),
        sum(len(ts) for _, ts in terms),
    )
    series = plan.bookings.series
    yield "Series", table(Series), (s.row() for s in series), len(series)
    yield "Bookings", table(Booking), (b.row() for b in bookings), len(bookings)
    yield (
        "Booking charges",
        table(BookingCharge),
        (
            {
                "booking_id": b.id,
                "position": n,
                "kind": line.kind,
                "description": line.description,
                "quantity": line.quantity,
                "unit_pence": line.unit_pence,
                "amount_pence": line.amount_pence,
                "vat_rate_bp": line.vat_rate_bp,
            }
            for b in bookings
            for n, line in enumerate(b.quote.lines, 1)
        ),
        sum(len(b.quote.lines) for b in bookings),
    )
    yield (
        "Booking extras",
        table(BookingExtra),
        (
            {"booking_id": b.id, "extra_id": extra_id, "quantity": 1}
            for b in bookings
            for extra_id, _, _ in b.extras
        ),
        sum(len(b.extras) for b in bookings),
    )
    invoices = billing.invoices
    yield "Invoices", table(Invoice), (i.row(policy) for i in invoices), len(invoices)
    yield (
        "Invoice lines",
        table(InvoiceLine),
        (ln for i in invoices for ln in i.lines),
        sum(len(i.lines) for i in invoices),
    )
    notes = billing.credit_notes
    yield "Credit notes", table(CreditNote), (c.row() for c in notes), len(notes)
    yield (
        "Credit notes",
        table(CreditNoteLine),
        ({"credit_note_id": c.id, **ln} for c in notes for ln in c.lines),
        sum(len(c.lines) for c in notes),
    )
    yield "Payments", table(Payment), billing.payments, len(billing.payments)
    yield "Deposits", table(Deposit), billing.deposits, len(billing.deposits)
    yield "Invoice numbers", table(NumberCounter), billing.counters, len(billing.counters)


def insert_rows(
    connection: Connection,
    table: Table,
    rows: Iterable[dict[str, Any]],
    total: int,
    stage: str,
    tick: Callable[[str, int, int], bool],
) -> None:
    statement = insert(table)
    batch: list[dict[str, Any]] = []
    done = 0
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_ROWS:
            connection.execute(statement, batch)
            done += len(batch)
            batch = []
            if not tick(stage, done, total):
                raise DemoCancelled()
    if batch:
        connection.execute(statement, batch)
        done += len(batch)
    if not tick(stage, done, total):
        raise DemoCancelled()


_ID_TABLES = (
    "extras",
    "venues",
    "key_holders",
    "halls",
    "rates",
    "closures",
    "hirers",
    "series",
    "bookings",
    "invoices",
    "credit_notes",
    "payments",
    "deposits",
)


def advance_sequences(connection: Connection) -> None:
    """Explicit ids leave PostgreSQL's serial sequences behind; move them past the rows."""
    for name in _ID_TABLES:
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )
        )


def require_empty(connection: Connection) -> None:
    found = {
        label: connection.execute(select(func.count()).select_from(entity)).scalar_one()
        for label, entity in (
            ("venues", Venue),
            ("hirers", Hirer),
            ("bookings", Booking),
            ("invoices", Invoice),
        )
    }
    if any(found.values()):
        held = ", ".join(f"{n:,} {label}" for label, n in found.items() if n)
        raise DomainError(
            f"This database already has data ({held}); demo data can only be "
            "generated into an empty database."
        )


@contextmanager
def big_sqlite_cache(connection: Connection) -> Iterator[None]:
    """A large SQLite page cache for the load, put back after (the connection is pooled)."""
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before)}")
