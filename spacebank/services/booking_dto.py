"""What callers send to and get back from the booking and availability services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from spacebank.domain.enums import BookingStatus, Facility, Frequency, RateType
from spacebank.domain.pricing import ChargeLine, Discount, Quote


@dataclass(frozen=True)
class BookingRequest:
    """A prospective booking as the clerk types it.

    `start`/`end` are London wall-clock times (naive) or aware datetimes.
    """

    hall_id: int
    hirer_id: int
    start: datetime
    end: datetime
    purpose: str
    attendees: int
    rate_type: RateType | None = None
    #: (extra id, quantity) pairs.
    extras: tuple[tuple[int, int], ...] = ()
    discount: Discount | None = None
    notes: str = ""


@dataclass(frozen=True)
class BookingChange:
    """Edits that keep the hall and time; None leaves a field as it is."""

    purpose: str | None = None
    attendees: int | None = None
    notes: str | None = None
    rate_type: RateType | None = None
    extras: tuple[tuple[int, int], ...] | None = None
    discount: Discount | None = None
    remove_discount: bool = False


@dataclass(frozen=True)
class BookingDetails:
    id: int
    reference: str
    hall_id: int
    hall_name: str
    venue_id: int
    venue_name: str
    hirer_id: int
    hirer_name: str
    series_id: int | None
    #: Aware Europe/London datetimes.
    start: datetime
    end: datetime
    setup_minutes: int
    cleanup_minutes: int
    status: BookingStatus
    purpose: str
    attendees: int
    notes: str
    rate_type: RateType
    charges: tuple[ChargeLine, ...]
    total_pence: int
    deposit_pence: int
    hold_expires_at: datetime | None
    short_notice_approved_by: str
    cancelled_at: datetime | None
    cancelled_by: str
    cancel_reason: str
    version: int
    extras: tuple[tuple[int, int], ...] = ()
    #: The discount or waiver on the booking, so an edit form can show and keep it.
    discount: Discount | None = None


@dataclass(frozen=True)
class BookingSummary:
    """A row of a bookings list or calendar (cheap to build for thousands)."""

    id: int
    reference: str
    hall_id: int
    hall_name: str
    venue_name: str
    hirer_id: int
    hirer_name: str
    series_id: int | None
    start: datetime
    end: datetime
    blocked_start: datetime
    blocked_end: datetime
    status: BookingStatus
    purpose: str
    attendees: int
    total_pence: int
    hold_expires_at: datetime | None


@dataclass(frozen=True)
class BookingFilter:
    #: London dates, inclusive.
    first_day: date | None = None
    last_day: date | None = None
    hall_id: int | None = None
    venue_id: int | None = None
    hirer_id: int | None = None
    statuses: frozenset[BookingStatus] = frozenset()
    limit: int = 500
    #: Only bookings with money still owed: on a live invoice with a balance, or
    #: confirmed/completed with no live invoice and a total above zero.
    unpaid_only: bool = False


@dataclass(frozen=True)
class Problem:
    """One reason a slot cannot be booked, as a clerk would say it."""

    #: "booking" (a clash), "closed" (hours, closure, bank holiday), "capacity", "time",
    #: or "rule" for anything else.
    kind: str
    message: str
    booking_id: int | None = None


@dataclass(frozen=True)
class SlotCheck:
    hall_id: int
    start: datetime
    end: datetime
    problems: tuple[Problem, ...]
    #: When a hold taken now would lapse (London time), by the same rule `hold` uses.
    hold_until: datetime | None = None

    @property
    def free(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class SlotQuery:
    """The caller's question: a time, a group size, what they need, where."""

    start: datetime
    end: datetime
    attendees: int
    facilities: frozenset[Facility] = frozenset()
    #: A postcode, district ("SE15") or area ("SE") to rank nearby halls first.
    near: str = ""


@dataclass(frozen=True)
class HallOption:
    hall_id: int
    hall_name: str
    venue_id: int
    venue_name: str
    postcode: str
    capacity: int
    facilities: frozenset[Facility]
    #: Quoted total (pence, VAT included) for each rate type with a rate set.
    prices: dict[RateType, int]
    #: 0 same district, 1 same postcode area, 2 elsewhere.
    distance_rank: int


@dataclass(frozen=True)
class FreeWindow:
    """A stretch of free time in one hall (aware London datetimes)."""

    hall_id: int
    start: datetime
    end: datetime


@dataclass(frozen=True)
class CalendarClosure:
    id: int
    venue_id: int
    hall_id: int | None
    start: datetime
    end: datetime
    reason: str


@dataclass(frozen=True)
class CalendarData:
    bookings: tuple[BookingSummary, ...]
    closures: tuple[CalendarClosure, ...]
    #: London date -> bank holiday name, for venues that close on them.
    bank_holidays: dict[date, str]
    #: venue id -> weekday -> (opens_min, closes_min).
    opening_hours: dict[int, dict[int, tuple[int, int]]]
    #: Ids of the shown venues that stay open on bank holidays (the rest close).
    open_on_bank_holidays: frozenset[int] = frozenset()


@dataclass(frozen=True)
class SeriesRequest:
    hall_id: int
    hirer_id: int
    frequency: Frequency
    first_date: date
    #: London wall-clock times, kept on every date across BST changes.
    start_time: time
    end_time: time
    purpose: str
    attendees: int
    count: int | None = None
    until: date | None = None
    rate_type: RateType | None = None
    extras: tuple[tuple[int, int], ...] = ()
    discount: Discount | None = None
    notes: str = ""
    #: Regular hirers are usually confirmed at once; False makes every date a hold.
    confirm: bool = True
    short_notice_approved_by: str = ""


@dataclass(frozen=True)
class OccurrenceCheck:
    day: date
    start: datetime | None
    end: datetime | None
    problems: tuple[Problem, ...] = field(default=())

    @property
    def free(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class SeriesPreview:
    occurrences: tuple[OccurrenceCheck, ...]
    quote_per_date: Quote | None

    @property
    def clashes(self) -> tuple[OccurrenceCheck, ...]:
        return tuple(o for o in self.occurrences if not o.free)


@dataclass(frozen=True)
class SeriesResult:
    series_id: int
    booking_ids: tuple[int, ...]
    skipped: tuple[OccurrenceCheck, ...]
