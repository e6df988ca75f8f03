"""Dates and times as a clerk types them on the phone: "sat", "next tue", "12/4", "2pm".

Resolved against today's London date; the UI shows the result beside the field so a
misunderstanding is seen at once.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from spacebank.domain.errors import ValidationError

_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "weds": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)(?:\s+(\d{4}))?$")
_OFFSET = re.compile(r"^\+(\d{1,3})$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.]?(\d{2}))?\s*(am|pm|a|p)?$")


def parse_day(text: str, today: date) -> date:
    """Resolve a typed day. Weekday names mean the coming one (today counts);
    "next" skips a week; day/month without a year means the next such date."""
    raw = " ".join(text.strip().lower().split())
    if not raw:
        raise ValidationError("Type a date, e.g. sat, next tue, 12/4 or 2026-12-04.", field="date")
    if raw in ("today", "tod"):
        return today
    if raw in ("tomorrow", "tom", "tmw", "tmrw"):
        return today + timedelta(days=1)
    if match := _OFFSET.match(raw):
        return today + timedelta(days=int(match.group(1)))
    words = raw.split(" ")
    skip = 0
    while words and words[0] in ("next", "this"):
        skip += 7 if words.pop(0) == "next" else 0
    if len(words) == 1 and words[0] in _WEEKDAYS:
        ahead = (_WEEKDAYS[words[0]] - today.weekday()) % 7
        return today + timedelta(days=ahead + skip)
    if skip:
        raise ValidationError(f"“{text.strip()}”: say which weekday, e.g. next tue.", field="date")
    if match := _ISO.match(raw):
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)), text)
    if match := _NUMERIC.match(raw):
        day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
        if year is not None:
            return _make(2000 + int(year) if len(year) == 2 else int(year), month, day, text)
        return _upcoming(day, month, today, text)
    if (match := _DAY_MONTH.match(raw)) and match.group(2) in _MONTHS:
        day, month = int(match.group(1)), _MONTHS[match.group(2)]
        if match.group(3):
            return _make(int(match.group(3)), month, day, text)
        return _upcoming(day, month, today, text)
    raise ValidationError(
        f"“{text.strip()}” is not a date I understand; try sat, next tue, 12/4 or 4 Dec.",
        field="date",
    )


def parse_time(text: str) -> time:
    """'14', '1400', '14:30', '2pm', '2.30pm'; a bare 1–8 means the afternoon/evening
    (halls open 09:00–23:00, so nobody books 7 in the morning by saying "7")."""
    raw = text.strip().lower().replace(" ", "")
    match = _TIME.match(raw)
    if not match:
        raise ValidationError(
            f"“{text.strip()}” is not a time; try 14, 2pm or 14:30.", field="time"
        )
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = match.group(3)
    if suffix:
        if not 1 <= hour <= 12:
            raise ValidationError(f"“{text.strip()}” is not a time.", field="time")
        hour = hour % 12 + (12 if suffix.startswith("p") else 0)
    elif 1 <= hour <= 8 and match.group(2) is None:
        hour += 12
    if hour == 24 and minute == 0:
        raise ValidationError("Use 23:59 or 00:00 the next day, not 24:00.", field="time")
    if hour > 23 or minute > 59:
        raise ValidationError(f"“{text.strip()}” is not a time of day.", field="time")
    return time(hour, minute)


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"“{text.strip()}” is not a real date.", field="date") from None


def _upcoming(day: int, month: int, today: date, text: str) -> date:
    """The next such day/month on or after today (so 12/4 in November is next April)."""
    candidate = _make(today.year, month, day, text) if month != 2 or day != 29 else None
    if candidate is None or candidate < today:
        for year in range(today.year + 1, today.year + 5):
            try:
                return date(year, month, day)
            except ValueError:
                continue
        raise ValidationError(f"“{text.strip()}” is not a real date.", field="date")
    return candidate
