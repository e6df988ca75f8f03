"""Steps shared by single and series bookings, run inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from spacebank.domain import rules
from spacebank.domain.booking import Booking, BookingCharge, BookingExtra, booking_reference
from spacebank.domain.calendar import bank_holiday_name
from spacebank.domain.clock import local_day, to_local, to_utc
from spacebank.domain.enums import BookingStatus, RateType
from spacebank.domain.errors import (
    ApprovalRequiredError,
    NotFoundError,
    StatusError,
    ValidationError,
)
from spacebank.domain.hirer import Hirer
from spacebank.domain.invoice import Invoice, InvoiceLine
from spacebank.domain.policy import Policy
from spacebank.domain.pricing import ChargeLine, Discount, PricedExtra, Quote, price_booking
from spacebank.domain.text import NOTE_MAX, clean_text
from spacebank.domain.venue import Extra
from spacebank.services.audit import record, snapshot
from spacebank.services.booking_dto import BookingDetails, BookingRequest
from spacebank.services.context import ServiceContext
from spacebank.services.hall_state import (
    HallInfo,
    bookings_near,
    closures_overlapping,
    evaluate,
    load_hall,
)
from spacebank.services.invoice_sums import credited_column, live_invoice, paid_column

AUDITED_FIELDS = (
    "hall_id",
    "hirer_id",
    "starts_at",
    "ends_at",
    "status",
    "purpose",
    "attendees",
    "notes",
    "rate_type",
    "discount_kind",
    "discount_value",
    "discount_reason",
    "discount_approved_by",
    "total_pence",
    "deposit_pence",
    "hold_expires_at",
    "short_notice_approved_by",
    "cancel_reason",
)


def hirer_rate_type(session: Session, hirer_id: int, chosen: RateType | None) -> RateType:
    row = session.execute(
        select(Hirer.hirer_type, Hirer.anonymised_at).where(Hirer.id == hirer_id)
    ).first()
    if row is None:
        raise NotFoundError(f"Hirer {hirer_id} does not exist.", field="hirer")
    if row.anonymised_at is not None:
        raise ValidationError(
            "That hirer's record has been anonymised and cannot book.", field="hirer"
        )
    return chosen or row.hirer_type.default_rate_type


def priced_extras(session: Session, extras: Sequence[tuple[int, int]]) -> list[PricedExtra]:
    if not extras:
        return []
    ids = [extra_id for extra_id, _ in extras]
    found = {
        r.id: r
        for r in session.execute(
            select(Extra.id, Extra.name, Extra.price_pence, Extra.active).where(Extra.id.in_(ids))
        )
    }
    result = []
    for extra_id, quantity in extras:
        row = found.get(extra_id)
        if row is None or not row.active:
            raise ValidationError(f"Extra {extra_id} is not available.", field="extras")
        if not 1 <= quantity <= 1000:
            raise ValidationError(f"Quantity of {row.name} must be 1–1000.", field="extras")
        result.append(PricedExtra(row.name, row.price_pence, quantity))
    return result


def quote_for(
    session: Session,
    hall: HallInfo,
    start: datetime,
    end: datetime,
    *,
    rate_type: RateType,
    extras: Sequence[tuple[int, int]],
    discount: Discount | None,
    policy: Policy,
) -> Quote:
    return price_booking(
        start=start,
        end=end,
        rate_type=rate_type,
        rates=hall.rates.get(rate_type, {}),
        bank_holiday=bank_holiday_name(local_day(start)) is not None,
        extras=priced_extras(session, extras),
        discount=discount,
        hall_deposit_pence=hall.deposit_pence,
        policy=policy,
        hall_name=hall.name,
    )


def ensure_bookable(
    session: Session,
    ctx: ServiceContext,
    hall: HallInfo,
    start: datetime,
    end: datetime,
    *,
    attendees: int,
    policy: Policy,
    exclude_id: int | None = None,
) -> None:
    """Raise the first reason the slot cannot be booked; expire lapsed holds in the way.

    The venue lock makes this check and the insert that follows atomic on PostgreSQL.
    """
    ctx.db.lock_venue(session, hall.venue_id)
    result = evaluate(
        hall,
        start,
        end,
        attendees=attendees,
        now=ctx.now(),
        policy=policy,
        bookings=bookings_near(session, hall, start, end, exclude_id=exclude_id),
        closures=closures_overlapping(session, [hall.venue_id], start, end),
    )
    if result.errors:
        raise result.errors[0]
    expire_holds(session, ctx, result.lapsed_ids)


def quote_request(
    session: Session, request: BookingRequest, start: datetime, end: datetime, policy: Policy
) -> tuple[HallInfo, RateType, Quote]:
    """The hall, rate type and price of a requested booking (UTC `start`/`end`)."""
    hall = load_hall(session, request.hall_id)
    rate_type = hirer_rate_type(session, request.hirer_id, request.rate_type)
    quote = quote_for(
        session,
        hall,
        start,
        end,
        rate_type=rate_type,
        extras=request.extras,
        discount=request.discount,
        policy=policy,
    )
    return hall, rate_type, quote


def insert_booking(
    session: Session,
    ctx: ServiceContext,
    request: BookingRequest,
    *,
    confirm: bool,
    short_notice_approved_by: str,
) -> tuple[Booking, HallInfo]:
    """Check, price and add one booking (a hold unless `confirm`) in the caller's transaction.

    Shared by the booking service and the CSV import, so an imported row meets every rule
    a clerk's booking does.
    """
    start = to_utc(request.start, field="start")
    end = to_utc(request.end, field="end")
    purpose = clean_purpose(request.purpose)
    notes = clean_notes(request.notes)
    now = ctx.now()
    policy = ctx.policy(session)
    hall, rate_type, quote = quote_request(session, request, start, end, policy)
    approver = short_notice_approval(
        now, start, policy, short_notice_approved_by, needed=confirm, prepaid=False
    )
    ensure_bookable(session, ctx, hall, start, end, attendees=request.attendees, policy=policy)
    blocked_start, blocked_end = hall.blocked(start, end)
    booking = Booking(
        hall_id=hall.id,
        hirer_id=request.hirer_id,
        starts_at=start,
        ends_at=end,
        setup_minutes=hall.setup_minutes,
        cleanup_minutes=hall.cleanup_minutes,
        blocked_start=blocked_start,
        blocked_end=blocked_end,
        status=BookingStatus.CONFIRMED if confirm else BookingStatus.PROVISIONAL,
        purpose=purpose,
        attendees=request.attendees,
        notes=notes,
        rate_type=rate_type,
        hold_expires_at=None if confirm else rules.hold_expiry(now, start, policy),
        short_notice_approved_by=approver,
        confirmed_at=now if confirm else None,
        created_at=now,
        created_by=ctx.actor,
        updated_at=now,
        updated_by=ctx.actor,
    )
    set_discount(booking, request.discount.validated() if request.discount else None)
    set_charges(booking, quote)
    set_extras(booking, request.extras)
    session.add(booking)
    audit_change(session, ctx, "create", booking, None)
    return booking, hall


def expire_holds(session: Session, ctx: ServiceContext, booking_ids: Sequence[int]) -> int:
    expired = 0
    for booking_id in booking_ids:
        result = session.execute(
            update(Booking)
            .where(Booking.id == booking_id, Booking.status == BookingStatus.PROVISIONAL)
            .values(
                status=BookingStatus.EXPIRED,
                updated_at=ctx.now(),
                updated_by=ctx.actor,
                version=Booking.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        # On PostgreSQL another desk may have confirmed or cancelled the hold since it
        # was read: then nothing expired, and the audit log must not say it did.
        if result.rowcount == 0:
            continue
        record(
            session,
            ctx,
            action="expire",
            entity="booking",
            entity_id=booking_id,
            before={"status": "provisional"},
            after={"status": "expired"},
        )
        expired += 1
    return expired


def set_charges(booking: Booking, quote: Quote) -> None:
    booking.charges = [
        BookingCharge(
            position=i,
            kind=line.kind,
            description=line.description,
            quantity=line.quantity,
            unit_pence=line.unit_pence,
            amount_pence=line.amount_pence,
            vat_rate_bp=line.vat_rate_bp,
        )
        for i, line in enumerate(quote.lines, start=1)
    ]
    booking.total_pence = quote.total_pence
    booking.deposit_pence = quote.deposit_pence


def set_extras(booking: Booking, extras: Sequence[tuple[int, int]]) -> None:
    booking.extras = [BookingExtra(extra_id=e, quantity=q) for e, q in extras]


def set_discount(booking: Booking, discount: Discount | None) -> None:
    booking.discount_kind = discount.kind if discount else None
    booking.discount_value = discount.value if discount else 0
    booking.discount_reason = discount.reason if discount else ""
    booking.discount_approved_by = discount.approved_by if discount else ""


def current_discount(booking: Booking) -> Discount | None:
    if booking.discount_kind is None:
        return None
    return Discount(
        booking.discount_kind,
        booking.discount_value,
        booking.discount_reason,
        booking.discount_approved_by,
    )


def clean_purpose(purpose: str) -> str:
    return clean_text(purpose, field="purpose", label="Purpose")


def clean_notes(notes: str) -> str:
    return clean_text(
        notes, field="notes", label="Notes", max_length=NOTE_MAX, required=False, multiline=True
    )


def load_booking(session: Session, booking_id: int, expected_version: int | None) -> Booking:
    booking = session.get(Booking, booking_id)
    if booking is None:
        raise NotFoundError(f"Booking {booking_reference(booking_id)} does not exist.")
    if expected_version is not None and booking.version != expected_version:
        raise StatusError(
            f"{booking.reference} was changed at another desk since you opened it; "
            "reload it and try again."
        )
    return booking


def audit_snapshot(booking: Booking) -> dict[str, object]:
    return snapshot(booking, AUDITED_FIELDS)


def audit_change(
    session: Session,
    ctx: ServiceContext,
    action: str,
    booking: Booking,
    before: dict[str, object] | None,
) -> None:
    session.flush()
    record(
        session,
        ctx,
        action=action,
        entity="booking",
        entity_id=booking.id,
        before=before,
        after=audit_snapshot(booking),
    )


def to_details(session: Session, booking: Booking, hall: HallInfo) -> BookingDetails:
    hirer = session.execute(
        select(Hirer.name, Hirer.organisation).where(Hirer.id == booking.hirer_id)
    ).one()
    return BookingDetails(
        id=booking.id,
        reference=booking.reference,
        hall_id=hall.id,
        hall_name=hall.name,
        venue_id=hall.venue_id,
        venue_name=hall.venue_name,
        hirer_id=booking.hirer_id,
        hirer_name=hirer.organisation or hirer.name,
        series_id=booking.series_id,
        start=to_local(booking.starts_at),
        end=to_local(booking.ends_at),
        setup_minutes=booking.setup_minutes,
        cleanup_minutes=booking.cleanup_minutes,
        status=booking.status,
        purpose=booking.purpose,
        attendees=booking.attendees,
        notes=booking.notes,
        rate_type=booking.rate_type,
        charges=tuple(
            ChargeLine(
                c.kind, c.description, c.quantity, c.unit_pence, c.amount_pence, c.vat_rate_bp
            )
            for c in booking.charges
        ),
        total_pence=booking.total_pence,
        deposit_pence=booking.deposit_pence,
        hold_expires_at=to_local(booking.hold_expires_at) if booking.hold_expires_at else None,
        short_notice_approved_by=booking.short_notice_approved_by,
        cancelled_at=to_local(booking.cancelled_at) if booking.cancelled_at else None,
        cancelled_by=booking.cancelled_by,
        cancel_reason=booking.cancel_reason,
        version=booking.version,
        extras=tuple((e.extra_id, e.quantity) for e in booking.extras),
        discount=current_discount(booking),
    )


def invoice_state(session: Session, booking_id: int) -> tuple[bool, bool]:
    """(on a live invoice, that invoice paid in full) for one booking."""
    row = session.execute(
        select(Invoice.gross_pence - credited_column() - paid_column())
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(InvoiceLine.booking_id == booking_id, live_invoice())
        .limit(1)
    ).first()
    return row is not None, row is not None and row[0] <= 0


def short_notice_approval(
    now: datetime, start: datetime, policy: Policy, approver: str, *, needed: bool, prepaid: bool
) -> str:
    """The approver's name to record, or raise if a short-notice confirmation lacks one."""
    approver = approver.strip()
    if not needed or not rules.within_notice_period(now, start, policy):
        return approver
    if approver or prepaid:
        return approver
    raise ApprovalRequiredError(
        f"The event is less than {policy.notice_days} days away: confirming it needs a "
        "manager's approval or full prepayment.",
        field="short_notice_approved_by",
    )
