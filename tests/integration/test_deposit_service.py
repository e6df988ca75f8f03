"""Damage deposits: asked for, received, refunded or retained (both engines)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from spacebank.domain.audit import AuditEntry
from spacebank.domain.enums import BookingStatus, DepositStatus, PaymentMethod
from spacebank.domain.errors import (
    MoneyError,
    NotFoundError,
    StatusError,
    TimeError,
    ValidationError,
)
from spacebank.domain.invoice import Deposit
from spacebank.services.context import ServiceContext
from spacebank.services.deposit_service import DepositService
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import World, add_booking

SAT = datetime(2026, 12, 12, 14, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)


@pytest.fixture
def deposits(ctx: ServiceContext) -> DepositService:
    return DepositService(ctx)


def book(
    db: Database,
    world: World,
    start: datetime = SAT,
    *,
    deposit_pence: int = 15000,
    status: BookingStatus = BookingStatus.CONFIRMED,
) -> int:
    with db.write() as s:
        booking = add_booking(
            s,
            hall_id=world.main_hall_id,
            hirer_id=world.hirer_id,
            start=start,
            end=start + timedelta(hours=4),
            status=status,
        )
        booking.deposit_pence = deposit_pence
        s.flush()
        return booking.id


def state(db: Database) -> tuple[object, ...]:
    with db.read() as s:
        rows = s.execute(
            select(
                Deposit.booking_id,
                Deposit.status,
                Deposit.method,
                Deposit.received_on,
                Deposit.settled_on,
                Deposit.retained_pence,
                Deposit.retained_reason,
            ).order_by(Deposit.id)
        ).all()
        audits = s.scalar(select(func.count()).select_from(AuditEntry))
        return tuple(tuple(r) for r in rows), audits


def audit(db: Database) -> list[tuple[str, dict[str, object], dict[str, object]]]:
    with db.read() as s:
        return [
            (r.action, json.loads(r.before or "{}"), json.loads(r.after or "{}"))
            for r in s.execute(
                select(AuditEntry.action, AuditEntry.before, AuditEntry.after)
                .where(AuditEntry.entity == "deposit")
                .order_by(AuditEntry.id)
            )
        ]


def test_require_creates_a_due_deposit(
    deposits: DepositService, world: World, db: Database
) -> None:
    booking_id = book(db, world)
    due = deposits.require(booking_id)
    assert (due.booking_id, due.booking_reference, due.amount_pence, due.status) == (
        booking_id,
        f"BK-{booking_id:06d}",
        15000,
        DepositStatus.DUE,
    )
    assert (due.hirer_id, due.hirer_name, due.hall_name) == (
        world.hirer_id,
        "Zoë O'Brien-Smith",
        "Main Hall",
    )
    assert due.booking_start == SAT and str(due.booking_start.tzinfo) == "Europe/London"
    assert (due.method, due.received_on, due.settled_on, due.refunded_pence) == (
        None,
        None,
        None,
        0,
    )
    assert deposits.get(booking_id) == due
    assert deposits.deposits_held() == []  # due is not yet held
    [(action, before, after)] = audit(db)
    assert (action, before) == ("require", {})
    assert after["amount_pence"] == 15000 and after["status"] == "due"


def test_require_refusals_change_nothing(
    deposits: DepositService, world: World, db: Database
) -> None:
    no_deposit = book(db, world, deposit_pence=0)
    cancelled = book(db, world, SAT + timedelta(days=1), status=BookingStatus.CANCELLED)
    taken = book(db, world, SAT + timedelta(days=2))
    deposits.require(taken)
    before = state(db)
    with pytest.raises(ValidationError, match="no deposit") as err:
        deposits.require(no_deposit)
    assert err.value.field == "booking_id"
    with pytest.raises(StatusError, match="cancelled"):
        deposits.require(cancelled)
    with pytest.raises(StatusError, match="already has a deposit"):
        deposits.require(taken)
    with pytest.raises(NotFoundError, match="BK-009999"):
        deposits.require(9999)
    with pytest.raises(NotFoundError, match="No deposit"):
        deposits.mark_received(no_deposit, PaymentMethod.CASH, TODAY)
    assert state(db) == before


def test_received_deposit_is_held(deposits: DepositService, world: World, db: Database) -> None:
    later = book(db, world, SAT + timedelta(days=7))
    sooner = book(db, world)
    for booking_id in (later, sooner):
        deposits.require(booking_id)
    before = state(db)
    with pytest.raises(StatusError, match="not yet received"):
        deposits.refund(sooner)
    with pytest.raises(TimeError, match="future") as err:
        deposits.mark_received(sooner, PaymentMethod.CASH, TODAY + timedelta(days=1))
    assert err.value.field == "received_on"
    with pytest.raises(ValidationError, match="way of paying"):
        deposits.mark_received(sooner, "iou", TODAY)  # type: ignore[arg-type]
    assert state(db) == before

    held = deposits.mark_received(later, PaymentMethod.BANK_TRANSFER, TODAY - timedelta(days=1))
    assert (held.status, held.method, held.received_on) == (
        DepositStatus.HELD,
        PaymentMethod.BANK_TRANSFER,
        TODAY - timedelta(days=1),
    )
    deposits.mark_received(sooner, PaymentMethod.CASH, TODAY)
    assert [d.booking_id for d in deposits.deposits_held()] == [sooner, later]  # by event
    with pytest.raises(StatusError, match="already held"):
        deposits.mark_received(sooner, PaymentMethod.CASH, TODAY)
    action, before_row, after_row = audit(db)[-1]
    assert action == "receive"
    assert before_row == {"status": "due", "method": None, "received_on": None}
    assert after_row == {"status": "held", "method": "cash", "received_on": "2026-11-21"}


def test_full_refund(
    deposits: DepositService, world: World, db: Database, clock: FrozenClock
) -> None:
    booking_id = book(db, world)
    deposits.require(booking_id)
    deposits.mark_received(booking_id, PaymentMethod.CARD_BY_PHONE, TODAY)
    clock.advance(timedelta(days=25))  # after the event
    done = deposits.refund(booking_id)
    assert (done.status, done.retained_pence, done.refunded_pence, done.settled_on) == (
        DepositStatus.REFUNDED,
        0,
        15000,
        date(2026, 12, 16),
    )
    assert deposits.deposits_held() == []
    with pytest.raises(StatusError, match="refunded"):
        deposits.refund(booking_id)
    assert audit(db)[-1][0] == "refunded"


def test_partial_and_full_retention(deposits: DepositService, world: World, db: Database) -> None:
    part = book(db, world)
    whole = book(db, world, SAT + timedelta(days=1))
    for booking_id in (part, whole):
        deposits.require(booking_id)
        deposits.mark_received(booking_id, PaymentMethod.CASH, TODAY)
    before = state(db)
    with pytest.raises(ValidationError, match="reason") as err:
        deposits.refund(part, retained_pence=5000)
    assert err.value.field == "reason"
    with pytest.raises(MoneyError, match=r"£150\.01 is more than the £150\.00 deposit") as err2:
        deposits.refund(part, retained_pence=15001, reason="Broken window")
    assert err2.value.field == "retained_pence"
    with pytest.raises(MoneyError, match="negative"):
        deposits.refund(part, retained_pence=-1, reason="Odd")
    assert state(db) == before

    kept_some = deposits.refund(part, retained_pence=5000, reason="  Stained carpet ")
    assert (
        kept_some.status,
        kept_some.retained_pence,
        kept_some.refunded_pence,
        kept_some.retained_reason,
    ) == (DepositStatus.REFUNDED, 5000, 10000, "Stained carpet")
    kept_all = deposits.refund(whole, retained_pence=15000, reason="Broken window")
    assert (kept_all.status, kept_all.refunded_pence) == (DepositStatus.RETAINED, 0)
    action, _, after = audit(db)[-1]
    assert action == "retained"
    assert after["retained_pence"] == 15000 and after["retained_reason"] == "Broken window"
