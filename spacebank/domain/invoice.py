"""Invoices, credit notes, payments, deposits and the counters that number them.

An issued invoice is never edited or deleted; corrections are credit notes. The
bill-to name and address, and the organisation's letterhead, are copied at issue so
reprints match the first print.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from spacebank.domain.base import Base, UTCDateTime
from spacebank.domain.enums import DepositStatus, PaymentMethod, str_enum

INVOICE_PREFIX = "SB"
CREDIT_NOTE_PREFIX = "CN"


def document_number(prefix: str, year: int, sequence: int) -> str:
    """'SB', 2026, 123 -> 'SB-2026-000123' (year = financial year starting 1 April)."""
    return f"{prefix}-{year}-{sequence:06d}"


def settled_from(
    issued_on: date, gross_pence: int, events: Iterable[tuple[date, int]]
) -> date | None:
    """The first day from which an invoice has owed nothing and kept owing nothing, or
    None while something is owed now.

    `events` are (day, pence taken off the balance): payments and credits positive,
    refunds negative, in any order (back-dated ones included). The balance at a day is
    gross less the events dated on or before it. The income report looks for money owed
    as of a day only among invoices not settled by then, so from this day on nothing may
    ever have been owed; recomputing from every event keeps that true after back-dating.
    """
    taken: dict[date, int] = {issued_on: 0}
    for day, pence in events:
        taken[day] = taken.get(day, 0) + pence
    balance = gross_pence
    settled: date | None = None
    for day in sorted(taken):
        balance -= taken[day]
        if day < issued_on:
            continue  # money dated before the invoice still counts from its issue day
        if balance > 0:
            settled = None
        elif settled is None:
            settled = day
    return settled


class NumberCounter(Base):
    """Last number used in one gapless series, e.g. 'SB-2026'.

    It is incremented in the same transaction that inserts the document, so a rollback
    gives the number back and two desks can never take the same one.
    """

    __tablename__ = "number_counters"
    __table_args__ = (CheckConstraint("last_value >= 0", name="last_value_non_negative"),)

    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        CheckConstraint("sequence >= 1", name="sequence_positive"),
        CheckConstraint("gross_pence = net_pence + vat_pence", name="gross_sum"),
        CheckConstraint("due_on >= issued_on", name="due_after_issue"),
        # Income ageing: money owed as of a day is only looked for among invoices not
        # settled by then; with the gross in the index it never touches the table.
        Index("ix_invoices_settled_issued", "settled_on", "issued_on", "gross_pence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    financial_year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    hirer_id: Mapped[int] = mapped_column(ForeignKey("hirers.id"), index=True)
    bill_to_name: Mapped[str] = mapped_column(String(400))
    bill_to_address: Mapped[str] = mapped_column(Text, default="")
    bill_to_postcode: Mapped[str] = mapped_column(String(10), default="")
    issued_on: Mapped[date] = mapped_column(Date, index=True)
    due_on: Mapped[date] = mapped_column(Date)
    #: See `settled_from`; kept by `invoice_settlement.refresh_settled_on`.
    settled_on: Mapped[date | None] = mapped_column(Date)
    net_pence: Mapped[int] = mapped_column(Integer)
    vat_pence: Mapped[int] = mapped_column(Integer)
    gross_pence: Mapped[int] = mapped_column(Integer)
    payment_reference: Mapped[str] = mapped_column(String(40))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[str] = mapped_column(String(100))
    #: The organisation's details as printed at issue (JSON), so reprints match.
    letterhead_json: Mapped[str] = mapped_column(Text, default="", server_default="")

    lines: Mapped[list[InvoiceLine]] = relationship(order_by="InvoiceLine.position")


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    __table_args__ = (CheckConstraint("vat_rate_bp BETWEEN 0 AND 10000", name="vat_rate_range"),)

    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="RESTRICT"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(400))
    quantity: Mapped[str] = mapped_column(String(40), default="")
    unit_pence: Mapped[int] = mapped_column(Integer, default=0)
    net_pence: Mapped[int] = mapped_column(Integer)
    vat_rate_bp: Mapped[int] = mapped_column(Integer)
    vat_pence: Mapped[int] = mapped_column(Integer)


class CreditNote(Base):
    __tablename__ = "credit_notes"
    __table_args__ = (
        CheckConstraint("gross_pence > 0", name="credit_positive"),
        CheckConstraint("gross_pence = net_pence + vat_pence", name="gross_sum"),
        # Covers "credited on invoice X up to day D" (balances, income ageing).
        Index("ix_credit_notes_invoice_issued", "invoice_id", "issued_on", "gross_pence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    financial_year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    issued_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(400))
    net_pence: Mapped[int] = mapped_column(Integer)
    vat_pence: Mapped[int] = mapped_column(Integer)
    gross_pence: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[str] = mapped_column(String(100))
    #: As on Invoice.
    letterhead_json: Mapped[str] = mapped_column(Text, default="", server_default="")

    lines: Mapped[list[CreditNoteLine]] = relationship(order_by="CreditNoteLine.position")


class CreditNoteLine(Base):
    __tablename__ = "credit_note_lines"

    credit_note_id: Mapped[int] = mapped_column(
        ForeignKey("credit_notes.id", ondelete="RESTRICT"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    description: Mapped[str] = mapped_column(String(400))
    net_pence: Mapped[int] = mapped_column(Integer)
    vat_rate_bp: Mapped[int] = mapped_column(Integer)
    vat_pence: Mapped[int] = mapped_column(Integer)


class Payment(Base):
    """Money received against an invoice; a refund is a negative payment."""

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount_pence <> 0", name="amount_non_zero"),
        CheckConstraint(
            "method <> 'internal_recharge' OR cost_centre <> ''", name="recharge_cost_centre"
        ),
        # Covers "paid on invoice X up to day D" (balances, income ageing).
        Index("ix_payments_invoice_received", "invoice_id", "received_on", "amount_pence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    amount_pence: Mapped[int] = mapped_column(Integer)
    method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod, "payment_method"))
    reference: Mapped[str] = mapped_column(String(100), default="")
    cost_centre: Mapped[str] = mapped_column(String(40), default="")
    received_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))


class Deposit(Base):
    """A damage bond for one booking, kept apart from the hire fee."""

    __tablename__ = "deposits"
    __table_args__ = (
        CheckConstraint("amount_pence > 0", name="amount_positive"),
        CheckConstraint(
            "retained_pence >= 0 AND retained_pence <= amount_pence", name="retained_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), unique=True)
    amount_pence: Mapped[int] = mapped_column(Integer)
    status: Mapped[DepositStatus] = mapped_column(str_enum(DepositStatus, "deposit_status"))
    method: Mapped[PaymentMethod | None] = mapped_column(str_enum(PaymentMethod, "payment_method"))
    received_on: Mapped[date | None] = mapped_column(Date)
    settled_on: Mapped[date | None] = mapped_column(Date)
    retained_pence: Mapped[int] = mapped_column(Integer, default=0)
    retained_reason: Mapped[str] = mapped_column(String(400), default="")
