"""Taking, confirming, changing and cancelling single bookings."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from spacebank.domain import rules
from spacebank.domain.booking import Booking
from spacebank.domain.clock import local_midnight_utc, to_utc
from spacebank.domain.enums import BookingStatus
from spacebank.domain.errors import StatusError
from spacebank.domain.policy import Policy
from spacebank.domain.pricing import Quote
from spacebank.domain.text import clean_text
from spacebank.domain.venue import Hall
from spacebank.services import booking_ops as ops
from spacebank.services.audit import record
from spacebank.services.booking_dto import (
    BookingChange,
    BookingDetails,
    BookingFilter,
    BookingRequest,
    BookingSummary,
)
from spacebank.services.context import ServiceContext
from spacebank.services.hall_state import HallInfo, load_hall
from spacebank.services.outstanding import unpaid_booking
from spacebank.services.summaries import summary_columns, to_summary


class BookingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- reading ---------------------------------------------------------------------

    def quote(self, request: BookingRequest) -> Quote:
        """The price of a prospective booking (nothing is saved)."""
        start, end = _times(request.start, request.end)
        with self._ctx.db.read() as s:
            return ops.quote_request(s, request, start, end, self._ctx.policy(s))[2]

    def get(self, booking_id: int) -> BookingDetails:
        with self._ctx.db.read() as s:
            booking = ops.load_booking(s, booking_id, None)
            return ops.to_details(s, booking, load_hall(s, booking.hall_id))

    def list(self, flt: BookingFilter) -> list[BookingSummary]:
        """Bookings matching a filter, in time order (at most `flt.limit`)."""
        query = summary_columns()
        if flt.first_day is not None:
            query = query.where(Booking.starts_at >= local_midnight_utc(flt.first_day))
        if flt.last_day is not None:
            query = query.where(
                Booking.starts_at < local_midnight_utc(flt.last_day + timedelta(days=1))
            )
        if flt.hall_id is not None:
            query = query.where(Booking.hall_id == flt.hall_id)
        if flt.venue_id is not None:
            query = query.where(Hall.venue_id == flt.venue_id)
        if flt.hirer_id is not None:
            query = query.where(Booking.hirer_id == flt.hirer_id)
        if flt.statuses:
            query = query.where(Booking.status.in_(flt.statuses))
        if flt.unpaid_only:
            query = query.where(unpaid_booking())
        with self._ctx.db.read() as s:
            rows = s.execute(query.order_by(Booking.starts_at, Booking.id).limit(flt.limit))
            return [to_summary(r) for r in rows]

    # -- taking bookings -------------------------------------------------------------

    def hold(self, request: BookingRequest) -> BookingDetails:
        """Pencil a provisional hold that lapses after the policy's hold period."""
        return self._create(request, confirm=False, short_notice_approved_by="")

    def book(
        self, request: BookingRequest, *, short_notice_approved_by: str = ""
    ) -> BookingDetails:
        """Take a confirmed booking at once (the caller has decided on the phone)."""
        return self._create(
            request, confirm=True, short_notice_approved_by=short_notice_approved_by
        )

    def _create(
        self, request: BookingRequest, *, confirm: bool, short_notice_approved_by: str
    ) -> BookingDetails:
        with self._ctx.db.write() as s:
            booking, hall = ops.insert_booking(
                s,
                self._ctx,
                request,
                confirm=confirm,
                short_notice_approved_by=short_notice_approved_by,
            )
            return ops.to_details(s, booking, hall)

    # -- changing bookings -----------------------------------------------------------

    def confirm(
        self,
        booking_id: int,
        *,
        short_notice_approved_by: str = "",
        expected_version: int | None = None,
    ) -> BookingDetails:
        """Turn a provisional hold into a confirmed booking.

        Inside the notice period this needs a manager's approval or full prepayment.
        """
        now = self._ctx.now()
        with self._ctx.db.write() as s:
            booking = ops.load_booking(s, booking_id, expected_version)
            if booking.status is not BookingStatus.PROVISIONAL:
                raise StatusError(
                    f"{booking.reference} is {booking.status.value}; only a provisional "
                    "hold can be confirmed."
                )
            hall = load_hall(s, booking.hall_id)
            # Confirming revives a lapsed hold, which a desk booking this venue may be
            # expiring at this moment: take turns with it (the version check then tells
            # the later desk). Without this, PostgreSQL could end up with the hold and a
            # booking of a connected hall at the same time.
            self._ctx.db.lock_venue(s, hall.venue_id)
            policy = self._ctx.policy(s)
            _, prepaid = ops.invoice_state(s, booking.id)
            before = ops.audit_snapshot(booking)
            booking.short_notice_approved_by = ops.short_notice_approval(
                now,
                booking.starts_at,
                policy,
                short_notice_approved_by,
                needed=True,
                prepaid=prepaid,
            )
            booking.status = BookingStatus.CONFIRMED
            booking.hold_expires_at = None
            booking.confirmed_at = now
            self._touch(booking)
            ops.audit_change(s, self._ctx, "confirm", booking, before)
            return ops.to_details(s, booking, hall)

    def cancel(
        self, booking_id: int, *, reason: str, expected_version: int | None = None
    ) -> BookingDetails:
        """Cancel a hold or booking; who, when and why are kept. Refunds are separate."""
        reason = clean_text(reason, field="reason", label="Cancellation reason", max_length=400)
        with self._ctx.db.write() as s:
            booking = ops.load_booking(s, booking_id, expected_version)
            if booking.status not in (BookingStatus.PROVISIONAL, BookingStatus.CONFIRMED):
                raise StatusError(
                    f"{booking.reference} is {booking.status.value} and cannot be cancelled."
                )
            before = ops.audit_snapshot(booking)
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = self._ctx.now()
            booking.cancelled_by = self._ctx.actor
            booking.cancel_reason = reason
            booking.hold_expires_at = None
            self._touch(booking)
            ops.audit_change(s, self._ctx, "cancel", booking, before)
            return ops.to_details(s, booking, load_hall(s, booking.hall_id))

    def move(
        self,
        booking_id: int,
        *,
        start: datetime,
        end: datetime,
        hall_id: int | None = None,
        expected_version: int | None = None,
    ) -> BookingDetails:
        """Move a booking to another time and/or hall, with the same checks as a new one."""
        new_start, new_end = _times(start, end)
        with self._ctx.db.write() as s:
            booking = ops.load_booking(s, booking_id, expected_version)
            _require_open(booking)
            policy = self._ctx.policy(s)
            hall = load_hall(s, hall_id if hall_id is not None else booking.hall_id)
            ops.ensure_bookable(
                s,
                self._ctx,
                hall,
                new_start,
                new_end,
                attendees=booking.attendees,
                policy=policy,
                exclude_id=booking.id,
            )
            before = ops.audit_snapshot(booking)
            booking.hall_id = hall.id
            booking.starts_at, booking.ends_at = new_start, new_end
            booking.setup_minutes, booking.cleanup_minutes = (
                hall.setup_minutes,
                hall.cleanup_minutes,
            )
            booking.blocked_start, booking.blocked_end = hall.blocked(new_start, new_end)
            if booking.status is BookingStatus.PROVISIONAL:
                booking.hold_expires_at = min(
                    booking.hold_expires_at or self._ctx.now(),
                    rules.hold_expiry(self._ctx.now(), new_start, policy),
                )
            self._reprice(s, booking, hall, policy)
            self._touch(booking)
            ops.audit_change(s, self._ctx, "move", booking, before)
            return ops.to_details(s, booking, hall)

    def change(
        self, booking_id: int, change: BookingChange, *, expected_version: int | None = None
    ) -> BookingDetails:
        """Edit purpose, attendees, notes, rate, extras or discount; re-prices."""
        with self._ctx.db.write() as s:
            booking = ops.load_booking(s, booking_id, expected_version)
            _require_open(booking)
            policy = self._ctx.policy(s)
            hall = load_hall(s, booking.hall_id)
            before = ops.audit_snapshot(booking)
            if change.purpose is not None:
                booking.purpose = ops.clean_purpose(change.purpose)
            if change.notes is not None:
                booking.notes = ops.clean_notes(change.notes)
            if change.attendees is not None:
                rules.check_attendees(change.attendees, hall.capacity, hall.name)
                booking.attendees = change.attendees
            if change.rate_type is not None:
                booking.rate_type = change.rate_type
            if change.extras is not None:
                ops.set_extras(booking, change.extras)
            if change.remove_discount:
                ops.set_discount(booking, None)
            elif change.discount is not None:
                ops.set_discount(booking, change.discount.validated())
            self._reprice(s, booking, hall, policy)
            self._touch(booking)
            ops.audit_change(s, self._ctx, "change", booking, before)
            return ops.to_details(s, booking, hall)

    def expire_lapsed_holds(self) -> int:
        """Mark every provisional hold past its expiry as expired; returns how many."""
        with self._ctx.db.write() as s:
            ids = s.scalars(
                select(Booking.id).where(
                    Booking.status == BookingStatus.PROVISIONAL,
                    Booking.hold_expires_at <= self._ctx.now(),
                )
            ).all()
            return ops.expire_holds(s, self._ctx, ids)

    def complete_finished(self) -> int:
        """Mark confirmed bookings that have ended as completed; returns how many."""
        now = self._ctx.now()
        with self._ctx.db.write() as s:
            ids = s.scalars(
                select(Booking.id).where(
                    Booking.status == BookingStatus.CONFIRMED, Booking.ends_at <= now
                )
            ).all()
            if ids:
                s.execute(
                    update(Booking)
                    .where(Booking.id.in_(ids))
                    .values(
                        status=BookingStatus.COMPLETED,
                        updated_at=now,
                        updated_by=self._ctx.actor,
                        version=Booking.version + 1,
                    )
                    .execution_options(synchronize_session=False)
                )
            for booking_id in ids:
                record(
                    s,
                    self._ctx,
                    action="complete",
                    entity="booking",
                    entity_id=booking_id,
                    before={"status": "confirmed"},
                    after={"status": "completed"},
                )
            return len(ids)

    # -- helpers -----------------------------------------------------------------------

    def _touch(self, booking: Booking) -> None:
        booking.updated_at = self._ctx.now()
        booking.updated_by = self._ctx.actor

    def _reprice(self, s: Session, booking: Booking, hall: HallInfo, policy: Policy) -> None:
        extras = [(e.extra_id, e.quantity) for e in booking.extras]
        quote = ops.quote_for(
            s,
            hall,
            booking.starts_at,
            booking.ends_at,
            rate_type=booking.rate_type,
            extras=extras,
            discount=ops.current_discount(booking),
            policy=policy,
        )
        invoiced, _ = ops.invoice_state(s, booking.id)
        if invoiced and quote.total_pence != booking.total_pence:
            raise StatusError(
                f"{booking.reference} is on an invoice; the change would alter its price. "
                "Issue a credit note for the invoice first."
            )
        ops.set_charges(booking, quote)


def _times(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    return to_utc(start, field="start"), to_utc(end, field="end")


def _require_open(booking: Booking) -> None:
    if booking.status not in (BookingStatus.PROVISIONAL, BookingStatus.CONFIRMED):
        raise StatusError(f"{booking.reference} is {booking.status.value} and cannot be changed.")
