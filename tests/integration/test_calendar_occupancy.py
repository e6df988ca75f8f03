"""The month overview's occupancy and the calendar's bank-holiday venues, on a real database."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import update

from spacebank.domain.clock import to_utc
from spacebank.domain.errors import ValidationError
from spacebank.domain.venue import Closure, Venue
from spacebank.services.availability_service import AvailabilityService
from spacebank.services.booking_dto import BookingRequest
from spacebank.services.booking_service import BookingService
from spacebank.services.occupancy import ClosureNote
from spacebank.storage.database import Database
from tests.factories import World

OPEN_DAY = 14 * 60  # the world's venues open 09:00–23:00 every day


def book(
    bookings: BookingService,
    world: World,
    hall_id: int,
    start: datetime,
    end: datetime,
    *,
    hold: bool = False,
) -> int:
    request = BookingRequest(
        hall_id=hall_id,
        hirer_id=world.hirer_id,
        start=start,
        end=end,
        purpose="Party",
        attendees=10,
    )
    return (bookings.hold(request) if hold else bookings.book(request)).id


def test_occupancy_counts_booked_time_against_open_time(
    availability: AvailabilityService, bookings: BookingService, world: World, db: Database
) -> None:
    book(bookings, world, world.half_a_id, datetime(2026, 12, 12, 14), datetime(2026, 12, 12, 16))
    book(
        bookings,
        world,
        world.small_hall_id,
        datetime(2026, 12, 12, 10),
        datetime(2026, 12, 12, 12),
        hold=True,
    )
    cancelled = book(
        bookings, world, world.small_hall_id, datetime(2026, 12, 13, 10), datetime(2026, 12, 13, 12)
    )
    bookings.cancel(cancelled, reason="Rained off")
    # The main hall's 30-minute buffers are not counted as booked time.
    book(
        bookings, world, world.main_hall_id, datetime(2026, 12, 14, 18), datetime(2026, 12, 14, 20)
    )
    book(
        bookings, world, world.other_hall_id, datetime(2026, 12, 12, 9), datetime(2026, 12, 12, 23)
    )  # another venue
    with db.write() as s:
        s.add(
            Closure(
                venue_id=world.venue_id,
                hall_id=world.small_hall_id,
                starts_at=to_utc(datetime(2026, 12, 14, 8)),
                ends_at=to_utc(datetime(2026, 12, 14, 12)),
                reason="Window cleaning",
            )
        )

    days = availability.occupancy(date(2026, 12, 12), date(2026, 12, 14), venue_id=world.venue_id)

    four_halls = 4 * OPEN_DAY
    assert [(d.day, d.booked_minutes, d.open_minutes, d.bookings) for d in days] == [
        (date(2026, 12, 12), 240, four_halls, 2),
        (date(2026, 12, 13), 0, four_halls, 0),
        (date(2026, 12, 14), 120, four_halls - 180, 1),  # closed 09:00–12:00 only
    ]
    assert days[2].closures == (
        ClosureNote("Window cleaning", "Peckham Community Centre", "Garden Room"),
    )
    assert days[0].ratio == pytest.approx(240 / four_halls)
    whole = availability.occupancy(date(2026, 12, 12), date(2026, 12, 12))
    assert (whole[0].booked_minutes, whole[0].open_minutes) == (240 + OPEN_DAY, 5 * OPEN_DAY)
    one = availability.occupancy(
        date(2026, 12, 12), date(2026, 12, 12), hall_ids=(world.other_hall_id,)
    )
    assert one[0].ratio == 1.0


def test_occupancy_on_bank_holidays(
    availability: AvailabilityService, world: World, db: Database
) -> None:
    days = availability.occupancy(date(2026, 12, 24), date(2026, 12, 25))
    assert days[0].bank_holiday is None and days[0].open_minutes == 5 * OPEN_DAY
    assert "Christmas" in (days[1].bank_holiday or "")
    assert days[1].open_minutes == 0 and days[1].ratio is None
    calendar = availability.calendar(date(2026, 12, 25), date(2026, 12, 25))
    assert calendar.open_on_bank_holidays == frozenset()

    with db.write() as s:
        s.execute(
            update(Venue).where(Venue.id == world.other_venue_id).values(open_on_bank_holidays=True)
        )
    days = availability.occupancy(date(2026, 12, 25), date(2026, 12, 25))
    assert days[0].open_minutes == OPEN_DAY
    calendar = availability.calendar(date(2026, 12, 25), date(2026, 12, 25))
    assert calendar.open_on_bank_holidays == frozenset({world.other_venue_id})


def test_occupancy_refuses_bad_ranges(availability: AvailabilityService, world: World) -> None:
    with pytest.raises(ValidationError):
        availability.occupancy(date(2026, 12, 14), date(2026, 12, 13))
    with pytest.raises(ValidationError):
        availability.occupancy(date(2026, 12, 1), date(2027, 3, 4))
    assert len(availability.occupancy(date(2026, 12, 1), date(2027, 3, 3))) == 93
