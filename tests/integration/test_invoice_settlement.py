"""`Invoice.settled_on` after every money action of the invoice service (both engines)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from spacebank.domain.clock import local_day
from spacebank.domain.enums import PaymentMethod
from spacebank.domain.errors import DomainError
from spacebank.domain.invoice import Invoice
from spacebank.services.context import ServiceContext
from spacebank.services.invoice_service import InvoiceService
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import World
from tests.integration.test_invoice_service import SAT, TODAY, book, pay
from tests.settlement import check_settled_on, owing_on

#: A fresh week for each hypothesis example's booking, so none overlap.
WEEKS = count(1)


@pytest.fixture
def invoices(ctx: ServiceContext) -> InvoiceService:
    return InvoiceService(ctx)


def settled_on(db: Database, invoice_id: int) -> date | None:
    with db.read() as s:
        check_settled_on(s)
        return s.scalar(select(Invoice.settled_on).where(Invoice.id == invoice_id))


def test_settled_on_after_each_money_action(
    db: Database, world: World, invoices: InvoiceService, clock: FrozenClock
) -> None:
    """£120 invoiced 10 days ago: paid, refunded, credited and paid again, some back-dated."""
    issued = TODAY - timedelta(days=10)
    inv = invoices.issue([book(db, world)], issued_on=issued)
    assert settled_on(db, inv.id) is None
    invoices.record_payment(inv.id, pay(6000, received_on=issued + timedelta(days=2)))
    assert settled_on(db, inv.id) is None
    invoices.record_payment(inv.id, pay(6000, received_on=issued + timedelta(days=5)))
    assert settled_on(db, inv.id) == issued + timedelta(days=5)
    # A refund back-dated before the settling payment leaves £20 owed from then on.
    invoices.record_refund(
        inv.id,
        2000,
        PaymentMethod.CARD_BY_PHONE,
        "Overpaid",
        refunded_on=issued + timedelta(days=3),
    )
    assert settled_on(db, inv.id) is None
    clock.advance(timedelta(days=1))
    invoices.credit_note(inv.id, amount_pence=2000, reason="Finished early")
    assert settled_on(db, inv.id) == TODAY + timedelta(days=1)
    # Owed between the refund's day and the credit's: the report must still see it.
    with db.read() as s:
        assert inv.number in owing_on(s, issued + timedelta(days=6), candidates_only=True)
        assert inv.number not in owing_on(s, TODAY + timedelta(days=1))


def test_a_free_invoice_is_settled_when_issued(
    db: Database, world: World, invoices: InvoiceService
) -> None:
    inv = invoices.issue([book(db, world, charges=())])
    assert inv.gross_pence == 0
    assert settled_on(db, inv.id) == TODAY


def test_a_back_dated_payment_moves_settlement_back(
    db: Database, world: World, invoices: InvoiceService, clock: FrozenClock
) -> None:
    issued = TODAY - timedelta(days=30)
    inv = invoices.issue([book(db, world)], issued_on=issued)
    clock.advance(timedelta(days=3))
    invoices.credit_note(inv.id, amount_pence=2000, reason="Shorter hire")
    assert settled_on(db, inv.id) is None
    invoices.record_payment(inv.id, pay(10000, received_on=issued + timedelta(days=1)))
    # Paid in full from the payment's day on only once the credit note came.
    assert settled_on(db, inv.id) == TODAY + timedelta(days=3)


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["pay", "refund", "credit", "wait"]),
        st.integers(1, 100),  # percent of what may be paid, refunded or credited
        st.integers(0, 40),  # days back for a payment or refund
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(issued_back=st.integers(0, 30), actions=ACTIONS)
def test_random_money_keeps_settled_on_a_superset(
    db: Database,
    world: World,
    invoices: InvoiceService,
    clock: FrozenClock,
    issued_back: int,
    actions: list[tuple[str, int, int]],
) -> None:
    """Any invoice owing as of any day is among that day's candidates; the examples
    share one database, so earlier invoices are checked again after every action."""
    booking = book(db, world, start=SAT + timedelta(weeks=next(WEEKS)))
    today = local_day(clock())
    inv = invoices.issue([booking], issued_on=today - timedelta(days=issued_back))
    for action, percent, back in actions:
        today = local_day(clock())
        balance = invoices.invoice_balance(inv.id)
        try:
            if action == "pay":
                amount = max(1, balance.outstanding_pence * percent // 100)
                invoices.record_payment(
                    inv.id, pay(amount, received_on=today - timedelta(days=back))
                )
            elif action == "refund":
                amount = max(1, balance.paid_pence * percent // 100)
                invoices.record_refund(
                    inv.id,
                    amount,
                    PaymentMethod.BANK_TRANSFER,
                    "Refund",
                    refunded_on=today - timedelta(days=back),
                )
            elif action == "credit":
                left = balance.gross_pence - balance.credited_pence
                invoices.credit_note(
                    inv.id, amount_pence=max(1, left * percent // 100), reason="Credit"
                )
            else:
                clock.advance(timedelta(days=back))
        except DomainError:
            pass  # nothing left to pay, refund or credit: refused, nothing changed
        with db.read() as s:
            check_settled_on(s)
            for day in range(-45, 45, 9):
                as_of = local_day(clock()) + timedelta(days=day)
                assert owing_on(s, as_of) <= owing_on(s, as_of, candidates_only=True)
