"""What each document prints: frozen dataclasses built by the document service.

Money is integer pence. Datetimes are aware Europe/London; dates are London dates.
Everything a document shows is here, so a DTO renders the same bytes every time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Letterhead:
    """The organisation as printed on the letterhead, footer and payment details."""

    name: str
    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    vat_number: str = ""
    bank_account_name: str = ""
    sort_code: str = ""
    account_number: str = ""
    payment_terms: str = ""
    cancellation_terms: str = ""
    #: An image file; empty draws the plain mark instead.
    logo_path: str = ""


@dataclass(frozen=True)
class PostalAddress:
    """What shows through the envelope window."""

    name: str
    address: str = ""
    postcode: str = ""

    @property
    def lines(self) -> tuple[str, ...]:
        rows = [self.name, *self.address.splitlines(), self.postcode]
        return tuple(r.strip() for r in rows if r.strip())


@dataclass(frozen=True)
class DocumentLine:
    """One priced line of an invoice, credit note or confirmation (net pence)."""

    description: str
    net_pence: int
    vat_rate_bp: int = 0
    vat_pence: int = 0
    quantity: str = ""
    unit_pence: int = 0
    #: Discounts and waivers print in italics, with their reason in the description.
    is_discount: bool = False

    @property
    def gross_pence(self) -> int:
        return self.net_pence + self.vat_pence


@dataclass(frozen=True)
class VatRow:
    vat_rate_bp: int
    net_pence: int
    vat_pence: int


@dataclass(frozen=True)
class CreditRef:
    number: str
    issued_on: date
    gross_pence: int


@dataclass(frozen=True)
class InvoiceData:
    letterhead: Letterhead
    number: str
    issued_on: date
    due_on: date
    bill_to: PostalAddress
    lines: tuple[DocumentLine, ...]
    vat_breakdown: tuple[VatRow, ...]
    net_pence: int
    vat_pence: int
    gross_pence: int
    payment_reference: str
    credits: tuple[CreditRef, ...] = ()
    #: Payments less refunds, as at printing.
    paid_pence: int = 0
    #: A preview before issue: it has no number yet and says so on every page.
    is_draft: bool = False

    @property
    def credited_pence(self) -> int:
        return sum(c.gross_pence for c in self.credits)

    @property
    def balance_pence(self) -> int:
        return self.gross_pence - self.credited_pence - self.paid_pence


@dataclass(frozen=True)
class CreditNoteData:
    letterhead: Letterhead
    number: str
    issued_on: date
    invoice_number: str
    invoice_issued_on: date
    bill_to: PostalAddress
    reason: str
    lines: tuple[DocumentLine, ...]
    vat_breakdown: tuple[VatRow, ...]
    net_pence: int
    vat_pence: int
    gross_pence: int


@dataclass(frozen=True)
class ReceiptData:
    letterhead: Letterhead
    number: str
    received_on: date
    bill_to: PostalAddress
    #: Negative for a refund.
    amount_pence: int
    method: str
    reference: str
    cost_centre: str
    invoice_number: str
    invoice_gross_pence: int
    #: What is still owed on the invoice once this payment (and earlier ones) is counted.
    balance_after_pence: int

    @property
    def is_refund(self) -> bool:
        return self.amount_pence < 0


@dataclass(frozen=True)
class Occurrence:
    """One date of a booking or series."""

    reference: str
    start: datetime
    end: datetime
    cancelled: bool = False


@dataclass(frozen=True)
class ConfirmationData:
    letterhead: Letterhead
    letter_date: date
    reference: str
    recipient: PostalAddress
    #: "Dear …" — the contact person, not the organisation.
    contact_name: str
    status: str
    hall_name: str
    venue_name: str
    venue_address: str
    venue_postcode: str
    purpose: str
    attendees: int
    #: Every date in time order; one for a single booking.
    occurrences: tuple[Occurrence, ...]
    setup_minutes: int
    cleanup_minutes: int
    included: tuple[str, ...]
    access_notes: str
    on_the_day_phone: str
    #: Charges of one date (the same on every date of a series).
    charges: tuple[DocumentLine, ...]
    #: Hire for every date still booked, VAT included; the deposit is separate.
    total_pence: int
    deposit_pence: int
    payment_due_on: date | None
    payment_reference: str

    @property
    def is_series(self) -> bool:
        return len(self.occurrences) > 1

    @property
    def live_occurrences(self) -> tuple[Occurrence, ...]:
        return tuple(o for o in self.occurrences if not o.cancelled)


@dataclass(frozen=True)
class KeyHolderRow:
    name: str
    phone: str
    role: str = ""


@dataclass(frozen=True)
class KeysheetEntry:
    reference: str
    hall_name: str
    start: datetime
    end: datetime
    setup_minutes: int
    cleanup_minutes: int
    hirer_name: str
    hirer_phone: str
    attendees: int
    purpose: str
    notes: str = ""
    #: Empty for a confirmed booking, else e.g. "provisional".
    status_note: str = ""


@dataclass(frozen=True)
class KeysheetData:
    letterhead: Letterhead
    venue_name: str
    venue_address: str
    venue_postcode: str
    first_day: date
    #: Inclusive.
    last_day: date
    key_holders: tuple[KeyHolderRow, ...]
    access_notes: str
    on_the_day_phone: str
    entries: tuple[KeysheetEntry, ...]
    printed_on: date
