"""Record money given back to a hirer against an invoice, then print the refund advice."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from spacebank.domain.enums import PaymentMethod
from spacebank.domain.errors import StatusError
from spacebank.domain.money import format_pence
from spacebank.services.container import Services
from spacebank.services.invoice_dto import InvoiceDetails, PaymentDetails
from ui.changes import ChangeBus
from ui.invoices.money_form import MoneyDialog, MoneyWording

REASON_MAX = 100

WORDING = MoneyWording(
    title="Record refund",
    amount_name="Amount refunded in pounds",
    amount_hint="e.g. 150 or 45.50",
    amount_keys=("amount_pence",),
    method_name="How the money goes back",
    day_text="Refunded &on",
    day_name="Date refunded",
    day_keys=("refunded_on",),
    note_text="&Reason",
    note_name="Reason for the refund",
    note_hint="e.g. Booking cancelled (kept as the reference)",
    note_key="reason",
    ok_text="Record re&fund",
    ok_tip="Record the refund (Ctrl+Enter)",
    action_text="Record refund",
    print_text="Print the refund &advice",
    print_name="Print the refund advice once recorded",
    print_tip="",
    print_checked=True,
)


class RefundDialog(MoneyDialog):
    """Asks for a refund, records it through the invoice service, shows refusals inline."""

    WORDING = WORDING

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus,
                 invoice_id: int) -> None:
        super().__init__(parent, services, bus, invoice_id)
        self.refunded = self.form.day
        self.refunded_shown = self.form.day_shown
        self.reason = self.form.note
        self.reason.setMaxLength(REASON_MAX)
        self.print_advice = self.print_after
        self.errors = self.form.errors

    @property
    def refund(self) -> PaymentDetails | None:
        return self.recorded

    def _fill(self, invoice: InvoiceDetails) -> bool:
        self.setWindowTitle(f"Record refund against {invoice.number}")
        self.summary.setText(_summary(invoice))
        if invoice.paid_pence <= 0:
            self.form.errors.show(StatusError(
                f"Nothing has been paid on invoice {invoice.number}, so there is nothing "
                "to refund."))
            return False
        owed_to_hirer = -invoice.outstanding_pence
        if owed_to_hirer > 0:
            self.amount.setText(format_pence(min(owed_to_hirer, invoice.paid_pence))
                                .removeprefix("£"))
        last = next((p for p in reversed(invoice.payments) if not p.is_refund), None)
        if last is not None:
            self.method.setCurrentIndex(max(0, self.method.findData(last.method)))
        return True

    def _record(self, amount_pence: int, method: PaymentMethod, day: date, note: str,
                cost_centre: str) -> PaymentDetails:
        return self._services.invoices.record_refund(
            self._invoice_id, amount_pence, method, note, cost_centre=cost_centre,
            refunded_on=day)


def _summary(invoice: InvoiceDetails) -> str:
    parts = [f"Invoice {invoice.number} to {invoice.bill_to_name}: total "
             f"{format_pence(invoice.gross_pence)}"]
    if invoice.credited_pence:
        parts.append(f"credited {format_pence(invoice.credited_pence)}")
    parts.append(f"paid {format_pence(invoice.paid_pence)} (less refunds)")
    outstanding = invoice.outstanding_pence
    if outstanding < 0:
        parts.append(f"the hirer is owed {format_pence(-outstanding)}")
    else:
        parts.append(f"outstanding {format_pence(outstanding)}")
    return ", ".join(parts) + (f". At most {format_pence(max(invoice.paid_pence, 0))} can be "
                               "refunded.")
