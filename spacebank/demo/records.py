"""The demo world in memory: every record to write, with its row for the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from spacebank.demo import purposes as pp
from spacebank.demo.estate import DemoHall, Estate
from spacebank.demo.people import DemoHirer
from spacebank.domain.booking import booking_reference
from spacebank.domain.clock import financial_year, local_day, local_midnight_utc
from spacebank.domain.enums import BookingStatus, Frequency
from spacebank.domain.errors import DomainError
from spacebank.domain.invoice import CREDIT_NOTE_PREFIX, INVOICE_PREFIX, document_number
from spacebank.domain.policy import Policy
from spacebank.domain.pricing import Discount, Quote

DESCRIPTION_MAX = 400


class DemoCancelled(DomainError):
    """The caller cancelled generation; nothing was saved."""

    def __init__(self) -> None:
        super().__init__("Demo data generation was cancelled; nothing was saved.")


class Cancelled(Exception):
    """The progress callback asked to stop."""


@dataclass(slots=True)
class DemoClosure:
    id: int
    venue_id: int
    hall_id: int | None
    first_day: date
    last_day: date
    reason: str

    def row(self) -> dict[str, object]:
        return {
            "id": self.id,
            "venue_id": self.venue_id,
            "hall_id": self.hall_id,
            "starts_at": local_midnight_utc(self.first_day),
            "ends_at": local_midnight_utc(self.last_day + timedelta(days=1)),
            "reason": self.reason,
            "created_by": pp.MANAGERS[0],
        }


@dataclass(slots=True)
class DemoSeries:
    id: int
    hall: DemoHall
    hirer: DemoHirer
    frequency: Frequency
    first_date: date
    start_min: int
    end_min: int
    occurrence_count: int
    purpose: str
    created_at: datetime
    created_by: str

    def row(self) -> dict[str, object]:
        return {
            "id": self.id,
            "hall_id": self.hall.id,
            "hirer_id": self.hirer.id,
            "frequency": self.frequency,
            "first_date": self.first_date,
            "start_min": self.start_min,
            "end_min": self.end_min,
            "occurrence_count": self.occurrence_count,
            "purpose": self.purpose,
            "created_at": self.created_at,
            "created_by": self.created_by,
        }


@dataclass(slots=True)
class DemoBooking:
    hall: DemoHall
    hirer: DemoHirer
    series: DemoSeries | None
    day: date
    start_min: int
    end_min: int
    starts_at: datetime
    ends_at: datetime
    purpose: str
    attendees: int
    notes: str
    extras: tuple[tuple[int, str, int], ...]
    discount: Discount | None
    quote: Quote
    #: `quote.total_pence`, computed once.
    total_pence: int = 0
    id: int = 0
    status: BookingStatus = BookingStatus.CONFIRMED
    created_at: datetime | None = None
    created_by: str = ""
    confirmed_at: datetime | None = None
    hold_expires_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancelled_by: str = ""
    cancel_reason: str = ""
    short_notice_approved_by: str = ""
    updated_at: datetime | None = None
    updated_by: str = ""
    version: int = 1

    def row(self) -> dict[str, object]:
        hall, d = self.hall, self.discount
        return {
            "id": self.id,
            "hall_id": hall.id,
            "hirer_id": self.hirer.id,
            "series_id": self.series.id if self.series else None,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "setup_minutes": hall.setup_minutes,
            "cleanup_minutes": hall.cleanup_minutes,
            "blocked_start": self.starts_at - timedelta(minutes=hall.setup_minutes),
            "blocked_end": self.ends_at + timedelta(minutes=hall.cleanup_minutes),
            "status": self.status,
            "purpose": self.purpose,
            "attendees": self.attendees,
            "notes": self.notes,
            "rate_type": self.hirer.hirer_type.default_rate_type,
            "discount_kind": d.kind if d else None,
            "discount_value": d.value if d else 0,
            "discount_reason": d.reason if d else "",
            "discount_approved_by": d.approved_by if d else "",
            "total_pence": self.total_pence,
            "deposit_pence": self.quote.deposit_pence,
            "hold_expires_at": self.hold_expires_at,
            "short_notice_approved_by": self.short_notice_approved_by,
            "confirmed_at": self.confirmed_at,
            "cancelled_at": self.cancelled_at,
            "cancelled_by": self.cancelled_by,
            "cancel_reason": self.cancel_reason,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "updated_at": self.updated_at,
            "updated_by": self.updated_by,
            "version": self.version,
        }


@dataclass
class BookingPlan:
    closures: list[DemoClosure] = field(default_factory=list)
    series: list[DemoSeries] = field(default_factory=list)
    bookings: list[DemoBooking] = field(default_factory=list)


@dataclass(slots=True)
class DemoInvoice:
    bookings: list[DemoBooking]
    issued_on: date
    issued_at: datetime
    id: int = 0
    sequence: int = 0
    lines: list[dict[str, object]] = field(default_factory=list)
    #: Sums of the lines, set with them.
    net: int = 0
    vat: int = 0
    credit_notes: list[DemoCreditNote] = field(default_factory=list)
    #: Set once its payments are planned, by the rule the services use.
    settled_on: date | None = None

    @property
    def fy(self) -> int:
        return financial_year(self.issued_on)

    @property
    def number(self) -> str:
        return document_number(INVOICE_PREFIX, self.fy, self.sequence)

    def row(self, policy: Policy) -> dict[str, object]:
        hirer = self.bookings[0].hirer
        return {
            "id": self.id,
            "number": self.number,
            "financial_year": self.fy,
            "sequence": self.sequence,
            "hirer_id": hirer.id,
            "bill_to_name": hirer.organisation or hirer.name,
            "bill_to_address": hirer.address,
            "bill_to_postcode": hirer.postcode,
            "issued_on": self.issued_on,
            "due_on": self.issued_on + timedelta(days=policy.invoice_due_days),
            "settled_on": self.settled_on,
            "net_pence": self.net,
            "vat_pence": self.vat,
            "gross_pence": self.net + self.vat,
            "payment_reference": self.number,
            "issued_at": self.issued_at,
            "issued_by": pp.CLERKS[self.bookings[0].hirer.id % len(pp.CLERKS)],
        }


@dataclass(slots=True)
class DemoCreditNote:
    invoice: DemoInvoice
    booking: DemoBooking
    issued_at: datetime
    id: int = 0
    sequence: int = 0
    lines: list[dict[str, object]] = field(default_factory=list)

    @property
    def issued_on(self) -> date:
        return local_day(self.issued_at)

    @property
    def gross(self) -> int:
        return sum(
            int(ln["net_pence"]) + int(ln["vat_pence"])  # type: ignore[call-overload]
            for ln in self.lines
        )

    def row(self) -> dict[str, object]:
        fy = financial_year(self.issued_on)
        net = sum(int(ln["net_pence"]) for ln in self.lines)  # type: ignore[call-overload]
        b = self.booking
        return {
            "id": self.id,
            "number": document_number(CREDIT_NOTE_PREFIX, fy, self.sequence),
            "financial_year": fy,
            "sequence": self.sequence,
            "invoice_id": self.invoice.id,
            "issued_on": self.issued_on,
            "reason": fit(f"{booking_reference(b.id)} cancelled: {b.cancel_reason}"),
            "net_pence": net,
            "vat_pence": self.gross - net,
            "gross_pence": self.gross,
            "issued_at": self.issued_at,
            "issued_by": b.cancelled_by,
        }


@dataclass
class Billing:
    invoices: list[DemoInvoice]
    credit_notes: list[DemoCreditNote]
    payments: list[dict[str, object]]
    deposits: list[dict[str, object]]
    counters: list[dict[str, object]]


@dataclass
class DemoPlan:
    """Every row to write, in memory."""

    estate: Estate
    hirers: list[DemoHirer]
    bookings: BookingPlan
    billing: Billing
    first_day: date
    last_day: date


def fit(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """Text cut to a column's length, with an ellipsis if it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
