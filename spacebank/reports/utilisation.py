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
from datetime import date, datetime, timedelta

from sqlalchemy import Integer, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from spacebank.domain import rules
from spacebank.domain.booking import Booking
from spacebank.domain.calendar import bank_holiday_name
from spacebank.domain.clock import local_day
from spacebank.domain.hirer import Hirer
from spacebank.reports.figures import USED, Split, Usage
from spacebank.reports.periods import Period, month_key
from spacebank.reports.scope import ALL_HALLS, Scope
from spacebank.reports.sql import Dialect, by_instant, epoch_minute, offset_spans
from spacebank.services.hall_state import HallInfo, closures_overlapping
from spacebank.services.occupancy import ClosedSpan, day_occupancy
from spacebank.storage.database import Database

HOURS_PER_DAY = 24
WEEKDAYS = 7
DAY = 24 * 60
WEEK = WEEKDAYS * DAY
#: 1 January 1970 was a Thursday: shifts epoch minutes so that Monday 00:00 is 0.
EPOCH_WEEK_SHIFT = 3 * DAY
#: Which grouping a row of `_booked_and_heat`'s query comes from.
BOOKED, HEAT = 0, 1


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
        booked, heat = _booked_and_heat(s, halls, period, scope)
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
    """Open minutes per hall and per month, from the catalogue and the period's closures.

    Each venue's opening window is worked out once per day; only the few days a closure
    touches go through the calendar's exact per-day occupancy.
    """
    venue_ids = sorted({h.venue_id for h in halls})
    closures: dict[int, list[ClosedSpan]] = defaultdict(list)
    for c in closures_overlapping(s, venue_ids, period.start_utc, period.end_utc):
        closures[c.venue_id].append((c.venue_id, c.hall_id, c.starts_at, c.ends_at, c.reason))
    days = [period.first_day + timedelta(days=i) for i in range(period.days)]
    holidays = {d for d in days if bank_holiday_name(d)}
    # Clocks change on a handful of days; on every other day the window's length is
    # its wall-clock length.
    changes = {local_day(end) for _, end, _ in offset_spans(period.start_utc, period.end_utc)}
    venue_days: dict[int, list[int]] = {}
    for hall in halls:
        if hall.venue_id not in venue_days:
            venue_days[hall.venue_id] = [_window_minutes(d, hall.hours, d in changes) for d in days]
    by_hall: dict[int, int] = {}
    by_month: dict[str, int] = defaultdict(int)
    for hall in halls:
        mine = [c for c in closures[hall.venue_id] if c[1] is None or c[1] in hall.family]
        touched = {d for c in mine for d in _local_days(c[2], c[3])}
        total = 0
        for day, minutes in zip(days, venue_days[hall.venue_id], strict=True):
            if day in holidays and not hall.open_on_bank_holidays:
                minutes = 0
            elif day in touched:
                minutes = day_occupancy(day, day, [hall], (), mine)[0].open_minutes
            total += minutes
            by_month[month_key(day)] += minutes
        by_hall[hall.id] = total
    return by_hall, by_month


def _window_minutes(day: date, hours: dict[int, tuple[int, int]], clocks_change: bool) -> int:
    span = hours.get(day.weekday())
    if span is None:
        return 0
    if not clocks_change:
        return span[1] - span[0]
    opens, closes = rules.opening_window(day, hours)  # type: ignore[misc]
    return round((closes - opens).total_seconds() / 60)


def _local_days(start: datetime, end: datetime) -> list[date]:
    first, last = local_day(start), local_day(end - timedelta(microseconds=1))
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _used_in(period: Period, halls: Sequence[HallInfo], scope: Scope) -> list:
    """WHERE terms: used bookings starting in the period (a range on the starts_at index).

    A booking lies within one London day's opening hours, so it is wholly inside or
    outside a period of whole days: clipping to the period is never needed.
    """
    terms = [
        Booking.status.in_(USED),
        Booking.starts_at >= period.start_utc,
        Booking.starts_at < period.end_utc,
    ]
    if not scope.is_all:
        terms.append(Booking.hall_id.in_([h.id for h in halls]))
    return terms


def _booked_and_heat(
    s: Session, halls: Sequence[HallInfo], period: Period, scope: Scope
) -> tuple[list[tuple], tuple[tuple[int, ...], ...]]:
    """(hall, rate type, hirer type, month, bookings, minutes) rows and the heat map
    (booked minutes by London weekday and hour), from one read of the bookings.

    The period's used bookings are read once into a common table expression (both
    engines materialise one that is used twice) and grouped two ways in one UNION ALL,
    instead of two range scans of the bookings table with a row lookup each.

    The month is found by comparing the start's epoch minute with those of the months'
    first instants, which is exact for London months and cheaper than converting every
    row or comparing timestamp text. The heat map
    groups by London minute of the week (UTC epoch minutes plus the offset in force, from
    a CASE over the period's clock changes) and length: a few thousand groups at most,
    however many bookings; Python spreads each over the hours.
    """
    sql = Dialect(s)
    used = (
        select(
            Booking.hall_id,
            Booking.rate_type,
            Booking.hirer_id,
            sql.epoch_minutes(Booking.starts_at).label("start"),
            sql.epoch_minutes(Booking.ends_at).label("end"),
        )
        .where(*_used_in(period, halls, scope))
        .cte("used")
    )
    months = list(period.months())
    month = by_instant(
        used.c.start,
        [(epoch_minute(m.end_utc), i) for i, m in enumerate(months[:-1])],
        len(months) - 1,
    )
    spans = offset_spans(period.start_utc, period.end_utc)
    offset = by_instant(
        used.c.start, [(epoch_minute(end), shift) for _, end, shift in spans[:-1]], spans[-1][2]
    )
    minutes = used.c.end - used.c.start
    minute_of_week = (used.c.start + offset + EPOCH_WEEK_SHIFT) % WEEK
    booked = (
        select(
            literal(BOOKED, Integer),
            used.c.hall_id,
            used.c.rate_type,
            Hirer.hirer_type,
            month,
            func.count(),
            func.sum(minutes),
        )
        .join(Hirer, Hirer.id == used.c.hirer_id)
        .group_by(used.c.hall_id, used.c.rate_type, Hirer.hirer_type, month)
    )
    heat = select(
        literal(HEAT, Integer),
        null(),
        null(),
        null(),
        minute_of_week,
        func.count(),
        minutes,
    ).group_by(minute_of_week, minutes)
    keys = [month_key(m.first_day) for m in months]
    rows: list[tuple] = []
    grid = [[0] * HOURS_PER_DAY for _ in range(WEEKDAYS)]
    for kind, hall_id, rate_type, hirer_type, at, count, length in s.connection().execute(
        union_all(booked, heat)
    ):
        if kind == BOOKED:
            rows.append(
                (hall_id, rate_type, hirer_type, keys[int(at)], int(count), int(length or 0))
            )
        else:
            day, minute = divmod(int(at), DAY)
            _spread(grid, day, minute, int(length), int(count))
    return rows, tuple(tuple(row) for row in grid)


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
