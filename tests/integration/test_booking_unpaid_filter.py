"""`BookingFilter(unpaid_only=True)` and `InvoiceService.invoice_for_booking` (both engines)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from spacebank.domain.enums import BookingStatus, PaymentMethod
from spacebank.domain.errors import ValidationError
from spacebank.services.booking_dto import BookingFilter
from spacebank.services.booking_service import BookingService
from spacebank.services.context import ServiceContext
from spacebank.services.invoice_dto import PaymentInput
from spacebank.services.invoice_service import InvoiceService
from spacebank.storage.database import Database
from tests.factories import World, add_booking

SAT = datetime(2026, 12, 12, 14, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)


@pytest.fixture
def invoices(ctx: ServiceContext) -> InvoiceService:
    return InvoiceService(ctx)


def book(db: Database, world: World, day: int, *,
         status: BookingStatus = BookingStatus.CONFIRMED, free: bool = False,
         hirer_id: int | None = None) -> int:
    start = SAT + timedelta(days=day)
    with db.write() as s:
        return add_booking(s, hall_id=world.main_hall_id, hirer_id=hirer_id or world.hirer_id,
                           start=start, end=start + timedelta(hours=4), status=status,
                           charges=() if free else None).id


def pay(invoices: InvoiceService, invoice_id: int, pence: int) -> None:
    invoices.record_payment(invoice_id, PaymentInput(pence, PaymentMethod.CASH, TODAY))


def unpaid(bookings: BookingService, **kw: object) -> list[int]:
    return [b.id for b in bookings.list(BookingFilter(unpaid_only=True, **kw))]  # type: ignore[arg-type]


def test_unpaid_only_keeps_bookings_with_money_to_come(
    bookings: BookingService, invoices: InvoiceService, world: World, db: Database
) -> None:
    not_invoiced = book(db, world, 0)
    free = book(db, world, 1, free=True)
    hold = book(db, world, 2, status=BookingStatus.PROVISIONAL)
    part_paid = book(db, world, 3)
    paid = book(db, world, 4)
    completed = book(db, world, -30, status=BookingStatus.COMPLETED)
    cancelled_owing = book(db, world, 5)
    credited = book(db, world, 6)
    expired = book(db, world, 7, status=BookingStatus.EXPIRED)

    inv = invoices.issue([part_paid])
    pay(invoices, inv.id, 5000)
    inv = invoices.issue([paid])
    pay(invoices, inv.id, inv.gross_pence)
    invoices.issue([cancelled_owing])
    bookings.cancel(cancelled_owing, reason="Hirer changed plans")
    inv = invoices.issue([credited])
    invoices.credit_note(inv.id, reason="Wrong hall")

    everything = [b.id for b in bookings.list(BookingFilter())]
    assert set(everything) == {not_invoiced, free, hold, part_paid, paid, completed,
                               cancelled_owing, credited, expired}
    # Still owed on a live invoice (even once cancelled), or billable and not invoiced
    # (including once its invoice was credited in full).
    assert unpaid(bookings) == [completed, not_invoiced, part_paid, cancelled_owing, credited]


def test_unpaid_only_combines_with_other_filters(
    bookings: BookingService, world: World, db: Database
) -> None:
    mine = book(db, world, 0)
    book(db, world, 1, hirer_id=world.charity_id)
    later = book(db, world, 14)
    book(db, world, 2, free=True)
    assert unpaid(bookings, hirer_id=world.hirer_id) == [mine, later]
    assert unpaid(bookings, first_day=date(2026, 12, 12), last_day=date(2026, 12, 20),
                  hirer_id=world.hirer_id) == [mine]
    assert unpaid(bookings, statuses=frozenset({BookingStatus.PROVISIONAL})) == []
    assert unpaid(bookings, limit=1) == [mine]


def test_invoice_for_booking_finds_the_live_invoice(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    booking_id = book(db, world, 0)
    other = book(db, world, 1)
    assert invoices.invoice_for_booking(booking_id) is None
    first = invoices.issue([booking_id, other])
    pay(invoices, first.id, 2000)
    found = invoices.invoice_for_booking(booking_id)
    assert found is not None
    assert (found.id, found.number, found.hirer_id) == (first.id, first.number, world.hirer_id)
    assert (found.gross_pence, found.paid_pence, found.outstanding_pence) == (24000, 2000, 22000)
    assert invoices.invoice_for_booking(other) == found

    invoices.credit_note(first.id, reason="Split into two invoices")
    assert invoices.invoice_for_booking(booking_id) is None
    second = invoices.issue([booking_id])
    found = invoices.invoice_for_booking(booking_id)
    assert found is not None and found.number == second.number
    assert invoices.invoice_for_booking(999_999) is None
    with pytest.raises(ValidationError):
        invoices.invoice_for_booking("BK-1")  # type: ignore[arg-type]
