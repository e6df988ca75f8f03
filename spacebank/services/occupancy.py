"""How full the halls are, day by day: booked hours ÷ open hours (the month overview).

Counts the booked time (not the set-up and clean-up buffers) of provisional, confirmed
and completed bookings against the opening hours of the same halls, less closures and
the bank holidays on which a venue closes. A divisible hall and its parts count apart:
booking the whole hall fills the whole hall's hours, not its halves'.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacebank.domain import rules
from spacebank.domain.calendar import bank_holiday_name
from spacebank.domain.clock import local_midnight_utc
from spacebank.services.hall_state import HallInfo


@dataclass(frozen=True)
class ClosureNote:
    reason: str
    venue_name: str
    #: None when the whole venue is shut.
    hall_name: str | None = None


@dataclass(frozen=True)
class DayOccupancy:
    """One London day of the halls asked about."""

    day: date
    booked_minutes: int
    #: Opening hours of the halls that day, less closures and closed bank holidays.
    open_minutes: int
    #: Bookings that start that day.
    bookings: int
    bank_holiday: str | None = None
    #: The closures that touch the day, in time order, without repeats.
    closures: tuple[ClosureNote, ...] = ()

    @property
    def ratio(self) -> float | None:
        """Booked ÷ open, from 0 to 1; None when nothing was open."""
        if self.open_minutes <= 0:
            return None
        return min(1.0, self.booked_minutes / self.open_minutes)


#: A booking as (hall id, start, end), aware UTC.
BookedSpan = tuple[int, datetime, datetime]
#: A closure as (venue id, hall id or None for the whole venue, start, end, reason), UTC.
ClosedSpan = tuple[int, int | None, datetime, datetime, str]


def day_occupancy(
    first_day: date,
    last_day: date,
    halls: Sequence[HallInfo],
    bookings: Iterable[BookedSpan],
    closures: Sequence[ClosedSpan],
) -> tuple[DayOccupancy, ...]:
    """Occupancy of `halls` for each day from `first_day` to `last_day` inclusive."""
    days = [first_day + timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    bounds = [local_midnight_utc(d) for d in days]
    bounds.append(local_midnight_utc(last_day + timedelta(days=1)))
    booked = [0.0] * len(days)
    counts = [0] * len(days)
    wanted = {h.id for h in halls}
    for hall_id, start, end in bookings:
        if hall_id not in wanted:
            continue
        index = max(0, bisect_right(bounds, start) - 1)
        if bounds[0] <= start < bounds[-1]:
            counts[index] += 1
        while index < len(days) and bounds[index] < end:
            overlap = min(end, bounds[index + 1]) - max(start, bounds[index])
            booked[index] += max(0.0, overlap.total_seconds() / 60)
            index += 1
    venue_hours = {h.venue_id: h.hours for h in halls}
    venue_names = {h.venue_id: h.venue_name for h in halls}
    hall_names = {h.id: h.name for h in halls}
    related = {f for h in halls for f in h.family}
    result = []
    for i, day in enumerate(days):
        holiday = bank_holiday_name(day)
        touching = [
            c
            for c in closures
            if c[2] < bounds[i + 1] and c[3] > bounds[i] and (c[1] is None or c[1] in related)
        ]
        windows = {vid: rules.opening_window(day, hours) for vid, hours in venue_hours.items()}
        open_minutes = sum(
            _open_minutes(hall, windows[hall.venue_id], holiday, touching) for hall in halls
        )
        reasons = tuple(
            dict.fromkeys(
                ClosureNote(c[4], venue_names.get(c[0], ""), hall_names.get(c[1]) if c[1] else None)
                for c in touching
            )
        )
        result.append(
            DayOccupancy(day, round(booked[i]), open_minutes, counts[i], holiday, reasons)
        )
    return tuple(result)


def _open_minutes(
    hall: HallInfo,
    window: tuple[datetime, datetime] | None,
    holiday: str | None,
    closures: Sequence[ClosedSpan],
) -> int:
    if window is None or (holiday and not hall.open_on_bank_holidays):
        return 0
    opens, closes = window
    shut = sorted(
        (max(c[2], opens), min(c[3], closes))
        for c in closures
        if c[0] == hall.venue_id
        and (c[1] is None or c[1] in hall.family)
        and c[2] < closes
        and c[3] > opens
    )
    open_seconds = (closes - opens).total_seconds()
    cursor = opens
    for start, end in shut:  # a union, so overlapping closures count once
        start = max(start, cursor)
        if end > start:
            open_seconds -= (end - start).total_seconds()
            cursor = end
    return max(0, round(open_seconds / 60))
