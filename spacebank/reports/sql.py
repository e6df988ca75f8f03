"""SQL expressions that differ between SQLite and PostgreSQL: durations and London time.

SQLite has no time zones, so London wall-clock time is UTC shifted by a CASE over the
UTC offset changes inside the report's period (found from zoneinfo, not hard-coded);
PostgreSQL converts with `timezone('Europe/London', …)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, case, cast, func, literal
from sqlalchemy.orm import Session

from spacebank.domain.base import UTCDateTime
from spacebank.domain.clock import LONDON

#: (from, to, minutes ahead of UTC): the offsets in force over a span of time.
OffsetSpan = tuple[datetime, datetime, int]


class Dialect:
    """Builds the engine-specific expressions for one session's database."""

    def __init__(self, session: Session) -> None:
        bind = session.get_bind()
        self.sqlite = bind.dialect.name == "sqlite"

    def minutes_between(self, start: Any, end: Any) -> Any:
        """Whole minutes from `start` to `end` (two UTC datetime expressions)."""
        if self.sqlite:
            days = func.julianday(end) - func.julianday(start)
            return cast(func.round(days * 1440), Integer)
        seconds = func.extract("epoch", end - start)
        return cast(func.round(seconds / 60), Integer)

    def local(self, column: Any, spans: Sequence[OffsetSpan]) -> Any:
        """The London wall-clock time of a UTC column, for instants within `spans`."""
        if not self.sqlite:
            return func.timezone("Europe/London", column)
        if len(spans) == 1:
            return func.datetime(column, _modifier(spans[0][2]))
        shift = case(
            *(
                (
                    (column >= literal(start, UTCDateTime()))
                    & (column < literal(end, UTCDateTime())),
                    _modifier(offset),
                )
                for start, end, offset in spans
            ),
            else_=_modifier(spans[0][2]),
        )
        return func.datetime(column, shift)

    def weekday(self, local: Any) -> Any:
        """0 = Monday … 6 = Sunday, of a local wall-clock expression."""
        if self.sqlite:
            return (cast(func.strftime("%w", local), Integer) + 6) % 7
        return cast(func.extract("isodow", local), Integer) - 1

    def minute_of_day(self, local: Any) -> Any:
        if self.sqlite:
            hour = cast(func.strftime("%H", local), Integer)
            return hour * 60 + cast(func.strftime("%M", local), Integer)
        return cast(func.extract("hour", local) * 60 + func.extract("minute", local), Integer)

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


def _modifier(offset_minutes: int) -> str:
    return f"{offset_minutes:+d} minutes"
