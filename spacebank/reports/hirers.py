"""Hirers: who used the halls in a period, by type, repeat or one-off, postcode district.

Counts hirers with at least one confirmed or completed booking starting in the period.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from spacebank.domain.booking import Booking
from spacebank.domain.hirer import Hirer
from spacebank.reports.figures import USED, Split
from spacebank.reports.periods import Period
from spacebank.reports.scope import ALL_HALLS, Scope
from spacebank.reports.sql import Dialect
from spacebank.storage.database import Database

TOP_HIRERS = 10


@dataclass(frozen=True)
class HirersReport:
    period: Period
    scope: str
    hirers: int
    bookings: int
    #: Split.count = hirers, Split.minutes = booked minutes; bookings in `bookings_by`.
    by_type: tuple[Split, ...]
    #: "Repeat" (two or more bookings in the period) and "One-off".
    repeat: tuple[Split, ...]
    by_district: tuple[Split, ...]
    #: Split.count = bookings, Split.minutes = booked minutes, label = display name.
    top_hirers: tuple[Split, ...]
    #: Bookings per hirer type, in the order of `by_type`.
    bookings_by_type: tuple[int, ...]


def hirers_report(db: Database, period: Period, scope: Scope = ALL_HALLS) -> HirersReport:
    with db.read() as s:
        halls = scope.halls(s)
        sql = Dialect(s)
        per_hirer = _per_hirer(sql, period, scope, [h.id for h in halls]).subquery()
        by_type = _grouped(s, per_hirer.c.hirer_type, per_hirer)
        district = case(
            (per_hirer.c.postcode == "", "Unknown"),
            else_=sql.postcode_district(per_hirer.c.postcode),
        )
        by_district = _grouped(s, district, per_hirer)
        repeat_label = case((per_hirer.c.bookings > 1, "Repeat"), else_="One-off")
        repeat = _grouped(s, repeat_label, per_hirer)
        top = s.execute(
            select(per_hirer.c.display, per_hirer.c.bookings, per_hirer.c.minutes)
            .order_by(per_hirer.c.bookings.desc(), per_hirer.c.minutes.desc(), per_hirer.c.display)
            .limit(TOP_HIRERS)
        ).all()
    ordered_types = sorted(by_type, key=lambda r: (-r[1], str(r[0])))
    return HirersReport(
        period=period,
        scope=scope.label(halls),
        hirers=sum(r[1] for r in by_type),
        bookings=sum(r[2] for r in by_type),
        by_type=tuple(
            Split(k.value.replace("_", " ").capitalize(), n, m) for k, n, _, m in ordered_types
        ),
        bookings_by_type=tuple(b for _, _, b, _ in ordered_types),
        repeat=tuple(
            Split(k, n, m) for k, n, _, m in sorted(repeat, key=lambda r: r[0] != "Repeat")
        ),
        by_district=tuple(
            Split(k, n, m) for k, n, _, m in sorted(by_district, key=lambda r: (-r[1], r[0]))
        ),
        top_hirers=tuple(Split(name, int(n), int(m)) for name, n, m in top),
    )


def _per_hirer(sql: Dialect, period: Period, scope: Scope, hall_ids: list[int]) -> Select:
    """One row per hirer who used a hall in the period, with their bookings and minutes."""
    display = case((Hirer.organisation != "", Hirer.organisation), else_=Hirer.name)
    query = (
        select(
            Booking.hirer_id,
            Hirer.hirer_type,
            Hirer.postcode,
            display.label("display"),
            func.count().label("bookings"),
            func.sum(sql.minutes_between(Booking.starts_at, Booking.ends_at)).label("minutes"),
        )
        .join(Hirer, Hirer.id == Booking.hirer_id)
        .where(
            Booking.status.in_(USED),
            Booking.starts_at >= period.start_utc,
            Booking.starts_at < period.end_utc,
        )
        .group_by(Booking.hirer_id, Hirer.hirer_type, Hirer.postcode, display)
    )
    if not scope.is_all:
        query = query.where(Booking.hall_id.in_(hall_ids))
    return query


def _grouped(s: Session, key: object, per_hirer: object) -> list[tuple]:
    """(key, hirers, bookings, minutes) grouped by `key` over the per-hirer rows."""
    c = per_hirer.c  # type: ignore[attr-defined]
    return [
        (k, int(n), int(b), int(m))
        for k, n, b, m in s.execute(
            select(key, func.count(), func.sum(c.bookings), func.sum(c.minutes)).group_by(key)
        )
    ]
