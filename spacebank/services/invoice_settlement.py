"""Keeps `Invoice.settled_on` true: the one place it is written outside migrations and
the demo, inside the transaction that adds the payment, refund or credit note."""

from __future__ import annotations

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session

from spacebank.domain.invoice import CreditNote, Invoice, Payment, settled_from


def refresh_settled_on(s: Session, invoice: Invoice) -> None:
    """Recompute from all the invoice's money, so a back-dated payment or refund moves it.

    The caller holds the invoice's row lock, so no other desk adds money meanwhile; the
    flush puts the new invoice, payment or credit note among the events.
    """
    s.flush()
    events = s.execute(
        union_all(
            select(Payment.received_on, Payment.amount_pence).where(
                Payment.invoice_id == invoice.id
            ),
            select(CreditNote.issued_on, CreditNote.gross_pence).where(
                CreditNote.invoice_id == invoice.id
            ),
        )
    )
    invoice.settled_on = settled_from(
        invoice.issued_on, invoice.gross_pence, ((day, int(pence)) for day, pence in events)
    )
