"""A hall picker grouped by venue: venue names as headings, halls (with size) under them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QWidget

from spacebank.services.venue_dto import HallSummary

_Index = QModelIndex | QPersistentModelIndex

HALL_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def hall_text(hall: HallSummary) -> str:
    """'Main Hall (north half) — 60 people, Peckham Community Centre'."""
    return f"{hall.name} — {hall.capacity} people, {hall.venue_name}"


class HallChoiceModel(QAbstractListModel):
    """Rows are venue headings (not selectable) and halls, in the service's order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[str | HallSummary, ...] = ()

    def set_halls(self, halls: Sequence[HallSummary]) -> None:
        rows: list[str | HallSummary] = []
        venue_id: int | None = None
        for hall in halls:
            if hall.venue_id != venue_id:
                rows.append(hall.venue_name)
                venue_id = hall.venue_id
            rows.append(hall)
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_of(self, hall_id: int | None) -> int:
        return next((i for i, r in enumerate(self._rows)
                     if isinstance(r, HallSummary) and r.id == hall_id), -1)

    def hall_at(self, row: int) -> HallSummary | None:
        if 0 <= row < len(self._rows) and isinstance(self._rows[row], HallSummary):
            return self._rows[row]  # type: ignore[return-value]
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], HallSummary):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, str):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hall_text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [f"{row.capacity} people", f"minimum {row.min_booking_minutes} min"]
            if row.setup_minutes or row.cleanup_minutes:
                parts.append(f"set-up {row.setup_minutes} min, clean-up "
                             f"{row.cleanup_minutes} min")
            if row.parent_name:
                parts.append(f"part of {row.parent_name}")
            return f"{row.name}, {row.venue_name}: " + "; ".join(parts)
        if role == HALL_ID_ROLE:
            return row.id
        return None


class HallCombo(QComboBox):
    """Active halls grouped by venue; `hall_id()` is None until one is chosen."""

    def __init__(self, parent: QWidget | None = None, *, accessible_name: str = "Hall") -> None:
        super().__init__(parent)
        self.choices = HallChoiceModel(self)
        self.setModel(self.choices)
        self.setAccessibleName(accessible_name)
        self.setToolTip("The hall: type its first letters to jump to it")
        self.setPlaceholderText("Choose the hall (type its first letters)")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)

    def set_halls(self, halls: Sequence[HallSummary], hall_id: int | None = None) -> None:
        self.choices.set_halls(halls)
        self.set_hall_id(hall_id)

    def set_hall_id(self, hall_id: int | None) -> None:
        self.setCurrentIndex(self.choices.row_of(hall_id))

    def hall_id(self) -> int | None:
        hall = self.choices.hall_at(self.currentIndex())
        return hall.id if hall else None

    def hall(self) -> HallSummary | None:
        return self.choices.hall_at(self.currentIndex())
