"""Extras a booking can add (kitchen use, equipment): tick them and set how many."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from spacebank.domain.money import format_pence
from spacebank.services.venue_dto import ExtraDetails

_Index = QModelIndex | QPersistentModelIndex

NAME, PRICE, QUANTITY = range(3)
HEADERS = ("Extra", "Price each", "Quantity")
MAX_QUANTITY = 1000


class ExtrasModel(QAbstractTableModel):
    """Rows are the extras on offer; the chosen ones carry a quantity."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ExtraDetails, ...] = ()
        self._chosen: dict[int, int] = {}

    def set_extras(self, extras: Sequence[ExtraDetails]) -> None:
        self.beginResetModel()
        self._rows = tuple(extras)
        self._chosen = {k: v for k, v in self._chosen.items()
                        if any(e.id == k for e in self._rows)}
        self.endResetModel()

    def chosen(self) -> tuple[tuple[int, int], ...]:
        """(extra id, quantity) pairs in the order listed."""
        return tuple((e.id, self._chosen[e.id]) for e in self._rows if e.id in self._chosen)

    def set_chosen(self, pairs: Iterable[tuple[int, int]]) -> None:
        self.beginResetModel()
        self._chosen = dict(pairs)
        self.endResetModel()

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

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() == QUANTITY and self._rows[index.row()].id in self._chosen:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        extra, column = self._rows[index.row()], index.column()
        quantity = self._chosen.get(extra.id)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return extra.name
            if column == PRICE:
                return format_pence(extra.price_pence)
            return str(quantity) if quantity is not None else ""
        if role == Qt.ItemDataRole.EditRole and column == QUANTITY:
            return quantity if quantity is not None else 1
        if role == Qt.ItemDataRole.CheckStateRole and column == NAME:
            return (Qt.CheckState.Checked if quantity is not None
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{extra.name}, {format_pence(extra.price_pence)} each: Space ticks it, "
                    "F2 on the quantity changes how many")
        return None

    def setData(self, index: _Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        extra = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == NAME:
            if Qt.CheckState(value) == Qt.CheckState.Checked:
                self._chosen.setdefault(extra.id, 1)
            else:
                self._chosen.pop(extra.id, None)
        elif (role == Qt.ItemDataRole.EditRole and index.column() == QUANTITY
              and extra.id in self._chosen):
            try:
                quantity = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= quantity <= MAX_QUANTITY:
                return False
            self._chosen[extra.id] = quantity
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), QUANTITY))
        return True
