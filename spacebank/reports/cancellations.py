"""Cancellations and expired holds of bookings that would have started in the period.

Lost time is the booked time (without buffers) of those bookings; reasons are the
cancellation reasons clerks recorded (holds that lapse have none).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from spacebank.domain.booking import Booking
from spacebank.domain.enums import BookingStatus
from spacebank.reports.figures import Split
from spacebank.reports.periods import Period
from spacebank.reports.scope import ALL_HALLS, Scope, hall_labels
from spacebank.reports.sql import Dialect
from spacebank.storage.database import Database


@dataclass(frozen=True)
class CancellationsReport:
    period: Period
    scope: str
    #: "Cancelled" and "Expired hold": count and lost minutes.
    by_status: tuple[Split, ...]
    #: Cancellations by reason: count and lost minutes.
    reasons: tuple[Split, ...]
    #: Cancellations and expiries per hall: count and lost minutes.
    by_hall: tuple[Split, ...]


def cancellations_report(
    db: Database, period: Period, scope: Scope = ALL_HALLS
) -> CancellationsReport:
    with db.read() as s:
        halls = scope.halls(s)
        names = hall_labels(halls)
        minutes = func.sum(Dialect(s).minutes_between(Booking.starts_at, Booking.ends_at))
        query = (
            select(Booking.status, Booking.hall_id, Booking.cancel_reason, func.count(), minutes)
            .where(
                Booking.status.in_((BookingStatus.CANCELLED, BookingStatus.EXPIRED)),
                Booking.starts_at >= period.start_utc,
                Booking.starts_at < period.end_utc,
            )
            .group_by(Booking.status, Booking.hall_id, Booking.cancel_reason)
        )
        if not scope.is_all:
            query = query.where(Booking.hall_id.in_(list(names)))
        rows = [(st, h, r, int(n), int(m)) for st, h, r, n, m in s.execute(query)]
    status_sums: dict[str, list[int]] = {"Cancelled": [0, 0], "Expired hold": [0, 0]}
    reasons: dict[str, list[int]] = {}
    by_hall: dict[str, list[int]] = {}
    for status, hall_id, reason, count, lost in rows:
        cancelled = status is BookingStatus.CANCELLED
        keys = [
            (status_sums, "Cancelled" if cancelled else "Expired hold"),
            (by_hall, names.get(hall_id, f"Hall {hall_id}")),
        ]
        if cancelled:
            keys.append((reasons, reason or "No reason given"))
        for sums, key in keys:
            bucket = sums.setdefault(key, [0, 0])
            bucket[0] += count
            bucket[1] += lost
    return CancellationsReport(
        period=period,
        scope=scope.label(halls),
        by_status=tuple(Split(k, n, m) for k, (n, m) in status_sums.items()),
        reasons=_ranked(reasons),
        by_hall=_ranked(by_hall),
    )


def _ranked(sums: dict[str, list[int]]) -> tuple[Split, ...]:
    return tuple(
        Split(k, n, m) for k, (n, m) in sorted(sums.items(), key=lambda kv: (-kv[1][0], kv[0]))
    )
