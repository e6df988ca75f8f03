"""Europe/London wall-clock time <-> UTC, refusing DST gaps and ambiguous hours.

Bookings are agreed in local wall-clock time ("Saturday 14:00") and stored in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from spacebank.domain.errors import TimeError

LONDON = ZoneInfo("Europe/London")


def to_utc(value: datetime, *, field: str = "start") -> datetime:
    """Return an aware UTC datetime for a London wall-clock (naive) or aware datetime.

    Raises:
        TimeError: the naive time falls in the spring-forward gap or the repeated
            autumn hour, where it does not name one instant.
    """
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    first = value.replace(tzinfo=LONDON, fold=0)
    second = value.replace(tzinfo=LONDON, fold=1)
    if first.utcoffset() != second.utcoffset():
        round_trip = first.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None)
        shown = value.strftime("%H:%M on %d %b %Y")
        if round_trip != value:
            raise TimeError(
                f"{shown} does not exist: the clocks go forward an hour that night.",
                field=field,
            )
        raise TimeError(
            f"{shown} happens twice: the clocks go back an hour that night. "
            "Choose a time outside 01:00–02:00.",
            field=field,
        )
    return first.astimezone(UTC)


def to_local(value: datetime) -> datetime:
    """Return an aware Europe/London datetime for an aware (or naive-UTC) datetime."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(LONDON)


def local_midnight_utc(day: date) -> datetime:
    """The UTC instant at which a London calendar day starts."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def local_minutes_utc(day: date, minutes: int) -> datetime:
    """UTC instant of `minutes` after local midnight on `day` by the wall clock.

    1440 means the next midnight. Used for opening hours, which are wall-clock times.
    """
    base = datetime.combine(day, time(0)) + timedelta(minutes=minutes)
    return datetime.combine(base.date(), base.time(), tzinfo=LONDON).astimezone(UTC)


def local_day(value: datetime) -> date:
    """London calendar date of an instant."""
    return to_local(value).date()


def financial_year(day: date) -> int:
    """UK public-sector financial year (starting 1 April) that `day` falls in."""
    return day.year if day.month >= 4 else day.year - 1
