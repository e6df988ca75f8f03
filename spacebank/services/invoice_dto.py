"""What callers send to and get back from the invoice and deposit services.

Money is integer pence. Credit-note and payment amounts are positive; a refund is a
payment with a negative amount. A balance above zero is owed by the hirer, below zero
is owed to them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from spacebank.domain.enums import DepositStatus, PaymentMethod


@dataclass(frozen=True)
class InvoiceLineDetails:
    position: int
    booking_id: int | None
    kind: str
    description: str
    quantity: str
    unit_pence: int
    net_pence: int
    vat_rate_bp: int
    vat_pence: int

    @property
    def gross_pence(self) -> int:
        return self.net_pence + self.vat_pence


@dataclass(frozen=True)
class VatRateTotal:
    """One row of a document's VAT breakdown."""

    vat_rate_bp: int
    net_pence: int
    vat_pence: int


@dataclass(frozen=True)
class CreditNoteLineDetails:
    position: int
    description: str
    net_pence: int
    vat_rate_bp: int
    vat_pence: int

    @property
    def gross_pence(self) -> int:
        return self.net_pence + self.vat_pence


@dataclass(frozen=True)
class CreditNoteSummary:
    id: int
    number: str
    issued_on: date
    reason: str
    gross_pence: int


@dataclass(frozen=True)
class CreditNoteDetails:
    id: int
    number: str
    financial_year: int
    sequence: int
    invoice_id: int
    invoice_number: str
    hirer_id: int
    #: Copied from the invoice, so the credit note prints the same addressee.
    bill_to_name: str
    bill_to_address: str
    bill_to_postcode: str
    issued_on: date
    reason: str
    net_pence: int
    vat_pence: int
    gross_pence: int
    #: Aware Europe/London datetime.
    issued_at: datetime
    issued_by: str
    lines: tuple[CreditNoteLineDetails, ...]

    @property
    def vat_breakdown(self) -> tuple[VatRateTotal, ...]:
        return vat_totals((ln.vat_rate_bp, ln.net_pence, ln.vat_pence) for ln in self.lines)


@dataclass(frozen=True)
class PaymentInput:
    """A payment as the clerk types it. `received_on` is the London date it arrived."""

    amount_pence: int
    method: PaymentMethod
    received_on: date
    reference: str = ""
    #: Required for an internal council recharge.
    cost_centre: str = ""


@dataclass(frozen=True)
class PaymentDetails:
    id: int
    invoice_id: int
    invoice_number: str
    #: Negative for a refund.
    amount_pence: int
    method: PaymentMethod
    reference: str
    cost_centre: str
    received_on: date
    #: Aware Europe/London datetime.
    recorded_at: datetime
    recorded_by: str

    @property
    def is_refund(self) -> bool:
        return self.amount_pence < 0


@dataclass(frozen=True)
class InvoiceBalance:
    invoice_id: int
    number: str
    gross_pence: int
    credited_pence: int
    #: Payments less refunds.
    paid_pence: int

    @property
    def outstanding_pence(self) -> int:
        return self.gross_pence - self.credited_pence - self.paid_pence


@dataclass(frozen=True)
class InvoiceDetails:
    id: int
    number: str
    financial_year: int
    sequence: int
    hirer_id: int
    bill_to_name: str
    bill_to_address: str
    bill_to_postcode: str
    issued_on: date
    due_on: date
    net_pence: int
    vat_pence: int
    gross_pence: int
    payment_reference: str
    #: Aware Europe/London datetime.
    issued_at: datetime
    issued_by: str
    lines: tuple[InvoiceLineDetails, ...]
    booking_ids: tuple[int, ...]
    credit_notes: tuple[CreditNoteSummary, ...]
    payments: tuple[PaymentDetails, ...]
    credited_pence: int
    paid_pence: int

    @property
    def outstanding_pence(self) -> int:
        return self.gross_pence - self.credited_pence - self.paid_pence

    @property
    def state(self) -> str:
        return invoice_state(self.gross_pence, self.credited_pence, self.paid_pence)

    @property
    def vat_breakdown(self) -> tuple[VatRateTotal, ...]:
        return vat_totals((ln.vat_rate_bp, ln.net_pence, ln.vat_pence) for ln in self.lines)


@dataclass(frozen=True)
class InvoiceSummary:
    """A row of an invoices list (built from one aggregate query)."""

    id: int
    number: str
    hirer_id: int
    bill_to_name: str
    issued_on: date
    due_on: date
    gross_pence: int
    credited_pence: int
    paid_pence: int

    @property
    def outstanding_pence(self) -> int:
        return self.gross_pence - self.credited_pence - self.paid_pence

    @property
    def state(self) -> str:
        return invoice_state(self.gross_pence, self.credited_pence, self.paid_pence)

    def is_overdue(self, today: date) -> bool:
        return self.outstanding_pence > 0 and today > self.due_on


@dataclass(frozen=True)
class HirerBalance:
    hirer_id: int
    invoiced_pence: int
    credited_pence: int
    #: Payments less refunds.
    paid_pence: int

    @property
    def outstanding_pence(self) -> int:
        return self.invoiced_pence - self.credited_pence - self.paid_pence


@dataclass(frozen=True)
class DepositDetails:
    id: int
    booking_id: int
    booking_reference: str
    hirer_id: int
    hirer_name: str
    hall_name: str
    #: Aware Europe/London datetime of the event.
    booking_start: datetime
    amount_pence: int
    status: DepositStatus
    method: PaymentMethod | None
    received_on: date | None
    settled_on: date | None
    retained_pence: int
    retained_reason: str

    @property
    def refunded_pence(self) -> int:
        """What went (or goes) back to the hirer once settled."""
        if self.status in (DepositStatus.REFUNDED, DepositStatus.RETAINED):
            return self.amount_pence - self.retained_pence
        return 0


def invoice_state(gross: int, credited: int, paid: int) -> str:
    """'credited', 'paid', 'overpaid', 'part paid' or 'unpaid', as a list shows it."""
    outstanding = gross - credited - paid
    if credited and credited >= gross:
        return "credited" if outstanding == 0 else "overpaid"
    if outstanding < 0:
        return "overpaid"
    if outstanding == 0:
        return "paid"
    return "part paid" if paid > 0 else "unpaid"


def vat_totals(rows: Iterable[tuple[int, int, int]]) -> tuple[VatRateTotal, ...]:
    """(rate, net, vat) rows summed per VAT rate, lowest rate first."""
    totals: dict[int, tuple[int, int]] = {}
    for rate, net, vat in rows:
        old_net, old_vat = totals.get(rate, (0, 0))
        totals[rate] = (old_net + net, old_vat + vat)
    return tuple(VatRateTotal(rate, net, vat) for rate, (net, vat) in sorted(totals.items()))
