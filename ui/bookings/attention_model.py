"""The needs-attention list: one `AttentionItem` per row, soonest due first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from spacebank.services.attention_service import AttentionItem
from ui.bookings.bookings_table_model import BOOKING_ID_ROLE, time_text

_Index = QModelIndex | QPersistentModelIndex

DUE, REFERENCE, EVENT, HALL, HIRER, REASON = range(6)
HEADERS = ("Due", "Reference", "Event", "Where", "Hirer", "What is outstanding")


def due_text(due: datetime, today: date | None = None) -> str:
    """'Today 18:00', 'Tomorrow 10:00' or 'Mon 23 Nov 10:00'."""
    offset = (due.date() - today).days if today is not None else None
    if offset == 0:
        return f"Today {due:%H:%M}"
    if offset == 1:
        return f"Tomorrow {due:%H:%M}"
    return f"{due:%a} {due.day} {due:%b %H:%M}"


class AttentionModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[AttentionItem, ...] = ()
        self._today: date | None = None

    def set_items(self, items: Sequence[AttentionItem], today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = tuple(items)
        self._today = today
        self.endResetModel()

    def item_at(self, row: int) -> AttentionItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def items(self) -> tuple[AttentionItem, ...]:
        return self._rows

    def counts(self) -> tuple[int, int]:
        """(holds lapsing soon, short-notice bookings with something outstanding)."""
        return (sum(1 for i in self._rows if i.hold_expiring),
                sum(1 for i in self._rows if i.short_notice))

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
        if role == Qt.ItemDataRole.ToolTipRole and section == DUE:
            return "When the hold lapses, or when the event starts"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.booking.reference}: {item.reason}. Enter opens the booking."
        if role == BOOKING_ID_ROLE:
            return item.booking.id
        return None

    def _text(self, item: AttentionItem, column: int) -> str:
        b = item.booking
        texts = (
            due_text(item.due, self._today), b.reference,
            f"{b.start:%a} {b.start.day} {b.start:%b} {time_text(b.start, b.end)}",
            f"{b.hall_name}, {b.venue_name}", b.hirer_name,
            item.reason,
        )
        return texts[column] if 0 <= column < len(texts) else ""
