"""Payments against the demo invoices (refunds after credit notes) and damage deposits."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import accumulate
from random import Random

from spacebank.demo import purposes as pp
from spacebank.demo.randomness import WallClock, pick, randint
from spacebank.demo.records import DemoBooking, DemoInvoice
from spacebank.domain.booking import booking_reference
from spacebank.domain.clock import local_day
from spacebank.domain.enums import BookingStatus, DepositStatus, HirerType, PaymentMethod
from spacebank.domain.policy import Policy

METHODS = {
    HirerType.RESIDENT: (
        (PaymentMethod.CARD_BY_PHONE, 0.6),
        (PaymentMethod.BANK_TRANSFER, 0.25),
        (PaymentMethod.CASH, 0.1),
        (PaymentMethod.CHEQUE, 0.05),
    ),
    HirerType.CHARITY: (
        (PaymentMethod.BANK_TRANSFER, 0.5),
        (PaymentMethod.CHEQUE, 0.2),
        (PaymentMethod.CARD_BY_PHONE, 0.2),
        (PaymentMethod.CASH, 0.1),
    ),
    HirerType.BUSINESS: ((PaymentMethod.BANK_TRANSFER, 0.7), (PaymentMethod.CARD_BY_PHONE, 0.3)),
    HirerType.COUNCIL: ((PaymentMethod.INTERNAL_RECHARGE, 1.0),),
}
METHODS[HirerType.PRIVATE] = METHODS[HirerType.RESIDENT]
METHODS[HirerType.RESIDENT_ASSOCIATION] = METHODS[HirerType.CHARITY]
DEPOSIT_METHODS = (
    (PaymentMethod.CARD_BY_PHONE, 0.6),
    (PaymentMethod.BANK_TRANSFER, 0.3),
    (PaymentMethod.CASH, 0.1),
)


def plan_payments(
    rng: Random, invoice: DemoInvoice, *, today: date, now: datetime, clock: WallClock
) -> list[dict[str, object]]:
    """Payments (and refunds) against one invoice.

    Most old invoices paid in full, some in part, some not; recent ones less often."""
    gross = invoice.net + invoice.vat
    hirer = invoice.bookings[0].hirer
    due_on = invoice.issued_on + timedelta(days=Policy().invoice_due_days)
    overdue = (today - due_on).days
    r = rng.random()
    if overdue > 30:
        share = 1.0 if r < 0.88 else 0.5 if r < 0.94 else 0.0
    elif overdue > 0:
        share = 1.0 if r < 0.6 else 0.5 if r < 0.7 else 0.0
    else:
        share = 1.0 if r < 0.45 else 0.5 if r < 0.5 else 0.0
    slow = hirer.hirer_type in (HirerType.BUSINESS, HirerType.COUNCIL)
    received_on = invoice.issued_on + timedelta(
        days=randint(rng, 5 if slow else 0, 40 if slow else 21)
    )
    if share == 0.0 or received_on > today:
        return []
    method = _choice(rng, METHODS[hirer.hirer_type])
    credited = sum(c.gross for c in invoice.credit_notes if c.issued_on <= received_on)
    amount = gross - credited if share == 1.0 else (gross - credited) // 2
    if amount <= 0:
        return []
    payments = [_payment(rng, invoice, amount, method, received_on, hirer.cost_centre, now, clock)]
    paid = amount
    for note in sorted(invoice.credit_notes, key=lambda c: c.issued_at):
        if note.issued_on <= received_on:
            continue
        credited += note.gross
        over = min(paid - (gross - credited), note.gross)
        if over > 0:
            payments.append(
                _payment(
                    rng,
                    invoice,
                    -over,
                    method,
                    note.issued_on,
                    hirer.cost_centre,
                    now,
                    clock,
                    reference=f"Refund: {booking_reference(note.booking.id)} cancelled",
                )
            )
            paid -= over
    return payments


def _payment(
    rng: Random,
    invoice: DemoInvoice,
    amount: int,
    method: PaymentMethod,
    day: date,
    cost_centre: str,
    now: datetime,
    clock: WallClock,
    *,
    reference: str = "",
) -> dict[str, object]:
    if not reference:
        reference = {
            PaymentMethod.CARD_BY_PHONE: f"Card auth {randint(rng, 100000, 999999)}",
            PaymentMethod.BANK_TRANSFER: invoice.number,
            PaymentMethod.CASH: "Cash at the hall office",
            PaymentMethod.CHEQUE: f"Cheque {randint(rng, 100000, 999999)}",
            PaymentMethod.INTERNAL_RECHARGE: f"Journal J{randint(rng, 10000, 99999)}",
        }[method]
    recorded = min(clock.office_time(day, randint(rng, 9 * 60, 17 * 60 - 1)), now)
    return {
        "id": 0,
        "invoice_id": invoice.id,
        "amount_pence": amount,
        "method": method,
        "reference": reference,
        "cost_centre": cost_centre if method is PaymentMethod.INTERNAL_RECHARGE else "",
        "received_on": day,
        "recorded_at": recorded,
        "recorded_by": rng.choice(pp.CLERKS),
    }


def plan_deposits(
    rng: Random, bookings: list[DemoBooking], *, today: date
) -> list[dict[str, object]]:
    """Damage deposits of confirmed and completed bookings that owe one."""
    rows: list[dict[str, object]] = []
    for b in bookings:
        amount = b.quote.deposit_pence
        if amount <= 0 or b.confirmed_at is None:
            continue
        received = min(local_day(b.confirmed_at) + timedelta(days=randint(rng, 0, 3)), b.day)
        row: dict[str, object] = {
            "id": len(rows) + 1,
            "booking_id": b.id,
            "amount_pence": amount,
            "status": DepositStatus.HELD,
            "method": _choice(rng, DEPOSIT_METHODS),
            "received_on": received,
            "settled_on": None,
            "retained_pence": 0,
            "retained_reason": "",
        }
        if b.status is BookingStatus.COMPLETED:
            if b.day + timedelta(days=7) <= today:
                if rng.random() < 0.04:
                    kept = (
                        amount
                        if rng.random() < 0.3
                        else min(amount, rng.choice((2500, 5000, 7500)))
                    )
                    row.update(
                        status=DepositStatus.RETAINED,
                        retained_pence=kept,
                        retained_reason=rng.choice(pp.RETAINED_REASONS),
                        settled_on=b.day + timedelta(days=randint(rng, 3, 7)),
                    )
                else:
                    row.update(
                        status=DepositStatus.REFUNDED,
                        settled_on=b.day + timedelta(days=randint(rng, 2, 7)),
                    )
        elif b.status is BookingStatus.CONFIRMED:
            if received > today or rng.random() < 0.3:
                row.update(status=DepositStatus.DUE, method=None, received_on=None)
        elif b.status is BookingStatus.CANCELLED and b.cancelled_at is not None:
            cancelled = local_day(b.cancelled_at)
            if rng.random() >= 0.5 or received > cancelled:
                continue
            row.update(
                status=DepositStatus.REFUNDED,
                settled_on=min(cancelled + timedelta(days=randint(rng, 0, 5)), today),
            )
        else:
            continue
        rows.append(row)
    return rows


def _choice(rng: Random, weighted: tuple[tuple[PaymentMethod, float], ...]) -> PaymentMethod:
    found = _CUMULATIVE.get(weighted)
    if found is None:
        found = _CUMULATIVE[weighted] = (
            tuple(m for m, _ in weighted),
            list(accumulate(w for _, w in weighted)),
        )
    return pick(rng, *found)


_CUMULATIVE: dict[
    tuple[tuple[PaymentMethod, float], ...], tuple[tuple[PaymentMethod, ...], list[float]]
] = {}
