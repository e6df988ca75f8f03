"""One section of a report (`reports.view.Section`) as a read-only table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from spacebank.reports.cells import shown
from spacebank.reports.view import Kind, Section

_Index = QModelIndex | QPersistentModelIndex
#: The cell's typed value (pence, minutes, Decimal…), for sorting and tests.
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class ReportTableModel(QAbstractTableModel):
    def __init__(self, section: Section, parent: Any = None) -> None:
        super().__init__(parent)
        self._section = section

    @property
    def title(self) -> str:
        return self._section.title

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._section.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._section.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._section.rows):
            return None
        column = self._section.columns[index.column()]
        value = self._section.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(column.kind, value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_LEFT if column.kind is Kind.TEXT else _RIGHT)
        if role == VALUE_ROLE:
            return value if isinstance(value, str | int) else str(value)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._section.columns):
                return self._section.columns[section].title
            return None
        return section + 1
