"""Desks racing for the same hall (and for invoice numbers) from separate OS processes.

Each desk is a spawned process with its own `Database` and connection, held at a
barrier until every desk is ready, then released together. On SQLite the IMMEDIATE
write transactions and the busy timeout make the desks take turns; on PostgreSQL the
per-venue advisory lock does, with the EXCLUDE constraint as a backstop. Either way
exactly one desk gets the slot, the others get a clash a clerk can read (never "busy"),
and the database holds exactly one booking.

The desks are a pool of processes started once per module: starting Python, SQLAlchemy
and the services costs about a second a process, paid once rather than per race.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from multiprocessing.pool import Pool
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import configure_mappers

from spacebank.domain.audit import AuditEntry
from spacebank.domain.booking import Booking
from spacebank.domain.calendar import bank_holiday_name
from spacebank.domain.enums import BLOCKING_STATUSES
from spacebank.domain.errors import BookingClashError, DomainError, StorageBusyError
from spacebank.domain.invoice import Invoice, NumberCounter
from spacebank.services.booking_dto import BookingRequest
from spacebank.services.booking_service import BookingService
from spacebank.services.context import ServiceContext
from spacebank.services.invoice_service import InvoiceService
from spacebank.storage.database import Database
from tests.factories import World, build_world

pytestmark = pytest.mark.slow

DESKS = 6
#: Generous: a desk waits here only while the others start their connections.
BARRIER_TIMEOUT_S = 30
#: A race that has not finished by then is a hang (a deadlock or a lost lock).
RACE_TIMEOUT_S = 60

#: "Now" for every desk: the same quiet Saturday morning as the tests' FrozenClock.
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
#: Saturday 12 December 2026, 14:00–18:00 London (GMT, so UTC is the same).
SLOT_START = datetime(2026, 12, 12, 14, 0, tzinfo=UTC)
SLOT_END = datetime(2026, 12, 12, 18, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    """A module-level clock, so a ServiceContext built in a desk process can use it."""
    return NOW


# -- what runs in each desk process --------------------------------------------------------

_barrier: Any = None


def _init_desk(barrier: Any) -> None:
    global _barrier
    _barrier = barrier


def _warm_up() -> int:
    """Import what a race needs and pass the barrier once, so every race starts alike."""
    import psycopg  # noqa: F401

    # Otherwise the first desk to win the write lock configures the ORM and loads the
    # bank-holiday tables under it (~0.3 s), and the first race measures start-up time.
    configure_mappers()
    bank_holiday_name(SLOT_START.date())
    _barrier.wait(BARRIER_TIMEOUT_S)
    return multiprocessing.current_process().pid or 0


def _desk(url: str, desk: int, action: str, args: tuple[Any, ...]) -> tuple[str, Any]:
    """One clerk's attempt, released together with every other desk.

    Returns ("ok", id), ("clash", message), ("busy", message), ("refused", message) or
    ("error", repr) — never raises, so the parent sees every desk's outcome.
    """
    db = Database(url)
    try:
        ctx = ServiceContext(db=db, actor=f"desk.{desk}", clock=fixed_clock)
        with db.read() as s:  # connect (and warm the pool) before the start signal
            s.execute(select(1))
        _barrier.wait(BARRIER_TIMEOUT_S)
        try:
            if action == "hold":
                return "ok", BookingService(ctx).hold(BookingRequest(*args)).id
            if action == "confirm":
                return "ok", BookingService(ctx).confirm(*args).id
            if action == "issue":
                return "ok", InvoiceService(ctx).issue(list(args)).number
            raise ValueError(action)
        except BookingClashError as exc:
            return "clash", exc.user_message
        except StorageBusyError as exc:
            return "busy", exc.user_message
        except DomainError as exc:
            return "refused", f"{type(exc).__name__}: {exc.user_message}"
    except Exception as exc:  # reported to the parent, which fails the test
        return "error", repr(exc)
    finally:
        db.dispose()


# -- the parent's side -----------------------------------------------------------------


class Desks:
    """A pool of DESKS spawned processes that start each race together."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._barrier = context.Barrier(DESKS)
        self._pool: Pool | None = context.Pool(
            DESKS, initializer=_init_desk, initargs=(self._barrier,)
        )
        warm = [self._pool.apply_async(_warm_up) for _ in range(DESKS)]
        pids = {w.get(timeout=RACE_TIMEOUT_S) for w in warm}
        assert len(pids) == DESKS, "each desk must be its own process"

    def race(self, url: str, jobs: list[tuple[str, tuple[Any, ...]]]) -> list[tuple[str, Any]]:
        """Run exactly DESKS jobs at once (one per process); fail on a hang."""
        assert len(jobs) == DESKS, "every desk must take part or the barrier never opens"
        assert self._pool is not None, "an earlier race hung and the desks were stopped"
        pending = [
            self._pool.apply_async(_desk, (url, desk, action, args))
            for desk, (action, args) in enumerate(jobs)
        ]
        try:
            results = [p.get(timeout=RACE_TIMEOUT_S) for p in pending]
        except multiprocessing.TimeoutError:
            self.close()
            pytest.fail(f"a desk did not finish within {RACE_TIMEOUT_S} s: hang or deadlock")
        if self._barrier.broken:  # a desk gave up waiting: this race failed, not the next
            self._barrier.reset()
        return results

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


@pytest.fixture(scope="module")
def desks() -> Iterator[Desks]:
    pool = Desks()
    yield pool
    pool.close()


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def hold_args(world: World, hall_id: int, desk: int, *, week: int = 0) -> tuple[Any, ...]:
    """A BookingRequest's fields, in order (plain values pickle everywhere)."""
    shift = timedelta(weeks=week)
    return (
        hall_id,
        world.hirer_id,
        SLOT_START + shift,
        SLOT_END + shift,
        f"Party booked at desk {desk}",
        30,
    )


def blocking_in_venue_at_slot(
    db: Database, world: World, *, week: int = 0
) -> list[tuple[int, int]]:
    """(id, hall id) of every blocking booking in the main hall's family at the slot."""
    family = (world.main_hall_id, world.half_a_id, world.half_b_id)
    shift = timedelta(weeks=week)
    with db.read() as s:
        return [
            (r.id, r.hall_id)
            for r in s.execute(
                select(Booking.id, Booking.hall_id).where(
                    Booking.hall_id.in_(family),
                    Booking.status.in_(BLOCKING_STATUSES),
                    Booking.blocked_start < SLOT_END + shift,
                    Booking.blocked_end > SLOT_START + shift,
                )
            )
        ]


def row_counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Booking)) or 0,
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def assert_one_winner(results: list[tuple[str, Any]]) -> int:
    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["clash"] * (DESKS - 1) + ["ok"], results
    return next(value for kind, value in results if kind == "ok")


def test_desks_racing_for_one_hall_get_one_booking(
    desks: Desks, db: Database, world: World
) -> None:
    jobs = [("hold", hold_args(world, world.main_hall_id, desk)) for desk in range(DESKS)]
    winner = assert_one_winner(desks.race(db.url, jobs))
    assert blocking_in_venue_at_slot(db, world) == [(winner, world.main_hall_id)]
    # The losers left nothing behind: one booking, one audit row.
    assert row_counts(db) == (1, 1)


def test_whole_hall_and_its_halves_racing_get_one_booking(
    desks: Desks, db: Database, world: World
) -> None:
    # Different hall rows, so the EXCLUDE constraint cannot see these clash: only the
    # service's check under the venue lock (PostgreSQL) or IMMEDIATE (SQLite) can.
    halls = [world.main_hall_id, world.half_a_id, world.half_b_id]
    jobs = [("hold", hold_args(world, halls[desk % 3], desk)) for desk in range(DESKS)]
    results = desks.race(db.url, jobs)
    outcomes = sorted(kind for kind, _ in results)
    # The two halves do not block each other: either the whole hall won alone, or
    # one desk per half did.
    assert outcomes in (["clash"] * 5 + ["ok"], ["clash"] * 4 + ["ok"] * 2), results
    winners = sorted(
        (value, halls[desk % 3]) for desk, (kind, value) in enumerate(results) if kind == "ok"
    )
    assert sorted(blocking_in_venue_at_slot(db, world)) == winners
    won_halls = {hall for _, hall in winners}
    assert won_halls in ({world.main_hall_id}, {world.half_a_id, world.half_b_id})
    assert row_counts(db) == (len(winners), len(winners))


def test_whole_hall_and_one_half_racing_get_one_booking(
    desks: Desks, db: Database, world: World
) -> None:
    halls = [world.main_hall_id, world.half_a_id]
    jobs = [("hold", hold_args(world, halls[desk % 2], desk)) for desk in range(DESKS)]
    winner = assert_one_winner(desks.race(db.url, jobs))
    [(booking_id, hall_id)] = blocking_in_venue_at_slot(db, world)
    assert booking_id == winner and hall_id in halls
    assert row_counts(db) == (1, 1)


def test_confirming_a_lapsed_hold_while_its_hall_is_booked_gives_one_booking(
    desks: Desks, db: Database, world: World
) -> None:
    # A hold on the north half, taken 8 days ago: it lapsed yesterday, so booking the
    # whole hall over it expires it, but until then a clerk may still confirm it.
    # Half the desks confirm it while the other half book the whole hall. The window
    # for a double booking is narrow, so race four times, on Saturdays a week apart
    # (skipping Boxing Day).
    week_ago = ServiceContext(db=db, actor="test.clerk", clock=lambda: NOW - timedelta(days=8))
    for week in (0, 1, 3, 4):
        hold = BookingService(week_ago).hold(
            BookingRequest(*hold_args(world, world.half_a_id, 99, week=week))
        )
        assert hold.hold_expires_at is not None and hold.hold_expires_at < NOW
        jobs = [
            ("confirm", (hold.id,))
            if desk % 2
            else ("hold", hold_args(world, world.main_hall_id, desk, week=week))
            for desk in range(DESKS)
        ]
        results = desks.race(db.url, jobs)
        # The losers are told of a clash (the hold was confirmed first) or that the hold
        # has expired or changed at another desk (a booking of the whole hall was first).
        assert sorted(kind for kind, _ in results).count("ok") == 1, results
        assert all(kind in ("ok", "clash", "refused") for kind, _ in results), results
        [(booking_id, _)] = blocking_in_venue_at_slot(db, world, week=week)
        assert booking_id == next(value for kind, value in results if kind == "ok")


def test_invoices_issued_at_once_are_numbered_without_gaps(
    desks: Desks, db: Database, world: World
) -> None:
    service = BookingService(ServiceContext(db=db, actor="test.clerk", clock=fixed_clock))
    booking_ids = [
        service.book(
            BookingRequest(
                world.small_hall_id,
                world.hirer_id,
                SLOT_START + timedelta(days=2 + day),
                SLOT_END + timedelta(days=2 + day),
                "Evening class",
                15,
            )
        ).id
        for day in range(DESKS)  # Mon 14 – Sat 19 Dec, no bank holidays
    ]
    results = desks.race(db.url, [("issue", (booking_id,)) for booking_id in booking_ids])
    assert [kind for kind, _ in results] == ["ok"] * DESKS, results
    # Today is 21 Nov 2026: financial year 2026.
    assert sorted(number for _, number in results) == [
        f"SB-2026-{n:06d}" for n in range(1, DESKS + 1)
    ]
    with db.read() as s:
        sequences = s.scalars(select(Invoice.sequence).order_by(Invoice.sequence)).all()
        counter = s.scalar(
            select(NumberCounter.last_value).where(NumberCounter.series == "SB-2026")
        )
    assert sequences == list(range(1, DESKS + 1))
    assert counter == DESKS
