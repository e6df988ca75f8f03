"""Record money received against an invoice: amount, how, when, reference."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from spacebank.domain.enums import PaymentMethod
from spacebank.domain.money import format_pence
from spacebank.services.container import Services
from spacebank.services.invoice_dto import InvoiceDetails, PaymentDetails, PaymentInput
from ui.changes import ChangeBus
from ui.invoices.money_form import MoneyDialog, MoneyWording
from ui.invoices.money_form import past_day as past_day  # its tests import it from here

WORDING = MoneyWording(
    title="Record payment",
    amount_name="Amount received in pounds",
    amount_hint="e.g. 120 or 45.50",
    amount_keys=("amount", "amount_pence"),
    method_name="How it was paid",
    day_text="Recei&ved on",
    day_name="Date received",
    day_keys=("received_on", "date"),
    note_text="Re&ference",
    note_name="Payment reference",
    note_hint="Card receipt, bank reference or cheque number",
    note_key="reference",
    ok_text="&Record payment",
    ok_tip="Record the payment (Enter or Ctrl+Enter)",
    action_text="Record payment",
    print_text="&Print a receipt once recorded",
    print_name="Print a receipt once recorded",
    print_tip="Open the receipt ready to print or save as PDF",
    print_checked=False,
)


class PaymentDialog(MoneyDialog):
    """Asks for a payment, records it through the invoice service, shows refusals inline."""

    WORDING = WORDING

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus,
                 invoice_id: int) -> None:
        super().__init__(parent, services, bus, invoice_id)
        self.received = self.form.day
        self.received_shown = self.form.day_shown
        self.reference = self.form.note
        self.print_receipt = self.print_after
        # Each field's error label by the short names its tests have always read them by.
        labels = self.form.errors.label_for
        self.errors: dict[str, QLabel] = {
            "amount": labels("amount"), "method": labels("method"),
            "cost_centre": labels("cost_centre"), "received": labels("received_on"),
            "reference": labels("reference"), "general": self.general_error,
        }

    @property
    def payment(self) -> PaymentDetails | None:
        return self.recorded

    def _fill(self, invoice: InvoiceDetails) -> bool:
        self.summary.setText(_summary(invoice))
        if invoice.outstanding_pence > 0:
            self.amount.setText(format_pence(invoice.outstanding_pence).removeprefix("£"))
        return True

    def _record(self, amount_pence: int, method: PaymentMethod, day: date, note: str,
                cost_centre: str) -> PaymentDetails:
        return self._services.invoices.record_payment(self._invoice_id, PaymentInput(
            amount_pence=amount_pence, method=method, received_on=day, reference=note,
            cost_centre=cost_centre))


def _summary(invoice: InvoiceDetails) -> str:
    parts = [f"Invoice {invoice.number} to {invoice.bill_to_name}, due "
             f"{invoice.due_on:%d %b %Y}: total {format_pence(invoice.gross_pence)}"]
    if invoice.credited_pence:
        parts.append(f"credited {format_pence(invoice.credited_pence)}")
    parts.append(f"paid {format_pence(invoice.paid_pence)}")
    parts.append(f"outstanding {format_pence(invoice.outstanding_pence)}")
    return ", ".join(parts) + "."
