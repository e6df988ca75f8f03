"""Income: invoiced, paid, credited, outstanding with ageing, income forgone, deposits.

Invoices count by issue date, payments by the date received and credit notes by
issue date, each within the period. Outstanding is as of a date (the period's last
day unless given): gross less what was credited and paid by then, aged by days since
the invoice was issued. With a hall or venue scope, only invoices with a line for a
booking of those halls count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from spacebank.domain.booking import Booking, BookingCharge
from spacebank.domain.enums import ChargeKind, DepositStatus
from spacebank.domain.invoice import CreditNote, Deposit, Invoice, InvoiceLine, Payment
from spacebank.reports.figures import USED, Split
from spacebank.reports.periods import Period
from spacebank.reports.scope import ALL_HALLS, Scope, hall_labels
from spacebank.reports.sql import Dialect
from spacebank.services.hall_state import HallInfo
from spacebank.storage.database import Database

#: Ageing buckets: (label, oldest age in days that still falls in it).
AGEING = (("0–30 days", 30), ("31–60 days", 60), ("61–90 days", 90), ("Over 90 days", None))


@dataclass(frozen=True)
class MonthMoney:
    month: str
    invoiced_pence: int
    paid_pence: int
    credited_pence: int


@dataclass(frozen=True)
class IncomeReport:
    period: Period
    scope: str
    as_of: date
    invoices: int
    invoiced_pence: int
    paid_pence: int
    credited_pence: int
    #: Discounts and waivers on bookings used in the period (a positive amount).
    forgone_pence: int
    outstanding_pence: int
    by_month: tuple[MonthMoney, ...]
    by_hall: tuple[Split, ...]
    by_rate_type: tuple[Split, ...]
    #: Count of invoices with money owed and the amount, per AGEING bucket.
    ageing: tuple[Split, ...]
    credits: tuple[Split, ...]
    forgone: tuple[Split, ...]
    deposits_held: Split


def income_report(
    db: Database, period: Period, scope: Scope = ALL_HALLS, *, as_of: date | None = None
) -> IncomeReport:
    as_of = as_of or period.last_day
    with db.read() as s:
        halls = scope.halls(s)
        in_scope = _invoice_in_scope(scope, halls)
        sql = Dialect(s)
        invoiced = _by_month(
            s, sql, Invoice.issued_on, Invoice.gross_pence, period, in_scope, Invoice
        )
        paid = _by_month(
            s, sql, Payment.received_on, Payment.amount_pence, period, in_scope, Payment
        )
        credited = _by_month(
            s, sql, CreditNote.issued_on, CreditNote.gross_pence, period, in_scope, CreditNote
        )
        by_hall, by_rate = _invoiced_lines(s, halls, period, in_scope)
        ageing = _ageing(s, as_of, in_scope)
        credits = _credits(s, period, in_scope)
        forgone = _forgone(s, halls, period, scope)
        deposits = _deposits_held(s, halls, scope)
    months = sorted(set(invoiced) | set(paid) | set(credited))
    return IncomeReport(
        period=period,
        scope=scope.label(halls),
        as_of=as_of,
        invoices=sum(n for n, _ in invoiced.values()),
        invoiced_pence=sum(p for _, p in invoiced.values()),
        paid_pence=sum(p for _, p in paid.values()),
        credited_pence=sum(p for _, p in credited.values()),
        forgone_pence=sum(f.pence for f in forgone),
        outstanding_pence=sum(a.pence for a in ageing),
        by_month=tuple(
            MonthMoney(
                m,
                invoiced.get(m, (0, 0))[1],
                paid.get(m, (0, 0))[1],
                credited.get(m, (0, 0))[1],
            )
            for m in months
        ),
        by_hall=by_hall,
        by_rate_type=by_rate,
        ageing=ageing,
        credits=credits,
        forgone=forgone,
        deposits_held=deposits,
    )


def _invoice_in_scope(scope: Scope, halls: Sequence[HallInfo]) -> ColumnElement[bool]:
    """Invoices with a line for a booking of the halls in scope (every invoice if all)."""
    if scope.is_all:
        return true()
    return (
        select(InvoiceLine.invoice_id)
        .join(Booking, Booking.id == InvoiceLine.booking_id)
        .where(InvoiceLine.invoice_id == Invoice.id, Booking.hall_id.in_([h.id for h in halls]))
        .exists()
    )


def _by_month(
    s: Session,
    sql: Dialect,
    day: Any,
    amount: Any,
    period: Period,
    in_scope: ColumnElement[bool],
    entity: Any,
) -> dict[str, tuple[int, int]]:
    """{month: (rows, pence)} of one money table, by a date column within the period."""
    month = sql.month(day)
    query = (
        select(month, func.count(), func.sum(amount))
        .where(day >= period.first_day, day <= period.last_day)
        .group_by(month)
    )
    if entity is not Invoice:
        query = query.join(Invoice, Invoice.id == entity.invoice_id)
    query = query.where(in_scope)
    return {m: (int(n), int(p or 0)) for m, n, p in s.execute(query)}


def _invoiced_lines(
    s: Session, halls: Sequence[HallInfo], period: Period, in_scope: ColumnElement[bool]
) -> tuple[tuple[Split, ...], tuple[Split, ...]]:
    """Invoiced amounts (VAT included) by hall and by rate type, from the invoice lines."""
    names = hall_labels(list(halls))
    query = (
        select(
            Booking.hall_id,
            Booking.rate_type,
            func.count(func.distinct(InvoiceLine.invoice_id)),
            func.sum(InvoiceLine.net_pence + InvoiceLine.vat_pence),
        )
        .select_from(InvoiceLine)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .outerjoin(Booking, Booking.id == InvoiceLine.booking_id)
        .where(
            Invoice.issued_on >= period.first_day,
            Invoice.issued_on <= period.last_day,
            in_scope,
        )
        .group_by(Booking.hall_id, Booking.rate_type)
    )
    by_hall: dict[str, list[int]] = {}
    by_rate: dict[str, list[int]] = {}
    for hall_id, rate_type, invoices, pence in s.execute(query):
        if hall_id is not None and names and hall_id not in names:
            continue  # another hall's line on an invoice that is in scope
        for key, sums in (
            (names.get(hall_id, "Other"), by_hall),
            (rate_type.value.capitalize() if rate_type else "Other", by_rate),
        ):
            bucket = sums.setdefault(key, [0, 0])
            bucket[0] += int(invoices)
            bucket[1] += int(pence or 0)
    return _money_splits(by_hall), _money_splits(by_rate)


def may_owe_on(day: date) -> ColumnElement[bool]:
    """Invoices that may have owed money at the end of a day: issued by then and not
    settled by then. Every invoice that did owe is among them (see `settled_from`)."""
    return and_(
        Invoice.issued_on <= day, or_(Invoice.settled_on.is_(None), Invoice.settled_on > day)
    )


def _ageing(s: Session, as_of: date, in_scope: ColumnElement[bool]) -> tuple[Split, ...]:
    """Owed per age bucket, as of a day: every invoice issued by then, less what was
    credited and paid by then.

    Only invoices not settled by that day (`Invoice.settled_on`) can owe anything then,
    so the exact sums run on those alone instead of on ten years of payments; the filter
    may let through invoices that owed nothing, never leave out one that did.
    """
    bucket = case(
        *(
            (Invoice.issued_on >= as_of - timedelta(days=days), i)
            for i, (_, days) in enumerate(AGEING)
            if days is not None
        ),
        else_=len(AGEING) - 1,
    )
    paid = (
        select(func.coalesce(func.sum(Payment.amount_pence), 0))
        .where(Payment.invoice_id == Invoice.id, Payment.received_on <= as_of)
        .scalar_subquery()
    )
    credited = (
        select(func.coalesce(func.sum(CreditNote.gross_pence), 0))
        .where(CreditNote.invoice_id == Invoice.id, CreditNote.issued_on <= as_of)
        .scalar_subquery()
    )
    owed = (
        select(bucket.label("bucket"), (Invoice.gross_pence - paid - credited).label("owed"))
        .where(may_owe_on(as_of), in_scope)
        # Materialised: summed once per invoice, not again for the `owed > 0` test.
        .cte("owed")
        .prefix_with("MATERIALIZED")
    )
    rows = {
        int(b): (int(n), int(p))
        for b, n, p in s.execute(
            select(owed.c.bucket, func.count(), func.sum(owed.c.owed))
            .where(owed.c.owed > 0)
            .group_by(owed.c.bucket)
        )
    }
    return tuple(
        Split(label, rows.get(i, (0, 0))[0], pence=rows.get(i, (0, 0))[1])
        for i, (label, _) in enumerate(AGEING)
    )


def _credits(s: Session, period: Period, in_scope: ColumnElement[bool]) -> tuple[Split, ...]:
    rows = s.execute(
        select(CreditNote.reason, func.count(), func.sum(CreditNote.gross_pence))
        .join(Invoice, Invoice.id == CreditNote.invoice_id)
        .where(
            CreditNote.issued_on >= period.first_day,
            CreditNote.issued_on <= period.last_day,
            in_scope,
        )
        .group_by(CreditNote.reason)
    )
    return tuple(
        sorted((Split(r, int(n), pence=int(p)) for r, n, p in rows), key=lambda x: -x.pence)
    )


def _forgone(
    s: Session, halls: Sequence[HallInfo], period: Period, scope: Scope
) -> tuple[Split, ...]:
    """Discounts and waivers on bookings used in the period, by kind and reason."""
    query = (
        select(
            Booking.discount_kind,
            Booking.discount_reason,
            func.count(func.distinct(Booking.id)),
            -func.sum(BookingCharge.amount_pence),
        )
        .join(BookingCharge, BookingCharge.booking_id == Booking.id)
        .where(
            # Only discounted bookings have discount lines; saying so keeps the planner
            # on the starts_at range instead of every booking's charges.
            Booking.discount_kind.is_not(None),
            BookingCharge.kind == ChargeKind.DISCOUNT,
            Booking.status.in_(USED),
            Booking.starts_at >= period.start_utc,
            Booking.starts_at < period.end_utc,
        )
        .group_by(Booking.discount_kind, Booking.discount_reason)
    )
    if not scope.is_all:
        query = query.where(Booking.hall_id.in_([h.id for h in halls]))
    splits = (
        Split(
            f"{kind.value.capitalize() if kind else 'Discount'}: {reason or 'no reason given'}",
            int(n),
            pence=int(p or 0),
        )
        for kind, reason, n, p in s.execute(query)
    )
    return tuple(sorted(splits, key=lambda x: -x.pence))


def _deposits_held(s: Session, halls: Sequence[HallInfo], scope: Scope) -> Split:
    """Deposits held now (received, not yet refunded or retained)."""
    query = select(func.count(), func.coalesce(func.sum(Deposit.amount_pence), 0)).where(
        Deposit.status == DepositStatus.HELD
    )
    if not scope.is_all:
        query = query.join(Booking, Booking.id == Deposit.booking_id).where(
            Booking.hall_id.in_([h.id for h in halls])
        )
    count, pence = s.execute(query).one()
    return Split("Deposits held", int(count), pence=int(pence))


def _money_splits(values: dict[str, list[int]]) -> tuple[Split, ...]:
    return tuple(
        Split(label, count, pence=pence)
        for label, (count, pence) in sorted(values.items(), key=lambda kv: -kv[1][1])
    )
