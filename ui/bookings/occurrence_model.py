"""A series' dates, each with "OK" or what stands in its way, before anything is saved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from spacebank.domain.clock import to_local
from spacebank.services.booking_dto import OccurrenceCheck
from ui.console.formatting import span_text
from ui.row_table_model import Index, RowTableModel

NUMBER, DATE, TIME, RESULT = range(4)
HEADERS = ("#", "Date", "Time", "Result")
PROBLEM_COLOUR = QColor("#b03a2e")
FREE_COLOUR = QColor("#1e7b34")


def result_text(check: OccurrenceCheck) -> str:
    return "OK" if check.free else "; ".join(p.message for p in check.problems)


class OccurrenceModel(RowTableModel[OccurrenceCheck]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent, right_aligned=(NUMBER,))

    def set_occurrences(self, occurrences: Sequence[OccurrenceCheck]) -> None:
        self.set_rows(occurrences)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The number is the row's place in the list, which its DTO does not know.
        if (role == Qt.ItemDataRole.DisplayRole and index.column() == NUMBER
                and index.isValid() and self.row_at(index.row()) is not None):
            return str(index.row() + 1)
        return super().data(index, role)

    def cell(self, check: OccurrenceCheck, column: int) -> str:
        if column == DATE:
            return f"{check.day:%a} {check.day.day} {check.day:%b %Y}"
        if column == TIME:
            if check.start is None or check.end is None:
                return "—"
            return span_text(to_local(check.start), to_local(check.end))
        return result_text(check)

    def tooltip(self, check: OccurrenceCheck, column: int) -> str | None:
        return result_text(check) if column == RESULT else None

    def foreground(self, check: OccurrenceCheck, column: int) -> QBrush | None:
        if column != RESULT:
            return None
        return QBrush(FREE_COLOUR if check.free else PROBLEM_COLOUR)

    def role_data(self, check: OccurrenceCheck, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{check.day:%A} {check.day.day} {check.day:%B %Y}: {result_text(check)}"
        return None
