"""One cheap query shape for booking rows in lists and calendars."""

from __future__ import annotations

from sqlalchemy import Row, Select, select

from spacebank.domain.booking import Booking, booking_reference
from spacebank.domain.clock import to_local
from spacebank.domain.hirer import Hirer
from spacebank.domain.venue import Hall, Venue
from spacebank.services.booking_dto import BookingSummary


def summary_columns() -> Select:
    return (
        select(
            Booking.id,
            Booking.hall_id,
            Hall.name,
            Venue.name,
            Booking.hirer_id,
            Hirer.name,
            Hirer.organisation,
            Booking.series_id,
            Booking.starts_at,
            Booking.ends_at,
            Booking.blocked_start,
            Booking.blocked_end,
            Booking.status,
            Booking.purpose,
            Booking.attendees,
            Booking.total_pence,
            Booking.hold_expires_at,
        )
        .join(Hall, Hall.id == Booking.hall_id)
        .join(Venue, Venue.id == Hall.venue_id)
        .join(Hirer, Hirer.id == Booking.hirer_id)
    )


def to_summary(r: Row) -> BookingSummary:
    return BookingSummary(
        id=r[0],
        reference=booking_reference(r[0]),
        hall_id=r[1],
        hall_name=r[2],
        venue_name=r[3],
        hirer_id=r[4],
        hirer_name=r[6] or r[5],
        series_id=r[7],
        start=to_local(r[8]),
        end=to_local(r[9]),
        blocked_start=to_local(r[10]),
        blocked_end=to_local(r[11]),
        status=r[12],
        purpose=r[13],
        attendees=r[14],
        total_pence=r[15],
        hold_expires_at=to_local(r[16]) if r[16] else None,
    )
