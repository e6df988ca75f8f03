"""The needs-attention list: expiring holds and short-notice loose ends (both engines)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from spacebank.domain.enums import BookingStatus, PaymentMethod
from spacebank.services.attention_service import AttentionItem, AttentionService
from spacebank.services.booking_dto import BookingRequest
from spacebank.services.booking_service import BookingService
from spacebank.services.context import ServiceContext
from spacebank.services.deposit_service import DepositService
from spacebank.services.invoice_dto import PaymentInput
from spacebank.services.invoice_service import InvoiceService
from spacebank.services.settings_service import SettingsService
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import World, add_booking

#: The FrozenClock starts at Sat 21 Nov 2026 10:00 UTC; notice is 14 days (to 5 Dec 10:00).
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)


@pytest.fixture
def attention(ctx: ServiceContext) -> AttentionService:
    return AttentionService(ctx)


def book(db: Database, world: World, start: datetime, *, hours: int = 4,
         status: BookingStatus = BookingStatus.CONFIRMED, deposit_pence: int = 0,
         hall_id: int | None = None, free: bool = False) -> int:
    with db.write() as s:
        booking = add_booking(s, hall_id=hall_id or world.main_hall_id, hirer_id=world.hirer_id,
                              start=start, end=start + timedelta(hours=hours), status=status,
                              charges=() if free else None)
        booking.deposit_pence = deposit_pence
        s.flush()
        return booking.id


def by_id(items: list[AttentionItem]) -> dict[int, AttentionItem]:
    return {i.booking.id: i for i in items}


def test_nothing_to_do_on_an_empty_diary(attention: AttentionService, world: World) -> None:
    assert attention.needs_attention() == []


def test_hold_lapsing_within_48_hours_is_listed(
    attention: AttentionService, bookings: BookingService, world: World, clock: FrozenClock
) -> None:
    held = bookings.hold(BookingRequest(
        hall_id=world.half_a_id, hirer_id=world.hirer_id, start=datetime(2026, 12, 12, 14),
        end=datetime(2026, 12, 12, 18), purpose="Party", attendees=30))
    # Lapses on 28 Nov 10:00, a week away: not yet.
    assert attention.needs_attention() == []
    clock.advance(timedelta(days=6))
    [item] = attention.needs_attention()
    assert item.booking.id == held.id
    assert (item.hold_expiring, item.short_notice) == (True, False)
    assert item.due == held.hold_expires_at
    assert item.reason == "Hold lapses Sat 28 Nov 10:00"
    # Once lapsed it is no longer "about to" lapse.
    clock.advance(timedelta(days=1, seconds=1))
    assert attention.needs_attention() == []


def test_short_notice_bookings_with_something_outstanding(
    attention: AttentionService, invoices: InvoiceService, deposits: DepositService,
    world: World, db: Database,
) -> None:
    sat = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)
    not_invoiced = book(db, world, sat)
    unpaid = book(db, world, sat, hall_id=world.small_hall_id)
    paid = book(db, world, sat, hall_id=world.other_hall_id)
    deposit_due = book(db, world, sat + timedelta(days=1), deposit_pence=15000)
    book(db, world, sat + timedelta(days=2), free=True)  # nothing to pay
    book(db, world, sat + timedelta(days=3), status=BookingStatus.CANCELLED)
    book(db, world, datetime(2026, 12, 19, 14, tzinfo=UTC))  # outside the notice period
    unpaid_invoice = invoices.issue([unpaid])
    for booking_id in (paid, deposit_due):
        invoice = invoices.issue([booking_id])
        invoices.record_payment(invoice.id, PaymentInput(
            invoice.gross_pence, PaymentMethod.CASH, TODAY))

    items = attention.needs_attention()
    assert [i.booking.id for i in items] == [not_invoiced, unpaid, deposit_due]  # by due time
    found = by_id(items)
    assert all(i.short_notice and not i.hold_expiring for i in items)
    assert found[not_invoiced].reason == "Event in 7 days: not invoiced (£120.00)"
    assert found[unpaid].reason == (
        f"Event in 7 days: £120.00 unpaid on {unpaid_invoice.number}")
    assert found[deposit_due].reason == "Event in 8 days: deposit £150.00 not received"
    assert found[not_invoiced].due == sat

    deposits.require(deposit_due)
    assert deposit_due in by_id(attention.needs_attention())  # asked for, not yet received
    deposits.mark_received(deposit_due, PaymentMethod.CARD_BY_PHONE, TODAY)
    invoices.record_payment(unpaid_invoice.id, PaymentInput(5000, PaymentMethod.CASH, TODAY))
    items = by_id(attention.needs_attention())
    assert set(items) == {not_invoiced, unpaid}
    assert items[unpaid].reason == f"Event in 7 days: £70.00 unpaid on {unpaid_invoice.number}"


def test_credited_invoice_counts_as_not_invoiced(
    attention: AttentionService, invoices: InvoiceService, world: World, db: Database
) -> None:
    booking_id = book(db, world, datetime(2026, 11, 22, 14, tzinfo=UTC))
    invoice = invoices.issue([booking_id])
    invoices.record_payment(invoice.id, PaymentInput(invoice.gross_pence, PaymentMethod.CASH,
                                                     TODAY))
    assert attention.needs_attention() == []
    invoices.credit_note(invoice.id, reason="Wrong rate")
    [item] = attention.needs_attention()
    assert item.reason == "Event tomorrow: not invoiced (£120.00)"


def test_hold_inside_notice_period_shows_both_reasons(
    attention: AttentionService, bookings: BookingService, world: World
) -> None:
    held = bookings.hold(BookingRequest(
        hall_id=world.half_a_id, hirer_id=world.hirer_id, start=datetime(2026, 11, 21, 18),
        end=datetime(2026, 11, 21, 20), purpose="Party", attendees=30))
    [item] = attention.needs_attention()
    assert item.booking.id == held.id
    assert (item.hold_expiring, item.short_notice) == (True, True)
    assert item.due == held.hold_expires_at  # the event itself: a hold never outlives it
    assert item.reason == (
        "Hold lapses Sat 21 Nov 18:00; Event today: not confirmed or invoiced (£80.00); "
        "deposit £150.00 not received"
    )


def test_notice_period_follows_the_policy(
    attention: AttentionService, ctx: ServiceContext, world: World, db: Database
) -> None:
    booking_id = book(db, world, datetime(2026, 12, 19, 14, tzinfo=UTC))
    assert attention.needs_attention() == []
    settings = SettingsService(ctx)
    settings.update_policy(replace(settings.policy(), notice_days=30))
    assert [i.booking.id for i in attention.needs_attention()] == [booking_id]


def test_started_and_lapsed_bookings_are_left_out(
    attention: AttentionService, world: World, db: Database, clock: FrozenClock
) -> None:
    book(db, world, NOW - timedelta(hours=1))  # already under way
    book(db, world, NOW + timedelta(days=1), status=BookingStatus.EXPIRED,
         hall_id=world.small_hall_id)
    assert attention.needs_attention() == []


@pytest.fixture
def invoices(ctx: ServiceContext) -> InvoiceService:
    return InvoiceService(ctx)


@pytest.fixture
def deposits(ctx: ServiceContext) -> DepositService:
    return DepositService(ctx)
