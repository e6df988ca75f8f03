"""Print an invoice's receipts and credit notes: straight away if it has one, else ask which.

Shared by the pages that list invoices, so each offers the same choice the same way.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from spacebank.services.container import Services
from ui.documents.pdf_preview_dialog import PdfPreviewDialog, show_preview
from ui.invoices.invoice_records_model import (
    NOTE_REASON,
    PAY_REFERENCE,
    CreditNotesModel,
    PaymentsModel,
)
from ui.invoices.record_chooser import RecordChooser
from ui.service_call import Messages, call


def print_receipt(parent: QWidget, services: Services,
                  invoice_id: int) -> PdfPreviewDialog | None:
    """Preview the receipt (or refund advice) of one of the invoice's payments."""
    details = call(parent, lambda: services.invoices.get_invoice(invoice_id),
                   title="Cannot print a receipt")
    if not details:
        return None
    if not details.payments:
        Messages.info(parent, "No payments yet",
                      f"No payment has been recorded on {details.number} yet.")
        return None
    payment_id: int | None = details.payments[-1].id
    if len(details.payments) > 1:
        model = PaymentsModel()
        model.set_rows(details.payments)
        payment_id = RecordChooser.ask(
            parent, f"Print receipt — {details.number}",
            "Which &payment or refund? (the latest is chosen)", model,
            stretch_column=PAY_REFERENCE)
    if payment_id is None:
        return None
    chosen = payment_id
    return show_preview(parent, lambda: services.documents.receipt_data(chosen))


def print_credit_note(parent: QWidget, services: Services,
                      invoice_id: int) -> PdfPreviewDialog | None:
    """Preview one of the credit notes issued against the invoice."""
    details = call(parent, lambda: services.invoices.get_invoice(invoice_id),
                   title="Cannot print a credit note")
    if not details:
        return None
    if not details.credit_notes:
        Messages.info(parent, "No credit notes",
                      f"No credit note has been issued against {details.number}.")
        return None
    note_id: int | None = details.credit_notes[-1].id
    if len(details.credit_notes) > 1:
        model = CreditNotesModel()
        model.set_rows(details.credit_notes)
        note_id = RecordChooser.ask(
            parent, f"Print credit note — {details.number}",
            "Which &credit note? (the latest is chosen)", model,
            stretch_column=NOTE_REASON)
    if note_id is None:
        return None
    chosen = note_id
    return show_preview(parent, lambda: services.documents.credit_note_data(chosen))
