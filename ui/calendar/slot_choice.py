"""Time the clerk picked in the calendar, as London wall-clock (naive) datetimes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SlotChoice:
    """Free time the clerk picked: London wall-clock (naive) start and end."""

    hall_id: int
    start: datetime
    end: datetime
