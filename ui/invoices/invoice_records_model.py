"""Lists inside one invoice: its lines, its payments and refunds, its credit notes."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from spacebank.domain.money import format_pence
from spacebank.services.invoice_dto import (
    CreditNoteSummary,
    InvoiceLineDetails,
    PaymentDetails,
)
from ui.invoices.money_form import METHOD_LABELS
from ui.row_table_model import RowTableModel

#: The id of a row (line position, payment id, credit note id), for actions and tests.
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1

LINE_DESCRIPTION, LINE_NET, LINE_VAT, LINE_TOTAL = range(4)
PAY_DAY, PAY_KIND, PAY_METHOD, PAY_REFERENCE, PAY_AMOUNT = range(5)
NOTE_NUMBER, NOTE_ISSUED, NOTE_REASON, NOTE_AMOUNT = range(4)


class InvoiceLinesModel(RowTableModel[InvoiceLineDetails]):
    """An issued invoice's lines, in invoice order."""

    id_role = RECORD_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(("Description", "Net", "VAT", "Total"), parent,
                         right_aligned=(LINE_NET, LINE_VAT, LINE_TOTAL), align_headers=True)

    def row_id(self, item: InvoiceLineDetails) -> int:
        return item.position

    def cell(self, line: InvoiceLineDetails, column: int) -> str:
        texts = (line.description, format_pence(line.net_pence), format_pence(line.vat_pence),
                 format_pence(line.gross_pence))
        return texts[column] if 0 <= column < len(texts) else ""

    def tooltip(self, line: InvoiceLineDetails, column: int) -> str:
        return line.description


class PaymentsModel(RowTableModel[PaymentDetails]):
    """Money received and given back against one invoice, oldest first."""

    id_role = RECORD_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(("Date", "What", "Method", "Reference", "Amount"), parent,
                         right_aligned=(PAY_AMOUNT,), align_headers=True)

    def cell(self, payment: PaymentDetails, column: int) -> str:
        texts = (
            _day(payment.received_on),
            "Refund" if payment.is_refund else "Payment",
            METHOD_LABELS.get(payment.method, str(payment.method)),
            payment.reference or "—",
            format_pence(payment.amount_pence),
        )
        return texts[column] if 0 <= column < len(texts) else ""


class CreditNotesModel(RowTableModel[CreditNoteSummary]):
    """The credit notes issued against one invoice, oldest first."""

    id_role = RECORD_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(("Number", "Issued", "Reason", "Amount"), parent,
                         right_aligned=(NOTE_AMOUNT,), align_headers=True)

    def cell(self, note: CreditNoteSummary, column: int) -> str:
        texts = (note.number, _day(note.issued_on), note.reason,
                 format_pence(note.gross_pence))
        return texts[column] if 0 <= column < len(texts) else ""

    def tooltip(self, note: CreditNoteSummary, column: int) -> str:
        return f"{note.number}: {note.reason}"


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
