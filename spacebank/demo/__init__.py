"""Realistic demo data: venues, halls, hirers, bookings, invoices and payments.

`generate_demo(db, years=..., seed=...)` fills an empty database; the same seed and
`today` always give the same data.
"""

from spacebank.demo.generator import DemoCancelled, DemoSummary, generate_demo

__all__ = ["DemoCancelled", "DemoSummary", "generate_demo"]
