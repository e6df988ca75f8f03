"""Damage deposits: asked for, received, then refunded (in part or whole) or retained.

A deposit is kept apart from the hire fee and its invoice: it is the hirer's money,
held until the hall has been checked after the event.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from spacebank.domain.booking import Booking, booking_reference
from spacebank.domain.clock import local_day, to_local
from spacebank.domain.enums import BookingStatus, DepositStatus, PaymentMethod
from spacebank.domain.errors import MoneyError, NotFoundError, StatusError, ValidationError
from spacebank.domain.hirer import Hirer
from spacebank.domain.invoice import Deposit
from spacebank.domain.money import check_amount, format_pence
from spacebank.domain.text import clean_text
from spacebank.domain.venue import Hall
from spacebank.services.audit import record, snapshot
from spacebank.services.context import ServiceContext
from spacebank.services.invoice_dto import DepositDetails
from spacebank.services.invoice_service import check_day, payment_method

DEPOSIT_AUDIT_FIELDS = (
    "booking_id",
    "amount_pence",
    "status",
    "method",
    "received_on",
    "settled_on",
    "retained_pence",
    "retained_reason",
)
#: A deposit cannot be asked for on a booking that no longer holds the hall.
CLOSED_STATUSES = frozenset({BookingStatus.CANCELLED, BookingStatus.EXPIRED})


class DepositService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def require(self, booking_id: int) -> DepositDetails:
        """Record that the booking's deposit is due (the amount priced on the booking)."""
        booking_id = _check_id(booking_id)
        with self._ctx.db.write() as s:
            booking = s.execute(
                select(Booking.id, Booking.status, Booking.deposit_pence)
                .where(Booking.id == booking_id)
                .with_for_update()
            ).first()
            if booking is None:
                raise NotFoundError(
                    f"Booking {booking_reference(booking_id)} does not exist.", field="booking_id"
                )
            reference = booking_reference(booking_id)
            if booking.status in CLOSED_STATUSES:
                raise StatusError(
                    f"{reference} is {booking.status.value}; it needs no deposit.",
                    field="booking_id",
                )
            if booking.deposit_pence <= 0:
                raise ValidationError(f"{reference} has no deposit to take.", field="booking_id")
            if s.scalar(select(Deposit.id).where(Deposit.booking_id == booking_id)) is not None:
                raise StatusError(
                    f"{reference} already has a deposit recorded.", field="booking_id"
                )
            deposit = Deposit(
                booking_id=booking_id,
                amount_pence=booking.deposit_pence,
                status=DepositStatus.DUE,
                method=None,
                received_on=None,
                settled_on=None,
                retained_pence=0,
                retained_reason="",
            )
            s.add(deposit)
            s.flush()
            record(
                s,
                self._ctx,
                action="require",
                entity="deposit",
                entity_id=deposit.id,
                after=snapshot(deposit, DEPOSIT_AUDIT_FIELDS),
            )
            return _details(s, booking_id)

    def mark_received(
        self, booking_id: int, method: PaymentMethod, received_on: date
    ) -> DepositDetails:
        """The hirer has paid the deposit; we now hold it."""
        booking_id = _check_id(booking_id)
        how = payment_method(method)
        with self._ctx.db.write() as s:
            day = check_day(
                received_on, self._today(), field="received_on", label="The date received"
            )
            deposit = _lock(s, booking_id)
            if deposit.status is not DepositStatus.DUE:
                raise StatusError(
                    f"The deposit for {booking_reference(booking_id)} is already "
                    f"{_status_words(deposit)}.",
                    field="booking_id",
                )
            before = snapshot(deposit, DEPOSIT_AUDIT_FIELDS)
            deposit.status = DepositStatus.HELD
            deposit.method = how
            deposit.received_on = day
            s.flush()
            record(
                s,
                self._ctx,
                action="receive",
                entity="deposit",
                entity_id=deposit.id,
                before=before,
                after=snapshot(deposit, DEPOSIT_AUDIT_FIELDS),
            )
            return _details(s, booking_id)

    def refund(
        self, booking_id: int, *, retained_pence: int = 0, reason: str = ""
    ) -> DepositDetails:
        """Settle a held deposit: give it back, keeping `retained_pence` for damage.

        Keeping anything needs a reason; keeping all of it marks the deposit retained.
        """
        booking_id = _check_id(booking_id)
        retained = check_amount(retained_pence, field="retained_pence", label="The amount retained")
        why = clean_text(
            reason,
            field="reason",
            label="The reason for keeping part of it",
            max_length=400,
            required=retained > 0,
        )
        with self._ctx.db.write() as s:
            deposit = _lock(s, booking_id)
            reference = booking_reference(booking_id)
            if deposit.status is not DepositStatus.HELD:
                raise StatusError(
                    f"The deposit for {reference} is {_status_words(deposit)}; only a deposit "
                    "we hold can be refunded.",
                    field="booking_id",
                )
            if retained > deposit.amount_pence:
                raise MoneyError(
                    f"Keeping {format_pence(retained)} is more than the "
                    f"{format_pence(deposit.amount_pence)} deposit.",
                    field="retained_pence",
                )
            before = snapshot(deposit, DEPOSIT_AUDIT_FIELDS)
            deposit.retained_pence = retained
            deposit.retained_reason = why
            deposit.settled_on = self._today()
            deposit.status = (
                DepositStatus.RETAINED
                if retained == deposit.amount_pence
                else DepositStatus.REFUNDED
            )
            s.flush()
            record(
                s,
                self._ctx,
                action=deposit.status.value,
                entity="deposit",
                entity_id=deposit.id,
                before=before,
                after=snapshot(deposit, DEPOSIT_AUDIT_FIELDS),
            )
            return _details(s, booking_id)

    def get(self, booking_id: int) -> DepositDetails:
        with self._ctx.db.read() as s:
            return _details(s, _check_id(booking_id))

    def deposits_held(self) -> list[DepositDetails]:
        """Deposits received and not yet settled, by event date."""
        with self._ctx.db.read() as s:
            rows = s.execute(
                _query()
                .where(Deposit.status == DepositStatus.HELD)
                .order_by(Booking.starts_at, Booking.id)
            ).all()
            return [_to_details(r) for r in rows]

    def _today(self) -> date:
        return local_day(self._ctx.now())


def _check_id(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{value!r} is not a booking number.", field="booking_id")
    return value


def _lock(s: Session, booking_id: int) -> Deposit:
    deposit = s.scalar(select(Deposit).where(Deposit.booking_id == booking_id).with_for_update())
    if deposit is None:
        raise NotFoundError(
            f"No deposit has been asked for on {booking_reference(booking_id)}.",
            field="booking_id",
        )
    return deposit


def _status_words(deposit: Deposit) -> str:
    if deposit.status is DepositStatus.DUE:
        return "due and not yet received"
    if deposit.status is DepositStatus.HELD:
        return f"held (received {deposit.received_on:%d %b %Y})"
    return f"{deposit.status.value} (settled {deposit.settled_on:%d %b %Y})"


def _query() -> Select:
    return (
        select(
            Deposit, Booking.hirer_id, Hirer.name, Hirer.organisation, Hall.name, Booking.starts_at
        )
        .join(Booking, Booking.id == Deposit.booking_id)
        .join(Hall, Hall.id == Booking.hall_id)
        .join(Hirer, Hirer.id == Booking.hirer_id)
    )


def _details(s: Session, booking_id: int) -> DepositDetails:
    row = s.execute(_query().where(Deposit.booking_id == booking_id)).first()
    if row is None:
        raise NotFoundError(
            f"No deposit has been asked for on {booking_reference(booking_id)}.",
            field="booking_id",
        )
    return _to_details(row)


def _to_details(row: Row) -> DepositDetails:
    d: Deposit = row[0]
    return DepositDetails(
        id=d.id,
        booking_id=d.booking_id,
        booking_reference=booking_reference(d.booking_id),
        hirer_id=row[1],
        hirer_name=row[3] or row[2],
        hall_name=row[4],
        booking_start=to_local(row[5]),
        amount_pence=d.amount_pence,
        status=d.status,
        method=d.method,
        received_on=d.received_on,
        settled_on=d.settled_on,
        retained_pence=d.retained_pence,
        retained_reason=d.retained_reason,
    )
