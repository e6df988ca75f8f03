"""Spacebank: bookings, invoices and reports for a council's community halls."""

__version__ = "0.1.0"
