"""Reads what decides whether a hall can be booked, inside the caller's transaction.

Shared by availability (which reports problems) and bookings (which raise them), so
the answer the clerk sees before booking is the one enforced when saving.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Row, and_, select
from sqlalchemy.orm import Session

from spacebank.domain import rules
from spacebank.domain.booking import Booking, booking_reference
from spacebank.domain.calendar import bank_holiday_name
from spacebank.domain.clock import local_day, to_local
from spacebank.domain.enums import BLOCKING_STATUSES, BookingStatus, Facility, RateType, TimeBand
from spacebank.domain.errors import (
    BookingClashError,
    ClosedError,
    DomainError,
    NotFoundError,
    UnavailableError,
)
from spacebank.domain.policy import Policy
from spacebank.domain.venue import Closure, Hall, OpeningHours, Rate, Venue
from spacebank.services.booking_dto import Problem
from spacebank.services.catalogue_cache import cached

#: Longest blocked span (a day's opening plus buffers), enforced by the schema too;
#: bounds every overlap query from below so it stays an index range scan.
MAX_BLOCKED_SPAN = timedelta(days=2)


@dataclass(frozen=True)
class HallInfo:
    id: int
    name: str
    venue_id: int
    venue_name: str
    venue_postcode: str
    capacity: int
    #: The hall's own facilities plus its venue's.
    facilities: frozenset[Facility]
    min_booking_minutes: int
    setup_minutes: int
    cleanup_minutes: int
    deposit_pence: int
    parent_id: int | None
    active: bool
    open_on_bank_holidays: bool
    hours: dict[int, tuple[int, int]]
    rates: dict[RateType, dict[TimeBand, int]]
    #: This hall, the hall it is part of, and its parts: booking one blocks the others.
    family: frozenset[int]

    def blocked(self, start: datetime, end: datetime) -> tuple[datetime, datetime]:
        return (
            start - timedelta(minutes=self.setup_minutes),
            end + timedelta(minutes=self.cleanup_minutes),
        )


def load_halls(session: Session, hall_ids: Iterable[int] | None = None) -> dict[int, HallInfo]:
    """Hall facts with their venue, hours, rates and family (cached per catalogue version)."""
    every = cached(session, "halls", _load_all_halls)
    if hall_ids is None:
        return dict(every)
    return {hall_id: every[hall_id] for hall_id in hall_ids if hall_id in every}


def _load_all_halls(session: Session) -> dict[int, HallInfo]:
    """All halls in four small queries."""
    rows = session.execute(
        select(
            Hall.id,
            Hall.name,
            Hall.venue_id,
            Venue.name,
            Venue.postcode,
            Hall.capacity,
            Hall.facilities,
            Venue.facilities,
            Hall.min_booking_minutes,
            Hall.setup_minutes,
            Hall.cleanup_minutes,
            Hall.deposit_pence,
            Hall.parent_id,
            and_(Hall.active, Venue.active),
            Venue.open_on_bank_holidays,
        ).join(Venue, Venue.id == Hall.venue_id)
    ).all()
    children: dict[int, set[int]] = {}
    for r in rows:
        if r[12] is not None:
            children.setdefault(r[12], set()).add(r[0])
    hours: dict[int, dict[int, tuple[int, int]]] = {r[2]: {} for r in rows}
    for venue_id, weekday, opens, closes in session.execute(
        select(
            OpeningHours.venue_id,
            OpeningHours.weekday,
            OpeningHours.opens_min,
            OpeningHours.closes_min,
        )
    ):
        hours.setdefault(venue_id, {})[weekday] = (opens, closes)
    rates: dict[int, dict[RateType, dict[TimeBand, int]]] = {}
    for hall_id, rate_type, band, pence in session.execute(
        select(Rate.hall_id, Rate.rate_type, Rate.band, Rate.pence_per_hour)
    ):
        rates.setdefault(hall_id, {}).setdefault(rate_type, {})[band] = pence
    result: dict[int, HallInfo] = {}
    for r in rows:
        family = {r[0], *children.get(r[0], ())}
        if r[12] is not None:
            family.add(r[12])
        result[r[0]] = HallInfo(
            id=r[0],
            name=r[1],
            venue_id=r[2],
            venue_name=r[3],
            venue_postcode=r[4],
            capacity=r[5],
            facilities=r[6] | r[7],
            min_booking_minutes=r[8],
            setup_minutes=r[9],
            cleanup_minutes=r[10],
            deposit_pence=r[11],
            parent_id=r[12],
            active=bool(r[13]),
            open_on_bank_holidays=r[14],
            hours=hours[r[2]],
            rates=rates.get(r[0], {}),
            family=frozenset(family),
        )
    return result


def load_hall(session: Session, hall_id: int) -> HallInfo:
    hall = load_halls(session, [hall_id]).get(hall_id)
    if hall is None:
        raise NotFoundError(f"Hall {hall_id} does not exist.", field="hall")
    return hall


def blocking_bookings(
    session: Session,
    hall_ids: Iterable[int],
    start: datetime,
    end: datetime,
    *,
    exclude_id: int | None = None,
) -> Sequence[Row]:
    """Blocking bookings of these halls whose blocked interval overlaps [start, end)."""
    query = select(
        Booking.id,
        Booking.hall_id,
        Booking.blocked_start,
        Booking.blocked_end,
        Booking.starts_at,
        Booking.ends_at,
        Booking.status,
        Booking.hold_expires_at,
    ).where(
        Booking.hall_id.in_(list(hall_ids)),
        Booking.status.in_(BLOCKING_STATUSES),
        Booking.blocked_start > start - MAX_BLOCKED_SPAN,
        Booking.blocked_start < end,
        Booking.blocked_end > start,
    )
    if exclude_id is not None:
        query = query.where(Booking.id != exclude_id)
    return session.execute(query).all()


def closures_overlapping(
    session: Session, venue_ids: Iterable[int], start: datetime, end: datetime
) -> Sequence[Row]:
    return session.execute(
        select(
            Closure.id,
            Closure.venue_id,
            Closure.hall_id,
            Closure.starts_at,
            Closure.ends_at,
            Closure.reason,
        )
        .where(
            Closure.venue_id.in_(list(venue_ids)),
            Closure.starts_at < end,
            Closure.ends_at > start,
        )
        .order_by(Closure.starts_at)
    ).all()


def is_lapsed(row: Row, now: datetime) -> bool:
    """A provisional hold past its expiry no longer holds the hall."""
    return (
        row.status is BookingStatus.PROVISIONAL
        and row.hold_expires_at is not None
        and row.hold_expires_at <= now
    )


@dataclass(frozen=True)
class Evaluation:
    """Every reason [start, end) cannot be booked, most fundamental first."""

    errors: tuple[DomainError, ...]
    #: Lapsed holds in the way, which a booking may expire and replace.
    lapsed_ids: tuple[int, ...]


def evaluate(
    hall: HallInfo,
    start: datetime,
    end: datetime,
    *,
    attendees: int | None,
    now: datetime,
    policy: Policy,
    bookings: Sequence[Row],
    closures: Sequence[Row],
    check_time: bool = True,
) -> Evaluation:
    """Check a prospective booking against the rules and the rows already read.

    `bookings` must be blocking bookings near the slot (any hall); `closures` those of
    the hall's venue near the slot.
    """
    errors: list[DomainError] = []

    def attempt(check: Callable[[], None]) -> None:
        try:
            check()
        except DomainError as exc:
            errors.append(exc)

    if check_time:
        attempt(lambda: rules.check_interval(start, end, now=now, policy=policy))
        if errors:
            return Evaluation(tuple(errors), ())
    if not hall.active:
        errors.append(UnavailableError(f"{hall.name} is not taking bookings.", field="hall"))
    if attendees is not None:
        attempt(lambda: rules.check_attendees(attendees, hall.capacity, hall.name))
    attempt(lambda: rules.check_length(start, end, hall.min_booking_minutes, hall.name))
    attempt(lambda: rules.check_opening_hours(start, end, hall.hours, hall.venue_name))
    holiday = bank_holiday_name(local_day(start))
    if holiday and not hall.open_on_bank_holidays:
        errors.append(
            ClosedError(
                f"{hall.venue_name} is closed on bank holidays ({holiday}, "
                f"{to_local(start):%d %b %Y}).",
                field="start",
            )
        )
    for closure in closures:
        applies = closure.hall_id is None or closure.hall_id in hall.family
        if applies and closure.starts_at < end and closure.ends_at > start:
            errors.append(
                ClosedError(
                    f"{hall.name} is closed from {rules.fmt_local(closure.starts_at)} to "
                    f"{rules.fmt_local_until(closure.ends_at)}: {closure.reason}.",
                    field="start",
                )
            )
    blocked_start, blocked_end = hall.blocked(start, end)
    lapsed: list[int] = []
    for row in bookings:
        if row.hall_id not in hall.family:
            continue
        if not (row.blocked_start < blocked_end and row.blocked_end > blocked_start):
            continue
        if is_lapsed(row, now):
            lapsed.append(row.id)
            continue
        errors.append(clash_error(hall, row))
    return Evaluation(tuple(errors), tuple(lapsed))


def clash_error(hall: HallInfo, row: Row) -> BookingClashError:
    where = "" if row.hall_id == hall.id else " (a connected part of the same hall)"
    return BookingClashError(
        f"{hall.name} is already held{where} {rules.fmt_local(row.starts_at)}–"
        f"{rules.fmt_time(row.ends_at)} by {booking_reference(row.id)} ({row.status.value}), "
        f"including set-up and clean-up time.",
        field="start",
        booking_id=row.id,
    )


def bookings_near(
    session: Session,
    hall: HallInfo,
    start: datetime,
    end: datetime,
    *,
    exclude_id: int | None = None,
) -> Sequence[Row]:
    blocked_start, blocked_end = hall.blocked(start, end)
    return blocking_bookings(
        session, hall.family, blocked_start, blocked_end, exclude_id=exclude_id
    )


def problem_from(error: DomainError) -> Problem:
    """A reason to show in a list (clash, closed, capacity, time...)."""
    return Problem(
        kind=error.kind, message=error.user_message, booking_id=getattr(error, "booking_id", None)
    )
