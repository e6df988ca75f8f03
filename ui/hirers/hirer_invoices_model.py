"""One hirer's invoices: number, dates, amounts and state, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from spacebank.domain.money import format_pence
from spacebank.services.invoice_dto import InvoiceSummary
from ui.row_table_model import RowTableModel

NUMBER, ISSUED, DUE, TOTAL, CREDITED, PAID, OUTSTANDING, STATE = range(8)
HEADERS = ("Number", "Issued", "Due", "Total", "Credited", "Paid", "Outstanding", "State")
_MONEY = (TOTAL, CREDITED, PAID, OUTSTANDING)
#: The invoice id of a row, for actions and tests.
INVOICE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class HirerInvoicesModel(RowTableModel[InvoiceSummary]):
    id_role = INVOICE_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent, right_aligned=_MONEY, align_headers=True)
        self._today: date | None = None

    def set_invoices(self, invoices: Sequence[InvoiceSummary], today: date | None = None) -> None:
        self._today = today
        self.set_rows(invoices)

    def cell(self, inv: InvoiceSummary, column: int) -> str:
        state = inv.state + (" (overdue)" if self._overdue(inv) else "")
        texts = (
            inv.number, _day(inv.issued_on), _day(inv.due_on), format_pence(inv.gross_pence),
            format_pence(inv.credited_pence) if inv.credited_pence else "—",
            format_pence(inv.paid_pence), format_pence(inv.outstanding_pence), state,
        )
        return texts[column] if 0 <= column < len(texts) else ""

    def tooltip(self, invoice: InvoiceSummary, column: int) -> str:
        tip = f"{invoice.number}: {invoice.state}"
        if invoice.outstanding_pence > 0:
            tip += "; Enter records a payment against it"
        if invoice.credited_pence:
            tip += (f"; {format_pence(invoice.credited_pence)} credited, Print credit note… "
                    "(Ctrl+Shift+O) shows the credit notes")
        return tip

    def foreground(self, invoice: InvoiceSummary, column: int) -> QColor | None:
        if self._overdue(invoice) and column in (DUE, OUTSTANDING, STATE):
            return QColor("#b00020")
        return None

    def _overdue(self, invoice: InvoiceSummary) -> bool:
        return self._today is not None and invoice.is_overdue(self._today)


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
