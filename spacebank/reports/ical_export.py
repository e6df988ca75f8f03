"""iCalendar (.ics) of a hall's or venue's bookings, for key holders' diaries.

Times carry TZID=Europe/London with its VTIMEZONE, so Outlook shows wall-clock times
on both sides of a clocks change. UIDs are stable (`booking-<id>@<domain>`) and
SEQUENCE is the booking's version, so re-importing updates events instead of
duplicating them. Events say what a key holder needs (hall, times with set-up and
clean-up, purpose, expected numbers, reference) and nothing about the hirer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO

from sqlalchemy import Row, select

from spacebank.domain.booking import Booking, booking_reference
from spacebank.domain.clock import to_local
from spacebank.domain.enums import BookingStatus
from spacebank.reports.periods import Period
from spacebank.reports.scope import Scope
from spacebank.storage.database import Database

DEFAULT_DOMAIN = "spacebank"
STATUS = {
    BookingStatus.PROVISIONAL: "TENTATIVE",
    BookingStatus.CONFIRMED: "CONFIRMED",
    BookingStatus.COMPLETED: "CONFIRMED",
    BookingStatus.CANCELLED: "CANCELLED",
    # A lapsed hold is gone too: a diary that imported it as tentative must drop it.
    BookingStatus.EXPIRED: "CANCELLED",
}


@dataclass(frozen=True)
class IcsSummary:
    events: int
    scope: str


def write_ics(
    db: Database,
    period: Period,
    scope: Scope,
    out: BinaryIO,
    *,
    domain: str = DEFAULT_DOMAIN,
) -> IcsSummary:
    """Write the bookings of the halls in `scope` starting within `period`."""
    with db.read() as s:
        halls = {h.id: h for h in scope.halls(s)}
        rows = s.execute(
            select(
                Booking.id,
                Booking.hall_id,
                Booking.starts_at,
                Booking.ends_at,
                Booking.setup_minutes,
                Booking.cleanup_minutes,
                Booking.status,
                Booking.purpose,
                Booking.attendees,
                Booking.version,
                Booking.updated_at,
            )
            .where(
                Booking.hall_id.in_(list(halls)),
                Booking.status.in_(list(STATUS)),
                Booking.starts_at >= period.start_utc,
                Booking.starts_at < period.end_utc,
            )
            .order_by(Booking.starts_at, Booking.id)
        ).all()
        label = scope.label(list(halls.values()))
    from icalendar import Calendar, Event  # loaded with the first calendar, not at start-up

    calendar = Calendar()
    calendar.add("prodid", "-//Spacebank//Hall bookings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Bookings: {label}")
    calendar.add("x-wr-timezone", "Europe/London")
    for r in rows:
        hall = halls[r.hall_id]
        reference = booking_reference(r.id)
        event = Event()
        event.add("uid", f"booking-{r.id}@{domain}")
        event.add("dtstamp", r.updated_at)
        event.add("last-modified", r.updated_at)
        event.add("sequence", r.version)
        event.add("dtstart", to_local(r.starts_at))
        event.add("dtend", to_local(r.ends_at))
        event.add("status", STATUS[r.status])
        event.add("summary", f"{hall.name}: {r.purpose} ({reference})")
        event.add("location", f"{hall.name}, {hall.venue_name}, {hall.venue_postcode}".strip(", "))
        event.add("description", _description(r, reference))
        calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=period.first_day - timedelta(days=1),
        last_date=period.last_day + timedelta(days=1),
    )
    out.write(calendar.to_ical())
    return IcsSummary(len(rows), label)


def _description(r: Row, reference: str) -> str:
    start, end = to_local(r.starts_at), to_local(r.ends_at)
    opens = start - timedelta(minutes=r.setup_minutes)
    locks = end + timedelta(minutes=r.cleanup_minutes)
    lines = [
        f"Booking {reference} ({r.status.value}).",
        f"Hall needed {opens:%H:%M}–{locks:%H:%M} including set-up and clean-up.",
        f"Expected attendees: {r.attendees}.",
    ]
    return "\n".join(lines)
