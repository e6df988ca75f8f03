"""One hirer's invoices: number, dates, amounts and state, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from spacebank.domain.money import format_pence
from spacebank.services.invoice_dto import InvoiceSummary

_Index = QModelIndex | QPersistentModelIndex

NUMBER, ISSUED, DUE, TOTAL, CREDITED, PAID, OUTSTANDING, STATE = range(8)
HEADERS = ("Number", "Issued", "Due", "Total", "Credited", "Paid", "Outstanding", "State")
_MONEY = (TOTAL, CREDITED, PAID, OUTSTANDING)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
#: The invoice id of a row, for actions and tests.
INVOICE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class HirerInvoicesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[InvoiceSummary, ...] = ()
        self._today: date | None = None

    def set_invoices(self, invoices: Sequence[InvoiceSummary], today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = tuple(invoices)
        self._today = today
        self.endResetModel()

    def invoice_at(self, row: int) -> InvoiceSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, invoice_id: int) -> int | None:
        for row, invoice in enumerate(self._rows):
            if invoice.id == invoice_id:
                return row
        return None

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
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _MONEY:
            return _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        invoice = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(invoice, column)
        if role == INVOICE_ID_ROLE:
            return invoice.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _MONEY:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and self._overdue(invoice) and column in (
                DUE, OUTSTANDING, STATE):
            return QColor("#b00020")
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{invoice.number}: {invoice.state}; Enter records a payment against it"
                    if invoice.outstanding_pence > 0 else f"{invoice.number}: {invoice.state}")
        return None

    def _overdue(self, invoice: InvoiceSummary) -> bool:
        return self._today is not None and invoice.is_overdue(self._today)

    def _text(self, inv: InvoiceSummary, column: int) -> str:
        state = inv.state + (" (overdue)" if self._overdue(inv) else "")
        texts = (
            inv.number, _day(inv.issued_on), _day(inv.due_on), format_pence(inv.gross_pence),
            format_pence(inv.credited_pence) if inv.credited_pence else "—",
            format_pence(inv.paid_pence), format_pence(inv.outstanding_pence), state,
        )
        return texts[column] if 0 <= column < len(texts) else ""


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
