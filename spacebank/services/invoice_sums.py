"""SQL expressions for what has been credited and paid against an invoice.

One definition of a "live" invoice, used both when invoicing and when a booking
change must not alter an invoiced price.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, or_, select

from spacebank.domain.invoice import CreditNote, Invoice, Payment


def credited_column() -> Any:
    """Sum of credit notes against the invoice in the enclosing query."""
    return (
        select(func.coalesce(func.sum(CreditNote.gross_pence), 0))
        .where(CreditNote.invoice_id == Invoice.id)
        .scalar_subquery()
    )


def paid_column() -> Any:
    """Net payments (refunds are negative) against the invoice in the enclosing query."""
    return (
        select(func.coalesce(func.sum(Payment.amount_pence), 0))
        .where(Payment.invoice_id == Invoice.id)
        .scalar_subquery()
    )


def live_invoice() -> ColumnElement[bool]:
    """An invoice is live until credit notes cover its whole (non-zero) amount."""
    return or_(Invoice.gross_pence == 0, credited_column() < Invoice.gross_pence)
