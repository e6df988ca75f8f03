"""The core benchmarks: what a clerk waits for on the phone, each against a raw floor.

Every benchmark times a service call and, in the same run on the same database, a
"floor": the one SQL statement that answers the same question, sent through the same
engine's raw DBAPI connection (`db.engine.raw_connection()`), parameters bound, inside
an explicit BEGIN ... COMMIT like the service's transaction. The floor therefore
includes the driver round trip, SQLite's statement cache lookup, the index work and
the transaction's begin/end; it excludes everything the service adds on top: pool
checkout, the Session and ORM, SQL compilation (cached), the other queries a service
makes (hall facts, policy, closures), the rules, building DTOs and, for writes, the
audit row and charge lines. The ratio service/floor is the price of that machinery.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, bindparam, select

from bench.timing import DISCARD
from spacebank.domain.booking import Booking
from spacebank.domain.clock import local_day, local_minutes_utc
from spacebank.domain.enums import BLOCKING_STATUSES
from spacebank.domain.errors import DomainError
from spacebank.domain.text import digits, fold
from spacebank.services.availability_service import AvailabilityService
from spacebank.services.booking_dto import BookingRequest, SlotQuery
from spacebank.services.booking_service import BookingService
from spacebank.services.context import ServiceContext
from spacebank.services.hall_state import MAX_BLOCKED_SPAN  # the services' lower bound
from spacebank.storage.database import Database

#: Bound as parameters, in the order the service's IN list uses them.
BLOCKING = tuple(sorted(s.value for s in BLOCKING_STATUSES))
_IN = ", ".join("?" * len(BLOCKING))

OVERLAP_SQL = (
    "SELECT 1 FROM bookings WHERE hall_id = ? AND status IN (" + _IN + ") "
    "AND blocked_start > ? AND blocked_start < ? AND blocked_end > ? LIMIT 1"
)
FREE_HALLS_SQL = (
    "SELECT h.id FROM halls h WHERE h.capacity >= ? AND NOT EXISTS ("
    "SELECT 1 FROM bookings b WHERE b.hall_id = h.id AND b.status IN (" + _IN + ") "
    "AND b.blocked_start > ? AND b.blocked_start < ? AND b.blocked_end > ?)"
)
TERM_PREFIX_SQL = "SELECT hirer_id FROM hirer_search_terms WHERE term >= ? AND term < ? LIMIT 20"
BOOKING_COLUMNS = (
    "hall_id",
    "hirer_id",
    "series_id",
    "starts_at",
    "ends_at",
    "setup_minutes",
    "cleanup_minutes",
    "blocked_start",
    "blocked_end",
    "status",
    "purpose",
    "attendees",
    "notes",
    "rate_type",
    "discount_kind",
    "discount_value",
    "discount_reason",
    "discount_approved_by",
    "total_pence",
    "deposit_pence",
    "hold_expires_at",
    "short_notice_approved_by",
    "confirmed_at",
    "cancelled_at",
    "cancelled_by",
    "cancel_reason",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "version",
)
INSERT_BOOKING_SQL = (
    f"INSERT INTO bookings ({', '.join(BOOKING_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(BOOKING_COLUMNS))})"
)


# -- targets and results ----------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What 'fast enough' means for one benchmark; every given bound must hold."""

    ratio: float | None = None  # service median <= ratio x floor median
    median_ms: float | None = None  # service median <= this
    p95_ms: float | None = None  # service p95 <= this
    over_floor_ms: float | None = None  # service median <= floor median + this

    @property
    def informational(self) -> bool:
        return all(v is None for v in (self.ratio, self.median_ms, self.p95_ms, self.over_floor_ms))

    def describe(self) -> str:
        if self.informational:
            return "(info)"
        parts = []
        if self.ratio is not None:
            parts.append(f"<={self.ratio:g}x")
        if self.over_floor_ms is not None:
            parts.append(f"<=floor+{self.over_floor_ms:g}ms")
        if self.median_ms is not None:
            parts.append(f"med<={self.median_ms:g}ms")
        if self.p95_ms is not None:
            parts.append(f"p95<={self.p95_ms:g}ms")
        return ", ".join(parts)

    def met(self, service_median: float, service_p95: float, floor_median: float) -> bool:
        checks = []
        if self.ratio is not None:
            checks.append(service_median <= self.ratio * floor_median)
        if self.over_floor_ms is not None:
            checks.append(service_median <= floor_median + self.over_floor_ms)
        if self.median_ms is not None:
            checks.append(service_median <= self.median_ms)
        if self.p95_ms is not None:
            checks.append(service_p95 <= self.p95_ms)
        return all(checks)


@dataclass
class Case:
    """A prepared benchmark: the two calls and where their inputs come from.

    `inputs(n)` returns n fresh inputs; for writes each input is used once, so the
    service and the floor never book the same slot.
    """

    service: Callable[[Any], object]
    floor: Callable[[Any], object]
    inputs: Callable[[int], list[Any]]
    close: Callable[[], None] = lambda: None
    #: Filled in while running (e.g. how many creates were refused).
    notes: list[str] = field(default_factory=list)


@dataclass
class Env:
    """What every benchmark gets: the dataset, a database on it and a fixed clock."""

    dataset: Path
    db: Database
    now: datetime
    seed: int
    #: Makes a private copy of the dataset for writing; the caller removes it.
    scratch: Callable[[], Path]
    halls: list[HallRow] = field(default_factory=list)

    def context(self, db: Database | None = None) -> ServiceContext:
        now = self.now
        return ServiceContext(db or self.db, actor="bench", clock=lambda: now)

    def rng(self, name: str) -> random.Random:
        """A generator per benchmark, so --only gives the same inputs as a full run."""
        return random.Random(f"{self.seed}:{name}")


@dataclass(frozen=True)
class HallRow:
    id: int
    capacity: int
    setup_minutes: int
    cleanup_minutes: int
    min_booking_minutes: int
    active: bool
    #: Part of a combined hall, or made of parts: booking it blocks other halls.
    has_family: bool


def load_hall_rows(db: Database) -> list[HallRow]:
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT h.id, h.capacity, h.setup_minutes, h.cleanup_minutes, "
            "h.min_booking_minutes, h.active AND v.active, "
            "h.parent_id IS NOT NULL OR EXISTS (SELECT 1 FROM halls c WHERE c.parent_id = h.id) "
            "FROM halls h JOIN venues v ON v.id = h.venue_id ORDER BY h.id"
        ).all()
    return [HallRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6])) for r in rows]


def sql_time(moment: datetime) -> str:
    """A UTC instant as SQLAlchemy stores it in SQLite (naive UTC text that sorts)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class RawSession:
    """The floor's connection: the engine's own DBAPI connection, driven by hand."""

    def __init__(self, db: Database) -> None:
        self._connection = db.engine.raw_connection()
        # The engine's connect hook set isolation_level=None: we issue BEGIN ourselves.
        self.cursor = self._connection.cursor()

    def close(self) -> None:
        self.cursor.close()
        self._connection.close()  # back to the pool


def _future_slot(
    env: Env,
    rng: random.Random,
    *,
    days: tuple[int, int],
    hours: tuple[int, int],
    lengths: tuple[int, ...],
    minimum: int = 0,
) -> tuple[datetime, datetime]:
    """A London wall-clock slot on the half hour, some days after the fixed now."""
    day = local_day(env.now) + timedelta(days=rng.randint(*days))
    length = max(rng.choice(lengths), minimum)
    start_min = 30 * rng.randint(hours[0] * 2, hours[1] * 2)
    return local_minutes_utc(day, start_min), local_minutes_utc(day, start_min + length)


# -- 1. is this hall free then? -----------------------------------------------------------


def availability_check(env: Env) -> Case:
    service = AvailabilityService(env.context())
    raw = RawSession(env.db)
    halls = [h for h in env.halls if h.active]
    rng = env.rng("availability_check")

    def inputs(n: int) -> list[tuple[HallRow, datetime, datetime]]:
        result = []
        for _ in range(n):
            hall = rng.choice(halls)
            start, end = _future_slot(
                env,
                rng,
                days=(1, 120),
                hours=(8, 20),
                lengths=(60, 90, 120, 180),
                minimum=hall.min_booking_minutes,
            )
            result.append((hall, start, end))
        return result

    def run_service(x: tuple[HallRow, datetime, datetime]) -> object:
        hall, start, end = x
        return service.check(hall.id, start, end)

    def run_floor(x: tuple[HallRow, datetime, datetime]) -> object:
        # The service's own bounds: blocked interval = slot plus this hall's buffers.
        hall, start, end = x
        blocked_start = start - timedelta(minutes=hall.setup_minutes)
        blocked_end = end + timedelta(minutes=hall.cleanup_minutes)
        cur = raw.cursor
        cur.execute("BEGIN")
        cur.execute(
            OVERLAP_SQL,
            (
                hall.id,
                *BLOCKING,
                sql_time(blocked_start - MAX_BLOCKED_SPAN),
                sql_time(blocked_end),
                sql_time(blocked_start),
            ),
        )
        row = cur.fetchone()
        cur.execute("COMMIT")
        return row

    return Case(run_service, run_floor, inputs, raw.close)


# -- 0. the framework's own cost, for reading the ratios -------------------------------------


def session_baseline(env: Env) -> Case:
    """Benchmark 1's floor query, but through `db.read()` and a Session (no service).

    The least any Session-based service can cost for that question; what the services
    take beyond this is their own work (more queries, rules, DTOs).
    """
    case = availability_check(env)
    query = (
        select(Booking.id)
        .where(
            Booking.hall_id == bindparam("hall"),
            Booking.status.in_(BLOCKING_STATUSES),
            and_(
                Booking.blocked_start > bindparam("lo"),
                Booking.blocked_start < bindparam("hi"),
                Booking.blocked_end > bindparam("after"),
            ),
        )
        .limit(1)
    )

    def run_service(x: tuple[HallRow, datetime, datetime]) -> object:
        hall, start, end = x
        blocked_start = start - timedelta(minutes=hall.setup_minutes)
        blocked_end = end + timedelta(minutes=hall.cleanup_minutes)
        with env.db.read() as s:
            return s.execute(
                query,
                {
                    "hall": hall.id,
                    "lo": blocked_start - MAX_BLOCKED_SPAN,
                    "hi": blocked_end,
                    "after": blocked_start,
                },
            ).first()

    case.service = run_service
    return case


# -- 2. which halls are free then? --------------------------------------------------------


def free_halls(env: Env) -> Case:
    service = AvailabilityService(env.context())
    raw = RawSession(env.db)
    rng = env.rng("free_halls")
    # The service widens the window by the largest buffer of the halls it considers.
    pad = timedelta(minutes=max(max(h.setup_minutes, h.cleanup_minutes) for h in env.halls))

    def inputs(n: int) -> list[tuple[datetime, datetime, int]]:
        result = []
        for _ in range(n):
            start, end = _future_slot(env, rng, days=(1, 60), hours=(9, 19), lengths=(60, 120, 180))
            result.append((start, end, rng.choice((10, 20, 40, 60, 100))))
        return result

    def run_service(x: tuple[datetime, datetime, int]) -> object:
        start, end, attendees = x
        return service.free_halls(SlotQuery(start, end, attendees))

    def run_floor(x: tuple[datetime, datetime, int]) -> object:
        start, end, attendees = x
        cur = raw.cursor
        cur.execute("BEGIN")
        cur.execute(
            FREE_HALLS_SQL,
            (
                attendees,
                *BLOCKING,
                sql_time(start - pad - MAX_BLOCKED_SPAN),
                sql_time(end + pad),
                sql_time(start - pad),
            ),
        )
        rows = cur.fetchall()
        cur.execute("COMMIT")
        return rows

    return Case(run_service, run_floor, inputs, raw.close)


# -- 3. pencil in a hold ------------------------------------------------------------------


@dataclass(frozen=True)
class FreeSlot:
    hall: HallRow
    start: datetime
    end: datetime
    hirer_id: int
    attendees: int


def create_booking(env: Env) -> Case:
    """Holds on free future slots of a private copy of the dataset.

    Slots come from `next_free` (untimed): one booking per free window, halls without
    parts or parents only, disjoint weeks per hall, so no two inputs can clash with each
    other and every input is used once, by either the service or the floor.
    """
    path = env.scratch()
    db = Database(f"sqlite:///{path}")
    ctx = env.context(db)
    bookings, availability = BookingService(ctx), AvailabilityService(ctx)
    raw = RawSession(db)
    rng = env.rng("create_booking")
    with db.engine.connect() as connection:
        hirer_ids = [
            r[0]
            for r in connection.exec_driver_sql(
                "SELECT id FROM hirers WHERE anonymised_at IS NULL ORDER BY id"
            )
        ]
    halls = [h for h in env.halls if h.active and not h.has_family]
    slots = _free_slots(env, availability, halls, hirer_ids, rng)
    refused: dict[str, int] = {}
    notes: list[str] = []

    def inputs(n: int) -> list[FreeSlot]:
        return [slot for _, slot in zip(range(n), slots, strict=False)]

    def run_service(slot: FreeSlot) -> object:
        request = BookingRequest(
            hall_id=slot.hall.id,
            hirer_id=slot.hirer_id,
            start=slot.start,
            end=slot.end,
            purpose="Benchmark hold",
            attendees=slot.attendees,
        )
        try:
            return bookings.hold(request)
        except DomainError as exc:
            refused[type(exc).__name__] = refused.get(type(exc).__name__, 0) + 1
            return DISCARD

    now = sql_time(env.now)
    expires = sql_time(env.now + timedelta(days=7))

    def run_floor(slot: FreeSlot) -> object:
        # One bookings row with the columns the service writes, under BEGIN IMMEDIATE
        # like the service's write transaction; the no-overlap trigger runs here too.
        hall = slot.hall
        values = (
            hall.id,
            slot.hirer_id,
            None,
            sql_time(slot.start),
            sql_time(slot.end),
            hall.setup_minutes,
            hall.cleanup_minutes,
            sql_time(slot.start - timedelta(minutes=hall.setup_minutes)),
            sql_time(slot.end + timedelta(minutes=hall.cleanup_minutes)),
            "provisional",
            "Benchmark floor",
            slot.attendees,
            "",
            "community",
            None,
            0,
            "",
            "",
            12000,
            0,
            expires,
            "",
            None,
            None,
            "",
            "",
            now,
            "bench",
            now,
            "bench",
            1,
        )
        cur = raw.cursor
        cur.execute("BEGIN IMMEDIATE")
        try:
            cur.execute(INSERT_BOOKING_SQL, values)
        except Exception:
            cur.execute("ROLLBACK")
            refused["floor"] = refused.get("floor", 0) + 1
            return DISCARD
        cur.execute("COMMIT")
        return cur.lastrowid

    def close() -> None:
        if refused:
            notes.append("refused: " + ", ".join(f"{k} x{v}" for k, v in refused.items()))
        raw.close()
        db.dispose()

    return Case(run_service, run_floor, inputs, close, notes)


def _free_slots(
    env: Env,
    availability: AvailabilityService,
    halls: list[HallRow],
    hirer_ids: list[int],
    rng: random.Random,
) -> Iterator[FreeSlot]:
    """Free slots found lazily, in random hall order, week by week from 3 weeks ahead."""
    first = local_day(env.now) + timedelta(days=21)
    for week in range(90):  # up to ~21 months ahead: within the two-year booking limit
        after = datetime.combine(first + timedelta(weeks=week), datetime.min.time())
        found: list[FreeSlot] = []
        for hall in rng.sample(halls, len(halls)):
            length = max(120, hall.min_booking_minutes)
            for window in availability.next_free(
                hall.id, minutes=length, after=after, count=20, days=7
            ):
                start = window.start
                found.append(
                    FreeSlot(
                        hall,
                        start,
                        start + timedelta(minutes=length),
                        rng.choice(hirer_ids),
                        max(1, min(hall.capacity, rng.randint(5, 40))),
                    )
                )
        rng.shuffle(found)
        yield from found


# -- 4. type-ahead hirer search --------------------------------------------------------------


def hirer_search_name(env: Env) -> Case:
    return _hirer_search(env, "hirer_search_name", _name_prefixes)


def hirer_search_phone(env: Env) -> Case:
    return _hirer_search(env, "hirer_search_phone", _phone_prefixes)


def _name_prefixes(db: Database) -> list[str]:
    """2-4 letter starts of real surnames (last word of the name), as a clerk types them."""
    with db.engine.connect() as connection:
        names = [
            r[0]
            for r in connection.exec_driver_sql(
                "SELECT name FROM hirers WHERE anonymised_at IS NULL"
            )
        ]
    surnames = [n.split()[-1] for n in names if n.split()]
    return [s for s in surnames if len(s) >= 4 and s[:4].isalpha()]


def _phone_prefixes(db: Database) -> list[str]:
    with db.engine.connect() as connection:
        phones = [
            r[0]
            for r in connection.exec_driver_sql(
                "SELECT phone FROM hirers WHERE anonymised_at IS NULL AND phone != ''"
            )
        ]
    return [d for d in (digits(p) for p in phones) if len(d) >= 8]


def _hirer_search(env: Env, name: str, source: Callable[[Database], list[str]]) -> Case:
    from spacebank.services.hirer_service import HirerService  # being written alongside

    service = HirerService(env.context())
    raw = RawSession(env.db)
    rng = env.rng(name)
    pool = source(env.db)
    if not pool:
        raise SystemExit(f"{name}: the dataset has no hirers to search for")
    is_phone = name.endswith("phone")

    def inputs(n: int) -> list[str]:
        result = []
        for _ in range(n):
            whole = rng.choice(pool)
            result.append(whole[: rng.randint(3, 8) if is_phone else rng.randint(2, 4)])
        return result

    def run_service(typed: str) -> object:
        return service.search(typed, limit=20)

    def run_floor(typed: str) -> object:
        prefix = fold(typed)
        cur = raw.cursor
        cur.execute("BEGIN")
        cur.execute(TERM_PREFIX_SQL, (prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)))
        rows = cur.fetchall()
        cur.execute("COMMIT")
        return rows

    return Case(run_service, run_floor, inputs, raw.close)


# -- the registry ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Benchmark:
    name: str
    title: str
    target: Target
    prepare: Callable[[Env], Case]
    #: Repetitions relative to --reps (writes are slower and use up free slots).
    share: float = 1.0


BENCHMARKS = (
    Benchmark(
        "session_baseline",
        "floor 1's query through db.read() and a Session",
        Target(),
        session_baseline,
    ),
    Benchmark(
        "availability_check",
        "AvailabilityService.check: one hall, one slot",
        Target(ratio=3, p95_ms=2),
        availability_check,
    ),
    Benchmark(
        "free_halls",
        "AvailabilityService.free_halls: all halls, one slot",
        Target(ratio=3, median_ms=20),
        free_halls,
    ),
    Benchmark(
        "create_booking",
        "BookingService.hold on a free future slot",
        Target(over_floor_ms=5),
        create_booking,
        share=2 / 3,
    ),
    Benchmark(
        "hirer_search_name",
        "HirerService.search: 2-4 letters of a surname",
        Target(ratio=3, median_ms=10),
        hirer_search_name,
    ),
    Benchmark(
        "hirer_search_phone",
        "HirerService.search: 3-8 digits of a phone",
        Target(ratio=3, median_ms=10),
        hirer_search_phone,
    ),
)


def by_name(name: str) -> Benchmark:
    for bench in BENCHMARKS:
        if bench.name == name:
            return bench
    raise KeyError(name)
