"""Issuing invoices and credit notes, and recording payments and refunds against them.

An issued invoice is never edited: corrections are credit notes, money received is a
payment, money given back is a negative payment. The balance of an invoice is its
gross total less credit notes less net payments, always summed in SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from spacebank.domain.booking import Booking, BookingCharge, booking_reference
from spacebank.domain.clock import financial_year, local_day, to_local
from spacebank.domain.enums import BookingStatus, ChargeKind, PaymentMethod
from spacebank.domain.errors import (
    MoneyError,
    NotFoundError,
    StatusError,
    TimeError,
    ValidationError,
)
from spacebank.domain.hirer import Hirer
from spacebank.domain.invoice import (
    CREDIT_NOTE_PREFIX,
    INVOICE_PREFIX,
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    Payment,
)
from spacebank.domain.money import (
    BASIS_POINTS,
    check_amount,
    format_pence,
    ratio_pence,
    split_in_proportion,
)
from spacebank.domain.pricing import ChargeLine, format_percent
from spacebank.domain.text import clean_text
from spacebank.domain.venue import Hall
from spacebank.services.audit import record, snapshot
from spacebank.services.context import ServiceContext
from spacebank.services.invoice_dto import (
    CreditNoteDetails,
    CreditNoteLineDetails,
    CreditNoteSummary,
    HirerBalance,
    InvoiceBalance,
    InvoiceDetails,
    InvoiceLineDetails,
    InvoiceSummary,
    PaymentDetails,
    PaymentInput,
)
from spacebank.services.invoice_settlement import refresh_settled_on
from spacebank.services.invoice_sums import credited_column, live_invoice, paid_column
from spacebank.services.numbering import next_number
from spacebank.services.settings_service import organisation_json

#: Bookings that may be invoiced; a provisional hold must be confirmed first.
INVOICEABLE = frozenset({BookingStatus.CONFIRMED, BookingStatus.COMPLETED})
MAX_BOOKINGS_PER_INVOICE = 1000
MAX_LIST_LIMIT = 10_000
#: Nothing in the books is older than this; an earlier date is a typo.
EARLIEST_DATE = date(2000, 1, 1)
DESCRIPTION_MAX = 400
NO_CHARGE = ChargeLine(ChargeKind.HIRE, "No charge", "", 0, 0, 0)

INVOICE_AUDIT_FIELDS = (
    "number",
    "hirer_id",
    "bill_to_name",
    "issued_on",
    "due_on",
    "net_pence",
    "vat_pence",
    "gross_pence",
)
CREDIT_AUDIT_FIELDS = (
    "number",
    "invoice_id",
    "issued_on",
    "reason",
    "net_pence",
    "vat_pence",
    "gross_pence",
)
PAYMENT_AUDIT_FIELDS = (
    "invoice_id",
    "amount_pence",
    "method",
    "reference",
    "cost_centre",
    "received_on",
)


class InvoiceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- issuing -----------------------------------------------------------------------

    def issue(self, booking_ids: Sequence[int], *, issued_on: date | None = None) -> InvoiceDetails:
        """Invoice one hirer's confirmed or completed bookings, copying their charges.

        Raises:
            NotFoundError: a booking does not exist.
            StatusError: a booking is a provisional hold, cancelled, or already invoiced.
            ValidationError: no bookings, bookings of several hirers, or a bad date.
        """
        ids = _booking_ids(booking_ids)
        with self._ctx.db.write() as s:
            today = self._today()
            day = (
                today
                if issued_on is None
                else check_day(issued_on, today, field="issued_on", label="The invoice date")
            )
            bookings = _lock_bookings(s, ids)
            hirer_id = _one_hirer(bookings)
            _refuse_invoiced(s, ids)
            hirer = s.execute(
                select(
                    Hirer.name,
                    Hirer.organisation,
                    Hirer.address,
                    Hirer.postcode,
                    Hirer.anonymised_at,
                ).where(Hirer.id == hirer_id)
            ).one()
            if hirer.anonymised_at is not None:
                raise ValidationError(
                    "That hirer's record has been anonymised; it cannot be invoiced.",
                    field="booking_ids",
                )
            lines = _invoice_lines(s, bookings)
            net = sum(line.net_pence for line in lines)
            vat = sum(line.vat_pence for line in lines)
            if net + vat < 0:
                raise MoneyError(
                    f"Those bookings come to {format_pence(net + vat)}; an invoice cannot be "
                    "for less than £0.00.",
                    field="booking_ids",
                )
            policy = self._ctx.policy(s)
            fy = financial_year(day)
            sequence, number = next_number(s, INVOICE_PREFIX, fy)
            invoice = Invoice(
                number=number,
                financial_year=fy,
                sequence=sequence,
                hirer_id=hirer_id,
                bill_to_name=hirer.organisation or hirer.name,
                bill_to_address=hirer.address,
                bill_to_postcode=hirer.postcode,
                issued_on=day,
                due_on=day + timedelta(days=max(0, policy.invoice_due_days)),
                net_pence=net,
                vat_pence=vat,
                gross_pence=net + vat,
                payment_reference=number,
                issued_at=self._ctx.now(),
                issued_by=self._ctx.actor,
                letterhead_json=organisation_json(s),
                lines=lines,
            )
            s.add(invoice)
            refresh_settled_on(s, invoice)
            after = snapshot(invoice, INVOICE_AUDIT_FIELDS)
            after["booking_ids"] = [b.id for b in bookings]
            record(
                s, self._ctx, action="issue", entity="invoice", entity_id=invoice.id, after=after
            )
            return _invoice_details(s, invoice.id)

    def credit_note(
        self, invoice_id: int, *, amount_pence: int | None = None, reason: str
    ) -> CreditNoteDetails:
        """Credit an invoice in full (`amount_pence` None) or in part (VAT-inclusive pence).

        A full first credit mirrors the invoice's lines; anything else has one line per
        VAT rate, sharing the amount in proportion to what is left to credit at each rate.
        """
        reason = clean_text(
            reason, field="reason", label="The reason for the credit", max_length=DESCRIPTION_MAX
        )
        if amount_pence is not None:
            check_amount(amount_pence, field="amount_pence", label="The credit", allow_zero=False)
        with self._ctx.db.write() as s:
            invoice = _lock_invoice(s, invoice_id)
            credited = _credited(s, invoice.id)
            remaining = invoice.gross_pence - credited
            if invoice.gross_pence == 0:
                raise StatusError(
                    f"Invoice {invoice.number} is for £0.00; there is nothing to credit."
                )
            if remaining <= 0:
                raise StatusError(
                    f"Invoice {invoice.number} has already been credited in full "
                    f"({format_pence(credited)})."
                )
            amount = remaining if amount_pence is None else amount_pence
            if amount > remaining:
                raise MoneyError(
                    f"A credit of {format_pence(amount)} is more than the "
                    f"{format_pence(remaining)} left to credit on invoice {invoice.number} "
                    f"(invoiced {format_pence(invoice.gross_pence)}, already credited "
                    f"{format_pence(credited)}).",
                    field="amount_pence",
                )
            if credited == 0 and amount == invoice.gross_pence:
                lines = [
                    CreditNoteLine(
                        position=line.position,
                        description=line.description,
                        net_pence=line.net_pence,
                        vat_rate_bp=line.vat_rate_bp,
                        vat_pence=line.vat_pence,
                    )
                    for line in s.scalars(
                        select(InvoiceLine)
                        .where(InvoiceLine.invoice_id == invoice.id)
                        .order_by(InvoiceLine.position)
                    )
                ]
            else:
                parts = allocate_credit(amount, _remaining_by_rate(s, invoice.id))
                lines = [
                    CreditNoteLine(
                        position=position,
                        description=f"Credit against invoice {invoice.number} "
                        f"(VAT {format_percent(rate)})",
                        net_pence=net,
                        vat_rate_bp=rate,
                        vat_pence=vat,
                    )
                    for position, (rate, (net, vat)) in enumerate(sorted(parts.items()), 1)
                ]
            today = self._today()
            fy = financial_year(today)
            sequence, number = next_number(s, CREDIT_NOTE_PREFIX, fy)
            note = CreditNote(
                number=number,
                financial_year=fy,
                sequence=sequence,
                invoice_id=invoice.id,
                issued_on=today,
                reason=reason,
                net_pence=sum(line.net_pence for line in lines),
                vat_pence=sum(line.vat_pence for line in lines),
                gross_pence=amount,
                issued_at=self._ctx.now(),
                issued_by=self._ctx.actor,
                letterhead_json=organisation_json(s),
                lines=lines,
            )
            s.add(note)
            refresh_settled_on(s, invoice)
            after = snapshot(note, CREDIT_AUDIT_FIELDS)
            after["invoice_number"] = invoice.number
            record(
                s, self._ctx, action="issue", entity="credit_note", entity_id=note.id, after=after
            )
            return _credit_note_details(s, note.id)

    # -- payments ----------------------------------------------------------------------

    def record_payment(self, invoice_id: int, payment: PaymentInput) -> PaymentDetails:
        """Money received against an invoice; never more than is still owed."""
        amount = check_amount(
            payment.amount_pence, field="amount_pence", label="The payment", allow_zero=False
        )
        method = payment_method(payment.method)
        reference = clean_text(
            payment.reference,
            field="reference",
            label="The reference",
            max_length=100,
            required=False,
        )
        cost_centre = _cost_centre(method, payment.cost_centre)
        with self._ctx.db.write() as s:
            received_on = check_day(
                payment.received_on, self._today(), field="received_on", label="The date received"
            )
            invoice = _lock_invoice(s, invoice_id)
            balance = _balance(s, invoice)
            owed = balance.outstanding_pence
            if amount > owed:
                raise MoneyError(
                    f"{format_pence(amount)} is more than the {format_pence(max(owed, 0))} "
                    f"still owed on invoice {invoice.number}.",
                    field="amount_pence",
                )
            return self._add_payment(
                s, invoice, amount, method, reference, cost_centre, received_on, action="payment"
            )

    def record_refund(
        self,
        invoice_id: int,
        amount_pence: int,
        method: PaymentMethod,
        reason: str,
        *,
        cost_centre: str = "",
        refunded_on: date | None = None,
    ) -> PaymentDetails:
        """Money given back to the hirer, stored as a negative payment.

        Never more than has been paid (net of earlier refunds). The reason is kept as the
        payment's reference and in the audit log.
        """
        amount = check_amount(
            amount_pence, field="amount_pence", label="The refund", allow_zero=False
        )
        refund_method = payment_method(method)
        reason = clean_text(
            reason, field="reason", label="The reason for the refund", max_length=100
        )
        centre = _cost_centre(refund_method, cost_centre)
        with self._ctx.db.write() as s:
            today = self._today()
            day = (
                today
                if refunded_on is None
                else check_day(refunded_on, today, field="refunded_on", label="The refund date")
            )
            invoice = _lock_invoice(s, invoice_id)
            paid = _paid(s, invoice.id)
            if amount > paid:
                raise MoneyError(
                    f"A refund of {format_pence(amount)} is more than the "
                    f"{format_pence(max(paid, 0))} paid on invoice {invoice.number}.",
                    field="amount_pence",
                )
            return self._add_payment(
                s, invoice, -amount, refund_method, reason, centre, day, action="refund"
            )

    # -- reading -----------------------------------------------------------------------

    def get_invoice(self, id_or_number: int | str) -> InvoiceDetails:
        """One invoice by its id or its number ("SB-2026-000123")."""
        with self._ctx.db.read() as s:
            if isinstance(id_or_number, str):
                text = id_or_number.strip().upper()
                invoice_id = s.scalar(select(Invoice.id).where(Invoice.number == text))
                if invoice_id is None:
                    raise NotFoundError(
                        f"There is no invoice {text or '(blank)'}.", field="invoice"
                    )
            else:
                invoice_id = _check_id(id_or_number, field="invoice")
            return _invoice_details(s, invoice_id)

    def get_credit_note(self, credit_note_id: int) -> CreditNoteDetails:
        with self._ctx.db.read() as s:
            return _credit_note_details(s, _check_id(credit_note_id, field="credit_note"))

    def list_invoices(
        self,
        hirer_id: int | None = None,
        unpaid_only: bool = False,
        from_date: date | None = None,
        to_date: date | None = None,
        limit: int = 200,
    ) -> list[InvoiceSummary]:
        """Invoices, newest first; dates (inclusive) are issue dates."""
        if (
            isinstance(limit, bool)
            or not isinstance(limit, int)
            or not 1 <= limit <= MAX_LIST_LIMIT
        ):
            raise ValidationError(f"Show between 1 and {MAX_LIST_LIMIT:,} invoices.", field="limit")
        if from_date is not None and to_date is not None and from_date > to_date:
            raise ValidationError("The end date is before the start date.", field="to_date")
        credited = credited_column()
        paid = paid_column()
        query = select(
            Invoice.id,
            Invoice.number,
            Invoice.hirer_id,
            Invoice.bill_to_name,
            Invoice.issued_on,
            Invoice.due_on,
            Invoice.gross_pence,
            credited,
            paid,
        )
        if hirer_id is not None:
            query = query.where(Invoice.hirer_id == hirer_id)
        if from_date is not None:
            query = query.where(Invoice.issued_on >= from_date)
        if to_date is not None:
            query = query.where(Invoice.issued_on <= to_date)
        if unpaid_only:
            query = query.where(Invoice.gross_pence - credited - paid > 0)
        query = query.order_by(Invoice.issued_on.desc(), Invoice.id.desc()).limit(limit)
        with self._ctx.db.read() as s:
            return [
                InvoiceSummary(
                    id=r[0],
                    number=r[1],
                    hirer_id=r[2],
                    bill_to_name=r[3],
                    issued_on=r[4],
                    due_on=r[5],
                    gross_pence=r[6],
                    credited_pence=int(r[7]),
                    paid_pence=int(r[8]),
                )
                for r in s.execute(query)
            ]

    def invoice_for_booking(self, booking_id: int) -> InvoiceSummary | None:
        """The live invoice (not credited in full) covering a booking, or None."""
        booking_id = _check_id(booking_id, field="booking_id")
        query = (
            select(
                Invoice.id,
                Invoice.number,
                Invoice.hirer_id,
                Invoice.bill_to_name,
                Invoice.issued_on,
                Invoice.due_on,
                Invoice.gross_pence,
                credited_column(),
                paid_column(),
            )
            .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
            .where(InvoiceLine.booking_id == booking_id, live_invoice())
            .order_by(Invoice.id.desc())
            .limit(1)
        )
        with self._ctx.db.read() as s:
            r = s.execute(query).first()
            if r is None:
                return None
            return InvoiceSummary(
                id=r[0],
                number=r[1],
                hirer_id=r[2],
                bill_to_name=r[3],
                issued_on=r[4],
                due_on=r[5],
                gross_pence=r[6],
                credited_pence=int(r[7]),
                paid_pence=int(r[8]),
            )

    def invoice_balance(self, invoice_id: int) -> InvoiceBalance:
        with self._ctx.db.read() as s:
            invoice_id = _check_id(invoice_id, field="invoice")
            row = s.execute(
                select(
                    Invoice.id,
                    Invoice.number,
                    Invoice.gross_pence,
                    credited_column(),
                    paid_column(),
                ).where(Invoice.id == invoice_id)
            ).first()
            if row is None:
                raise NotFoundError(f"Invoice {invoice_id} does not exist.", field="invoice")
            return InvoiceBalance(row[0], row[1], row[2], int(row[3]), int(row[4]))

    def hirer_balance(self, hirer_id: int) -> HirerBalance:
        """What one hirer has been invoiced, credited and has paid, over all time."""
        with self._ctx.db.read() as s:
            hirer_id = _check_id(hirer_id, field="hirer_id")
            if s.scalar(select(Hirer.id).where(Hirer.id == hirer_id)) is None:
                raise NotFoundError(f"Hirer {hirer_id} does not exist.", field="hirer_id")
            invoiced = (
                select(func.coalesce(func.sum(Invoice.gross_pence), 0))
                .where(Invoice.hirer_id == hirer_id)
                .scalar_subquery()
            )
            credited = (
                select(func.coalesce(func.sum(CreditNote.gross_pence), 0))
                .join(Invoice, Invoice.id == CreditNote.invoice_id)
                .where(Invoice.hirer_id == hirer_id)
                .scalar_subquery()
            )
            paid = (
                select(func.coalesce(func.sum(Payment.amount_pence), 0))
                .join(Invoice, Invoice.id == Payment.invoice_id)
                .where(Invoice.hirer_id == hirer_id)
                .scalar_subquery()
            )
            row = s.execute(select(invoiced, credited, paid)).one()
            return HirerBalance(hirer_id, int(row[0]), int(row[1]), int(row[2]))

    # -- helpers -----------------------------------------------------------------------

    def _today(self) -> date:
        return local_day(self._ctx.now())

    def _add_payment(
        self,
        s: Session,
        invoice: Invoice,
        amount: int,
        method: PaymentMethod,
        reference: str,
        cost_centre: str,
        received_on: date,
        *,
        action: str,
    ) -> PaymentDetails:
        payment = Payment(
            invoice_id=invoice.id,
            amount_pence=amount,
            method=method,
            reference=reference,
            cost_centre=cost_centre,
            received_on=received_on,
            recorded_at=self._ctx.now(),
            recorded_by=self._ctx.actor,
        )
        s.add(payment)
        refresh_settled_on(s, invoice)
        after = snapshot(payment, PAYMENT_AUDIT_FIELDS)
        after["invoice_number"] = invoice.number
        record(s, self._ctx, action=action, entity="payment", entity_id=payment.id, after=after)
        return _payment_details(payment, invoice.number)


# -- pure helpers ----------------------------------------------------------------------


def allocate_credit(
    amount: int, remaining: Mapping[int, tuple[int, int]]
) -> dict[int, tuple[int, int]]:
    """Share a VAT-inclusive credit over VAT rates; returns {rate: (net, vat)}.

    `remaining` is {rate_bp: (net, vat)} still uncredited at each rate. Each rate gets
    a share of `amount` in proportion to its remaining gross; the share is split into
    net and VAT by the VAT fraction, kept within what remains so that later credits can
    never go below zero. Crediting everything returns `remaining` exactly. Rates whose
    share is zero are left out.
    """
    gross = {rate: max(0, net + vat) for rate, (net, vat) in remaining.items()}
    if not 0 < amount <= sum(gross.values()):
        raise ValueError(f"cannot credit {amount} of {sum(gross.values())}")
    result: dict[int, tuple[int, int]] = {}
    for rate, share in split_in_proportion(amount, gross).items():
        if share == 0:
            continue
        left_net, left_vat = remaining[rate]
        if share == gross[rate]:
            result[rate] = (left_net, left_vat)
            continue
        vat = ratio_pence(share * rate, BASIS_POINTS + rate)
        vat = min(max(vat, share - left_net), left_vat)
        result[rate] = (share - vat, vat)
    return result


def describe_booking_time(starts_at: datetime, ends_at: datetime) -> str:
    """'Sat 12 Dec 2026 14:00–18:00' in London time (a later end date is spelt out)."""
    start, end = to_local(starts_at), to_local(ends_at)
    day = f"{start:%a} {start.day} {start:%b %Y}"
    if end.date() == start.date():
        return f"{day} {start:%H:%M}–{end:%H:%M}"
    if end.date() == start.date() + timedelta(days=1) and end.time() == time(0):
        return f"{day} {start:%H:%M}–24:00"
    return f"{day} {start:%H:%M} – {end:%a} {end.day} {end:%b %Y} {end:%H:%M}"


def _fit(text: str, limit: int = DESCRIPTION_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- validation ------------------------------------------------------------------------


def _check_id(value: Any, *, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{value!r} is not a record number.", field=field)
    return value


def _booking_ids(booking_ids: Sequence[int]) -> list[int]:
    if isinstance(booking_ids, str | bytes):
        raise ValidationError("Choose the bookings to invoice.", field="booking_ids")
    ids = list(dict.fromkeys(_check_id(b, field="booking_ids") for b in booking_ids))
    if not ids:
        raise ValidationError("Choose at least one booking to invoice.", field="booking_ids")
    if len(ids) > MAX_BOOKINGS_PER_INVOICE:
        raise ValidationError(
            f"One invoice can cover at most {MAX_BOOKINGS_PER_INVOICE:,} bookings.",
            field="booking_ids",
        )
    return ids


def check_day(value: Any, today: date, *, field: str, label: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TimeError(f"{label} must be a calendar date.", field=field)
    if value > today:
        raise TimeError(
            f"{label} ({value:%d %b %Y}) is in the future; today is {today:%d %b %Y}.",
            field=field,
        )
    if value < EARLIEST_DATE:
        raise TimeError(
            f"{label} ({value:%d %b %Y}) is before the year 2000; check it.", field=field
        )
    return value


def payment_method(value: Any) -> PaymentMethod:
    try:
        return PaymentMethod(value)
    except ValueError:
        raise ValidationError(f"“{value}” is not a way of paying.", field="method") from None


def _cost_centre(method: PaymentMethod, value: str) -> str:
    code = clean_text(
        value, field="cost_centre", label="The cost-centre code", max_length=40, required=False
    )
    if method is PaymentMethod.INTERNAL_RECHARGE and not code:
        raise ValidationError(
            "An internal recharge needs the cost-centre code to charge.", field="cost_centre"
        )
    return code


# -- queries (inside the caller's transaction) -----------------------------------------


@dataclass(frozen=True)
class _Billable:
    """A booking about to be invoiced (only what the invoice needs from it)."""

    id: int
    hirer_id: int
    status: BookingStatus
    starts_at: datetime
    ends_at: datetime
    hall_name: str


def draft_invoice_lines(s: Session, booking_ids: Sequence[int]) -> tuple[int, list[InvoiceLine]]:
    """(hirer id, lines) an invoice for these bookings would have, for a preview.

    Checks what `issue` checks but locks nothing and takes no number.
    """
    ids = _booking_ids(booking_ids)
    bookings = _lock_bookings(s, ids, lock=False)
    hirer_id = _one_hirer(bookings)
    _refuse_invoiced(s, ids)
    return hirer_id, _invoice_lines(s, bookings)


def _lock_bookings(s: Session, ids: list[int], *, lock: bool = True) -> list[_Billable]:
    """The bookings in event order, locked so two desks cannot invoice one twice."""
    query = (
        select(
            Booking.id,
            Booking.hirer_id,
            Booking.status,
            Booking.starts_at,
            Booking.ends_at,
            Hall.name,
        )
        .join(Hall, Hall.id == Booking.hall_id)
        .where(Booking.id.in_(ids))
        .order_by(Booking.id)
    )
    if lock:
        query = query.with_for_update(of=Booking)
    rows = [_Billable(*r) for r in s.execute(query)]
    found = {r.id for r in rows}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFoundError(
            f"Booking {booking_reference(missing[0])} does not exist.", field="booking_ids"
        )
    for r in rows:
        if r.status is BookingStatus.PROVISIONAL:
            raise StatusError(
                f"{booking_reference(r.id)} is a provisional hold; confirm it first, "
                "then invoice it.",
                field="booking_ids",
            )
        if r.status not in INVOICEABLE:
            raise StatusError(
                f"{booking_reference(r.id)} is {r.status.value} and cannot be invoiced.",
                field="booking_ids",
            )
    return sorted(rows, key=lambda r: (r.starts_at, r.id))


def _one_hirer(bookings: list[_Billable]) -> int:
    hirers = {r.hirer_id for r in bookings}
    if len(hirers) > 1:
        raise ValidationError(
            "Those bookings belong to different hirers; an invoice is for one hirer only.",
            field="booking_ids",
        )
    return hirers.pop()


def _refuse_invoiced(s: Session, ids: list[int]) -> None:
    row = s.execute(
        select(InvoiceLine.booking_id, Invoice.number)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(InvoiceLine.booking_id.in_(ids), live_invoice())
        .order_by(InvoiceLine.booking_id)
        .limit(1)
    ).first()
    if row is not None:
        raise StatusError(
            f"{booking_reference(row[0] or 0)} is already on invoice {row[1]}; credit that "
            "invoice in full before invoicing the booking again.",
            field="booking_ids",
        )


def _invoice_lines(s: Session, bookings: list[_Billable]) -> list[InvoiceLine]:
    charges: dict[int, list[ChargeLine]] = {r.id: [] for r in bookings}
    for row in s.scalars(
        select(BookingCharge)
        .where(BookingCharge.booking_id.in_(list(charges)))
        .order_by(BookingCharge.booking_id, BookingCharge.position)
    ):
        charges[row.booking_id].append(
            ChargeLine(
                row.kind,
                row.description,
                row.quantity,
                row.unit_pence,
                row.amount_pence,
                row.vat_rate_bp,
            )
        )
    lines: list[InvoiceLine] = []
    for booking in bookings:
        when = describe_booking_time(booking.starts_at, booking.ends_at)
        # A booking with no charges still gets a line: the line is what ties it to the
        # invoice, which stops it being invoiced twice.
        for charge in charges[booking.id] or [NO_CHARGE]:
            lines.append(
                InvoiceLine(
                    position=len(lines) + 1,
                    booking_id=booking.id,
                    kind=charge.kind.value,
                    description=_fit(f"{booking.hall_name}, {when} — {charge.description}"),
                    quantity=charge.quantity,
                    unit_pence=charge.unit_pence,
                    net_pence=charge.amount_pence,
                    vat_rate_bp=charge.vat_rate_bp,
                    vat_pence=charge.vat_pence,
                )
            )
    return lines


def _lock_invoice(s: Session, invoice_id: int) -> Invoice:
    """The invoice row, locked so credits and payments against it take turns."""
    invoice_id = _check_id(invoice_id, field="invoice")
    invoice = s.scalar(select(Invoice).where(Invoice.id == invoice_id).with_for_update())
    if invoice is None:
        raise NotFoundError(f"Invoice {invoice_id} does not exist.", field="invoice")
    return invoice


def _credited(s: Session, invoice_id: int) -> int:
    return int(
        s.scalar(
            select(func.coalesce(func.sum(CreditNote.gross_pence), 0)).where(
                CreditNote.invoice_id == invoice_id
            )
        )
        or 0
    )


def _paid(s: Session, invoice_id: int) -> int:
    return int(
        s.scalar(
            select(func.coalesce(func.sum(Payment.amount_pence), 0)).where(
                Payment.invoice_id == invoice_id
            )
        )
        or 0
    )


def _balance(s: Session, invoice: Invoice) -> InvoiceBalance:
    return InvoiceBalance(
        invoice.id,
        invoice.number,
        invoice.gross_pence,
        _credited(s, invoice.id),
        _paid(s, invoice.id),
    )


def _remaining_by_rate(s: Session, invoice_id: int) -> dict[int, tuple[int, int]]:
    """{VAT rate: (net, vat)} of the invoice not yet covered by credit notes."""
    remaining: dict[int, tuple[int, int]] = {}
    invoiced = (
        select(
            InvoiceLine.vat_rate_bp,
            func.sum(InvoiceLine.net_pence),
            func.sum(InvoiceLine.vat_pence),
        )
        .where(InvoiceLine.invoice_id == invoice_id)
        .group_by(InvoiceLine.vat_rate_bp)
    )
    for rate, net, vat in s.execute(invoiced):
        remaining[rate] = (int(net), int(vat))
    credited = (
        select(
            CreditNoteLine.vat_rate_bp,
            func.sum(CreditNoteLine.net_pence),
            func.sum(CreditNoteLine.vat_pence),
        )
        .join(CreditNote, CreditNote.id == CreditNoteLine.credit_note_id)
        .where(CreditNote.invoice_id == invoice_id)
        .group_by(CreditNoteLine.vat_rate_bp)
    )
    for rate, net, vat in s.execute(credited):
        old_net, old_vat = remaining.get(rate, (0, 0))
        remaining[rate] = (old_net - int(net), old_vat - int(vat))
    return remaining


# -- DTOs ------------------------------------------------------------------------------


def _payment_details(p: Payment, invoice_number: str) -> PaymentDetails:
    return PaymentDetails(
        id=p.id,
        invoice_id=p.invoice_id,
        invoice_number=invoice_number,
        amount_pence=p.amount_pence,
        method=p.method,
        reference=p.reference,
        cost_centre=p.cost_centre,
        received_on=p.received_on,
        recorded_at=to_local(p.recorded_at),
        recorded_by=p.recorded_by,
    )


def _invoice_details(s: Session, invoice_id: int) -> InvoiceDetails:
    invoice = s.get(Invoice, invoice_id)
    if invoice is None:
        raise NotFoundError(f"Invoice {invoice_id} does not exist.", field="invoice")
    lines = tuple(
        InvoiceLineDetails(
            position=ln.position,
            booking_id=ln.booking_id,
            kind=ln.kind,
            description=ln.description,
            quantity=ln.quantity,
            unit_pence=ln.unit_pence,
            net_pence=ln.net_pence,
            vat_rate_bp=ln.vat_rate_bp,
            vat_pence=ln.vat_pence,
        )
        for ln in s.scalars(
            select(InvoiceLine)
            .where(InvoiceLine.invoice_id == invoice_id)
            .order_by(InvoiceLine.position)
        )
    )
    notes = tuple(
        CreditNoteSummary(r.id, r.number, r.issued_on, r.reason, r.gross_pence)
        for r in s.execute(
            select(
                CreditNote.id,
                CreditNote.number,
                CreditNote.issued_on,
                CreditNote.reason,
                CreditNote.gross_pence,
            )
            .where(CreditNote.invoice_id == invoice_id)
            .order_by(CreditNote.id)
        )
    )
    payments = tuple(
        _payment_details(p, invoice.number)
        for p in s.scalars(
            select(Payment).where(Payment.invoice_id == invoice_id).order_by(Payment.id)
        )
    )
    return InvoiceDetails(
        id=invoice.id,
        number=invoice.number,
        financial_year=invoice.financial_year,
        sequence=invoice.sequence,
        hirer_id=invoice.hirer_id,
        bill_to_name=invoice.bill_to_name,
        bill_to_address=invoice.bill_to_address,
        bill_to_postcode=invoice.bill_to_postcode,
        issued_on=invoice.issued_on,
        due_on=invoice.due_on,
        net_pence=invoice.net_pence,
        vat_pence=invoice.vat_pence,
        gross_pence=invoice.gross_pence,
        payment_reference=invoice.payment_reference,
        issued_at=to_local(invoice.issued_at),
        issued_by=invoice.issued_by,
        lines=lines,
        booking_ids=_distinct(ln.booking_id for ln in lines if ln.booking_id is not None),
        credit_notes=notes,
        payments=payments,
        credited_pence=_credited(s, invoice_id),
        paid_pence=_paid(s, invoice_id),
    )


def _credit_note_details(s: Session, credit_note_id: int) -> CreditNoteDetails:
    row = s.execute(
        select(
            CreditNote,
            Invoice.number,
            Invoice.hirer_id,
            Invoice.bill_to_name,
            Invoice.bill_to_address,
            Invoice.bill_to_postcode,
        )
        .join(Invoice, Invoice.id == CreditNote.invoice_id)
        .where(CreditNote.id == credit_note_id)
    ).first()
    if row is None:
        raise NotFoundError(f"Credit note {credit_note_id} does not exist.", field="credit_note")
    note = row[0]
    lines = tuple(
        CreditNoteLineDetails(
            ln.position, ln.description, ln.net_pence, ln.vat_rate_bp, ln.vat_pence
        )
        for ln in s.scalars(
            select(CreditNoteLine)
            .where(CreditNoteLine.credit_note_id == credit_note_id)
            .order_by(CreditNoteLine.position)
        )
    )
    return CreditNoteDetails(
        id=note.id,
        number=note.number,
        financial_year=note.financial_year,
        sequence=note.sequence,
        invoice_id=note.invoice_id,
        invoice_number=row[1],
        hirer_id=row[2],
        bill_to_name=row[3],
        bill_to_address=row[4],
        bill_to_postcode=row[5],
        issued_on=note.issued_on,
        reason=note.reason,
        net_pence=note.net_pence,
        vat_pence=note.vat_pence,
        gross_pence=note.gross_pence,
        issued_at=to_local(note.issued_at),
        issued_by=note.issued_by,
        lines=lines,
    )


def _distinct(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(values))
