"""The managers' catalogue (venues, halls, rates, extras, closures) on a real database."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from spacebank.domain.audit import AuditEntry
from spacebank.domain.booking import Booking
from spacebank.domain.clock import LONDON
from spacebank.domain.enums import BookingStatus, Facility, RateType, TimeBand
from spacebank.domain.errors import (
    DomainError,
    MoneyError,
    NotFoundError,
    TimeError,
    ValidationError,
)
from spacebank.domain.models import Base
from spacebank.services.context import ServiceContext
from spacebank.services.venue_dto import (
    ClosureInput,
    ExtraInput,
    HallInput,
    KeyHolderInput,
    VenueInput,
)
from spacebank.services.venue_service import VenueService
from spacebank.storage.database import Database
from tests.factories import World, add_booking

#: A Saturday afternoon three weeks after the test clock's "now" (21 Nov 2026).
EVENT = datetime(2026, 12, 12, 14, 0, tzinfo=UTC)


@pytest.fixture
def venues(ctx: ServiceContext) -> VenueService:
    return VenueService(ctx)


def row_counts(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
        }


@dataclass(frozen=True)
class Audit:
    action: str
    actor: str
    before: str
    after: str


def audit_rows(db: Database, entity: str, entity_id: int | None = None) -> list[Audit]:
    query = select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    with db.read() as s:
        return [Audit(e.action, e.actor, e.before, e.after) for e in s.scalars(query)]


def refused(
    db: Database, error: type[Exception], field: str, fragment: str, call: Callable[[], Any]
) -> DomainError:
    """Assert `call` raises `error` about `field` saying `fragment`, changing nothing."""
    before = row_counts(db)
    with pytest.raises(error) as caught:
        call()
    exc = caught.value
    assert isinstance(exc, DomainError)
    assert exc.field == field, exc.user_message
    assert fragment in exc.user_message
    assert row_counts(db) == before
    return exc


def booking(db: Database, world: World, hall_id: int, start: datetime, **kw: Any) -> int:
    with db.write() as s:
        row = add_booking(
            s,
            hall_id=hall_id,
            hirer_id=world.hirer_id,
            start=start,
            end=start + timedelta(hours=2),
            **kw,
        )
        return row.id


def hall_input(world: World, **overrides: Any) -> HallInput:
    values: dict[str, Any] = {"venue_id": world.venue_id, "name": "Committee Room", "capacity": 12}
    values.update(overrides)
    return HallInput(**values)


# -- venues -------------------------------------------------------------------------------


def test_create_venue_round_trip_with_default_hours(venues: VenueService, db: Database) -> None:
    created = venues.create_venue(
        VenueInput(
            name="  Camberwell Hall ",
            address="12 Grove Lane\nLondon",
            postcode="se5 8rd",
            access_notes="Ring the caretaker's bell",
            on_the_day_phone="020 7946 0123",
            facilities=frozenset({Facility.STEP_FREE, Facility.PARKING}),
        )
    )
    assert created.name == "Camberwell Hall"
    assert created.postcode == "SE5 8RD"
    assert created.facilities == {Facility.STEP_FREE, Facility.PARKING}
    assert created.active and not created.open_on_bank_holidays
    assert created.opening_hours == {d: (540, 1380) for d in range(7)}
    assert created.key_holders == () and created.halls == ()
    assert venues.get_venue(created.id) == created
    [entry] = audit_rows(db, "venue", created.id)
    assert entry.action == "create" and entry.actor == "test.clerk"
    after = json.loads(entry.after)
    assert after["name"] == "Camberwell Hall"
    assert after["facilities"] == ["parking", "step_free"]
    assert after["hours.Monday"] == "09:00–23:00"


@pytest.mark.parametrize(
    ("overrides", "error", "field", "fragment"),
    [
        ({"name": "  "}, ValidationError, "name", "Venue name is required"),
        ({"name": "peckham community centre"}, ValidationError, "name", "already a venue"),
        ({"postcode": "NOT A CODE"}, ValidationError, "postcode", "is not a UK postcode"),
        ({"on_the_day_phone": "ring the bell"}, ValidationError, "on_the_day_phone", "number"),
        ({"facilities": frozenset({"jacuzzi"})}, ValidationError, "facilities", "“jacuzzi”"),
        ({"name": "Tab\there"}, ValidationError, "name", "control character"),
    ],
)
def test_create_venue_refuses_bad_input(
    venues: VenueService,
    world: World,
    db: Database,
    overrides: dict[str, Any],
    error: type[Exception],
    field: str,
    fragment: str,
) -> None:
    values: dict[str, Any] = {"name": "Camberwell Hall", "postcode": "SE5 8RD"}
    values.update(overrides)
    refused(db, error, field, fragment, lambda: venues.create_venue(VenueInput(**values)))


def test_update_venue_audits_only_what_changed(
    venues: VenueService, world: World, db: Database
) -> None:
    current = venues.get_venue(world.venue_id)
    data = VenueInput(
        name=current.name,
        address=current.address,
        postcode=current.postcode,
        access_notes="Code 1234 on the side door",
        on_the_day_phone=current.on_the_day_phone,
        facilities=current.facilities,
    )
    updated = venues.update_venue(world.venue_id, data)
    assert updated.access_notes == "Code 1234 on the side door"
    [entry] = audit_rows(db, "venue", world.venue_id)
    assert entry.action == "update"
    assert json.loads(entry.before) == {"access_notes": "Key safe by the side door"}
    assert json.loads(entry.after) == {"access_notes": "Code 1234 on the side door"}
    # Saving the same form again changes nothing and adds no audit row.
    venues.update_venue(world.venue_id, data)
    assert len(audit_rows(db, "venue", world.venue_id)) == 1


def test_update_venue_refuses_another_venues_name(
    venues: VenueService, world: World, db: Database
) -> None:
    refused(
        db,
        ValidationError,
        "name",
        "already a venue called “Dulwich Library Hall”",
        lambda: venues.update_venue(world.venue_id, VenueInput(name="DULWICH library hall")),
    )
    with pytest.raises(NotFoundError) as err:
        venues.update_venue(9999, VenueInput(name="Nowhere"))
    assert err.value.field == "venue"


def test_list_venues_counts_active_halls(venues: VenueService, world: World) -> None:
    listed = venues.list_venues()
    assert [(v.name, v.hall_count) for v in listed] == [
        ("Dulwich Library Hall", 1),
        ("Peckham Community Centre", 4),
    ]
    venues.deactivate_hall(world.small_hall_id)
    venues.deactivate_venue(world.other_venue_id)
    assert [(v.name, v.hall_count) for v in venues.list_venues()] == [
        ("Peckham Community Centre", 3)
    ]
    assert [v.active for v in venues.list_venues(include_inactive=True)] == [False, True]


def test_facilities_and_bank_holidays(venues: VenueService, world: World, db: Database) -> None:
    details = venues.set_venue_facilities(world.venue_id, {Facility.PARKING, Facility.WIFI})
    assert details.facilities == {Facility.PARKING, Facility.WIFI}
    details = venues.set_open_on_bank_holidays(world.venue_id, True)
    assert details.open_on_bank_holidays
    assert [e.action for e in audit_rows(db, "venue", world.venue_id)] == ["update", "update"]
    # Halls show their venue's facilities as well as their own.
    garden = venues.get_hall(world.small_hall_id).hall
    assert garden.facilities == {Facility.PARKING, Facility.WIFI}
    assert garden.own_facilities == frozenset()


# -- opening hours ------------------------------------------------------------------------


def test_set_opening_hours_changes_only_given_days(
    venues: VenueService, world: World, db: Database
) -> None:
    details = venues.set_opening_hours(
        world.venue_id, {1: (8 * 60, 22 * 60), 6: None, 5: (600, 1440)}
    )
    assert details.opening_hours == {
        0: (540, 1380),
        1: (480, 1320),
        2: (540, 1380),
        3: (540, 1380),
        4: (540, 1380),
        5: (600, 1440),
    }
    assert venues.get_venue(world.venue_id).opening_hours == details.opening_hours
    [entry] = audit_rows(db, "venue", world.venue_id)
    assert entry.action == "set_opening_hours"
    assert json.loads(entry.before) == {
        "hours.Tuesday": "09:00–23:00",
        "hours.Saturday": "09:00–23:00",
        "hours.Sunday": "09:00–23:00",
    }
    assert json.loads(entry.after) == {
        "hours.Tuesday": "08:00–22:00",
        "hours.Saturday": "10:00–24:00",
        "hours.Sunday": "closed",
    }
    # Re-opening a closed day adds it back.
    details = venues.set_opening_hours(world.venue_id, {6: (600, 960)})
    assert details.opening_hours[6] == (600, 960)


@pytest.mark.parametrize(
    ("hours", "field", "message"),
    [
        (
            {1: (18 * 60, 9 * 60)},
            "opening_hours.1",
            "Tuesday: closing time must be after opening time.",
        ),
        ({1: (600, 600)}, "opening_hours.1", "Tuesday: closing time must be after opening time."),
        ({4: (600, 1441)}, "opening_hours.4", "Friday: closing time cannot be later than midnight"),
        (
            {0: (-30, 600)},
            "opening_hours.0",
            "Monday: opening time must be between 00:00 and 23:59",
        ),
        ({6: (1440, 1440)}, "opening_hours.6", "Sunday: opening time must be between"),
        ({2: (540,)}, "opening_hours.2", "Wednesday: give an opening and a closing time"),
        ({2: (540.5, 600)}, "opening_hours.2", "Wednesday: give an opening and a closing time"),
        ({7: (540, 600)}, "opening_hours", "is not a weekday"),
    ],
)
def test_set_opening_hours_refuses_bad_times(
    venues: VenueService,
    world: World,
    db: Database,
    hours: dict[int, Any],
    field: str,
    message: str,
) -> None:
    # A valid day alongside the bad one must not be saved either.
    refused(
        db,
        ValidationError,
        field,
        message,
        lambda: venues.set_opening_hours(world.venue_id, {3: (600, 700), **hours}),
    )
    assert venues.get_venue(world.venue_id).opening_hours == {d: (540, 1380) for d in range(7)}


# -- key holders --------------------------------------------------------------------------


def test_key_holders_add_update_remove(venues: VenueService, world: World, db: Database) -> None:
    added = venues.add_key_holder(
        world.venue_id, KeyHolderInput(name="Sam Caretaker", phone="07700 900456", role="Caretaker")
    )
    assert (added.venue_id, added.name, added.role) == (
        world.venue_id,
        "Sam Caretaker",
        "Caretaker",
    )
    changed = venues.update_key_holder(
        added.id, KeyHolderInput(name="Sam Caretaker", phone="07700 900789", role="Caretaker")
    )
    assert changed.phone == "07700 900789"
    assert venues.get_venue(world.venue_id).key_holders == (changed,)
    venues.remove_key_holder(added.id)
    assert venues.get_venue(world.venue_id).key_holders == ()
    entries = audit_rows(db, "key_holder", added.id)
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert json.loads(entries[1].after) == {"phone": "07700 900789"}
    assert json.loads(entries[2].before)["name"] == "Sam Caretaker"
    with pytest.raises(NotFoundError):
        venues.remove_key_holder(added.id)


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        (KeyHolderInput(name="", phone="07700 900456"), "name", "name is required"),
        (KeyHolderInput(name="Sam", phone=" "), "phone", "phone is required"),
        (KeyHolderInput(name="Sam", phone="ask at desk"), "phone", "has no number to ring"),
        (KeyHolderInput(name="Sam", phone="0770090045", role="x" * 101), "role", "too long"),
    ],
)
def test_key_holder_validation(
    venues: VenueService,
    world: World,
    db: Database,
    data: KeyHolderInput,
    field: str,
    fragment: str,
) -> None:
    refused(
        db, ValidationError, field, fragment, lambda: venues.add_key_holder(world.venue_id, data)
    )


# -- deactivating -------------------------------------------------------------------------


def test_deactivate_venue_refused_while_bookings_are_to_come(
    venues: VenueService, world: World, db: Database, clock: Any
) -> None:
    booking(db, world, world.half_a_id, EVENT)
    booking(db, world, world.small_hall_id, EVENT + timedelta(days=7))
    # None of these stand in the way: past, cancelled, a lapsed hold, another venue.
    booking(
        db, world, world.main_hall_id, EVENT - timedelta(days=60), status=BookingStatus.COMPLETED
    )
    booking(db, world, world.main_hall_id, EVENT, status=BookingStatus.CANCELLED)
    lapsed = booking(
        db, world, world.main_hall_id, EVENT + timedelta(days=1), status=BookingStatus.PROVISIONAL
    )
    with db.write() as s:
        s.get(Booking, lapsed).hold_expires_at = clock() - timedelta(hours=1)  # type: ignore[union-attr]
    booking(db, world, world.other_hall_id, EVENT)

    refused(
        db,
        DomainError,
        "venue",
        "Peckham Community Centre has 2 bookings still to come",
        lambda: venues.deactivate_venue(world.venue_id),
    )
    refused(
        db,
        DomainError,
        "hall",
        "Garden Room has 1 booking still to come",
        lambda: venues.deactivate_hall(world.small_hall_id),
    )
    # The main hall's own bookings are all past, cancelled or lapsed.
    assert venues.deactivate_hall(world.main_hall_id).hall.active is False


def test_deactivate_and_reactivate_venue(venues: VenueService, world: World, db: Database) -> None:
    assert venues.deactivate_venue(world.other_venue_id).active is False
    assert [h.id for h in venues.list_halls(venue_id=world.other_venue_id)] == []
    assert venues.reactivate_venue(world.other_venue_id).active is True
    assert [e.action for e in audit_rows(db, "venue", world.other_venue_id)] == [
        "deactivate",
        "reactivate",
    ]


# -- halls --------------------------------------------------------------------------------


def test_create_hall_round_trip(venues: VenueService, world: World, db: Database) -> None:
    created = venues.create_hall(
        hall_input(
            world,
            name="Committee Room",
            capacity=12,
            facilities=frozenset({Facility.PROJECTOR}),
            min_booking_minutes=30,
            setup_minutes=15,
            cleanup_minutes=10,
            deposit_pence=5000,
        )
    )
    hall = created.hall
    assert (hall.name, hall.capacity, hall.venue_name) == (
        "Committee Room",
        12,
        "Peckham Community Centre",
    )
    assert hall.facilities == {Facility.PROJECTOR, Facility.PARKING}
    assert hall.own_facilities == {Facility.PROJECTOR}
    assert (hall.min_booking_minutes, hall.setup_minutes, hall.cleanup_minutes) == (30, 15, 10)
    assert hall.deposit_pence == 5000 and hall.active and hall.parent_id is None
    assert created.rates == {} and created.parts == ()
    assert venues.get_hall(created.id) == created
    [entry] = audit_rows(db, "hall", created.id)
    assert entry.action == "create" and json.loads(entry.after)["capacity"] == 12


def test_list_halls_groups_parts_under_their_hall(venues: VenueService, world: World) -> None:
    halls = venues.list_halls(venue_id=world.venue_id)
    assert [(h.name, h.parent_name) for h in halls] == [
        ("Garden Room", None),
        ("Main Hall", None),
        ("Main Hall (north half)", "Main Hall"),
        ("Main Hall (south half)", "Main Hall"),
    ]
    south = halls[3]
    assert south.parent_id == world.main_hall_id
    assert south.facilities == {Facility.KITCHEN, Facility.PARKING}
    assert (south.capacity, south.deposit_pence) == (60, 15000)
    assert len(venues.list_halls()) == 5
    main = venues.get_hall(world.main_hall_id)
    assert [name for _, name in main.parts] == ["Main Hall (north half)", "Main Hall (south half)"]
    assert main.rates[(RateType.COMMUNITY, TimeBand.WEEKDAY_DAYTIME)] == 1000


@pytest.mark.parametrize(
    ("overrides", "error", "field", "fragment"),
    [
        ({"capacity": 0}, ValidationError, "capacity", "between 1 and 2,000 people"),
        ({"capacity": 2001}, ValidationError, "capacity", "between 1 and 2,000 people"),
        ({"capacity": True}, ValidationError, "capacity", "between 1 and 2,000"),
        (
            {"min_booking_minutes": 14},
            ValidationError,
            "min_booking_minutes",
            "between 15 and 1,440",
        ),
        ({"min_booking_minutes": 1441}, ValidationError, "min_booking_minutes", "between 15 and"),
        ({"setup_minutes": 241}, ValidationError, "setup_minutes", "between 0 and 240 minutes"),
        ({"cleanup_minutes": -1}, ValidationError, "cleanup_minutes", "between 0 and 240 minutes"),
        ({"deposit_pence": -100}, MoneyError, "deposit_pence", "Deposit cannot be negative"),
        ({"deposit_pence": 10_000_001}, MoneyError, "deposit_pence", "limit"),
        ({"name": ""}, ValidationError, "name", "Hall name is required"),
        ({"name": "main HALL"}, ValidationError, "name", "already has a hall called “Main Hall”"),
        ({"facilities": frozenset({"sauna"})}, ValidationError, "facilities", "“sauna”"),
        ({"venue_id": 9999}, NotFoundError, "venue", "Venue 9999 does not exist"),
    ],
)
def test_create_hall_refuses_bad_input(
    venues: VenueService,
    world: World,
    db: Database,
    overrides: dict[str, Any],
    error: type[Exception],
    field: str,
    fragment: str,
) -> None:
    refused(db, error, field, fragment, lambda: venues.create_hall(hall_input(world, **overrides)))


def test_same_hall_name_is_fine_in_another_venue(venues: VenueService, world: World) -> None:
    created = venues.create_hall(hall_input(world, venue_id=world.other_venue_id, name="Main Hall"))
    assert created.hall.venue_id == world.other_venue_id


def test_update_hall_round_trip_and_audit(venues: VenueService, world: World, db: Database) -> None:
    updated = venues.update_hall(
        world.small_hall_id, hall_input(world, name="Garden Room", capacity=25, setup_minutes=15)
    )
    assert (updated.hall.capacity, updated.hall.setup_minutes) == (25, 15)
    [entry] = audit_rows(db, "hall", world.small_hall_id)
    assert json.loads(entry.before) == {"capacity": 20, "setup_minutes": 0, "deposit_pence": 15000}
    assert json.loads(entry.after) == {"capacity": 25, "setup_minutes": 15, "deposit_pence": 0}
    # Renaming onto a sibling's name is refused; keeping one's own name is not a duplicate.
    refused(
        db,
        ValidationError,
        "name",
        "already has a hall called “Main Hall”",
        lambda: venues.update_hall(world.small_hall_id, hall_input(world, name="Main Hall")),
    )
    refused(
        db,
        ValidationError,
        "venue",
        "cannot move to another venue",
        lambda: venues.update_hall(
            world.small_hall_id,
            hall_input(world, venue_id=world.other_venue_id, name="Garden Room"),
        ),
    )


def test_parent_must_be_in_the_same_venue(venues: VenueService, world: World, db: Database) -> None:
    refused(
        db,
        ValidationError,
        "parent",
        "Reading Room is in another venue",
        lambda: venues.create_hall(hall_input(world, parent_id=world.other_hall_id)),
    )
    refused(
        db,
        NotFoundError,
        "parent",
        "Hall 9999 does not exist",
        lambda: venues.create_hall(hall_input(world, parent_id=9999)),
    )


def test_two_level_nesting_refused(venues: VenueService, world: World, db: Database) -> None:
    # A half cannot itself be divided…
    refused(
        db,
        ValidationError,
        "parent",
        "Main Hall (north half) is itself part of Main Hall; a part cannot be divided further",
        lambda: venues.create_hall(hall_input(world, parent_id=world.half_a_id)),
    )
    # …and a hall that has parts cannot become a part.
    refused(
        db,
        ValidationError,
        "parent",
        "Main Hall is divided into parts",
        lambda: venues.update_hall(
            world.main_hall_id,
            hall_input(world, name="Main Hall", capacity=120, parent_id=world.small_hall_id),
        ),
    )
    refused(
        db,
        ValidationError,
        "parent",
        "cannot be part of itself",
        lambda: venues.update_hall(
            world.small_hall_id,
            hall_input(world, name="Garden Room", capacity=20, parent_id=world.small_hall_id),
        ),
    )


def test_part_of_inactive_hall_refused(venues: VenueService, world: World, db: Database) -> None:
    venues.deactivate_hall(world.small_hall_id)
    refused(
        db,
        ValidationError,
        "parent",
        "Garden Room is out of use",
        lambda: venues.create_hall(hall_input(world, parent_id=world.small_hall_id)),
    )


def test_hall_becomes_a_part_unless_both_are_booked_at_once(
    venues: VenueService, world: World, db: Database
) -> None:
    booking(db, world, world.small_hall_id, EVENT)
    clash = booking(db, world, world.main_hall_id, EVENT + timedelta(hours=1))
    data = hall_input(world, name="Garden Room", capacity=20, parent_id=world.main_hall_id)
    exc = refused(
        db,
        ValidationError,
        "parent",
        "are both booked",
        lambda: venues.update_hall(world.small_hall_id, data),
    )
    assert f"BK-{clash:06d}" in exc.user_message
    with db.write() as s:
        s.get(Booking, clash).status = BookingStatus.CANCELLED  # type: ignore[union-attr]
    joined = venues.update_hall(world.small_hall_id, data)
    assert (joined.hall.parent_id, joined.hall.parent_name) == (world.main_hall_id, "Main Hall")
    # Leaving the parent again is always allowed.
    left = venues.update_hall(
        world.small_hall_id, hall_input(world, name="Garden Room", capacity=20)
    )
    assert left.hall.parent_id is None


def test_deactivated_hall_leaves_the_list(venues: VenueService, world: World, db: Database) -> None:
    venues.deactivate_hall(world.small_hall_id)
    assert world.small_hall_id not in [h.id for h in venues.list_halls()]
    listed = venues.list_halls(include_inactive=True)
    assert [h.active for h in listed if h.id == world.small_hall_id] == [False]
    assert venues.reactivate_hall(world.small_hall_id).hall.active
    with pytest.raises(NotFoundError):
        venues.get_hall(9999)


# -- rates --------------------------------------------------------------------------------


def test_rates_round_trip(venues: VenueService, world: World, db: Database) -> None:
    hall = venues.create_hall(hall_input(world))
    rates = venues.set_rate(hall.id, RateType.COMMUNITY, TimeBand.WEEKDAY_DAYTIME, 1200)
    assert rates == {(RateType.COMMUNITY, TimeBand.WEEKDAY_DAYTIME): 1200}
    venues.set_rate(hall.id, RateType.PRIVATE, TimeBand.EVENING_WEEKEND, 4500)
    venues.set_rate(hall.id, RateType.COMMUNITY, TimeBand.WEEKDAY_DAYTIME, 1100)
    venues.set_rate(hall.id, RateType.COMMUNITY, TimeBand.WEEKDAY_DAYTIME, 1100)  # no change
    venues.set_rate(hall.id, "commercial", "weekday_daytime", 0)  # type: ignore[arg-type]
    assert venues.rates_for_hall(hall.id) == {
        (RateType.COMMUNITY, TimeBand.WEEKDAY_DAYTIME): 1100,
        (RateType.PRIVATE, TimeBand.EVENING_WEEKEND): 4500,
        (RateType.COMMERCIAL, TimeBand.WEEKDAY_DAYTIME): 0,
    }
    entries = [e for e in audit_rows(db, "hall", hall.id) if e.action == "set_rate"]
    assert [(json.loads(e.before), json.loads(e.after)) for e in entries] == [
        ({"rate.community.weekday_daytime": None}, {"rate.community.weekday_daytime": 1200}),
        ({"rate.private.evening_weekend": None}, {"rate.private.evening_weekend": 4500}),
        ({"rate.community.weekday_daytime": 1200}, {"rate.community.weekday_daytime": 1100}),
        ({"rate.commercial.weekday_daytime": None}, {"rate.commercial.weekday_daytime": 0}),
    ]
    table = {row.hall_id: row for row in venues.rate_table()}
    assert set(table) == {
        world.main_hall_id,
        world.half_a_id,
        world.half_b_id,
        world.small_hall_id,
        world.other_hall_id,
        hall.id,
    }
    assert table[hall.id].rates == venues.rates_for_hall(hall.id)
    assert table[world.other_hall_id].venue_name == "Dulwich Library Hall"
    assert len(table[world.main_hall_id].rates) == 6


@pytest.mark.parametrize(
    ("args", "error", "field", "fragment"),
    [
        (
            (RateType.PRIVATE, TimeBand.WEEKDAY_DAYTIME, 100_001),
            MoneyError,
            "pence_per_hour",
            "£1,000.01 is more than the £1,000.00 an hour limit",
        ),
        (
            (RateType.PRIVATE, TimeBand.WEEKDAY_DAYTIME, -1),
            MoneyError,
            "pence_per_hour",
            "cannot be negative",
        ),
        (
            (RateType.PRIVATE, TimeBand.WEEKDAY_DAYTIME, 12.5),
            MoneyError,
            "pence_per_hour",
            "whole number of pence",
        ),
        (
            ("mates_rates", TimeBand.WEEKDAY_DAYTIME, 100),
            ValidationError,
            "rate_type",
            "“mates_rates” is not a rate type",
        ),
        ((RateType.PRIVATE, "midnight", 100), ValidationError, "band", "is not a time band"),
    ],
)
def test_set_rate_refuses_bad_input(
    venues: VenueService,
    world: World,
    db: Database,
    args: tuple[Any, Any, Any],
    error: type[Exception],
    field: str,
    fragment: str,
) -> None:
    refused(db, error, field, fragment, lambda: venues.set_rate(world.main_hall_id, *args))
    assert (
        venues.rates_for_hall(world.main_hall_id)[(RateType.PRIVATE, TimeBand.WEEKDAY_DAYTIME)]
        == 3000
    )


def test_rates_of_missing_hall(venues: VenueService, db: Database) -> None:
    refused(
        db,
        NotFoundError,
        "hall",
        "Hall 42 does not exist",
        lambda: venues.set_rate(42, RateType.PRIVATE, TimeBand.WEEKDAY_DAYTIME, 100),
    )
    with pytest.raises(NotFoundError):
        venues.rates_for_hall(42)


# -- extras -------------------------------------------------------------------------------


def test_extras_create_update_list(venues: VenueService, world: World, db: Database) -> None:
    pa = venues.create_extra(ExtraInput(name="PA system", price_pence=3500))
    assert (pa.name, pa.price_pence, pa.active) == ("PA system", 3500, True)
    assert [e.name for e in venues.list_extras()] == ["Kitchen use", "PA system"]
    updated = venues.update_extra(
        pa.id, ExtraInput(name="PA system", price_pence=4000, active=False)
    )
    assert (updated.price_pence, updated.active) == (4000, False)
    assert [e.name for e in venues.list_extras()] == ["Kitchen use"]
    assert [e.name for e in venues.list_extras(include_inactive=True)] == [
        "Kitchen use",
        "PA system",
    ]
    assert [e.action for e in audit_rows(db, "extra", pa.id)] == ["create", "update"]
    refused(
        db,
        ValidationError,
        "name",
        "already an extra called “Kitchen use”",
        lambda: venues.update_extra(pa.id, ExtraInput(name="kitchen USE", price_pence=1)),
    )


@pytest.mark.parametrize(
    ("data", "error", "field", "fragment"),
    [
        (
            ExtraInput(name="Kitchen use", price_pence=100),
            ValidationError,
            "name",
            "already an extra",
        ),
        (ExtraInput(name="", price_pence=100), ValidationError, "name", "is required"),
        (
            ExtraInput(name="Chairs", price_pence=-1),
            MoneyError,
            "price_pence",
            "cannot be negative",
        ),
        (ExtraInput(name="Chairs", price_pence=10**9), MoneyError, "price_pence", "limit"),
    ],
)
def test_create_extra_refuses_bad_input(
    venues: VenueService,
    world: World,
    db: Database,
    data: ExtraInput,
    error: type[Exception],
    field: str,
    fragment: str,
) -> None:
    refused(db, error, field, fragment, lambda: venues.create_extra(data))


# -- closures -----------------------------------------------------------------------------


def test_venue_closure_reports_bookings_it_falls_on(
    venues: VenueService, world: World, db: Database, clock: Any
) -> None:
    in_half = booking(db, world, world.half_a_id, EVENT)
    in_garden = booking(db, world, world.small_hall_id, EVENT + timedelta(days=1))
    booking(db, world, world.small_hall_id, EVENT + timedelta(days=5))  # after the closure
    booking(db, world, world.main_hall_id, EVENT, status=BookingStatus.CANCELLED)
    booking(db, world, world.other_hall_id, EVENT)  # another venue
    before = row_counts(db)

    result = venues.add_closure(
        ClosureInput(
            venue_id=world.venue_id,
            hall_id=None,
            start=datetime(2026, 12, 12, 8, 0),  # London wall clock (GMT in December)
            end=datetime(2026, 12, 14, 8, 0),
            reason="Boiler replacement",
        )
    )
    closure = result.closure
    assert (closure.hall_id, closure.hall_name, closure.reason) == (
        None,
        None,
        "Boiler replacement",
    )
    assert closure.start == datetime(2026, 12, 12, 8, 0, tzinfo=LONDON)
    assert closure.created_by == "test.clerk"
    affected = result.affected_bookings
    assert [(a.booking_id, a.hall_name) for a in affected] == [
        (in_half, "Main Hall (north half)"),
        (in_garden, "Garden Room"),
    ]
    assert affected[0].start == EVENT.astimezone(LONDON)
    assert affected[0].reference == f"BK-{in_half:06d}"
    assert affected[0].hirer_name == "Zoë O'Brien-Smith" and affected[0].hirer_phone
    # Reported, not cancelled.
    with db.read() as s:
        assert s.get(Booking, in_half).status is BookingStatus.CONFIRMED  # type: ignore[union-attr]
    after = row_counts(db)
    assert after["closures"] == before["closures"] + 1
    assert after["bookings"] == before["bookings"]
    [entry] = audit_rows(db, "closure", closure.id)
    assert entry.action == "create" and json.loads(entry.after)["reason"] == "Boiler replacement"


def test_hall_closure_reports_its_family_only(
    venues: VenueService, world: World, db: Database
) -> None:
    in_main = booking(db, world, world.main_hall_id, EVENT)
    booking(db, world, world.half_b_id, EVENT + timedelta(hours=3))  # the other half
    booking(db, world, world.small_hall_id, EVENT)
    result = venues.add_closure(
        ClosureInput(
            venue_id=world.venue_id,
            hall_id=world.half_a_id,
            start=EVENT - timedelta(hours=1),
            end=EVENT + timedelta(hours=6),
            reason="Floor sanding",
        )
    )
    assert result.closure.hall_name == "Main Hall (north half)"
    assert [a.booking_id for a in result.affected_bookings] == [in_main]


def test_closure_touching_a_booking_does_not_clash(
    venues: VenueService, world: World, db: Database
) -> None:
    booking(db, world, world.small_hall_id, EVENT)  # 14:00–16:00 UTC
    result = venues.add_closure(
        ClosureInput(
            world.venue_id,
            world.small_hall_id,
            EVENT + timedelta(hours=2),
            EVENT + timedelta(hours=5),
            "Election count",
        )
    )
    assert result.affected_bookings == ()


@pytest.mark.parametrize(
    ("overrides", "error", "field", "fragment"),
    [
        # The clocks go forward at 01:00 on 28 March 2027: 01:30 never happens.
        (
            {"start": datetime(2027, 3, 28, 1, 30), "end": datetime(2027, 3, 28, 12, 0)},
            TimeError,
            "start",
            "does not exist",
        ),
        (
            {"start": datetime(2027, 3, 27, 9, 0), "end": datetime(2027, 3, 28, 1, 15)},
            TimeError,
            "end",
            "does not exist",
        ),
        # …and back at 02:00 on 25 October 2026: 01:30 happens twice.
        (
            {"start": datetime(2026, 10, 25, 1, 30), "end": datetime(2026, 10, 25, 12, 0)},
            TimeError,
            "start",
            "happens twice",
        ),
        ({"end": datetime(2026, 12, 12, 8, 0)}, TimeError, "end", "must end after it starts"),
        ({"end": datetime(2026, 12, 12, 7, 0)}, TimeError, "end", "must end after it starts"),
        ({"reason": "  "}, ValidationError, "reason", "Reason is required"),
        ({"reason": "x" * 401}, ValidationError, "reason", "too long"),
        ({"hall_id": "other"}, ValidationError, "hall", "Reading Room is not in Peckham"),
        ({"hall_id": 9999}, NotFoundError, "hall", "Hall 9999 does not exist"),
        ({"venue_id": 9999}, NotFoundError, "venue", "Venue 9999 does not exist"),
    ],
)
def test_add_closure_refuses_bad_input(
    venues: VenueService,
    world: World,
    db: Database,
    overrides: dict[str, Any],
    error: type[Exception],
    field: str,
    fragment: str,
) -> None:
    values: dict[str, Any] = {
        "venue_id": world.venue_id,
        "hall_id": None,
        "start": datetime(2026, 12, 12, 8, 0),
        "end": datetime(2026, 12, 12, 20, 0),
        "reason": "Repairs",
    }
    values.update(overrides)
    if values["hall_id"] == "other":
        values["hall_id"] = world.other_hall_id
    refused(db, error, field, fragment, lambda: venues.add_closure(ClosureInput(**values)))


def test_list_and_remove_closures(venues: VenueService, world: World, db: Database) -> None:
    dec = venues.add_closure(
        ClosureInput(
            world.venue_id, None, datetime(2026, 12, 24, 9), datetime(2026, 12, 27, 9), "Christmas"
        )
    ).closure
    jan = venues.add_closure(
        ClosureInput(
            world.venue_id,
            world.small_hall_id,
            datetime(2027, 1, 5, 9),
            datetime(2027, 1, 5, 17),
            "Repainting",
        )
    ).closure
    other = venues.add_closure(
        ClosureInput(
            world.other_venue_id,
            None,
            datetime(2026, 12, 1, 9),
            datetime(2026, 12, 1, 17),
            "Polling station",
        )
    ).closure
    assert [c.id for c in venues.list_closures()] == [other.id, dec.id, jan.id]
    assert [c.id for c in venues.list_closures(venue_id=world.venue_id)] == [dec.id, jan.id]
    window = venues.list_closures(
        from_utc=datetime(2026, 12, 26, tzinfo=UTC), to_utc=datetime(2027, 1, 5, 9, tzinfo=UTC)
    )
    assert [c.id for c in window] == [dec.id]  # Repainting starts as the window ends: left out
    assert venues.list_closures(venue_id=world.venue_id)[1].hall_name == "Garden Room"

    venues.remove_closure(dec.id)
    assert [c.id for c in venues.list_closures(venue_id=world.venue_id)] == [jan.id]
    entries = audit_rows(db, "closure", dec.id)
    assert [e.action for e in entries] == ["create", "delete"]
    assert json.loads(entries[1].before)["reason"] == "Christmas"
    refused(db, NotFoundError, "closure", "does not exist", lambda: venues.remove_closure(dec.id))


def test_database_backstop_for_duplicate_names(
    venues: VenueService, world: World, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If another desk saves the same name between check and insert, the message is the same."""
    import spacebank.services.venue_service as module

    monkeypatch.setattr(module, "_ensure_unique_hall_name", lambda *a, **k: None)
    monkeypatch.setattr(module, "_ensure_unique_venue_name", lambda *a, **k: None)
    monkeypatch.setattr(module, "_ensure_unique_extra_name", lambda *a, **k: None)
    refused(
        db,
        ValidationError,
        "name",
        "already has a hall called “Main Hall”",
        lambda: venues.create_hall(hall_input(world, name="Main Hall")),
    )
    refused(
        db,
        ValidationError,
        "name",
        "already has a hall called “Main Hall”",
        lambda: venues.update_hall(world.small_hall_id, hall_input(world, name="Main Hall")),
    )
    refused(
        db,
        ValidationError,
        "name",
        "already a venue called “Dulwich Library Hall”",
        lambda: venues.update_venue(world.venue_id, VenueInput(name="Dulwich Library Hall")),
    )
    refused(
        db,
        ValidationError,
        "name",
        "already an extra called “Kitchen use”",
        lambda: venues.create_extra(ExtraInput(name="Kitchen use", price_pence=100)),
    )
