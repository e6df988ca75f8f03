"""Booking rules that need no database: times, opening hours, capacity, holds, notice."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from spacebank.domain.clock import local_minutes_utc, to_local
from spacebank.domain.errors import CapacityError, ClosedError, TimeError, ValidationError
from spacebank.domain.policy import Policy

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_BOOKING = timedelta(hours=24)


def check_interval(start: datetime, end: datetime, *, now: datetime, policy: Policy) -> None:
    """Refuse reversed, empty, past, over-long and too-far-ahead intervals (aware UTC)."""
    if end <= start:
        raise TimeError("The end time must be after the start time.", field="end")
    if end - start > MAX_BOOKING:
        raise TimeError("A booking cannot be longer than 24 hours.", field="end")
    if start < now:
        raise TimeError(f"{fmt_local(start)} is in the past; choose a future time.", field="start")
    if start > now + timedelta(days=policy.max_advance_days):
        limit = (now + timedelta(days=policy.max_advance_days)).date()
        raise TimeError(
            f"Bookings can be taken up to {policy.max_advance_days} days ahead "
            f"(until {limit:%d %b %Y}).",
            field="start",
        )


def opening_window(
    day: date, hours: Mapping[int, tuple[int, int]]
) -> tuple[datetime, datetime] | None:
    """UTC opening interval of a London calendar day, or None if closed all day."""
    span = hours.get(day.weekday())
    if span is None:
        return None
    return (local_minutes_utc(day, span[0]), local_minutes_utc(day, span[1]))


def check_opening_hours(
    start: datetime, end: datetime, hours: Mapping[int, tuple[int, int]], venue_name: str
) -> None:
    """The booked interval must lie within one day's opening hours of the venue."""
    local = to_local(start)
    window = opening_window(local.date(), hours)
    if window is None:
        raise ClosedError(f"{venue_name} is closed on {WEEKDAYS[local.weekday()]}s.", field="start")
    opens, closes = window
    if start < opens or end > closes:
        raise ClosedError(
            f"{venue_name} is open {fmt_time(opens)}–{fmt_time(closes)} on "
            f"{WEEKDAYS[local.weekday()]}s; {fmt_time(start)}–{fmt_time(end)} is outside that.",
            field="start" if start < opens else "end",
        )


def check_attendees(attendees: int, capacity: int, hall_name: str) -> None:
    if attendees <= 0:
        raise CapacityError("Expected attendees must be at least 1.", field="attendees")
    if attendees > capacity:
        raise CapacityError(
            f"{hall_name} holds {capacity} people; {attendees} expected is too many.",
            field="attendees",
        )


def check_length(start: datetime, end: datetime, minimum_minutes: int, hall_name: str) -> None:
    minutes = (end - start).total_seconds() / 60
    if minutes < minimum_minutes:
        raise ValidationError(
            f"{hall_name} is hired for at least {minimum_minutes} minutes at a time.",
            field="end",
        )


def hold_expiry(now: datetime, start: datetime, policy: Policy) -> datetime:
    """When a provisional hold lapses: after `hold_days`, or at the notice deadline.

    A hold taken inside the notice period lasts a day at most (never past the start).
    """
    deadline = start - timedelta(days=policy.notice_days)
    if deadline > now:
        return min(now + timedelta(days=policy.hold_days), deadline)
    return min(now + timedelta(days=1), start)


def within_notice_period(now: datetime, start: datetime, policy: Policy) -> bool:
    return start - now < timedelta(days=policy.notice_days)


def fmt_time(value: datetime) -> str:
    return to_local(value).strftime("%H:%M")


def fmt_local(value: datetime) -> str:
    """'Sat 12 Dec 2026 14:00' in London time."""
    return to_local(value).strftime("%a %d %b %Y %H:%M")


def fmt_local_until(value: datetime) -> str:
    """An end as the team says it: midnight is 24:00 of the day before
    ('Sun 29 Nov 2026 24:00', not 'Mon 30 Nov 2026 00:00')."""
    local = to_local(value)
    if local.time() == time(0):
        return (local - timedelta(days=1)).strftime("%a %d %b %Y") + " 24:00"
    return local.strftime("%a %d %b %Y %H:%M")
