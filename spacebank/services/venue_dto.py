"""What managers send to and get back from the venue catalogue service.

Inputs carry what a form holds; outputs are frozen snapshots safe to keep in a Qt model.
Times going in are London wall-clock (naive) or aware datetimes; times coming out are
aware Europe/London datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from spacebank.domain.enums import BookingStatus, Facility, RateType, TimeBand

#: Opening hours by weekday (0 = Monday): (opens, closes) in minutes after midnight.
#: A weekday missing from the mapping is closed all day.
WeekHours = dict[int, tuple[int, int]]

#: Hourly rates in pence by (rate type, time band); combinations not set are absent.
RateMap = dict[tuple[RateType, TimeBand], int]


# -- venues ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VenueInput:
    """A venue as the manager types it (create and update alike)."""

    name: str
    address: str = ""
    postcode: str = ""
    access_notes: str = ""
    #: The number a hirer rings on the day (caretaker, duty officer).
    on_the_day_phone: str = ""
    facilities: frozenset[Facility] = frozenset()
    open_on_bank_holidays: bool = False


@dataclass(frozen=True)
class KeyHolderInput:
    name: str
    phone: str
    #: "Caretaker", "Resident association", "Contractor"…
    role: str = ""


@dataclass(frozen=True)
class KeyHolderDetails:
    id: int
    venue_id: int
    name: str
    phone: str
    role: str


@dataclass(frozen=True)
class VenueSummary:
    """A row of the venues list."""

    id: int
    name: str
    postcode: str
    active: bool
    #: Active halls in the venue.
    hall_count: int


@dataclass(frozen=True)
class VenueDetails:
    id: int
    name: str
    address: str
    postcode: str
    access_notes: str
    on_the_day_phone: str
    facilities: frozenset[Facility]
    open_on_bank_holidays: bool
    active: bool
    opening_hours: WeekHours
    key_holders: tuple[KeyHolderDetails, ...]
    #: Every hall of the venue, active or not, by name.
    halls: tuple[HallSummary, ...]


# -- halls -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HallInput:
    """A hall as the manager types it. `parent_id` makes it part of a divisible hall."""

    venue_id: int
    name: str
    capacity: int
    facilities: frozenset[Facility] = frozenset()
    min_booking_minutes: int = 60
    setup_minutes: int = 0
    cleanup_minutes: int = 0
    deposit_pence: int = 0
    parent_id: int | None = None


@dataclass(frozen=True)
class HallSummary:
    """A row of the halls list."""

    id: int
    venue_id: int
    venue_name: str
    name: str
    capacity: int
    #: The hall's own facilities plus its venue's (what a hirer gets).
    facilities: frozenset[Facility]
    #: Only those recorded on the hall itself (what the hall form edits).
    own_facilities: frozenset[Facility]
    parent_id: int | None
    parent_name: str | None
    min_booking_minutes: int
    setup_minutes: int
    cleanup_minutes: int
    deposit_pence: int
    #: The hall's own flag; a hall in an inactive venue is not bookable either way.
    active: bool
    venue_active: bool


@dataclass(frozen=True)
class HallDetails:
    hall: HallSummary
    #: (id, name) of the parts this hall divides into.
    parts: tuple[tuple[int, str], ...]
    rates: RateMap

    @property
    def id(self) -> int:
        return self.hall.id

    @property
    def name(self) -> str:
        return self.hall.name


@dataclass(frozen=True)
class RateRow:
    """One hall's line of the rate table."""

    hall_id: int
    hall_name: str
    venue_id: int
    venue_name: str
    rates: RateMap = field(default_factory=dict)


# -- extras ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExtraInput:
    name: str
    price_pence: int
    active: bool = True


@dataclass(frozen=True)
class ExtraDetails:
    id: int
    name: str
    price_pence: int
    active: bool


# -- closures --------------------------------------------------------------------------


@dataclass(frozen=True)
class ClosureInput:
    """A period when a hall (or, with `hall_id` None, the whole venue) is shut."""

    venue_id: int
    hall_id: int | None
    start: datetime
    end: datetime
    reason: str


@dataclass(frozen=True)
class ClosureDetails:
    id: int
    venue_id: int
    venue_name: str
    hall_id: int | None
    #: None for a closure of the whole venue.
    hall_name: str | None
    start: datetime
    end: datetime
    reason: str
    created_by: str


@dataclass(frozen=True)
class AffectedBooking:
    """A booking that a new closure falls on; it is kept, and the hirer needs a call."""

    booking_id: int
    reference: str
    hall_id: int
    hall_name: str
    start: datetime
    end: datetime
    status: BookingStatus
    hirer_name: str
    hirer_phone: str


@dataclass(frozen=True)
class ClosureResult:
    closure: ClosureDetails
    #: Blocking bookings inside the closure, in time order; none were cancelled.
    affected_bookings: tuple[AffectedBooking, ...]
