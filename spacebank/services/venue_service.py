"""The managers' catalogue: venues, halls, rates, extras and closures.

Every public method is one user action in one transaction: it validates first (so the
message names the field a form should highlight), writes an audit row for each change,
and leaves the database as it was if anything is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from spacebank.domain import clock
from spacebank.domain.booking import Booking, booking_reference
from spacebank.domain.enums import BLOCKING_STATUSES, BookingStatus, Facility, RateType, TimeBand
from spacebank.domain.errors import (
    DomainError,
    MoneyError,
    NotFoundError,
    TimeError,
    ValidationError,
)
from spacebank.domain.hirer import Hirer
from spacebank.domain.money import MAX_RATE_PENCE_PER_HOUR, check_amount, format_pence
from spacebank.domain.rules import WEEKDAYS
from spacebank.domain.text import NOTE_MAX, clean_text, digits, normalise_postcode
from spacebank.domain.venue import Closure, Extra, Hall, KeyHolder, OpeningHours, Rate, Venue
from spacebank.services.audit import record, snapshot
from spacebank.services.context import ServiceContext
from spacebank.services.venue_dto import (
    AffectedBooking,
    ClosureDetails,
    ClosureInput,
    ClosureResult,
    ExtraDetails,
    ExtraInput,
    HallDetails,
    HallInput,
    HallSummary,
    KeyHolderDetails,
    KeyHolderInput,
    RateMap,
    RateRow,
    VenueDetails,
    VenueInput,
    VenueSummary,
    WeekHours,
)

#: A new venue opens 09:00–23:00 every day until the manager says otherwise.
DEFAULT_OPENS_MIN = 9 * 60
DEFAULT_CLOSES_MIN = 23 * 60
MINUTES_PER_DAY = 24 * 60

CAPACITY_RANGE = (1, 2000)
MIN_BOOKING_RANGE = (15, MINUTES_PER_DAY)
BUFFER_RANGE = (0, 240)
#: Fewest digits a phone number (or internal extension) can have.
MIN_PHONE_DIGITS = 3
CLOSURE_REASON_MAX = 400

VENUE_FIELDS = (
    "name",
    "address",
    "postcode",
    "access_notes",
    "on_the_day_phone",
    "facilities",
    "open_on_bank_holidays",
    "active",
)
HALL_FIELDS = (
    "venue_id",
    "parent_id",
    "name",
    "capacity",
    "facilities",
    "min_booking_minutes",
    "setup_minutes",
    "cleanup_minutes",
    "deposit_pence",
    "active",
)
KEY_HOLDER_FIELDS = ("venue_id", "name", "phone", "role")
EXTRA_FIELDS = ("name", "price_pence", "active")
CLOSURE_FIELDS = ("venue_id", "hall_id", "starts_at", "ends_at", "reason", "created_by")

E = TypeVar("E", bound=StrEnum)


class VenueService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- venues ----------------------------------------------------------------------

    def create_venue(self, data: VenueInput) -> VenueDetails:
        """Add a venue, open 09:00–23:00 every day until its hours are set."""
        values = _venue_values(data)
        with self._ctx.db.write() as s:
            _ensure_unique_venue_name(s, values["name"], exclude_id=None)
            venue = Venue(**values, active=True)
            venue.opening_hours = [
                OpeningHours(weekday=d, opens_min=DEFAULT_OPENS_MIN, closes_min=DEFAULT_CLOSES_MIN)
                for d in range(7)
            ]
            s.add(venue)
            _flush_unique(s, f"There is already a venue called “{values['name']}”.", "name")
            record(
                s,
                self._ctx,
                action="create",
                entity="venue",
                entity_id=venue.id,
                after={**snapshot(venue, VENUE_FIELDS), **_hours_audit(venue)},
            )
            return _venue_details(s, venue.id)

    def update_venue(self, venue_id: int, data: VenueInput) -> VenueDetails:
        """Replace a venue's details (not its hours, key holders or active flag)."""
        values = _venue_values(data)
        with self._ctx.db.write() as s:
            venue = _load_venue(s, venue_id)
            _ensure_unique_venue_name(s, values["name"], exclude_id=venue.id)
            self._change(
                s,
                "venue",
                venue,
                VENUE_FIELDS,
                values,
                duplicate=(f"There is already a venue called “{values['name']}”.", "name"),
            )
            return _venue_details(s, venue.id)

    def set_venue_facilities(self, venue_id: int, facilities: Iterable[Facility]) -> VenueDetails:
        """Facilities of the whole site (step-free access, parking…), shared by its halls."""
        chosen = _facilities(facilities)
        with self._ctx.db.write() as s:
            venue = _load_venue(s, venue_id)
            self._change(s, "venue", venue, VENUE_FIELDS, {"facilities": chosen})
            return _venue_details(s, venue.id)

    def set_open_on_bank_holidays(self, venue_id: int, is_open: bool) -> VenueDetails:
        """Whether the venue takes bookings on bank holidays (closed by default)."""
        with self._ctx.db.write() as s:
            venue = _load_venue(s, venue_id)
            self._change(s, "venue", venue, VENUE_FIELDS, {"open_on_bank_holidays": bool(is_open)})
            return _venue_details(s, venue.id)

    def get_venue(self, venue_id: int) -> VenueDetails:
        with self._ctx.db.read() as s:
            return _venue_details(s, venue_id)

    def list_venues(self, include_inactive: bool = False) -> list[VenueSummary]:
        """Venues by name, each with its number of active halls."""
        active_halls = (
            select(func.count(Hall.id))
            .where(Hall.venue_id == Venue.id, Hall.active)
            .scalar_subquery()
        )
        query = select(Venue.id, Venue.name, Venue.postcode, Venue.active, active_halls)
        if not include_inactive:
            query = query.where(Venue.active)
        with self._ctx.db.read() as s:
            rows = s.execute(query).all()
        venues = [
            VenueSummary(id=r[0], name=r[1], postcode=r[2], active=r[3], hall_count=r[4])
            for r in rows
        ]
        return sorted(venues, key=lambda v: (v.name.casefold(), v.id))

    def set_opening_hours(
        self, venue_id: int, hours: Mapping[int, tuple[int, int] | None]
    ) -> VenueDetails:
        """Change the opening hours of the weekdays given (0 = Monday … 6 = Sunday).

        Each weekday maps to (opens, closes) in wall-clock minutes after midnight
        (closes may be 1440, midnight), or None for closed all day. Weekdays not in
        `hours` keep their current hours. Existing bookings are not touched.
        """
        checked = _check_hours(hours)
        with self._ctx.db.write() as s:
            venue = _load_venue(s, venue_id)
            before = _hours_audit(venue)
            rows = {row.weekday: row for row in venue.opening_hours}
            for weekday, span in checked.items():
                row = rows.get(weekday)
                if span is None:
                    if row is not None:
                        venue.opening_hours.remove(row)
                elif row is None:
                    venue.opening_hours.append(
                        OpeningHours(weekday=weekday, opens_min=span[0], closes_min=span[1])
                    )
                else:
                    row.opens_min, row.closes_min = span
            s.flush()
            after = _hours_audit(venue)
            if after != before:
                record(
                    s,
                    self._ctx,
                    action="set_opening_hours",
                    entity="venue",
                    entity_id=venue.id,
                    before=before,
                    after=after,
                )
            return _venue_details(s, venue.id)

    def deactivate_venue(self, venue_id: int) -> VenueDetails:
        """Stop a venue taking bookings; refused while it has future bookings."""
        with self._ctx.db.write() as s:
            venue = _load_venue(s, venue_id)
            self._ctx.db.lock_venue(s, venue.id)
            hall_ids = select(Hall.id).where(Hall.venue_id == venue.id)
            count = _future_booking_count(s, Booking.hall_id.in_(hall_ids), self._ctx.now())
            if count:
                raise DomainError(
                    f"{venue.name} has {_bookings(count)} still to come; cancel or move "
                    f"{'it' if count == 1 else 'them'} before taking the venue out of use.",
                    field="venue",
                )
            self._change(s, "venue", venue, VENUE_FIELDS, {"active": False}, action="deactivate")
            return _venue_details(s, venue.id)

    def reactivate_venue(self, venue_id: int) -> VenueDetails:
        with self._ctx.db.write() as s:
            venue = _load_venue(s, venue_id)
            self._change(s, "venue", venue, VENUE_FIELDS, {"active": True}, action="reactivate")
            return _venue_details(s, venue.id)

    # -- key holders -----------------------------------------------------------------

    def add_key_holder(self, venue_id: int, data: KeyHolderInput) -> KeyHolderDetails:
        values = _key_holder_values(data)
        with self._ctx.db.write() as s:
            venue = _load_venue(s, venue_id)
            holder = KeyHolder(venue_id=venue.id, **values)
            s.add(holder)
            s.flush()
            record(
                s,
                self._ctx,
                action="create",
                entity="key_holder",
                entity_id=holder.id,
                after=snapshot(holder, KEY_HOLDER_FIELDS),
            )
            return _key_holder_details(holder)

    def update_key_holder(self, key_holder_id: int, data: KeyHolderInput) -> KeyHolderDetails:
        values = _key_holder_values(data)
        with self._ctx.db.write() as s:
            holder = _load_key_holder(s, key_holder_id)
            self._change(s, "key_holder", holder, KEY_HOLDER_FIELDS, values)
            return _key_holder_details(holder)

    def remove_key_holder(self, key_holder_id: int) -> None:
        with self._ctx.db.write() as s:
            holder = _load_key_holder(s, key_holder_id)
            record(
                s,
                self._ctx,
                action="delete",
                entity="key_holder",
                entity_id=holder.id,
                before=snapshot(holder, KEY_HOLDER_FIELDS),
            )
            s.delete(holder)

    # -- halls -----------------------------------------------------------------------

    def create_hall(self, data: HallInput) -> HallDetails:
        values = _hall_values(data)
        with self._ctx.db.write() as s:
            venue = _load_venue(s, data.venue_id)
            _ensure_unique_hall_name(s, venue, values["name"], exclude_id=None)
            if values["parent_id"] is not None:
                _check_parent(s, None, venue, values["parent_id"], now=self._ctx.now())
            hall = Hall(venue_id=venue.id, **values, active=True)
            s.add(hall)
            _flush_unique(s, _duplicate_hall(venue, values["name"]), "name")
            record(
                s,
                self._ctx,
                action="create",
                entity="hall",
                entity_id=hall.id,
                after=snapshot(hall, HALL_FIELDS),
            )
            return _hall_details(s, hall.id)

    def update_hall(self, hall_id: int, data: HallInput) -> HallDetails:
        """Replace a hall's details; it stays in its venue.

        Buffers and deposits apply to bookings taken from now on; existing bookings
        keep what they were booked with.
        """
        values = _hall_values(data)
        with self._ctx.db.write() as s:
            hall = _load_hall(s, hall_id)
            venue = _load_venue(s, hall.venue_id)
            if data.venue_id != hall.venue_id:
                raise ValidationError(
                    f"{hall.name} cannot move to another venue; add a new hall there instead.",
                    field="venue",
                )
            _ensure_unique_hall_name(s, venue, values["name"], exclude_id=hall.id)
            if values["parent_id"] is not None and values["parent_id"] != hall.parent_id:
                self._ctx.db.lock_venue(s, venue.id)
                _check_parent(s, hall, venue, values["parent_id"], now=self._ctx.now())
            self._change(
                s,
                "hall",
                hall,
                HALL_FIELDS,
                values,
                duplicate=(_duplicate_hall(venue, values["name"]), "name"),
            )
            return _hall_details(s, hall.id)

    def get_hall(self, hall_id: int) -> HallDetails:
        with self._ctx.db.read() as s:
            return _hall_details(s, hall_id)

    def list_halls(
        self, venue_id: int | None = None, include_inactive: bool = False
    ) -> list[HallSummary]:
        """Halls by venue, each divisible hall followed by its parts.

        Without `include_inactive`, halls out of use and halls of venues out of use
        are left out.
        """
        query = _hall_query()
        if venue_id is not None:
            query = query.where(Hall.venue_id == venue_id)
        if not include_inactive:
            query = query.where(Hall.active, Venue.active)
        with self._ctx.db.read() as s:
            return _sorted_halls(_hall_summary(r) for r in s.execute(query))

    def deactivate_hall(self, hall_id: int) -> HallDetails:
        """Stop a hall taking bookings; refused while it has future bookings."""
        with self._ctx.db.write() as s:
            hall = _load_hall(s, hall_id)
            self._ctx.db.lock_venue(s, hall.venue_id)
            count = _future_booking_count(s, Booking.hall_id == hall.id, self._ctx.now())
            if count:
                raise DomainError(
                    f"{hall.name} has {_bookings(count)} still to come; cancel or move "
                    f"{'it' if count == 1 else 'them'} before taking the hall out of use.",
                    field="hall",
                )
            self._change(s, "hall", hall, HALL_FIELDS, {"active": False}, action="deactivate")
            return _hall_details(s, hall.id)

    def reactivate_hall(self, hall_id: int) -> HallDetails:
        with self._ctx.db.write() as s:
            hall = _load_hall(s, hall_id)
            self._change(s, "hall", hall, HALL_FIELDS, {"active": True}, action="reactivate")
            return _hall_details(s, hall.id)

    # -- rates -----------------------------------------------------------------------

    def set_rate(
        self, hall_id: int, rate_type: RateType, band: TimeBand, pence_per_hour: int
    ) -> RateMap:
        """Set one hourly rate of a hall; returns all the hall's rates.

        Bookings already taken keep the price they were quoted.
        """
        chosen_type = _enum(RateType, rate_type, field="rate_type", label="rate type")
        chosen_band = _enum(TimeBand, band, field="band", label="time band")
        pence = _check_rate(pence_per_hour)
        with self._ctx.db.write() as s:
            hall = _load_hall(s, hall_id)
            rate = s.execute(
                select(Rate).where(
                    Rate.hall_id == hall.id, Rate.rate_type == chosen_type, Rate.band == chosen_band
                )
            ).scalar_one_or_none()
            old = rate.pence_per_hour if rate is not None else None
            if old != pence:
                if rate is None:
                    s.add(
                        Rate(
                            hall_id=hall.id,
                            rate_type=chosen_type,
                            band=chosen_band,
                            pence_per_hour=pence,
                        )
                    )
                else:
                    rate.pence_per_hour = pence
                s.flush()
                key = f"rate.{chosen_type.value}.{chosen_band.value}"
                record(
                    s,
                    self._ctx,
                    action="set_rate",
                    entity="hall",
                    entity_id=hall.id,
                    before={key: old},
                    after={key: pence},
                )
            return _rates(s, hall.id)

    def rates_for_hall(self, hall_id: int) -> RateMap:
        with self._ctx.db.read() as s:
            hall = _load_hall(s, hall_id)
            return _rates(s, hall.id)

    def rate_table(self) -> list[RateRow]:
        """Every active hall's rates, ordered like the halls list."""
        with self._ctx.db.read() as s:
            halls = _sorted_halls(
                _hall_summary(r) for r in s.execute(_hall_query().where(Hall.active, Venue.active))
            )
            rates: dict[int, RateMap] = {}
            for hall_id, rate_type, band, pence in s.execute(
                select(Rate.hall_id, Rate.rate_type, Rate.band, Rate.pence_per_hour)
            ):
                rates.setdefault(hall_id, {})[(rate_type, band)] = pence
        return [
            RateRow(
                hall_id=h.id,
                hall_name=h.name,
                venue_id=h.venue_id,
                venue_name=h.venue_name,
                rates=rates.get(h.id, {}),
            )
            for h in halls
        ]

    # -- extras ----------------------------------------------------------------------

    def create_extra(self, data: ExtraInput) -> ExtraDetails:
        values = _extra_values(data)
        with self._ctx.db.write() as s:
            _ensure_unique_extra_name(s, values["name"], exclude_id=None)
            extra = Extra(**values)
            s.add(extra)
            _flush_unique(s, _duplicate_extra(values["name"]), "name")
            record(
                s,
                self._ctx,
                action="create",
                entity="extra",
                entity_id=extra.id,
                after=snapshot(extra, EXTRA_FIELDS),
            )
            return _extra_details(extra)

    def update_extra(self, extra_id: int, data: ExtraInput) -> ExtraDetails:
        """Change an extra's name, price or availability (existing bookings keep theirs)."""
        values = _extra_values(data)
        with self._ctx.db.write() as s:
            extra = s.get(Extra, extra_id)
            if extra is None:
                raise NotFoundError(f"Extra {extra_id} does not exist.", field="extra")
            _ensure_unique_extra_name(s, values["name"], exclude_id=extra.id)
            self._change(
                s,
                "extra",
                extra,
                EXTRA_FIELDS,
                values,
                duplicate=(_duplicate_extra(values["name"]), "name"),
            )
            return _extra_details(extra)

    def list_extras(self, include_inactive: bool = False) -> list[ExtraDetails]:
        query = select(Extra)
        if not include_inactive:
            query = query.where(Extra.active)
        with self._ctx.db.read() as s:
            extras = [_extra_details(e) for e in s.scalars(query)]
        return sorted(extras, key=lambda e: (e.name.casefold(), e.id))

    # -- closures --------------------------------------------------------------------

    def add_closure(self, data: ClosureInput) -> ClosureResult:
        """Close a hall (or the whole venue) for a period.

        Bookings already in that period are kept, not cancelled: they are listed in
        the result so the manager can ring the hirers and move them.
        """
        start = clock.to_utc(data.start, field="start")
        end = clock.to_utc(data.end, field="end")
        if end <= start:
            raise TimeError("The closure must end after it starts.", field="end")
        reason = clean_text(
            data.reason, field="reason", label="Reason", max_length=CLOSURE_REASON_MAX
        )
        with self._ctx.db.write() as s:
            venue = _load_venue(s, data.venue_id)
            hall: Hall | None = None
            if data.hall_id is not None:
                hall = s.get(Hall, data.hall_id)
                if hall is None:
                    raise NotFoundError(f"Hall {data.hall_id} does not exist.", field="hall")
                if hall.venue_id != venue.id:
                    raise ValidationError(f"{hall.name} is not in {venue.name}.", field="hall")
            # Taken before reading bookings, so none can slip in unreported.
            self._ctx.db.lock_venue(s, venue.id)
            closure = Closure(
                venue_id=venue.id,
                hall_id=hall.id if hall else None,
                starts_at=start,
                ends_at=end,
                reason=reason,
                created_by=self._ctx.actor,
            )
            s.add(closure)
            s.flush()
            record(
                s,
                self._ctx,
                action="create",
                entity="closure",
                entity_id=closure.id,
                after=snapshot(closure, CLOSURE_FIELDS),
            )
            affected = _affected_bookings(s, venue.id, hall, start, end, self._ctx.now())
            return ClosureResult(
                closure=_closure_details(closure, venue.name, hall.name if hall else None),
                affected_bookings=affected,
            )

    def list_closures(
        self,
        venue_id: int | None = None,
        from_utc: datetime | None = None,
        to_utc: datetime | None = None,
    ) -> list[ClosureDetails]:
        """Closures overlapping [from_utc, to_utc) (either end open), in time order.

        Naive bounds are taken as UTC.
        """
        hall = aliased(Hall)
        query = (
            select(Closure, Venue.name, hall.name)
            .join(Venue, Venue.id == Closure.venue_id)
            .outerjoin(hall, hall.id == Closure.hall_id)
            .order_by(Closure.starts_at, Closure.id)
        )
        if venue_id is not None:
            query = query.where(Closure.venue_id == venue_id)
        if from_utc is not None:
            query = query.where(Closure.ends_at > _aware(from_utc))
        if to_utc is not None:
            query = query.where(Closure.starts_at < _aware(to_utc))
        with self._ctx.db.read() as s:
            return [
                _closure_details(c, venue_name, hall_name)
                for c, venue_name, hall_name in s.execute(query)
            ]

    def remove_closure(self, closure_id: int) -> None:
        with self._ctx.db.write() as s:
            closure = s.get(Closure, closure_id)
            if closure is None:
                raise NotFoundError(f"Closure {closure_id} does not exist.", field="closure")
            record(
                s,
                self._ctx,
                action="delete",
                entity="closure",
                entity_id=closure.id,
                before=snapshot(closure, CLOSURE_FIELDS),
            )
            s.delete(closure)

    # -- shared ----------------------------------------------------------------------

    def _change(
        self,
        session: Session,
        entity: str,
        obj: Any,
        audited: tuple[str, ...],
        values: Mapping[str, Any],
        *,
        action: str = "update",
        duplicate: tuple[str, str] | None = None,
    ) -> None:
        """Apply `values` to `obj` and audit what changed (nothing changed, no row)."""
        before = snapshot(obj, audited)
        for name, value in values.items():
            setattr(obj, name, value)
        after = snapshot(obj, audited)
        if after == before:
            return
        if duplicate is None:
            session.flush()
        else:
            _flush_unique(session, *duplicate)
        record(
            session,
            self._ctx,
            action=action,
            entity=entity,
            entity_id=obj.id,
            before=before,
            after=after,
        )


# -- validation -------------------------------------------------------------------------


def _venue_values(data: VenueInput) -> dict[str, Any]:
    return {
        "name": clean_text(data.name, field="name", label="Venue name"),
        "address": clean_text(
            data.address,
            field="address",
            label="Address",
            max_length=1000,
            required=False,
            multiline=True,
        ),
        "postcode": normalise_postcode(data.postcode, field="postcode"),
        "access_notes": clean_text(
            data.access_notes,
            field="access_notes",
            label="Access notes",
            max_length=NOTE_MAX,
            required=False,
            multiline=True,
        ),
        "on_the_day_phone": _phone(
            data.on_the_day_phone,
            field="on_the_day_phone",
            label="On-the-day phone",
            required=False,
        ),
        "facilities": _facilities(data.facilities),
        "open_on_bank_holidays": bool(data.open_on_bank_holidays),
    }


def _key_holder_values(data: KeyHolderInput) -> dict[str, str]:
    return {
        "name": clean_text(data.name, field="name", label="Key holder's name"),
        "phone": _phone(data.phone, field="phone", label="Key holder's phone", required=True),
        "role": clean_text(data.role, field="role", label="Role", max_length=100, required=False),
    }


def _hall_values(data: HallInput) -> dict[str, Any]:
    return {
        "name": clean_text(data.name, field="name", label="Hall name"),
        "capacity": _whole(
            data.capacity,
            CAPACITY_RANGE,
            field="capacity",
            message="Capacity must be between {lo:,} and {hi:,} people.",
        ),
        "facilities": _facilities(data.facilities),
        "min_booking_minutes": _whole(
            data.min_booking_minutes,
            MIN_BOOKING_RANGE,
            field="min_booking_minutes",
            message="Minimum booking must be between {lo} and {hi:,} minutes (24 hours).",
        ),
        "setup_minutes": _whole(
            data.setup_minutes,
            BUFFER_RANGE,
            field="setup_minutes",
            message="Set-up time must be between {lo} and {hi} minutes.",
        ),
        "cleanup_minutes": _whole(
            data.cleanup_minutes,
            BUFFER_RANGE,
            field="cleanup_minutes",
            message="Clean-up time must be between {lo} and {hi} minutes.",
        ),
        "deposit_pence": check_amount(data.deposit_pence, field="deposit_pence", label="Deposit"),
        "parent_id": data.parent_id,
    }


def _extra_values(data: ExtraInput) -> dict[str, Any]:
    return {
        "name": clean_text(data.name, field="name", label="Extra's name"),
        "price_pence": check_amount(data.price_pence, field="price_pence", label="Price"),
        "active": bool(data.active),
    }


def _whole(value: int, bounds: tuple[int, int], *, field: str, message: str) -> int:
    lo, hi = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValidationError(message.format(lo=lo, hi=hi), field=field)
    return value


def _phone(value: str, *, field: str, label: str, required: bool) -> str:
    text = clean_text(value, field=field, label=label, max_length=40, required=required)
    if text and len(digits(text)) < MIN_PHONE_DIGITS:
        raise ValidationError(f"{label} “{text}” has no number to ring.", field=field)
    return text


def _enum(enum: type[E], value: Any, *, field: str, label: str) -> E:
    try:
        return enum(value)
    except ValueError:
        known = ", ".join(m.value for m in enum)
        raise ValidationError(
            f"“{value}” is not a {label} (one of {known}).", field=field
        ) from None


def _facilities(
    values: Iterable[Facility] | None, field: str = "facilities"
) -> frozenset[Facility]:
    if isinstance(values, str):
        values = (values,)  # type: ignore[assignment]
    return frozenset(_enum(Facility, v, field=field, label="facility") for v in values or ())


def _check_rate(pence: int) -> int:
    field = "pence_per_hour"
    if isinstance(pence, bool) or not isinstance(pence, int):
        raise MoneyError("Hourly rate must be a whole number of pence.", field=field)
    if pence < 0:
        raise MoneyError(f"Hourly rate cannot be negative ({format_pence(pence)}).", field=field)
    if pence > MAX_RATE_PENCE_PER_HOUR:
        raise MoneyError(
            f"Hourly rate of {format_pence(pence)} is more than the "
            f"{format_pence(MAX_RATE_PENCE_PER_HOUR)} an hour limit; check the figure.",
            field=field,
        )
    return pence


def _check_hours(hours: Mapping[int, tuple[int, int] | None]) -> dict[int, tuple[int, int] | None]:
    checked: dict[int, tuple[int, int] | None] = {}
    for weekday in sorted(hours, key=lambda d: (not isinstance(d, int), str(d))):
        if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
            raise ValidationError(
                f"“{weekday}” is not a weekday (0 = Monday … 6 = Sunday).",
                field="opening_hours",
            )
        day, field = WEEKDAYS[weekday], f"opening_hours.{weekday}"
        span = hours[weekday]
        if span is None:
            checked[weekday] = None
            continue
        if (
            not isinstance(span, tuple | list)
            or len(span) != 2
            or any(isinstance(v, bool) or not isinstance(v, int) for v in span)
        ):
            raise ValidationError(
                f"{day}: give an opening and a closing time, or mark the day closed.",
                field=field,
            )
        opens, closes = span
        if not 0 <= opens < MINUTES_PER_DAY:
            raise ValidationError(
                f"{day}: opening time must be between 00:00 and 23:59.", field=field
            )
        if closes > MINUTES_PER_DAY:
            raise ValidationError(
                f"{day}: closing time cannot be later than midnight (24:00).", field=field
            )
        if closes <= opens:
            raise ValidationError(f"{day}: closing time must be after opening time.", field=field)
        checked[weekday] = (opens, closes)
    return checked


def _ensure_unique_venue_name(session: Session, name: str, *, exclude_id: int | None) -> None:
    for venue_id, other in session.execute(select(Venue.id, Venue.name)):
        if venue_id != exclude_id and other.casefold() == name.casefold():
            raise ValidationError(f"There is already a venue called “{other}”.", field="name")


def _ensure_unique_hall_name(
    session: Session, venue: Venue, name: str, *, exclude_id: int | None
) -> None:
    for hall_id, other in session.execute(
        select(Hall.id, Hall.name).where(Hall.venue_id == venue.id)
    ):
        if hall_id != exclude_id and other.casefold() == name.casefold():
            raise ValidationError(_duplicate_hall(venue, other), field="name")


def _duplicate_hall(venue: Venue, name: str) -> str:
    return f"{venue.name} already has a hall called “{name}”; choose another name."


def _ensure_unique_extra_name(session: Session, name: str, *, exclude_id: int | None) -> None:
    for extra_id, other in session.execute(select(Extra.id, Extra.name)):
        if extra_id != exclude_id and other.casefold() == name.casefold():
            raise ValidationError(_duplicate_extra(other), field="name")


def _duplicate_extra(name: str) -> str:
    return f"There is already an extra called “{name}”."


def _check_parent(
    session: Session, hall: Hall | None, venue: Venue, parent_id: int, *, now: datetime
) -> None:
    """The hall may become part of `parent_id`: same venue, in use, one level deep."""
    if hall is not None and parent_id == hall.id:
        raise ValidationError("A hall cannot be part of itself.", field="parent")
    parent = session.get(Hall, parent_id)
    if parent is None:
        raise NotFoundError(f"Hall {parent_id} does not exist.", field="parent")
    if parent.venue_id != venue.id:
        raise ValidationError(
            f"{parent.name} is in another venue; a hall can only be part of a hall in "
            f"{venue.name}.",
            field="parent",
        )
    if not parent.active:
        raise ValidationError(
            f"{parent.name} is out of use, so a hall cannot be part of it.", field="parent"
        )
    if parent.parent_id is not None:
        grand = session.get(Hall, parent.parent_id)
        raise ValidationError(
            f"{parent.name} is itself part of {grand.name if grand else 'another hall'}; "
            "a part cannot be divided further.",
            field="parent",
        )
    if hall is None:
        return
    parts = session.scalars(select(Hall.name).where(Hall.parent_id == hall.id)).all()
    if parts:
        raise ValidationError(
            f"{hall.name} is divided into parts ({', '.join(sorted(parts))}), so it cannot "
            "itself be part of another hall.",
            field="parent",
        )
    # Joined halls block each other: refuse if both are already booked at once.
    mine, theirs = aliased(Booking), aliased(Booking)
    clash = session.execute(
        select(mine.id, theirs.id, mine.starts_at)
        .where(
            mine.hall_id == hall.id,
            theirs.hall_id == parent.id,
            _still_blocking(mine, now),
            _still_blocking(theirs, now),
            mine.blocked_start < theirs.blocked_end,
            theirs.blocked_start < mine.blocked_end,
        )
        .order_by(mine.starts_at)
        .limit(1)
    ).first()
    if clash is not None:
        raise ValidationError(
            f"{hall.name} ({booking_reference(clash[0])}) and {parent.name} "
            f"({booking_reference(clash[1])}) are both booked at "
            f"{clock.to_local(clash[2]):%H:%M on %d %b %Y}; move one booking before "
            f"making {hall.name} part of {parent.name}.",
            field="parent",
        )


def _still_blocking(booking: Any, now: datetime) -> ColumnElement[bool]:
    """A blocking booking not yet over, leaving out provisional holds that have lapsed."""
    return (
        booking.status.in_(BLOCKING_STATUSES)
        & (booking.blocked_end > now)
        & or_(
            booking.status != BookingStatus.PROVISIONAL,
            booking.hold_expires_at.is_(None),
            booking.hold_expires_at > now,
        )
    )


def _future_booking_count(session: Session, which: ColumnElement[bool], now: datetime) -> int:
    return (
        session.scalar(select(func.count(Booking.id)).where(which, _still_blocking(Booking, now)))
        or 0
    )


def _bookings(count: int) -> str:
    return f"{count} booking" if count == 1 else f"{count} bookings"


def _flush_unique(session: Session, message: str, field: str) -> None:
    """Flush, turning a unique-constraint race (another desk, same name) into `message`."""
    try:
        session.flush()
    except IntegrityError as exc:
        orig = str(exc.orig)
        if getattr(exc.orig, "sqlstate", None) == "23505" or "UNIQUE constraint" in orig:
            raise ValidationError(message, field=field) from exc
        raise


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


# -- loading and DTOs -------------------------------------------------------------------


def _load_venue(session: Session, venue_id: int) -> Venue:
    venue = session.get(Venue, venue_id)
    if venue is None:
        raise NotFoundError(f"Venue {venue_id} does not exist.", field="venue")
    return venue


def _load_hall(session: Session, hall_id: int) -> Hall:
    hall = session.get(Hall, hall_id)
    if hall is None:
        raise NotFoundError(f"Hall {hall_id} does not exist.", field="hall")
    return hall


def _load_key_holder(session: Session, key_holder_id: int) -> KeyHolder:
    holder = session.get(KeyHolder, key_holder_id)
    if holder is None:
        raise NotFoundError(f"Key holder {key_holder_id} does not exist.", field="key_holder")
    return holder


def _hours_audit(venue: Venue) -> dict[str, str]:
    spans = {row.weekday: (row.opens_min, row.closes_min) for row in venue.opening_hours}
    return {
        f"hours.{WEEKDAYS[d]}": (
            f"{_hhmm(spans[d][0])}–{_hhmm(spans[d][1])}" if d in spans else "closed"
        )
        for d in range(7)
    }


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _venue_details(session: Session, venue_id: int) -> VenueDetails:
    venue = _load_venue(session, venue_id)
    hours: WeekHours = {
        row.weekday: (row.opens_min, row.closes_min)
        for row in session.scalars(select(OpeningHours).where(OpeningHours.venue_id == venue.id))
    }
    holders = session.scalars(
        select(KeyHolder).where(KeyHolder.venue_id == venue.id).order_by(KeyHolder.id)
    )
    halls = _sorted_halls(
        _hall_summary(r) for r in session.execute(_hall_query().where(Hall.venue_id == venue.id))
    )
    return VenueDetails(
        id=venue.id,
        name=venue.name,
        address=venue.address,
        postcode=venue.postcode,
        access_notes=venue.access_notes,
        on_the_day_phone=venue.on_the_day_phone,
        facilities=venue.facilities,
        open_on_bank_holidays=venue.open_on_bank_holidays,
        active=venue.active,
        opening_hours=dict(sorted(hours.items())),
        key_holders=tuple(
            sorted(
                (_key_holder_details(k) for k in holders), key=lambda k: (k.name.casefold(), k.id)
            )
        ),
        halls=tuple(halls),
    )


def _key_holder_details(holder: KeyHolder) -> KeyHolderDetails:
    return KeyHolderDetails(
        id=holder.id,
        venue_id=holder.venue_id,
        name=holder.name,
        phone=holder.phone,
        role=holder.role,
    )


def _hall_query() -> Select:
    parent = aliased(Hall)
    return (
        select(
            Hall.id,
            Hall.venue_id,
            Venue.name,
            Hall.name,
            Hall.capacity,
            Hall.facilities,
            Venue.facilities,
            Hall.parent_id,
            parent.name,
            Hall.min_booking_minutes,
            Hall.setup_minutes,
            Hall.cleanup_minutes,
            Hall.deposit_pence,
            Hall.active,
            Venue.active,
        )
        .join(Venue, Venue.id == Hall.venue_id)
        .outerjoin(parent, parent.id == Hall.parent_id)
    )


def _hall_summary(r: Any) -> HallSummary:
    return HallSummary(
        id=r[0],
        venue_id=r[1],
        venue_name=r[2],
        name=r[3],
        capacity=r[4],
        facilities=r[5] | r[6],
        own_facilities=r[5],
        parent_id=r[7],
        parent_name=r[8],
        min_booking_minutes=r[9],
        setup_minutes=r[10],
        cleanup_minutes=r[11],
        deposit_pence=r[12],
        active=bool(r[13]),
        venue_active=bool(r[14]),
    )


def _sorted_halls(halls: Iterable[HallSummary]) -> list[HallSummary]:
    """By venue, then by hall with its parts straight after it (the same on every engine)."""
    return sorted(
        halls,
        key=lambda h: (
            h.venue_name.casefold(),
            h.venue_id,
            (h.parent_name or h.name).casefold(),
            h.parent_id or h.id,
            h.parent_id is not None,
            h.name.casefold(),
            h.id,
        ),
    )


def _hall_details(session: Session, hall_id: int) -> HallDetails:
    row = session.execute(_hall_query().where(Hall.id == hall_id)).first()
    if row is None:
        raise NotFoundError(f"Hall {hall_id} does not exist.", field="hall")
    parts = session.execute(select(Hall.id, Hall.name).where(Hall.parent_id == hall_id)).all()
    return HallDetails(
        hall=_hall_summary(row),
        parts=tuple(sorted(((p[0], p[1]) for p in parts), key=lambda p: p[1].casefold())),
        rates=_rates(session, hall_id),
    )


def _rates(session: Session, hall_id: int) -> RateMap:
    rows = session.execute(
        select(Rate.rate_type, Rate.band, Rate.pence_per_hour).where(Rate.hall_id == hall_id)
    )
    return {(rate_type, band): pence for rate_type, band, pence in rows}


def _extra_details(extra: Extra) -> ExtraDetails:
    return ExtraDetails(
        id=extra.id, name=extra.name, price_pence=extra.price_pence, active=extra.active
    )


def _closure_details(closure: Closure, venue_name: str, hall_name: str | None) -> ClosureDetails:
    return ClosureDetails(
        id=closure.id,
        venue_id=closure.venue_id,
        venue_name=venue_name,
        hall_id=closure.hall_id,
        hall_name=hall_name,
        start=clock.to_local(closure.starts_at),
        end=clock.to_local(closure.ends_at),
        reason=closure.reason,
        created_by=closure.created_by,
    )


def _affected_bookings(
    session: Session,
    venue_id: int,
    hall: Hall | None,
    start: datetime,
    end: datetime,
    now: datetime,
) -> tuple[AffectedBooking, ...]:
    """Blocking bookings whose hire time overlaps [start, end) in the closed space.

    A closed hall also closes the hall it is part of and its own parts, exactly as
    the availability rules read closures.
    """
    if hall is None:
        halls: Any = select(Hall.id).where(Hall.venue_id == venue_id)
    else:
        family = {hall.id, *session.scalars(select(Hall.id).where(Hall.parent_id == hall.id))}
        if hall.parent_id is not None:
            family.add(hall.parent_id)
        halls = sorted(family)
    rows = session.execute(
        select(
            Booking.id,
            Booking.hall_id,
            Hall.name,
            Booking.starts_at,
            Booking.ends_at,
            Booking.status,
            Hirer.name,
            Hirer.organisation,
            Hirer.phone,
        )
        .join(Hall, Hall.id == Booking.hall_id)
        .join(Hirer, Hirer.id == Booking.hirer_id)
        .where(
            Booking.hall_id.in_(halls),
            Booking.status.in_(BLOCKING_STATUSES),
            or_(
                Booking.status != BookingStatus.PROVISIONAL,
                Booking.hold_expires_at.is_(None),
                Booking.hold_expires_at > now,
            ),
            Booking.starts_at < end,
            Booking.ends_at > start,
        )
        .order_by(Booking.starts_at, Booking.id)
    ).all()
    return tuple(
        AffectedBooking(
            booking_id=r[0],
            reference=booking_reference(r[0]),
            hall_id=r[1],
            hall_name=r[2],
            start=clock.to_local(r[3]),
            end=clock.to_local(r[4]),
            status=r[5],
            hirer_name=f"{r[7]} ({r[6]})" if r[7] else r[6],
            hirer_phone=r[8],
        )
        for r in rows
    )
