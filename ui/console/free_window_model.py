"""Nearest free times of halls that would suit the caller but are taken then."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from spacebank.services.booking_dto import FreeWindow
from ui.console.formatting import short_day_text, span_text

_Index = QModelIndex | QPersistentModelIndex

HALL, VENUE, DAY, FREE, OFFER = range(5)
_HEADERS = ("Hall", "Venue", "Day", "Free", "Enter books")
HALL_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class NearestFree:
    """One free stretch of a hall, and the slot of the asked length it offers."""

    hall_name: str
    venue_name: str
    window: FreeWindow
    #: The length the caller asked for; the offer starts when the window does.
    minutes: int

    @property
    def hall_id(self) -> int:
        return self.window.hall_id

    @property
    def offer_start(self) -> datetime:
        return self.window.start

    @property
    def offer_end(self) -> datetime:
        return self.window.start + timedelta(minutes=self.minutes)


class FreeWindowTableModel(QAbstractTableModel):
    """Rows are `NearestFree` (a `FreeWindow` DTO with its hall's names), grouped by hall."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[NearestFree, ...] = ()

    def set_rows(self, rows: Sequence[NearestFree]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows(())

    def row_at(self, row: int) -> NearestFree | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == OFFER:
            return "The slot of the length asked for that Enter puts in the booking dialog"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{row.hall_name} is free {short_day_text(row.window.start.date())} "
                    f"{span_text(row.window.start, row.window.end)}; Enter books "
                    f"{span_text(row.offer_start, row.offer_end)}.")
        if role == HALL_ID_ROLE:
            return row.hall_id
        return None

    @staticmethod
    def _text(row: NearestFree, column: int) -> str:
        if column == HALL:
            return row.hall_name
        if column == VENUE:
            return row.venue_name
        if column == DAY:
            return short_day_text(row.window.start.date())
        if column == FREE:
            return span_text(row.window.start, row.window.end)
        if column == OFFER:
            return span_text(row.offer_start, row.offer_end)
        return ""
