"""After cancelling an invoiced booking: offer the credit note, then any refund owed.

Cancelling never touches invoices by itself (how much to credit under the cancellation
terms is the clerk's or manager's decision), so without this step the hirer would go on
owing for a cancelled booking.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from spacebank.services.container import Services
from ui.changes import ChangeBus
from ui.invoices.credit_note_dialog import CreditNoteDialog
from ui.invoices.refund_dialog import RefundDialog
from ui.service_call import Messages, call


def offer_credit_after_cancel(parent: QWidget | None, services: Services, bus: ChangeBus,
                              booking_id: int, reference: str, reason: str) -> None:
    """Ask whether to credit the cancelled booking's invoice, and refund if then owed."""
    invoice = call(parent, lambda: services.invoices.invoice_for_booking(booking_id))
    if not invoice:
        return
    if not Messages.confirm(
            parent, "Credit the invoice?",
            f"{reference} is on invoice {invoice.number}. Issue a credit note for it now?\n"
            "Under the cancellation terms you may credit all, part or none of it."):
        return
    credited = CreditNoteDialog.ask(parent, services, bus, invoice.id, reason=reason,
                                    booking_ids=[booking_id])
    if credited is None:
        return
    balance = call(parent, lambda: services.invoices.invoice_balance(invoice.id))
    if balance and balance.outstanding_pence < 0 and Messages.confirm(
            parent, "Refund the hirer?",
            f"After the credit note the hirer has paid more than invoice {invoice.number} "
            "now asks for. Record a refund?"):
        RefundDialog.ask(parent, services, bus, invoice.id)
