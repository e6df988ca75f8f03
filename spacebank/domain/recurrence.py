"""Dates of a recurring series. Wall-clock times are applied later, per date."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from spacebank.domain.enums import Frequency
from spacebank.domain.errors import ValidationError

MAX_OCCURRENCES = 520


def occurrence_dates(
    first: date, frequency: Frequency, *, count: int | None = None, until: date | None = None
) -> list[date]:
    """Every date of the series, starting with `first`, by count or until a date.

    Monthly series repeat the weekday's position in the month ("2nd Tuesday"); a
    series started on a 5th weekday repeats on the last one of each month.
    """
    if (count is None) == (until is None):
        raise ValidationError("Give either a number of dates or an end date.", field="count")
    if count is not None and not 1 <= count <= MAX_OCCURRENCES:
        raise ValidationError(
            f"A series has between 1 and {MAX_OCCURRENCES} dates; {count} asked for.",
            field="count",
        )
    if until is not None and until < first:
        raise ValidationError("The series must end on or after its first date.", field="until")
    dates: list[date] = []
    for n in range(MAX_OCCURRENCES + 1):
        day = _nth(first, frequency, n)
        if (count is not None and n >= count) or (until is not None and day > until):
            return dates
        dates.append(day)
    raise ValidationError(
        f"That series would have more than {MAX_OCCURRENCES} dates; choose an earlier end.",
        field="until",
    )


def _nth(first: date, frequency: Frequency, n: int) -> date:
    if frequency is Frequency.WEEKLY:
        return first + timedelta(weeks=n)
    if frequency is Frequency.FORTNIGHTLY:
        return first + timedelta(weeks=2 * n)
    month_index = first.month - 1 + n
    year, month = first.year + month_index // 12, month_index % 12 + 1
    position = (first.day - 1) // 7  # 0 = first, 4 = fifth (taken as last)
    weeks = calendar.Calendar().monthdatescalendar(year, month)
    matching = [
        d for week in weeks for d in week if d.month == month and d.weekday() == first.weekday()
    ]
    return matching[-1] if position >= 4 else matching[position]
