"""Checks `Invoice.settled_on` against the money on the invoices, recomputed from
scratch without `settled_from`, so the rule is not checked against itself."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from spacebank.domain.invoice import CreditNote, Invoice, Payment
from spacebank.reports.income import may_owe_on

EVENTS = union_all(
    select(Payment.invoice_id, Payment.received_on, Payment.amount_pence),
    select(CreditNote.invoice_id, CreditNote.issued_on, CreditNote.gross_pence),
)
INVOICES = select(
    Invoice.id, Invoice.number, Invoice.issued_on, Invoice.gross_pence, Invoice.settled_on
)


def check_settled_on(s: Session) -> None:
    """An invoice owing at the end of any day is not settled by then, and settled_on is
    NULL exactly when something is owed now."""
    events: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for invoice_id, day, pence in s.execute(EVENTS):
        events[invoice_id].append((day, int(pence)))
    for invoice_id, number, issued_on, gross, settled_on in s.execute(INVOICES):
        mine = events[invoice_id]
        for day in {issued_on, *(d for d, _ in mine if d >= issued_on)}:
            owed = gross - sum(p for d, p in mine if d <= day)
            if owed > 0:
                assert settled_on is None or settled_on > day, (number, day, owed, settled_on)
        owed_now = gross - sum(p for _, p in mine)
        assert (settled_on is None) == (owed_now > 0), (number, owed_now, settled_on)


def owing_on(s: Session, day: date, *, candidates_only: bool = False) -> set[str]:
    """Numbers of the invoices owing money at the end of a day, summed exactly; with
    `candidates_only`, just those the income report's filter lets through."""
    paid = (
        select(func.coalesce(func.sum(Payment.amount_pence), 0))
        .where(Payment.invoice_id == Invoice.id, Payment.received_on <= day)
        .scalar_subquery()
    )
    credited = (
        select(func.coalesce(func.sum(CreditNote.gross_pence), 0))
        .where(CreditNote.invoice_id == Invoice.id, CreditNote.issued_on <= day)
        .scalar_subquery()
    )
    query = select(Invoice.number).where(
        Invoice.issued_on <= day, Invoice.gross_pence - paid - credited > 0
    )
    if candidates_only:
        query = query.where(may_owe_on(day))
    return set(s.scalars(query))
