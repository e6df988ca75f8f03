"""Bookings as rows of a list: one `BookingSummary` per row, sortable through a proxy."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from spacebank.domain.enums import BookingStatus
from spacebank.domain.money import format_pence
from spacebank.services.booking_dto import BookingSummary

_Index = QModelIndex | QPersistentModelIndex

(REFERENCE, DATE, TIME, HALL, VENUE, HIRER, PURPOSE, ATTENDEES, STATUS, TOTAL) = range(10)
HEADERS = ("Reference", "Date", "Time", "Hall", "Venue", "Hirer", "Purpose", "People",
           "Status", "Total")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
        return f"{label} (to {expiry.day} {expiry:%b %H:%M})"
    return label


class BookingsTableModel(QAbstractTableModel):
    """Rows are frozen `BookingSummary` DTOs in the service's (time) order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[BookingSummary, ...] = ()
        self._texts: list[tuple[str, ...]] = []
        self._keys: list[tuple[int | str, ...]] = []

    def set_bookings(self, bookings: Sequence[BookingSummary]) -> None:
        self.beginResetModel()
        self._rows = tuple(bookings)
        # Worked out once here, not on every paint or sort comparison.
        self._texts = [_texts(b) for b in self._rows]
        self._keys = [_sort_keys(b, texts) for b, texts in zip(self._rows, self._texts,
                                                               strict=True)]
        self.endResetModel()

    def booking_at(self, row: int) -> BookingSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def booking_ids(self) -> list[int]:
        return [b.id for b in self._rows]

    def row_of(self, booking_id: int) -> int | None:
        for row, booking in enumerate(self._rows):
            if booking.id == booking_id:
                return row
        return None

    # -- Qt ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and section == TOTAL:
            return "The booking's price, VAT included (deposits are separate)"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][column]
        if role == SORT_ROLE:
            return self._keys[row][column]
        booking = self._rows[row]
        if role == BOOKING_ID_ROLE:
            return booking.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and booking.status in _FADED:
            return _GREY
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(booking)
        return None

    def _tooltip(self, b: BookingSummary) -> str:
        text = (f"{b.reference}: {b.hall_name}, {b.venue_name}, {day_text(b.start)} "
                f"{time_text(b.start, b.end)} — {b.hirer_name}, {b.purpose}")
        if b.status is BookingStatus.PROVISIONAL and b.hold_expires_at is not None:
            text += f". Hold lapses {day_text(b.hold_expires_at)} {b.hold_expires_at:%H:%M}"
        return text


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
