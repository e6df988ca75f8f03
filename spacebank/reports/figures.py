"""Small value types shared by the reports: usage rows, splits and percentages."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from spacebank.domain.enums import BookingStatus

#: Bookings that used a hall: a hold or a cancellation did not.
USED = (BookingStatus.CONFIRMED, BookingStatus.COMPLETED)


def percent(part: int, whole: int) -> Decimal | None:
    """part ÷ whole as a percentage to one decimal place, exactly; None if whole is 0."""
    if whole <= 0:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def hours(minutes: int) -> Decimal:
    """Minutes as hours to two decimal places (90 -> 1.50)."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Usage:
    """Booked against open time of a hall, venue, month or the total."""

    label: str
    open_minutes: int
    booked_minutes: int
    bookings: int
    #: The venue of a hall row; empty for other rows.
    venue: str = ""

    @property
    def percent(self) -> Decimal | None:
        return percent(self.booked_minutes, self.open_minutes)


@dataclass(frozen=True)
class Split:
    """Part of a total by some category (rate type, hirer type, reason…)."""

    label: str
    count: int
    minutes: int = 0
    pence: int = 0
