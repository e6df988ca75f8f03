"""Fills an empty database with a realistic, seed-deterministic London borough's halls.

Everything is computed in Python first (`plan_demo`), then written with Core
`insert()` executemany in batches inside one transaction, so a cancel or an error
leaves the database exactly as it was.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from random import Random

from sqlalchemy import insert

from spacebank.demo.billing import plan_billing
from spacebank.demo.bookings import plan_bookings
from spacebank.demo.estate import build_estate
from spacebank.demo.people import DemoHirer, make_hirers
from spacebank.demo.randomness import randint
from spacebank.demo.records import BookingPlan, Cancelled, DemoCancelled, DemoPlan
from spacebank.demo.writer import (
    advance_sequences,
    big_sqlite_cache,
    insert_rows,
    require_empty,
    table_rows,
)
from spacebank.domain.audit import AuditEntry
from spacebank.domain.base import utc_now
from spacebank.domain.clock import local_day, local_minutes_utc
from spacebank.domain.enums import BookingStatus
from spacebank.domain.errors import ValidationError
from spacebank.services import catalogue_cache
from spacebank.storage.database import Database

#: progress(stage, done, total) -> False to cancel (anything else carries on).
Progress = Callable[[str, int, int], bool | None]

MAX_YEARS = 15
HIRERS_PER_YEAR = 2_000
BOOKINGS_PER_YEAR = 36_000
ACTOR = "demo"

__all__ = ["DemoCancelled", "DemoPlan", "DemoSummary", "generate_demo", "plan_demo"]


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    years: int
    first_day: date
    last_day: date
    venues: int
    halls: int
    extras: int
    closures: int
    hirers: int
    search_terms: int
    series: int
    bookings: int
    completed: int
    confirmed: int
    provisional: int
    cancelled: int
    expired: int
    invoices: int
    invoice_lines: int
    credit_notes: int
    payments: int
    deposits: int
    rows: int


def demo_period(today: date, years: int) -> tuple[date, date]:
    """First and last day of bookings: `years` of diary ending 90 days after today."""
    return today - timedelta(days=years * 365 - 90), today + timedelta(days=90)


def plan_demo(
    *,
    years: int,
    seed: int,
    today: date,
    now: datetime,
    scale: float = 1.0,
    progress: Progress | None = None,
) -> DemoPlan:
    """Compute the whole demo world without touching a database."""
    tick = _ticker(progress)
    first_day, last_day = demo_period(today, years)
    estate = build_estate()
    hirers = make_hirers(Random(f"{seed}:hirers"), max(6, round(HIRERS_PER_YEAR * years * scale)))
    bookings = plan_bookings(
        Random(f"{seed}:bookings"),
        estate.demo_halls,
        hirers,
        first_day=first_day,
        last_day=last_day,
        today=today,
        now=now,
        target=max(50, round(BOOKINGS_PER_YEAR * years * scale)),
        tick=tick,
    )
    _date_hirers(Random(f"{seed}:hirer-dates"), hirers, bookings, first_day, now)
    if not tick("Planning invoices", 0, 1):
        raise Cancelled
    billing = plan_billing(Random(f"{seed}:billing"), bookings.bookings, today=today, now=now)
    return DemoPlan(estate, hirers, bookings, billing, first_day, last_day)


def generate_demo(
    db: Database,
    *,
    years: int = 1,
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
    scale: float = 1.0,
) -> DemoSummary:
    """Fill an empty, migrated database with demo venues, hirers, bookings and money.

    Args:
        years: years of diary (1-15), ending 90 days after `today`.
        seed: the same seed (and `today`) gives the same data.
        today: the London date taken as today; defaults to the real one.
        progress: called between batches; returning False cancels and rolls back.
        scale: shrinks (or grows) the number of hirers and bookings, for tests.

    Raises:
        ValidationError: years or scale out of range.
        DomainError: the database already has venues, hirers or bookings.
        DemoCancelled: `progress` returned False.
    """
    if not 1 <= years <= MAX_YEARS:
        raise ValidationError(
            f"Years of demo data must be 1 to {MAX_YEARS}, not {years}.", field="years"
        )
    if not 0 < scale <= 10:
        raise ValidationError("The demo scale must be more than 0 and at most 10.", field="scale")
    if today is None:
        now = utc_now()
        today = local_day(now)
    else:
        now = local_minutes_utc(today, 12 * 60)
    with db.read() as session:
        require_empty(session.connection())
    with _collector_paused():
        try:
            plan = plan_demo(
                years=years, seed=seed, today=today, now=now, scale=scale, progress=progress
            )
        except Cancelled:
            raise DemoCancelled() from None
        summary = summarise(plan, seed=seed, years=years)
        tick = _ticker(progress)
        with db.write() as session:
            connection = session.connection()
            require_empty(connection)
            with big_sqlite_cache(connection):
                for stage, table, rows, total in table_rows(plan):
                    insert_rows(connection, table, rows, total, stage, tick)
            if connection.dialect.name == "postgresql":
                advance_sequences(connection)
            connection.execute(
                insert(AuditEntry.__table__),
                [
                    {
                        "at": now,
                        "actor": ACTOR,
                        "action": "demo_generated",
                        "entity": "database",
                        "entity_id": 0,
                        "before": "",
                        "after": json.dumps(asdict(summary), default=str, sort_keys=True),
                    }
                ],
            )
            # Bulk inserts bypass the ORM hooks: tell every desk's cache the halls changed.
            catalogue_cache.bump(session)
    return summary


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Millions of long-lived rows make the cyclic GC rescan them over and over;
    reference counting still frees what the demo drops."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def summarise(plan: DemoPlan, *, seed: int, years: int) -> DemoSummary:
    statuses = Counter(b.status for b in plan.bookings.bookings)
    billing = plan.billing
    counts = {
        "venues": len(plan.estate.venues),
        "halls": len(plan.estate.halls),
        "extras": len(plan.estate.extras),
        "closures": len(plan.bookings.closures),
        "hirers": len(plan.hirers),
        "search_terms": sum(len(h.search_terms()) for h in plan.hirers),
        "series": len(plan.bookings.series),
        "bookings": len(plan.bookings.bookings),
        "invoices": len(billing.invoices),
        "invoice_lines": sum(len(i.lines) for i in billing.invoices),
        "credit_notes": len(billing.credit_notes),
        "payments": len(billing.payments),
        "deposits": len(billing.deposits),
    }
    rows = sum(total for _, _, _, total in table_rows(plan))
    return DemoSummary(
        seed=seed,
        years=years,
        first_day=plan.first_day,
        last_day=plan.last_day,
        completed=statuses[BookingStatus.COMPLETED],
        confirmed=statuses[BookingStatus.CONFIRMED],
        provisional=statuses[BookingStatus.PROVISIONAL],
        cancelled=statuses[BookingStatus.CANCELLED],
        expired=statuses[BookingStatus.EXPIRED],
        rows=rows,
        **counts,
    )


def _ticker(progress: Progress | None) -> Callable[[str, int, int], bool]:
    def tick(stage: str, done: int, total: int) -> bool:
        return progress is None or progress(stage, done, total) is not False

    return tick


def _date_hirers(
    rng: Random, hirers: list[DemoHirer], plan: BookingPlan, first_day: date, now: datetime
) -> None:
    """A hirer's record is made just before their first booking (or at some other time)."""
    first_seen: dict[int, datetime] = {}
    for b in plan.bookings:
        assert b.created_at is not None
        seen = first_seen.get(b.hirer.id)
        if seen is None or b.created_at < seen:
            first_seen[b.hirer.id] = b.created_at
    start = local_minutes_utc(first_day - timedelta(days=60), 9 * 60)
    span = int((now - start).total_seconds() // 60)
    for hirer in hirers:
        seen = first_seen.get(hirer.id)
        if seen is not None:
            hirer.created_at = seen - timedelta(minutes=randint(rng, 2, 20))
        else:
            hirer.created_at = start + timedelta(minutes=randint(rng, 0, span))
