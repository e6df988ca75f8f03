"""Extras a booking can add (kitchen use, equipment): tick them and set how many."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt

from spacebank.domain.money import format_pence
from spacebank.services.venue_dto import ExtraDetails
from ui.row_table_model import Index, RowTableModel

NAME, PRICE, QUANTITY = range(3)
HEADERS = ("Extra", "Price each", "Quantity")
MAX_QUANTITY = 1000


class ExtrasModel(RowTableModel[ExtraDetails]):
    """Rows are the extras on offer; the chosen ones carry a quantity."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent, right_aligned=(PRICE, QUANTITY))
        self._chosen: dict[int, int] = {}

    def rows_reset(self) -> None:
        self._chosen = {k: v for k, v in self._chosen.items()
                        if any(e.id == k for e in self._rows)}

    def chosen(self) -> tuple[tuple[int, int], ...]:
        """(extra id, quantity) pairs in the order listed."""
        return tuple((e.id, self._chosen[e.id]) for e in self._rows if e.id in self._chosen)

    def set_chosen(self, pairs: Iterable[tuple[int, int]]) -> None:
        self.beginResetModel()
        self._chosen = dict(pairs)
        self.endResetModel()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() == QUANTITY and self._rows[index.row()].id in self._chosen:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def cell(self, extra: ExtraDetails, column: int) -> str:
        if column == NAME:
            return extra.name
        if column == PRICE:
            return format_pence(extra.price_pence)
        quantity = self._chosen.get(extra.id)
        return str(quantity) if quantity is not None else ""

    def tooltip(self, extra: ExtraDetails, column: int) -> str:
        return (f"{extra.name}, {format_pence(extra.price_pence)} each: Space ticks it, "
                "F2 on the quantity changes how many")

    def role_data(self, extra: ExtraDetails, column: int, role: int) -> Any:
        quantity = self._chosen.get(extra.id)
        if role == Qt.ItemDataRole.EditRole and column == QUANTITY:
            return quantity if quantity is not None else 1
        if role == Qt.ItemDataRole.CheckStateRole and column == NAME:
            return (Qt.CheckState.Checked if quantity is not None
                    else Qt.CheckState.Unchecked)
        return None

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        extra = self.row_at(index.row()) if index.isValid() else None
        if extra is None:
            return False
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
