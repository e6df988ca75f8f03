"""SQL expressions that differ between SQLite and PostgreSQL, and London's UTC offsets.

Times are compared and subtracted as whole minutes since the Unix epoch; London
wall-clock time is that plus the offset in force, which a CASE over the clock changes
inside the report's period supplies (found from zoneinfo, not hard-coded).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, case, cast, func, literal
from sqlalchemy.orm import Session

from spacebank.domain.clock import LONDON

UNIX_EPOCH_JULIAN_DAY = 2440587.5
#: (from, to, minutes ahead of UTC): the offsets in force over a span of time.
OffsetSpan = tuple[datetime, datetime, int]


class Dialect:
    """Builds the engine-specific expressions for one session's database."""

    def __init__(self, session: Session) -> None:
        bind = session.get_bind()
        self.sqlite = bind.dialect.name == "sqlite"

    def epoch_minutes(self, column: Any) -> Any:
        """Whole minutes since 1970-01-01 00:00 UTC of a UTC datetime column."""
        if self.sqlite:
            return cast(
                func.round((func.julianday(column) - UNIX_EPOCH_JULIAN_DAY) * 1440), Integer
            )
        return cast(func.round(func.extract("epoch", column) / 60), Integer)

    def minutes_between(self, start: Any, end: Any) -> Any:
        """Whole minutes from `start` to `end` (two UTC datetime columns)."""
        return self.epoch_minutes(end) - self.epoch_minutes(start)

    def month(self, value: Any) -> Any:
        """'YYYY-MM' of a local wall-clock or date expression."""
        if self.sqlite:
            return func.strftime("%Y-%m", value)
        return func.to_char(value, "YYYY-MM")

    def postcode_district(self, postcode: Any) -> Any:
        """The outward code ('SE15' of 'SE15 4QL'); postcodes are stored with one space."""
        if self.sqlite:
            space = func.instr(postcode, " ")
            return case((space > 0, func.substr(postcode, 1, space - 1)), else_=postcode)
        return func.split_part(postcode, " ", 1)


def by_instant(column: Any, steps: Sequence[tuple[datetime | int, int]], last: int) -> Any:
    """`value` of the first (before, value) step whose instant `column` is before, else
    `last`: a CASE over ascending instants (datetimes, or epoch minutes for a column of
    them; a plain number when there are none)."""
    if not steps:
        return literal(last, Integer)
    return case(*((column < before, value) for before, value in steps), else_=last)


def epoch_minute(instant: datetime) -> int:
    """Whole minutes since 1970-01-01 00:00 UTC of an aware instant (as `epoch_minutes`)."""
    return round(instant.timestamp() / 60)


def offset_spans(start: datetime, end: datetime) -> list[OffsetSpan]:
    """London's UTC offsets between two aware instants, as contiguous spans.

    Clocks change on the hour (UTC), so the day-by-day walk is refined hour by hour.
    """
    start = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    spans: list[OffsetSpan] = []
    span_start, offset = start, _offset(start)
    day = start
    while day < end:
        following = day + timedelta(days=1)
        if _offset(following) != offset:
            hour = day
            while _offset(hour) == offset:
                hour += timedelta(hours=1)
            spans.append((span_start, hour, offset))
            span_start, offset = hour, _offset(hour)
        day = following
    spans.append((span_start, max(end, span_start) + timedelta(days=2), offset))
    return spans


def _offset(instant: datetime) -> int:
    delta = instant.astimezone(LONDON).utcoffset()
    return int(delta.total_seconds() // 60) if delta else 0
