"""Imports every entity so that `Base.metadata` is complete (for Alembic and tests)."""

from __future__ import annotations

from spacebank.domain.audit import AuditEntry, Setting
from spacebank.domain.base import Base
from spacebank.domain.booking import Booking, BookingCharge, BookingExtra, Series
from spacebank.domain.hirer import Hirer, HirerSearchTerm
from spacebank.domain.invoice import (
    CreditNote,
    CreditNoteLine,
    Deposit,
    Invoice,
    InvoiceLine,
    NumberCounter,
    Payment,
)
from spacebank.domain.venue import Closure, Extra, Hall, KeyHolder, OpeningHours, Rate, Venue

__all__ = [
    "AuditEntry",
    "Base",
    "Booking",
    "BookingCharge",
    "BookingExtra",
    "Closure",
    "CreditNote",
    "CreditNoteLine",
    "Deposit",
    "Extra",
    "Hall",
    "Hirer",
    "HirerSearchTerm",
    "Invoice",
    "InvoiceLine",
    "KeyHolder",
    "NumberCounter",
    "OpeningHours",
    "Payment",
    "Rate",
    "Series",
    "Setting",
    "Venue",
]
