"""How the booking dialogs describe a booking to the clerk."""

from __future__ import annotations

from spacebank.domain.enums import BookingStatus
from spacebank.services.booking_dto import BookingDetails
from ui.console.formatting import day_text, span_text


def saved_text(details: BookingDetails) -> str:
    """What the clerk tells the caller: 'Held BK-000042 … until Sat 28 Nov 2026 10:00.'"""
    what = (f"{details.reference}: {details.hall_name}, {day_text(details.start.date())} "
            f"{span_text(details.start, details.end)} for {details.hirer_name}")
    if details.status is BookingStatus.PROVISIONAL and details.hold_expires_at:
        expiry = details.hold_expires_at
        return f"Held {what}, until {day_text(expiry.date())} {expiry:%H:%M}."
    return f"{details.status.value.capitalize()} {what}."


def header_text(d: BookingDetails) -> str:
    """Reference, status (with hold expiry or cancellation), hall, time and hirer."""
    status = ("Provisional hold" if d.status is BookingStatus.PROVISIONAL
              else d.status.value.capitalize())
    if d.status is BookingStatus.PROVISIONAL and d.hold_expires_at:
        status += (f", expires {day_text(d.hold_expires_at.date())} "
                   f"{d.hold_expires_at:%H:%M}")
    if d.status is BookingStatus.CANCELLED:
        status += f" by {d.cancelled_by}: {d.cancel_reason}"
    if d.short_notice_approved_by:
        status += f" · short notice approved by {d.short_notice_approved_by}"
    series = " · part of a series" if d.series_id else ""
    return (f"{d.reference} · {status}{series}\n{d.hall_name}, {d.venue_name} · "
            f"{day_text(d.start.date())} {span_text(d.start, d.end)} · {d.hirer_name}")
