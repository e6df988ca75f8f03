"""Answers the caller's questions: is it free, what is free, when is it next free."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from spacebank.domain import rules
from spacebank.domain.booking import Booking
from spacebank.domain.calendar import bank_holiday_name
from spacebank.domain.clock import local_midnight_utc, to_local, to_utc
from spacebank.domain.enums import BLOCKING_STATUSES, RateType
from spacebank.domain.errors import DomainError, ValidationError
from spacebank.domain.policy import Policy
from spacebank.domain.text import postcode_area, postcode_district
from spacebank.services.booking_dto import (
    CalendarClosure,
    CalendarData,
    FreeWindow,
    HallOption,
    SlotCheck,
    SlotQuery,
)
from spacebank.services.booking_ops import quote_for
from spacebank.services.context import ServiceContext
from spacebank.services.hall_state import (
    HallInfo,
    blocking_bookings,
    bookings_near,
    closures_overlapping,
    evaluate,
    is_lapsed,
    load_hall,
    load_halls,
    problem_from,
)
from spacebank.services.occupancy import DayOccupancy, day_occupancy
from spacebank.services.summaries import summary_columns, to_summary

MAX_SEARCH_DAYS = 62
MAX_CALENDAR_DAYS = 93
SLOT_STEP_MINUTES = 15


class AvailabilityService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def check(
        self,
        hall_id: int,
        start: datetime,
        end: datetime,
        *,
        attendees: int | None = None,
        exclude_booking_id: int | None = None,
    ) -> SlotCheck:
        """Is this hall free then? Lists every reason it is not."""
        start_utc, end_utc = to_utc(start, field="start"), to_utc(end, field="end")
        now = self._ctx.now()
        with self._ctx.db.read() as s:
            hall = load_hall(s, hall_id)
            policy = self._ctx.policy(s)
            result = evaluate(
                hall,
                start_utc,
                end_utc,
                attendees=attendees,
                now=now,
                policy=policy,
                bookings=bookings_near(s, hall, start_utc, end_utc, exclude_id=exclude_booking_id),
                closures=closures_overlapping(s, [hall.venue_id], start_utc, end_utc),
            )
        return SlotCheck(
            hall_id,
            to_local(start_utc),
            to_local(end_utc),
            tuple(problem_from(e) for e in result.errors),
            hold_until=to_local(rules.hold_expiry(now, start_utc, policy)),
        )

    def free_halls(self, query: SlotQuery) -> list[HallOption]:
        """Every active hall free for the slot that fits the group and has what they need.

        Ranked by nearness (postcode district, then area), then the least spare
        capacity, then the community price.
        """
        start, end = to_utc(query.start, field="start"), to_utc(query.end, field="end")
        now = self._ctx.now()
        with self._ctx.db.read() as s:
            policy = self._ctx.policy(s)
            rules.check_interval(start, end, now=now, policy=policy)
            halls = load_halls(s)
            candidates = [
                h
                for h in halls.values()
                if h.active and h.capacity >= query.attendees and query.facilities <= h.facilities
            ]
            if not candidates:
                return []
            pad = timedelta(
                minutes=max(max(h.setup_minutes, h.cleanup_minutes) for h in candidates)
            )
            family = {f for h in candidates for f in h.family}
            bookings = blocking_bookings(s, family, start - pad, end + pad)
            closures = closures_overlapping(s, {h.venue_id for h in candidates}, start, end)
            options = []
            for hall in candidates:
                result = evaluate(
                    hall,
                    start,
                    end,
                    attendees=query.attendees,
                    now=now,
                    policy=policy,
                    bookings=bookings,
                    closures=[c for c in closures if c.venue_id == hall.venue_id],
                    check_time=False,
                )
                if result.errors:
                    continue
                options.append(
                    HallOption(
                        hall_id=hall.id,
                        hall_name=hall.name,
                        venue_id=hall.venue_id,
                        venue_name=hall.venue_name,
                        postcode=hall.venue_postcode,
                        capacity=hall.capacity,
                        facilities=hall.facilities,
                        prices=_prices(s, hall, start, end, policy),
                        distance_rank=_distance_rank(query.near, hall.venue_postcode),
                    )
                )
        options.sort(
            key=lambda o: (
                o.distance_rank,
                o.capacity - query.attendees,
                o.prices.get(RateType.COMMUNITY, 0),
                o.hall_name,
            )
        )
        return options

    def next_free(
        self, hall_id: int, *, minutes: int, after: datetime, count: int = 5, days: int = 14
    ) -> list[FreeWindow]:
        """The next `count` stretches of free time of at least `minutes` in one hall.

        Looks up to `days` days ahead within opening hours, skipping closures, bank
        holidays and other bookings with both halls' set-up and clean-up times.
        """
        if not 15 <= minutes <= 24 * 60:
            raise ValidationError(
                "Length must be between 15 minutes and 24 hours.", field="minutes"
            )
        if not 1 <= days <= MAX_SEARCH_DAYS:
            raise ValidationError(f"Search at most {MAX_SEARCH_DAYS} days ahead.", field="days")
        after_utc = max(to_utc(after, field="after"), self._ctx.now())
        first_day = to_local(after_utc).date()
        range_start = local_midnight_utc(first_day)
        range_end = local_midnight_utc(first_day + timedelta(days=days))
        with self._ctx.db.read() as s:
            hall = load_hall(s, hall_id)
            bookings = [
                b
                for b in blocking_bookings(s, hall.family, range_start, range_end)
                if not is_lapsed(b, self._ctx.now())
            ]
            closures = [
                c
                for c in closures_overlapping(s, [hall.venue_id], range_start, range_end)
                if c.hall_id is None or c.hall_id in hall.family
            ]
        busy = sorted(
            [
                (
                    b.blocked_start - timedelta(minutes=hall.cleanup_minutes),
                    b.blocked_end + timedelta(minutes=hall.setup_minutes),
                )
                for b in bookings
            ]
            + [(c.starts_at, c.ends_at) for c in closures]
        )
        windows: list[FreeWindow] = []
        for offset in range(days):
            day = first_day + timedelta(days=offset)
            for start, end in _free_gaps(hall, day, busy, after_utc):
                if end - start >= timedelta(minutes=minutes):
                    windows.append(FreeWindow(hall.id, to_local(start), to_local(end)))
                    if len(windows) == count:
                        return windows
        return windows

    def calendar(
        self,
        first_day: date,
        last_day: date,
        *,
        venue_id: int | None = None,
        hall_ids: tuple[int, ...] | None = None,
        include_cancelled: bool = False,
    ) -> CalendarData:
        """Bookings, closures, bank holidays and opening hours for a calendar view."""
        if last_day < first_day:
            raise ValidationError("The last day must not be before the first.", field="last_day")
        if (last_day - first_day).days >= MAX_CALENDAR_DAYS:
            raise ValidationError(
                f"Show at most {MAX_CALENDAR_DAYS} days at once.", field="last_day"
            )
        start = local_midnight_utc(first_day)
        end = local_midnight_utc(last_day + timedelta(days=1))
        with self._ctx.db.read() as s:
            halls = load_halls(s, hall_ids)
            if venue_id is not None:
                halls = {k: h for k, h in halls.items() if h.venue_id == venue_id}
            ids = list(halls)
            # Statuses are filtered here, not in SQL: without table statistics a status
            # condition leads SQLite to scan the status index (~150 ms for a day of all
            # halls on ten years of data) instead of probing (hall_id, blocked_start).
            rows = s.execute(
                summary_columns()
                .where(
                    Booking.hall_id.in_(ids),
                    Booking.blocked_start > start - timedelta(days=2),
                    Booking.blocked_start < end,
                    Booking.blocked_end > start,
                )
                .order_by(Booking.starts_at, Booking.id)
            )
            bookings = tuple(
                to_summary(r) for r in rows if include_cancelled or r[12] in BLOCKING_STATUSES
            )
            venues = {h.venue_id for h in halls.values()}
            closures = tuple(
                CalendarClosure(
                    c.id,
                    c.venue_id,
                    c.hall_id,
                    to_local(c.starts_at),
                    to_local(c.ends_at),
                    c.reason,
                )
                for c in closures_overlapping(s, venues, start, end)
            )
        holidays = {}
        for offset in range((last_day - first_day).days + 1):
            day = first_day + timedelta(days=offset)
            name = bank_holiday_name(day)
            if name:
                holidays[day] = name
        hours = {h.venue_id: h.hours for h in halls.values()}
        open_venues = frozenset(h.venue_id for h in halls.values() if h.open_on_bank_holidays)
        return CalendarData(bookings, closures, holidays, hours, open_venues)

    def occupancy(
        self,
        first_day: date,
        last_day: date,
        *,
        venue_id: int | None = None,
        hall_ids: tuple[int, ...] | None = None,
    ) -> tuple[DayOccupancy, ...]:
        """Booked hours ÷ open hours per London day, for active halls (or `hall_ids`).

        One cheap query for a month overview: no booking rows are built.
        """
        if last_day < first_day:
            raise ValidationError("The last day must not be before the first.", field="last_day")
        if (last_day - first_day).days >= MAX_CALENDAR_DAYS:
            raise ValidationError(
                f"Show at most {MAX_CALENDAR_DAYS} days at once.", field="last_day"
            )
        start = local_midnight_utc(first_day)
        end = local_midnight_utc(last_day + timedelta(days=1))
        with self._ctx.db.read() as s:
            halls = [
                h
                for h in load_halls(s, hall_ids).values()
                if (hall_ids is not None or h.active)
                and (venue_id is None or h.venue_id == venue_id)
            ]
            # Statuses filtered here for the same reason as in `calendar`.
            rows = s.execute(
                select(Booking.hall_id, Booking.starts_at, Booking.ends_at, Booking.status).where(
                    Booking.hall_id.in_([h.id for h in halls]),
                    Booking.blocked_start > start - timedelta(days=2),
                    Booking.blocked_start < end,
                    Booking.blocked_end > start,
                )
            ).all()
            closures = [
                (c.venue_id, c.hall_id, c.starts_at, c.ends_at, c.reason)
                for c in closures_overlapping(s, {h.venue_id for h in halls}, start, end)
            ]
        booked = ((r[0], r[1], r[2]) for r in rows if r[3] in BLOCKING_STATUSES)
        return day_occupancy(first_day, last_day, halls, booked, closures)


def _free_gaps(
    hall: HallInfo, day: date, busy: list[tuple[datetime, datetime]], after: datetime
) -> list[tuple[datetime, datetime]]:
    """Free stretches of one London day, as times a booking may start and end."""
    if bank_holiday_name(day) and not hall.open_on_bank_holidays:
        return []
    window = rules.opening_window(day, hall.hours)
    if window is None:
        return []
    cursor, closes = window
    if after > cursor:
        cursor = _round_up(after)
    gaps = []
    for busy_start, busy_end in busy:
        if busy_end <= cursor or busy_start >= closes:
            continue
        if busy_start > cursor:
            gaps.append((cursor, busy_start))
        cursor = max(cursor, busy_end)
    if cursor < closes:
        gaps.append((cursor, closes))
    return gaps


def _round_up(moment: datetime) -> datetime:
    """Up to the next quarter hour: nobody books from 14:07."""
    step = SLOT_STEP_MINUTES * 60
    seconds = int(moment.timestamp())
    return datetime.fromtimestamp(-(-seconds // step) * step, tz=moment.tzinfo)


def _prices(
    session: Session, hall: HallInfo, start: datetime, end: datetime, policy: Policy
) -> dict[RateType, int]:
    prices = {}
    for rate_type in hall.rates:
        try:
            quote = quote_for(
                session,
                hall,
                start,
                end,
                rate_type=rate_type,
                extras=(),
                discount=None,
                policy=policy,
            )
        except DomainError:
            continue  # a band without a rate: not bookable at that rate
        prices[rate_type] = quote.total_pence
    return prices


def _distance_rank(near: str, postcode: str) -> int:
    """0 for the caller's postcode district, 1 for the same area, 2 elsewhere."""
    wanted = near.strip().upper()
    if not wanted or not postcode:
        return 0 if not wanted else 2
    compact = wanted.replace(" ", "")
    if " " in wanted:
        wanted_district = wanted.split()[0]
    elif len(compact) >= 5 and compact[-3].isdigit() and compact[-2:].isalpha():
        wanted_district = compact[:-3]
    else:
        wanted_district = compact
    if wanted_district == postcode_district(postcode):
        return 0
    wanted_area = re.match(r"[A-Z]*", wanted_district).group(0)  # type: ignore[union-attr]
    return 1 if wanted_area == postcode_area(postcode) else 2
