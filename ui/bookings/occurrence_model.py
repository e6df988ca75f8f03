"""A series' dates, each with "OK" or what stands in its way, before anything is saved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from spacebank.domain.clock import to_local
from spacebank.services.booking_dto import OccurrenceCheck
from ui.console.formatting import span_text

_Index = QModelIndex | QPersistentModelIndex

NUMBER, DATE, TIME, RESULT = range(4)
HEADERS = ("#", "Date", "Time", "Result")
PROBLEM_COLOUR = QColor("#b03a2e")
FREE_COLOUR = QColor("#1e7b34")


def result_text(check: OccurrenceCheck) -> str:
    return "OK" if check.free else "; ".join(p.message for p in check.problems)


class OccurrenceModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[OccurrenceCheck, ...] = ()

    def set_occurrences(self, occurrences: Sequence[OccurrenceCheck]) -> None:
        self.beginResetModel()
        self._rows = tuple(occurrences)
        self.endResetModel()

    def occurrences(self) -> tuple[OccurrenceCheck, ...]:
        return self._rows

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        check, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NUMBER:
                return str(index.row() + 1)
            if column == DATE:
                return f"{check.day:%a} {check.day.day} {check.day:%b %Y}"
            if column == TIME:
                if check.start is None or check.end is None:
                    return "—"
                return span_text(to_local(check.start), to_local(check.end))
            return result_text(check)
        if role == Qt.ItemDataRole.ToolTipRole and column == RESULT:
            return result_text(check)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{check.day:%A} {check.day.day} {check.day:%B %Y}: {result_text(check)}"
        if role == Qt.ItemDataRole.ForegroundRole and column == RESULT:
            return QBrush(FREE_COLOUR if check.free else PROBLEM_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
