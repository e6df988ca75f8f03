"""Utilisation: booked hours ÷ open hours per hall, venue, month and in total.

Open hours come from the small venue catalogue, day by day in Python (opening hours
less closures and the bank holidays a venue closes on, via `services.occupancy`);
booked hours are summed in SQL. Booked time is that of confirmed and completed
bookings, without set-up and clean-up buffers, clipped to the period. A divisible hall
and its parts count apart, as on the calendar's month overview.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session

from spacebank.domain.base import UTCDateTime
from spacebank.domain.booking import Booking
from spacebank.domain.hirer import Hirer
from spacebank.domain.rules import MAX_BOOKING
from spacebank.reports.figures import USED, Split, Usage
from spacebank.reports.periods import Period, month_key
from spacebank.reports.scope import ALL_HALLS, Scope
from spacebank.reports.sql import Dialect, offset_spans
from spacebank.services.hall_state import HallInfo, closures_overlapping
from spacebank.services.occupancy import ClosedSpan, day_occupancy
from spacebank.storage.database import Database

HOURS_PER_DAY = 24
WEEKDAYS = 7


@dataclass(frozen=True)
class UtilisationReport:
    period: Period
    scope: str
    halls: tuple[Usage, ...]
    venues: tuple[Usage, ...]
    months: tuple[Usage, ...]
    total: Usage
    by_rate_type: tuple[Split, ...]
    by_hirer_type: tuple[Split, ...]
    #: Booked minutes by London weekday (0 = Monday) and hour of the day.
    heat_map: tuple[tuple[int, ...], ...]


def utilisation_report(db: Database, period: Period, scope: Scope = ALL_HALLS) -> UtilisationReport:
    with db.read() as s:
        halls = scope.halls(s)
        open_by_hall, open_by_month = _open_minutes(s, halls, period)
        booked = _booked_rows(s, halls, period, scope)
        heat = _heat_map(s, halls, period, scope)
    hall_booked: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    month_booked: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rate: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    hirer: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for hall_id, rate_type, hirer_type, month, count, minutes in booked:
        for bucket in (
            hall_booked[hall_id],
            month_booked[month],
            rate[rate_type.value],
            hirer[hirer_type.value],
        ):
            bucket[0] += count
            bucket[1] += minutes
    hall_rows = tuple(
        Usage(h.name, open_by_hall[h.id], hall_booked[h.id][1], hall_booked[h.id][0], h.venue_name)
        for h in halls
    )
    venue_rows = _roll_up(hall_rows, key=lambda u: u.venue)
    months = tuple(
        Usage(key, open_by_month.get(key, 0), month_booked[key][1], month_booked[key][0])
        for key in (month_key(m.first_day) for m in period.months())
    )
    total = Usage(
        "Total",
        sum(u.open_minutes for u in hall_rows),
        sum(u.booked_minutes for u in hall_rows),
        sum(u.bookings for u in hall_rows),
    )
    return UtilisationReport(
        period=period,
        scope=scope.label(halls),
        halls=hall_rows,
        venues=venue_rows,
        months=months,
        total=total,
        by_rate_type=_splits(rate),
        by_hirer_type=_splits(hirer),
        heat_map=heat,
    )


def _open_minutes(
    s: Session, halls: Sequence[HallInfo], period: Period
) -> tuple[dict[int, int], dict[str, int]]:
    """Open minutes per hall and per month, from the catalogue and the period's closures."""
    venue_ids = sorted({h.venue_id for h in halls})
    closures: dict[int, list[ClosedSpan]] = defaultdict(list)
    for c in closures_overlapping(s, venue_ids, period.start_utc, period.end_utc):
        closures[c.venue_id].append((c.venue_id, c.hall_id, c.starts_at, c.ends_at, c.reason))
    by_hall: dict[int, int] = {}
    by_month: dict[str, int] = defaultdict(int)
    for hall in halls:
        days = day_occupancy(period.first_day, period.last_day, [hall], (), closures[hall.venue_id])
        by_hall[hall.id] = sum(d.open_minutes for d in days)
        for d in days:
            by_month[month_key(d.day)] += d.open_minutes
    return by_hall, by_month


def _used_in(period: Period, halls: Sequence[HallInfo], scope: Scope) -> list:
    """WHERE terms: used bookings overlapping the period (on the starts_at index)."""
    terms = [
        Booking.status.in_(USED),
        Booking.starts_at >= period.start_utc - MAX_BOOKING,
        Booking.starts_at < period.end_utc,
        Booking.ends_at > period.start_utc,
    ]
    if not scope.is_all:
        terms.append(Booking.hall_id.in_([h.id for h in halls]))
    return terms


def _booked_rows(
    s: Session, halls: Sequence[HallInfo], period: Period, scope: Scope
) -> Iterable[tuple]:
    """(hall, rate type, hirer type, month, bookings, minutes) summed in SQL."""
    sql = Dialect(s)
    start = literal(period.start_utc, UTCDateTime())
    end = literal(period.end_utc, UTCDateTime())
    clipped_start = case((Booking.starts_at < start, start), else_=Booking.starts_at)
    clipped_end = case((Booking.ends_at > end, end), else_=Booking.ends_at)
    spans = offset_spans(period.start_utc - MAX_BOOKING, period.end_utc)
    month = sql.month(sql.local(clipped_start, spans))
    query = (
        select(
            Booking.hall_id,
            Booking.rate_type,
            Hirer.hirer_type,
            month,
            func.count(),
            func.sum(sql.minutes_between(clipped_start, clipped_end)),
        )
        .join(Hirer, Hirer.id == Booking.hirer_id)
        .where(*_used_in(period, halls, scope))
        .group_by(Booking.hall_id, Booking.rate_type, Hirer.hirer_type, month)
    )
    return [tuple(r) for r in s.execute(query)]


def _heat_map(
    s: Session, halls: Sequence[HallInfo], period: Period, scope: Scope
) -> tuple[tuple[int, ...], ...]:
    """Booked minutes by London weekday and hour.

    SQL groups bookings by local weekday, start minute and length (a few thousand
    rows at most, however many bookings); Python spreads each group over the hours.
    """
    sql = Dialect(s)
    local_start = sql.local(
        Booking.starts_at, offset_spans(period.start_utc - MAX_BOOKING, period.end_utc)
    )
    weekday = sql.weekday(local_start)
    minute = sql.minute_of_day(local_start)
    length = sql.minutes_between(Booking.starts_at, Booking.ends_at)
    query = (
        select(weekday, minute, length, func.count())
        .where(
            *_used_in(period, halls, scope),
            Booking.starts_at >= period.start_utc,
        )
        .group_by(weekday, minute, length)
    )
    grid = [[0] * HOURS_PER_DAY for _ in range(WEEKDAYS)]
    for day, start, minutes, count in s.execute(query):
        _spread(grid, int(day), int(start), int(minutes), int(count))
    return tuple(tuple(row) for row in grid)


def _spread(grid: list[list[int]], day: int, start: int, minutes: int, count: int) -> None:
    """Add `count` bookings of `minutes` from local minute `start` of `day` to the grid."""
    at, left = start, minutes
    while left > 0:
        hour = at // 60
        used = min(left, (hour + 1) * 60 - at)
        grid[(day + hour // HOURS_PER_DAY) % WEEKDAYS][hour % HOURS_PER_DAY] += used * count
        at += used
        left -= used


def _roll_up(rows: Iterable[Usage], *, key: Callable[[Usage], str]) -> tuple[Usage, ...]:
    sums: dict[str, list[int]] = {}
    for row in rows:
        bucket = sums.setdefault(key(row), [0, 0, 0])
        bucket[0] += row.open_minutes
        bucket[1] += row.booked_minutes
        bucket[2] += row.bookings
    return tuple(Usage(label, o, b, n) for label, (o, b, n) in sums.items())


def _splits(values: dict[str, list[int]]) -> tuple[Split, ...]:
    return tuple(
        Split(label.replace("_", " ").capitalize(), count, minutes)
        for label, (count, minutes) in sorted(values.items(), key=lambda kv: -kv[1][1])
    )
