"""Print an invoice's receipts and credit notes: straight away if it has one, else ask which.

Shared by the pages that list invoices, so each offers the same choice the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from spacebank.documents.render import Document
from spacebank.services.container import Services
from spacebank.services.invoice_dto import InvoiceDetails
from ui.documents.pdf_preview_dialog import PdfPreviewDialog, show_preview
from ui.invoices.invoice_records_model import (
    NOTE_REASON,
    PAY_REFERENCE,
    CreditNotesModel,
    PaymentsModel,
)
from ui.invoices.record_chooser import RecordChooser
from ui.row_table_model import RowTableModel
from ui.service_call import Messages, call


def print_receipt(parent: QWidget, services: Services,
                  invoice_id: int) -> PdfPreviewDialog | None:
    """Preview the receipt (or refund advice) of one of the invoice's payments."""
    return _print_one(
        parent, services, invoice_id, what="a receipt",
        records=lambda details: details.payments,
        none=lambda number: ("No payments yet",
                             f"No payment has been recorded on {number} yet."),
        chooser=(PaymentsModel, "Print receipt", "Which &payment or refund?", PAY_REFERENCE),
        load=services.documents.receipt_data)


def print_credit_note(parent: QWidget, services: Services,
                      invoice_id: int) -> PdfPreviewDialog | None:
    """Preview one of the credit notes issued against the invoice."""
    return _print_one(
        parent, services, invoice_id, what="a credit note",
        records=lambda details: details.credit_notes,
        none=lambda number: ("No credit notes",
                             f"No credit note has been issued against {number}."),
        chooser=(CreditNotesModel, "Print credit note", "Which &credit note?", NOTE_REASON),
        load=services.documents.credit_note_data)


def _print_one(parent: QWidget, services: Services, invoice_id: int, *, what: str,
               records: Callable[[InvoiceDetails], Sequence[Any]],
               none: Callable[[str], tuple[str, str]],
               chooser: tuple[Callable[[], RowTableModel[Any]], str, str, int],
               load: Callable[[int], Document]) -> PdfPreviewDialog | None:
    """The latest record straight away; with several, ask which (latest highlighted)."""
    details = call(parent, lambda: services.invoices.get_invoice(invoice_id),
                   title=f"Cannot print {what}")
    if not details:
        return None
    found = records(details)
    if not found:
        Messages.info(parent, *none(details.number))
        return None
    chosen: int | None = found[-1].id
    if len(found) > 1:
        make_model, title, question, stretch = chooser
        model = make_model()
        model.set_rows(found)
        chosen = RecordChooser.ask(parent, f"{title} — {details.number}",
                                   f"{question} (the latest is chosen)", model,
                                   stretch_column=stretch)
    if chosen is None:
        return None
    record_id = chosen
    return show_preview(parent, lambda: load(record_id))
