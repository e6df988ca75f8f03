"""Report periods: whole London days, by week, month, quarter or UK financial year."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacebank.domain.clock import financial_year, local_midnight_utc
from spacebank.domain.errors import ValidationError

#: Longest period a report covers; keeps the per-hall-day open-hours loop small.
MAX_PERIOD_DAYS = 366 * 10


@dataclass(frozen=True)
class Period:
    """London calendar days `first_day` to `last_day` inclusive."""

    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValidationError(
                f"The period ends ({self.last_day:%d %b %Y}) before it starts "
                f"({self.first_day:%d %b %Y}).",
                field="period",
            )
        if self.days > MAX_PERIOD_DAYS:
            raise ValidationError("A report can cover at most ten years.", field="period")

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def start_utc(self) -> datetime:
        return local_midnight_utc(self.first_day)

    @property
    def end_utc(self) -> datetime:
        """The instant the day after the period starts (exclusive end)."""
        return local_midnight_utc(self.last_day + timedelta(days=1))

    @property
    def label(self) -> str:
        return f"{_day(self.first_day)} to {_day(self.last_day)}"

    def months(self) -> Iterator[Period]:
        """The calendar months the period touches, clipped to it."""
        first = self.first_day
        while first <= self.last_day:
            last = min(month(first).last_day, self.last_day)
            yield Period(first, last)
            first = last + timedelta(days=1)


def week(day: date) -> Period:
    """Monday to Sunday around `day`."""
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6))


def month(day: date) -> Period:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(first, following - timedelta(days=1))


def quarter(day: date) -> Period:
    """Calendar quarter (January–March, …)."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    following = (first + timedelta(days=95)).replace(day=1)
    return Period(first, following - timedelta(days=1))


def financial_year_period(day: date) -> Period:
    """The UK public-sector financial year (1 April to 31 March) that `day` falls in."""
    year = financial_year(day)
    return Period(date(year, 4, 1), date(year + 1, 3, 31))


def month_key(day: date) -> str:
    """'2026-03': the key the queries group months by."""
    return f"{day.year:04d}-{day.month:02d}"


def month_label(key: str) -> str:
    """'2026-03' -> 'Mar 2026', for chart axes."""
    year, number = key.split("-")
    return f"{date(int(year), int(number), 1):%b %Y}"


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
