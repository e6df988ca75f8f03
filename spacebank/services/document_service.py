"""Gathers what each document prints, in one read transaction per document.

Issued invoices and credit notes print from what was stored at issue (their lines,
bill-to address and the organisation's letterhead), so a reprint matches the first
print whatever has changed since. Previews read but never take a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from spacebank.documents.data import (
    ConfirmationData,
    CreditNoteData,
    CreditRef,
    DocumentLine,
    InvoiceData,
    KeyHolderRow,
    KeysheetData,
    KeysheetEntry,
    Letterhead,
    Occurrence,
    PostalAddress,
    ReceiptData,
    VatRow,
)
from spacebank.domain.booking import Booking, BookingCharge, BookingExtra, parse_booking_reference
from spacebank.domain.clock import local_day, local_midnight_utc, to_local
from spacebank.domain.enums import BLOCKING_STATUSES, BookingStatus, ChargeKind
from spacebank.domain.errors import NotFoundError, ValidationError
from spacebank.domain.hirer import Hirer
from spacebank.domain.invoice import CreditNote, CreditNoteLine, Invoice, InvoiceLine, Payment
from spacebank.domain.money import vat_pence
from spacebank.domain.venue import Extra, Hall, KeyHolder, Venue
from spacebank.services.context import ServiceContext
from spacebank.services.invoice_dto import vat_totals
from spacebank.services.invoice_service import draft_invoice_lines
from spacebank.services.invoice_sums import live_invoice
from spacebank.services.settings_service import (
    OrganisationDetails,
    organisation_from_json,
    read_organisation,
)

MAX_SHEET_DAYS = 31
DRAFT_NUMBER = "Not yet issued"
RECEIPT_PREFIX = "RC"


class DocumentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- invoices and credit notes -------------------------------------------------------

    def invoice_data(self, id_or_number: int | str) -> InvoiceData:
        """An issued invoice as first printed; credits and payments as at now."""
        with self._ctx.db.read() as s:
            invoice = _invoice(s, id_or_number)
            lines = s.scalars(
                select(InvoiceLine)
                .where(InvoiceLine.invoice_id == invoice.id)
                .order_by(InvoiceLine.position)
            ).all()
            credits = tuple(
                CreditRef(r.number, r.issued_on, r.gross_pence)
                for r in s.execute(
                    select(CreditNote.number, CreditNote.issued_on, CreditNote.gross_pence)
                    .where(CreditNote.invoice_id == invoice.id)
                    .order_by(CreditNote.id)
                )
            )
            paid = s.scalar(
                select(func.coalesce(func.sum(Payment.amount_pence), 0)).where(
                    Payment.invoice_id == invoice.id
                )
            )
            return InvoiceData(
                letterhead=_letterhead(s, invoice.letterhead_json),
                number=invoice.number,
                issued_on=invoice.issued_on,
                due_on=invoice.due_on,
                bill_to=_bill_to(invoice),
                lines=tuple(_document_line(ln) for ln in lines),
                vat_breakdown=_vat_rows(lines),
                net_pence=invoice.net_pence,
                vat_pence=invoice.vat_pence,
                gross_pence=invoice.gross_pence,
                payment_reference=invoice.payment_reference,
                credits=credits,
                paid_pence=int(paid or 0),
            )

    def invoice_preview(self, booking_ids: Sequence[int]) -> InvoiceData:
        """What issuing these bookings would print, marked as a draft; takes no number."""
        with self._ctx.db.read() as s:
            hirer_id, lines = draft_invoice_lines(s, booking_ids)
            hirer = s.get(Hirer, hirer_id)
            assert hirer is not None  # the bookings' foreign key guarantees it
            today = local_day(self._ctx.now())
            net = sum(ln.net_pence for ln in lines)
            vat = sum(ln.vat_pence for ln in lines)
            return InvoiceData(
                letterhead=_letterhead(s, ""),
                number=DRAFT_NUMBER,
                issued_on=today,
                due_on=today + timedelta(days=max(0, self._ctx.policy(s).invoice_due_days)),
                bill_to=PostalAddress(
                    hirer.organisation or hirer.name, hirer.address, hirer.postcode
                ),
                lines=tuple(_document_line(ln) for ln in lines),
                vat_breakdown=_vat_rows(lines),
                net_pence=net,
                vat_pence=vat,
                gross_pence=net + vat,
                payment_reference=DRAFT_NUMBER,
                is_draft=True,
            )

    def credit_note_data(self, credit_note_id: int) -> CreditNoteData:
        with self._ctx.db.read() as s:
            note = s.get(CreditNote, _record_id(credit_note_id, "credit_note"))
            if note is None:
                raise NotFoundError(
                    f"Credit note {credit_note_id} does not exist.", field="credit_note"
                )
            invoice = s.get(Invoice, note.invoice_id)
            assert invoice is not None
            lines = s.scalars(
                select(CreditNoteLine)
                .where(CreditNoteLine.credit_note_id == note.id)
                .order_by(CreditNoteLine.position)
            ).all()
            return CreditNoteData(
                letterhead=_letterhead(s, note.letterhead_json),
                number=note.number,
                issued_on=note.issued_on,
                invoice_number=invoice.number,
                invoice_issued_on=invoice.issued_on,
                bill_to=_bill_to(invoice),
                reason=note.reason,
                lines=tuple(
                    DocumentLine(ln.description, ln.net_pence, ln.vat_rate_bp, ln.vat_pence)
                    for ln in lines
                ),
                vat_breakdown=_vat_rows(lines),
                net_pence=note.net_pence,
                vat_pence=note.vat_pence,
                gross_pence=note.gross_pence,
            )

    def receipt_data(self, payment_id: int) -> ReceiptData:
        """A payment or refund, with the balance as it stood once it was recorded."""
        with self._ctx.db.read() as s:
            payment = s.get(Payment, _record_id(payment_id, "payment"))
            if payment is None:
                raise NotFoundError(f"Payment {payment_id} does not exist.", field="payment")
            invoice = s.get(Invoice, payment.invoice_id)
            assert invoice is not None
            paid = s.scalar(
                select(func.coalesce(func.sum(Payment.amount_pence), 0)).where(
                    Payment.invoice_id == invoice.id, Payment.id <= payment.id
                )
            )
            credited = s.scalar(
                select(func.coalesce(func.sum(CreditNote.gross_pence), 0)).where(
                    CreditNote.invoice_id == invoice.id,
                    CreditNote.issued_at <= payment.recorded_at,
                )
            )
            return ReceiptData(
                letterhead=_letterhead(s, invoice.letterhead_json),
                number=f"{RECEIPT_PREFIX}-{payment.id:06d}",
                received_on=payment.received_on,
                bill_to=_bill_to(invoice),
                amount_pence=payment.amount_pence,
                method=payment.method.value.replace("_", " ").capitalize(),
                reference=payment.reference,
                cost_centre=payment.cost_centre,
                invoice_number=invoice.number,
                invoice_gross_pence=invoice.gross_pence,
                balance_after_pence=invoice.gross_pence - int(credited or 0) - int(paid or 0),
            )

    # -- bookings ------------------------------------------------------------------------

    def confirmation_data(self, reference_or_id: int | str) -> ConfirmationData:
        """The letter for a booking; for a series, every date of the series."""
        with self._ctx.db.read() as s:
            booking = s.get(Booking, _booking_id(reference_or_id))
            if booking is None:
                raise NotFoundError(f"There is no booking {reference_or_id}.", field="booking")
            if booking.series_id is None:
                dates = [booking]
            else:
                dates = list(
                    s.scalars(
                        select(Booking)
                        .where(Booking.series_id == booking.series_id)
                        .order_by(Booking.starts_at, Booking.id)
                    )
                )
            live = [b for b in dates if b.status in BLOCKING_STATUSES]
            priced = booking if booking.status in BLOCKING_STATUSES or not live else live[0]
            hall = s.get(Hall, booking.hall_id)
            hirer = s.get(Hirer, booking.hirer_id)
            assert hall is not None and hirer is not None
            venue = hall.venue
            org = read_organisation(s)
            today = local_day(self._ctx.now())
            invoice = s.execute(
                select(Invoice.number, Invoice.due_on)
                .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
                .where(InvoiceLine.booking_id == booking.id, live_invoice())
                .order_by(Invoice.id.desc())
                .limit(1)
            ).first()
            if invoice is not None:
                reference, due = invoice.number, invoice.due_on
            elif live:
                notice = timedelta(days=self._ctx.policy(s).notice_days)
                reference, due = (
                    booking.reference,
                    max(today, local_day(live[0].starts_at) - notice),
                )
            else:
                reference, due = booking.reference, None
            return ConfirmationData(
                letterhead=_from_details(org),
                letter_date=today,
                reference=booking.reference,
                recipient=_hirer_address(hirer),
                contact_name=hirer.name,
                status=_status(booking),
                hall_name=hall.name,
                venue_name=venue.name,
                venue_address=venue.address,
                venue_postcode=venue.postcode,
                purpose=booking.purpose,
                attendees=booking.attendees,
                occurrences=tuple(
                    Occurrence(
                        b.reference,
                        to_local(b.starts_at),
                        to_local(b.ends_at),
                        cancelled=b.status not in BLOCKING_STATUSES,
                    )
                    for b in dates
                ),
                setup_minutes=priced.setup_minutes,
                cleanup_minutes=priced.cleanup_minutes,
                included=_included(s, priced, hall),
                access_notes=venue.access_notes,
                on_the_day_phone=venue.on_the_day_phone,
                charges=tuple(_charge_line(c) for c in priced.charges),
                total_pence=sum(b.total_pence for b in live),
                deposit_pence=sum(b.deposit_pence for b in live),
                payment_due_on=due,
                payment_reference=reference,
            )

    def keysheet_data(self, venue_id: int, first_day: date, days: int = 7) -> KeysheetData:
        """Every booking (holds included) at a venue over `days` London days."""
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_SHEET_DAYS:
            raise ValidationError(
                f"A key-holder sheet covers 1 to {MAX_SHEET_DAYS} days.", field="days"
            )
        last_day = first_day + timedelta(days=days - 1)
        with self._ctx.db.read() as s:
            venue = s.get(Venue, _record_id(venue_id, "venue"))
            if venue is None:
                raise NotFoundError(f"Venue {venue_id} does not exist.", field="venue")
            rows = s.execute(
                select(Booking, Hall.name, Hirer)
                .join(Hall, Hall.id == Booking.hall_id)
                .join(Hirer, Hirer.id == Booking.hirer_id)
                .where(
                    Hall.venue_id == venue.id,
                    Booking.status.in_(BLOCKING_STATUSES),
                    _starts_between(first_day, last_day),
                )
                .order_by(Booking.starts_at, Hall.name, Booking.id)
            ).all()
            holders = s.scalars(
                select(KeyHolder).where(KeyHolder.venue_id == venue.id).order_by(KeyHolder.name)
            ).all()
            return KeysheetData(
                letterhead=_letterhead(s, ""),
                venue_name=venue.name,
                venue_address=venue.address,
                venue_postcode=venue.postcode,
                first_day=first_day,
                last_day=last_day,
                key_holders=tuple(KeyHolderRow(h.name, h.phone, h.role) for h in holders),
                access_notes=venue.access_notes,
                on_the_day_phone=venue.on_the_day_phone,
                entries=tuple(
                    KeysheetEntry(
                        reference=b.reference,
                        hall_name=hall_name,
                        start=to_local(b.starts_at),
                        end=to_local(b.ends_at),
                        setup_minutes=b.setup_minutes,
                        cleanup_minutes=b.cleanup_minutes,
                        hirer_name=_hirer_label(hirer),
                        hirer_phone=hirer.phone,
                        attendees=b.attendees,
                        purpose=b.purpose,
                        notes=b.notes,
                        status_note=""
                        if b.status is not BookingStatus.PROVISIONAL
                        else "provisional",
                    )
                    for b, hall_name, hirer in rows
                ),
                printed_on=local_day(self._ctx.now()),
            )

    # -- lists for batches ---------------------------------------------------------------

    def invoice_ids(self, first_day: date, last_day: date) -> list[int]:
        """Invoices issued between two London dates (inclusive), oldest first."""
        with self._ctx.db.read() as s:
            return list(
                s.scalars(
                    select(Invoice.id)
                    .where(Invoice.issued_on >= first_day, Invoice.issued_on <= last_day)
                    .order_by(Invoice.issued_on, Invoice.id)
                )
            )

    def booking_ids(self, first_day: date, last_day: date) -> list[int]:
        """Confirmed bookings starting between two London dates; one per series."""
        with self._ctx.db.read() as s:
            rows = s.execute(
                select(Booking.id, Booking.series_id)
                .where(
                    Booking.status == BookingStatus.CONFIRMED,
                    _starts_between(first_day, last_day),
                )
                .order_by(Booking.starts_at, Booking.id)
            ).all()
        seen: set[int] = set()
        ids: list[int] = []
        for booking_id, series_id in rows:
            if series_id is not None:
                if series_id in seen:
                    continue
                seen.add(series_id)
            ids.append(booking_id)
        return ids

    def venue_ids(self) -> list[int]:
        """Active venues, by name (for a week of key-holder sheets)."""
        with self._ctx.db.read() as s:
            return list(
                s.scalars(select(Venue.id).where(Venue.active.is_(True)).order_by(Venue.name))
            )

    def venue_id(self, name: str) -> int:
        """A venue by its name (case-insensitive), for the command line."""
        with self._ctx.db.read() as s:
            found = s.scalars(
                select(Venue.id).where(func.lower(Venue.name) == name.strip().lower())
            ).all()
            if not found:
                raise NotFoundError(f"There is no venue called “{name}”.", field="venue")
            return found[0]


# -- helpers ---------------------------------------------------------------------------


def _record_id(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{value!r} is not a record number.", field=field)
    return value


def _booking_id(reference_or_id: int | str) -> int:
    if isinstance(reference_or_id, str):
        parsed = parse_booking_reference(reference_or_id)
        if parsed is None:
            raise ValidationError(
                f"“{reference_or_id}” is not a booking reference (like BK-004217).",
                field="booking",
            )
        return parsed
    return _record_id(reference_or_id, "booking")


def _invoice(s: Session, id_or_number: int | str) -> Invoice:
    if isinstance(id_or_number, str):
        text = id_or_number.strip().upper()
        invoice = s.scalar(select(Invoice).where(Invoice.number == text))
    else:
        invoice = s.get(Invoice, _record_id(id_or_number, "invoice"))
    if invoice is None:
        raise NotFoundError(f"There is no invoice {id_or_number}.", field="invoice")
    return invoice


def _letterhead(s: Session, stored: str) -> Letterhead:
    """The letterhead kept at issue, else (a preview or an older document) today's."""
    return _from_details(organisation_from_json(stored) or read_organisation(s))


def _from_details(org: OrganisationDetails) -> Letterhead:
    return Letterhead(**asdict(org))


def _document_line(line: InvoiceLine) -> DocumentLine:
    return DocumentLine(
        description=line.description,
        net_pence=line.net_pence,
        vat_rate_bp=line.vat_rate_bp,
        vat_pence=line.vat_pence,
        quantity=line.quantity,
        unit_pence=line.unit_pence,
        is_discount=line.kind == ChargeKind.DISCOUNT.value,
    )


def _charge_line(charge: BookingCharge) -> DocumentLine:
    return DocumentLine(
        description=charge.description,
        net_pence=charge.amount_pence,
        vat_rate_bp=charge.vat_rate_bp,
        vat_pence=vat_pence(charge.amount_pence, charge.vat_rate_bp),
        quantity=charge.quantity,
        unit_pence=charge.unit_pence,
        is_discount=charge.kind is ChargeKind.DISCOUNT,
    )


def _vat_rows(lines: Sequence[InvoiceLine] | Sequence[CreditNoteLine]) -> tuple[VatRow, ...]:
    return tuple(
        VatRow(r.vat_rate_bp, r.net_pence, r.vat_pence)
        for r in vat_totals((ln.vat_rate_bp, ln.net_pence, ln.vat_pence) for ln in lines)
    )


def _bill_to(invoice: Invoice) -> PostalAddress:
    """The addressee copied onto the invoice at issue."""
    return PostalAddress(invoice.bill_to_name, invoice.bill_to_address, invoice.bill_to_postcode)


def _starts_between(first_day: date, last_day: date) -> ColumnElement[bool]:
    """Bookings starting on London dates first_day..last_day (inclusive)."""
    return and_(
        Booking.starts_at >= local_midnight_utc(first_day),
        Booking.starts_at < local_midnight_utc(last_day + timedelta(days=1)),
    )


def _hirer_address(hirer: Hirer) -> PostalAddress:
    address = "\n".join(p for p in (hirer.organisation, hirer.address) if p)
    return PostalAddress(hirer.name, address, hirer.postcode)


def _hirer_label(hirer: Hirer) -> str:
    return f"{hirer.name} ({hirer.organisation})" if hirer.organisation else hirer.name


def _status(booking: Booking) -> str:
    if booking.status is BookingStatus.PROVISIONAL and booking.hold_expires_at is not None:
        held = local_day(booking.hold_expires_at)
        return f"Provisional, held until {held.day} {held:%b %Y}"
    return booking.status.value.capitalize()


def _included(s: Session, booking: Booking, hall: Hall) -> tuple[str, ...]:
    extras = [
        name if quantity == 1 else f"{name} × {quantity}"
        for name, quantity in s.execute(
            select(Extra.name, BookingExtra.quantity)
            .join(BookingExtra, BookingExtra.extra_id == Extra.id)
            .where(BookingExtra.booking_id == booking.id)
            .order_by(Extra.name)
        )
    ]
    facilities = sorted(f.label for f in hall.facilities | hall.venue.facilities)
    return tuple(extras + facilities)
