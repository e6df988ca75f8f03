"""What a screen knows when it asks for a new booking (all optional)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class BookingPrefill:
    hall_id: int | None = None
    #: London wall-clock (naive) or aware datetimes.
    start: datetime | None = None
    end: datetime | None = None
    attendees: int | None = None
    hirer_id: int | None = None
    purpose: str = ""
