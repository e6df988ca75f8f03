"""Taking, confirming, moving and cancelling bookings on a real database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from spacebank.domain.audit import AuditEntry
from spacebank.domain.booking import Booking
from spacebank.domain.enums import BookingStatus, DiscountKind, RateType
from spacebank.domain.errors import (
    ApprovalRequiredError,
    BookingClashError,
    CapacityError,
    ClosedError,
    DomainError,
    NotFoundError,
    StatusError,
    TimeError,
    ValidationError,
)
from spacebank.domain.pricing import Discount
from spacebank.domain.venue import Closure
from spacebank.services.booking_dto import BookingChange, BookingFilter, BookingRequest
from spacebank.services.booking_service import BookingService
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import World

SAT = datetime(2026, 12, 12)  # a Saturday well outside the notice period


def request(world: World, start: datetime, end: datetime, **overrides: object) -> BookingRequest:
    values: dict[str, object] = {
        "hall_id": world.half_a_id, "hirer_id": world.hirer_id, "start": start, "end": end,
        "purpose": "Birthday party", "attendees": 40,
    }
    values.update(overrides)
    return BookingRequest(**values)  # type: ignore[arg-type]


def counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (s.scalar(select(func.count()).select_from(Booking)) or 0,
                s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_hold_prices_and_records(bookings: BookingService, world: World, db: Database) -> None:
    held = bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=18)))
    assert held.status is BookingStatus.PROVISIONAL
    assert held.reference == f"BK-{held.id:06d}"
    assert held.start.hour == 14 and str(held.start.tzinfo) == "Europe/London"
    assert held.rate_type is RateType.PRIVATE  # a resident's party
    assert held.total_pence == 4 * 4000  # Saturday: evening/weekend private rate
    assert held.deposit_pence == 15000
    # Hold lasts 7 days from "now" (before the 14-day notice deadline).
    assert held.hold_expires_at == datetime(2026, 11, 28, 10, 0).astimezone(held.start.tzinfo)
    assert counts(db) == (1, 1)


def test_back_to_back_bookings_do_not_clash(bookings: BookingService, world: World) -> None:
    bookings.hold(request(world, SAT.replace(hour=10), SAT.replace(hour=12)))
    bookings.hold(request(world, SAT.replace(hour=12), SAT.replace(hour=14)))


def test_overlap_refused_with_reference_and_db_unchanged(
    bookings: BookingService, world: World, db: Database
) -> None:
    first = bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=18)))
    before = counts(db)
    with pytest.raises(BookingClashError) as err:
        bookings.hold(request(world, SAT.replace(hour=17), SAT.replace(hour=19)))
    assert first.reference in err.value.user_message
    assert counts(db) == before


def test_buffers_block_neighbouring_time(bookings: BookingService, world: World) -> None:
    # Main hall has 30 min set-up and clean-up: 14:00–16:00 holds it 13:30–16:30, and
    # the next hirer's set-up may not overlap this one's clean-up.
    bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16),
                          hall_id=world.main_hall_id))
    for minute in (15, 30):
        with pytest.raises(BookingClashError):
            bookings.hold(request(world, SAT.replace(hour=16, minute=minute),
                                  SAT.replace(hour=18), hall_id=world.main_hall_id))
    bookings.hold(request(world, SAT.replace(hour=17), SAT.replace(hour=19),
                          hall_id=world.main_hall_id))
    bookings.hold(request(world, SAT.replace(hour=10), SAT.replace(hour=13),
                          hall_id=world.main_hall_id))


def test_combined_halls_block_each_other(bookings: BookingService, world: World) -> None:
    bookings.hold(request(world, SAT.replace(hour=10), SAT.replace(hour=12)))  # north half
    # The other half is independent...
    bookings.hold(request(world, SAT.replace(hour=10), SAT.replace(hour=12),
                          hall_id=world.half_b_id))
    # ...but the whole hall is blocked by either half, and vice versa.
    with pytest.raises(BookingClashError, match="connected part"):
        bookings.hold(request(world, SAT.replace(hour=11), SAT.replace(hour=13),
                              hall_id=world.main_hall_id))
    bookings.hold(request(world, SAT.replace(hour=15), SAT.replace(hour=17),
                          hall_id=world.main_hall_id))
    with pytest.raises(BookingClashError):
        bookings.hold(request(world, SAT.replace(hour=16), SAT.replace(hour=18),
                              hall_id=world.half_b_id))


@pytest.mark.parametrize(
    ("start", "end", "error", "field", "text"),
    [
        (SAT.replace(hour=14), SAT.replace(hour=14), TimeError, "end", "after the start"),
        (SAT.replace(hour=14), SAT.replace(hour=13), TimeError, "end", "after the start"),
        (datetime(2026, 11, 20, 14), datetime(2026, 11, 20, 16), TimeError, "start", "past"),
        (datetime(2029, 1, 6, 14), datetime(2029, 1, 6, 16), TimeError, "start", "730 days"),
        (SAT.replace(hour=7), SAT.replace(hour=10), ClosedError, "start", "09:00–23:00"),
        (SAT.replace(hour=21), SAT.replace(hour=23, minute=30), ClosedError, "end", "outside"),
        (datetime(2026, 12, 25, 10), datetime(2026, 12, 25, 12), ClosedError, "start",
         "Christmas"),
        (datetime(2027, 3, 28, 1, 30), datetime(2027, 3, 28, 3), TimeError, "start",
         "does not exist"),
        (datetime(2027, 10, 31, 1, 30), datetime(2027, 10, 31, 3), TimeError, "start",
         "happens twice"),
        (SAT.replace(hour=14), SAT.replace(hour=14, minute=30), ValidationError, "end",
         "at least 60 minutes"),
    ],
)
def test_bad_times_refused(
    bookings: BookingService, world: World, db: Database, start: datetime, end: datetime,
    error: type[DomainError], field: str, text: str,
) -> None:
    before = counts(db)
    with pytest.raises(error) as err:
        bookings.hold(request(world, start, end))
    assert err.value.field == field
    assert text in err.value.user_message
    assert counts(db) == before


@pytest.mark.parametrize("attendees", [0, -5, 61])
def test_attendees_outside_capacity(bookings: BookingService, world: World,
                                    attendees: int) -> None:
    with pytest.raises(CapacityError) as err:
        bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16),
                              attendees=attendees))
    assert err.value.field == "attendees"


@pytest.mark.parametrize(
    ("purpose", "message"),
    [("", "required"), ("x" * 10_000, "too long"), ("Party\x00", "control character"),
     ("tab\there", "control character")],
)
def test_bad_purpose(bookings: BookingService, world: World, purpose: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16),
                              purpose=purpose))


def test_sql_looking_text_is_stored_unchanged(bookings: BookingService, world: World) -> None:
    text = "Robert'); DROP TABLE bookings;--"
    held = bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16),
                                 purpose=text, notes="1' OR '1'='1\nsecond line"))
    again = bookings.get(held.id)
    assert again.purpose == text
    assert again.notes == "1' OR '1'='1\nsecond line"


def test_closure_refuses_booking(bookings: BookingService, world: World, db: Database) -> None:
    with db.write() as s:
        s.add(Closure(venue_id=world.venue_id, hall_id=None,
                      starts_at=datetime(2026, 12, 12, 0, 0).astimezone(),
                      ends_at=datetime(2026, 12, 13, 0, 0).astimezone(),
                      reason="Polling station"))
    with pytest.raises(ClosedError, match="Polling station"):
        bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16)))


def test_unknown_hall_and_hirer(bookings: BookingService, world: World) -> None:
    with pytest.raises(NotFoundError):
        bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16), hall_id=999))
    with pytest.raises(NotFoundError):
        bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16), hirer_id=999))


def test_confirm_and_cancel(bookings: BookingService, world: World, db: Database) -> None:
    held = bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16)))
    confirmed = bookings.confirm(held.id, expected_version=held.version)
    assert confirmed.status is BookingStatus.CONFIRMED
    assert confirmed.hold_expires_at is None
    with pytest.raises(StatusError):
        bookings.confirm(held.id)
    with pytest.raises(ValidationError, match="reason"):
        bookings.cancel(held.id, reason="  ")
    cancelled = bookings.cancel(held.id, reason="Family illness")
    assert cancelled.status is BookingStatus.CANCELLED
    assert cancelled.cancelled_by == "test.clerk"
    assert cancelled.cancel_reason == "Family illness"
    # The slot is free again.
    bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16)))
    with db.read() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["create", "confirm", "cancel", "create"]


def test_stale_version_refused(bookings: BookingService, world: World) -> None:
    held = bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16)))
    bookings.change(held.id, BookingChange(notes="Bringing a cake"))
    with pytest.raises(StatusError, match="another desk"):
        bookings.confirm(held.id, expected_version=held.version)


def test_short_notice_needs_approval(bookings: BookingService, world: World) -> None:
    soon = datetime(2026, 11, 28)  # a week away
    with pytest.raises(ApprovalRequiredError) as err:
        bookings.book(request(world, soon.replace(hour=14), soon.replace(hour=16)))
    assert "14 days" in err.value.user_message
    booked = bookings.book(request(world, soon.replace(hour=14), soon.replace(hour=16)),
                           short_notice_approved_by="A. Manager")
    assert booked.short_notice_approved_by == "A. Manager"
    # A hold inside the notice period lasts at most a day.
    held = bookings.hold(request(world, soon.replace(hour=17), soon.replace(hour=19)))
    assert held.hold_expires_at is not None
    assert held.hold_expires_at - datetime(2026, 11, 21, 10).astimezone() <= timedelta(days=1)


def test_lapsed_hold_expires_and_frees_the_slot(
    bookings: BookingService, world: World, clock: FrozenClock
) -> None:
    held = bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16)))
    clock.advance(timedelta(days=8))
    other = bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16),
                                  hirer_id=world.charity_id))
    assert other.status is BookingStatus.PROVISIONAL
    assert bookings.get(held.id).status is BookingStatus.EXPIRED


def test_expire_lapsed_holds_sweep(bookings: BookingService, world: World,
                                   clock: FrozenClock) -> None:
    bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16)))
    bookings.hold(request(world, SAT.replace(hour=17), SAT.replace(hour=19)))
    assert bookings.expire_lapsed_holds() == 0
    clock.advance(timedelta(days=7))
    assert bookings.expire_lapsed_holds() == 2
    assert bookings.expire_lapsed_holds() == 0


def test_move_revalidates_and_reprices(bookings: BookingService, world: World) -> None:
    a = bookings.book(request(world, SAT.replace(hour=10), SAT.replace(hour=12)))
    bookings.book(request(world, SAT.replace(hour=14), SAT.replace(hour=16)))
    with pytest.raises(BookingClashError):
        bookings.move(a.id, start=SAT.replace(hour=15), end=SAT.replace(hour=17))
    tuesday = datetime(2026, 12, 15)
    moved = bookings.move(a.id, start=tuesday.replace(hour=10), end=tuesday.replace(hour=13))
    assert moved.start.day == 15 and moved.total_pence == 3 * 3000  # weekday daytime
    moved = bookings.move(a.id, start=tuesday.replace(hour=10), end=tuesday.replace(hour=13),
                          hall_id=world.other_hall_id)
    assert moved.hall_id == world.other_hall_id and moved.venue_id == world.other_venue_id


def test_change_with_discount_and_extras(bookings: BookingService, world: World) -> None:
    held = bookings.hold(request(world, SAT.replace(hour=14), SAT.replace(hour=16),
                                 extras=((world.kitchen_extra_id, 1),)))
    assert held.total_pence == 2 * 4000 + 2500
    with pytest.raises(ApprovalRequiredError):
        bookings.change(held.id, BookingChange(
            discount=Discount(DiscountKind.PERCENT, 5000, "Resident priority", "")))
    changed = bookings.change(held.id, BookingChange(
        discount=Discount(DiscountKind.WAIVER, 0, "Ward councillor's free use", "A. Manager"),
        rate_type=RateType.COMMUNITY))
    assert changed.total_pence == 0
    assert any("Ward councillor" in c.description for c in changed.charges)
    with pytest.raises(CapacityError):
        bookings.change(held.id, BookingChange(attendees=500))


def test_list_filters(bookings: BookingService, world: World) -> None:
    a = bookings.hold(request(world, SAT.replace(hour=10), SAT.replace(hour=12)))
    b = bookings.book(request(world, SAT.replace(hour=14), SAT.replace(hour=16),
                              hall_id=world.other_hall_id, hirer_id=world.charity_id))
    bookings.cancel(a.id, reason="Changed plans")
    everything = bookings.list(BookingFilter(first_day=SAT.date(), last_day=SAT.date()))
    assert [r.id for r in everything] == [a.id, b.id]
    confirmed = bookings.list(BookingFilter(statuses=frozenset({BookingStatus.CONFIRMED})))
    assert [r.id for r in confirmed] == [b.id]
    assert confirmed[0].hirer_name == "Peckham Toddler Group"
    assert bookings.list(BookingFilter(hirer_id=world.hirer_id))[0].status is \
        BookingStatus.CANCELLED


def test_complete_finished(bookings: BookingService, world: World, clock: FrozenClock) -> None:
    b = bookings.book(request(world, SAT.replace(hour=10), SAT.replace(hour=12)))
    clock.advance(timedelta(days=30))
    assert bookings.complete_finished() == 1
    assert bookings.get(b.id).status is BookingStatus.COMPLETED
    with pytest.raises(StatusError):
        bookings.cancel(b.id, reason="too late")
