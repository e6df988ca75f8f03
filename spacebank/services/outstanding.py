"""SQL expressions for what a booking still owes, correlated to `Booking` in the caller's query.

A booking owes money while it is on a live invoice with a balance, or while it is
confirmed (or completed) with no live invoice and a total above zero. Its deposit is
outstanding while the booking prices one and none has been received.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, not_, or_, select

from spacebank.domain.booking import Booking
from spacebank.domain.enums import BookingStatus, DepositStatus
from spacebank.domain.invoice import Deposit, Invoice, InvoiceLine
from spacebank.services.invoice_sums import credited_column, live_invoice, paid_column

#: Bookings that should be on an invoice by now.
BILLABLE = (BookingStatus.CONFIRMED, BookingStatus.COMPLETED)
#: Deposit states that mean the money came in (and may since have gone back).
DEPOSIT_RECEIVED = (DepositStatus.HELD, DepositStatus.REFUNDED, DepositStatus.RETAINED)


def _live_invoice_of_booking(*columns: Any) -> Select:
    return (
        select(*columns)
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(InvoiceLine.booking_id == Booking.id, live_invoice())
    )


def owed_column() -> Any:
    """What is still owed on the booking's live invoice; NULL when it has none."""
    owed = Invoice.gross_pence - credited_column() - paid_column()
    return _live_invoice_of_booking(owed).limit(1).scalar_subquery()


def live_invoice_number_column() -> Any:
    """The number of the booking's live invoice; NULL when it has none."""
    return _live_invoice_of_booking(Invoice.number).limit(1).scalar_subquery()


def on_live_invoice() -> ColumnElement[bool]:
    return _live_invoice_of_booking(Invoice.id).exists()


def owed_on_live_invoice() -> ColumnElement[bool]:
    owed = Invoice.gross_pence - credited_column() - paid_column()
    return _live_invoice_of_booking(Invoice.id).where(owed > 0).exists()


def not_invoiced_yet() -> ColumnElement[bool]:
    """Confirmed or completed, chargeable, and on no live invoice."""
    return and_(
        Booking.status.in_(BILLABLE), Booking.total_pence > 0, not_(on_live_invoice())
    )


def unpaid_booking() -> ColumnElement[bool]:
    """The booking has money still to come in (see the module docstring)."""
    return or_(owed_on_live_invoice(), not_invoiced_yet())


def deposit_received_column() -> Any:
    """True when the booking's deposit has been received (NULL-safe: False if none)."""
    return (
        select(Deposit.id)
        .where(Deposit.booking_id == Booking.id, Deposit.status.in_(DEPOSIT_RECEIVED))
        .exists()
    )
