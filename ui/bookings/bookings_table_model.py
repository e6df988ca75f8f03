"""Bookings as rows of a list: one `BookingSummary` per row, sortable through a proxy."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from spacebank.domain.enums import BookingStatus
from spacebank.domain.money import format_pence
from spacebank.services.booking_dto import BookingSummary
from ui.row_table_model import RowTableModel

(REFERENCE, DATE, TIME, HALL, VENUE, HIRER, PURPOSE, ATTENDEES, STATUS, TOTAL) = range(10)
HEADERS = ("Reference", "Date", "Time", "Hall", "Venue", "Hirer", "Purpose", "People",
           "Status", "Total")
_NUMERIC = (ATTENDEES, TOTAL)
#: The booking id of a row, for views, actions and tests.
BOOKING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: A plain int or str to sort a column by (a proxy's sortRole).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

STATUS_LABELS = {
    BookingStatus.PROVISIONAL: "Provisional",
    BookingStatus.CONFIRMED: "Confirmed",
    BookingStatus.COMPLETED: "Completed",
    BookingStatus.CANCELLED: "Cancelled",
    BookingStatus.EXPIRED: "Expired",
}
_FADED = (BookingStatus.CANCELLED, BookingStatus.EXPIRED)


def day_text(moment: datetime) -> str:
    """'Sat 12 Dec 2026'."""
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


def time_text(start: datetime, end: datetime) -> str:
    """'14:00–18:00' (an end on a later day says so)."""
    if end.date() != start.date():
        return f"{start:%H:%M}–{end:%H:%M} (+{(end.date() - start.date()).days} d)"
    return f"{start:%H:%M}–{end:%H:%M}"


def status_text(booking: BookingSummary) -> str:
    label = STATUS_LABELS.get(booking.status, booking.status.value)
    if booking.status is BookingStatus.PROVISIONAL and booking.hold_expires_at is not None:
        expiry = booking.hold_expires_at
        return f"Hold to {expiry.day} {expiry:%b %H:%M}"  # short: the column stays narrow
    return label


class _Row(NamedTuple):
    """A booking with its texts and sort keys, worked out once, not on every paint."""

    booking: BookingSummary
    texts: tuple[str, ...]
    keys: tuple[int | str, ...]


def _row(b: BookingSummary) -> _Row:
    texts = _texts(b)
    return _Row(b, texts, _sort_keys(b, texts))


class BookingsTableModel(RowTableModel[_Row]):
    """Rows are frozen `BookingSummary` DTOs, with their texts, in the service's (time) order."""

    id_role = BOOKING_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            HEADERS, parent, right_aligned=_NUMERIC, align_headers=True,
            header_tips={TOTAL: "The booking's price, VAT included (deposits are separate)"})

    def set_bookings(self, bookings: Sequence[BookingSummary]) -> None:
        self.set_rows(_row(b) for b in bookings)

    def booking_at(self, row: int) -> BookingSummary | None:
        found = self.row_at(row)
        return found.booking if found is not None else None

    def row_id(self, item: _Row) -> int:
        return item.booking.id

    def cell(self, item: _Row, column: int) -> str:
        return item.texts[column]

    def tooltip(self, item: _Row, column: int) -> str:
        b = item.booking
        text = (f"{b.reference}: {b.hall_name}, {b.venue_name}, {day_text(b.start)} "
                f"{time_text(b.start, b.end)} — {b.hirer_name}, {b.purpose}")
        if b.status is BookingStatus.PROVISIONAL and b.hold_expires_at is not None:
            text += f". Hold lapses {day_text(b.hold_expires_at)} {b.hold_expires_at:%H:%M}"
        return text

    def foreground(self, item: _Row, column: int) -> QColor | None:
        return _GREY if item.booking.status in _FADED else None

    def role_data(self, item: _Row, column: int, role: int) -> Any:
        return item.keys[column] if role == SORT_ROLE else None


_GREY = QColor(Qt.GlobalColor.darkGray)


def _texts(b: BookingSummary) -> tuple[str, ...]:
    return (
        b.reference, day_text(b.start), time_text(b.start, b.end), b.hall_name, b.venue_name,
        b.hirer_name, b.purpose, str(b.attendees), status_text(b), format_pence(b.total_pence),
    )


_STATUS_ORDER = {status: i for i, status in enumerate(STATUS_LABELS)}


def _sort_keys(b: BookingSummary, texts: tuple[str, ...]) -> tuple[int | str, ...]:
    """Plain ints and strings a proxy compares quickly, one per column."""
    keys: list[int | str] = [text.casefold() for text in texts]
    keys[REFERENCE] = b.id
    keys[DATE] = int(b.start.timestamp())
    keys[TIME] = b.start.hour * 60 + b.start.minute
    keys[ATTENDEES] = b.attendees
    keys[STATUS] = _STATUS_ORDER.get(b.status, 99)
    keys[TOTAL] = b.total_pence
    return tuple(keys)
