"""The hirers directory: one `HirerSummary` per row, in the service's (name) order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from spacebank.services.hirer_dto import HirerSummary
from ui.hirers.hirer_lookup_model import hirer_type_label

_Index = QModelIndex | QPersistentModelIndex

NAME, TYPE, PHONE, POSTCODE = range(4)
HEADERS = ("Name", "Type", "Phone", "Postcode")
#: The hirer id of a row, for views and tests.
HIRER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class HirerDirectoryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[HirerSummary, ...] = ()

    def set_hirers(self, hirers: Sequence[HirerSummary]) -> None:
        self.beginResetModel()
        self._rows = tuple(hirers)
        self.endResetModel()

    def append_hirers(self, hirers: Sequence[HirerSummary]) -> None:
        """Add the next page at the end (rows already listed are skipped)."""
        known = {h.id for h in self._rows}
        new = tuple(h for h in hirers if h.id not in known)
        if not new:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows += new
        self.endInsertRows()

    def hirer_at(self, row: int) -> HirerSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, hirer_id: int) -> int | None:
        for row, hirer in enumerate(self._rows):
            if hirer.id == hirer_id:
                return row
        return None

    def hirer_ids(self) -> list[int]:
        return [h.id for h in self._rows]

    # -- Qt ----------------------------------------------------------------------------

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
        hirer = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(hirer, index.column())
        if role == HIRER_ID_ROLE:
            return hirer.id
        if role == Qt.ItemDataRole.ToolTipRole:
            contact = f" (contact {hirer.name})" if hirer.organisation else ""
            return f"{hirer.display_name}{contact}"
        return None

    def _text(self, hirer: HirerSummary, column: int) -> str:
        texts = (hirer.display_name, hirer_type_label(hirer.hirer_type), hirer.phone,
                 hirer.postcode)
        return texts[column] if 0 <= column < len(texts) else ""
