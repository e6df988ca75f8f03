"""Words for what the calendar shows: block lines, tooltips, the cursor's description.

Pure (no Qt), so the wording is tested without a display.
"""

from __future__ import annotations

from datetime import date, datetime

from spacebank.domain.enums import BookingStatus
from spacebank.domain.money import format_pence
from spacebank.services.booking_dto import BookingSummary
from ui.calendar.layout import ColumnSpec, Shade

#: Said on the block itself where colour alone would not tell (confirmed and completed
#: bookings say nothing extra).
_BLOCK_PREFIX = {
    BookingStatus.PROVISIONAL: "Hold · ",
    BookingStatus.CANCELLED: "Cancelled · ",
    BookingStatus.EXPIRED: "Expired · ",
}

STATUS_WORDS = {
    BookingStatus.PROVISIONAL: "Hold",
    BookingStatus.CONFIRMED: "Confirmed",
    BookingStatus.COMPLETED: "Completed",
    BookingStatus.CANCELLED: "Cancelled",
    BookingStatus.EXPIRED: "Hold expired",
}


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def span(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def block_lines(booking: BookingSummary, lines: int, *, narrow: bool = False) -> list[str]:
    """What a block says with room for `lines` lines: who, what, when, the reference;
    a `narrow` block only who, the start time and what."""
    when = _BLOCK_PREFIX.get(booking.status, "") + span(booking.start, booking.end)
    if lines <= 1:
        return [f"{booking.start:%H:%M} {booking.hirer_name}"]
    if narrow:
        return [booking.hirer_name, f"{booking.start:%H:%M}", booking.purpose][:lines]
    if lines == 2:
        return [booking.hirer_name, when]
    return [booking.hirer_name, booking.purpose, when, booking.reference][:lines]


def booking_tooltip(booking: BookingSummary) -> str:
    rows = [
        f"{booking.reference} — {STATUS_WORDS[booking.status]}",
        f"{booking.hirer_name}: {booking.purpose}",
        f"{booking.hall_name}, {booking.venue_name}",
        f"{day_text(booking.start.date())} {span(booking.start, booking.end)}",
    ]
    if (booking.blocked_start, booking.blocked_end) != (booking.start, booking.end):
        rows.append(f"Hall blocked {span(booking.blocked_start, booking.blocked_end)} "
                    "(set-up and clean-up)")
    rows.append(f"{booking.attendees} people · {format_pence(booking.total_pence)}")
    if booking.status is BookingStatus.PROVISIONAL and booking.hold_expires_at:
        rows.append(f"Hold expires {booking.hold_expires_at:%a} {booking.hold_expires_at.day} "
                    f"{booking.hold_expires_at:%b %H:%M}")
    return "\n".join(rows)


def cursor_text(column: ColumnSpec, start_minute: int, end_minute: int,
                booking: BookingSummary | None, shade: Shade | None) -> str:
    """One line for the status bar and screen readers: where the cursor is and what is there."""
    names = [n for n in (column.hall_name or column.title, column.venue_name) if n]
    where = f"{', '.join(names)}, {day_text(column.day)}"
    if booking is not None:
        return (f"{where}: {booking.reference} {STATUS_WORDS[booking.status].lower()}, "
                f"{booking.hirer_name}, {booking.purpose}, {span(booking.start, booking.end)} "
                "— Enter opens it, M moves it")
    when = f"{hhmm(start_minute)}–{hhmm(end_minute)}"
    if shade is not None:
        return f"{where}, {when}: {shade.label}"
    return f"{where}, {when}: free — Enter starts a booking"
