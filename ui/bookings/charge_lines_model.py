"""The charge lines of a quote (hire per band, extras, discounts), read-only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from spacebank.domain.enums import ChargeKind
from spacebank.domain.money import format_pence
from spacebank.domain.pricing import ChargeLine, format_percent

_Index = QModelIndex | QPersistentModelIndex

DESCRIPTION, QUANTITY, AMOUNT = range(3)
HEADERS = ("Charge", "Quantity", "Amount")


class ChargeLinesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ChargeLine, ...] = ()

    def set_lines(self, lines: Sequence[ChargeLine]) -> None:
        self.beginResetModel()
        self._rows = tuple(lines)
        self.endResetModel()

    def lines(self) -> tuple[ChargeLine, ...]:
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
        line, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DESCRIPTION:
                return line.description
            if column == QUANTITY:
                return line.quantity
            return format_pence(line.amount_pence)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{line.description}: {format_pence(line.amount_pence)}"
            if line.unit_pence and line.kind is not ChargeKind.DISCOUNT:
                tip += f" ({line.quantity} at {format_pence(line.unit_pence)})"
            if line.vat_rate_bp:
                tip += f", plus VAT at {format_percent(line.vat_rate_bp)}"
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole and column != DESCRIPTION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
