"""Which days a calendar view shows, and how it steps (pure; no Qt)."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta
from enum import StrEnum


class ViewMode(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


#: Weeks in the month overview's grid: enough for any month starting on any weekday.
MONTH_GRID_WEEKS = 6


def period(mode: ViewMode, anchor: date) -> tuple[date, date]:
    """First and last day (inclusive) shown around `anchor`."""
    if mode is ViewMode.DAY:
        return anchor, anchor
    if mode is ViewMode.WEEK:
        monday = anchor - timedelta(days=anchor.weekday())
        return monday, monday + timedelta(days=6)
    first = anchor.replace(day=1)
    start = first - timedelta(days=first.weekday())
    return start, start + timedelta(days=7 * MONTH_GRID_WEEKS - 1)


def days_of(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def step(mode: ViewMode, anchor: date, count: int) -> date:
    """The anchor `count` periods later (earlier when negative); months keep the day
    where they can (31 Jan + 1 month = 28/29 Feb)."""
    if mode is ViewMode.DAY:
        return anchor + timedelta(days=count)
    if mode is ViewMode.WEEK:
        return anchor + timedelta(days=7 * count)
    months = anchor.year * 12 + anchor.month - 1 + count
    year, month = divmod(months, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(anchor.day, last))


def period_title(mode: ViewMode, anchor: date) -> str:
    """What the clerk reads above the view: "Saturday 21 November 2026"."""
    if mode is ViewMode.DAY:
        return f"{anchor:%A} {anchor.day} {anchor:%B %Y}"
    if mode is ViewMode.MONTH:
        return f"{anchor:%B %Y}"
    first, last = period(mode, anchor)
    if first.month == last.month:
        return f"{first.day}–{last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
