"""Is it free, what is free, when is it next free, and the calendar, on a real database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import delete, update

from spacebank.domain.clock import to_utc
from spacebank.domain.enums import BookingStatus, Facility, RateType, TimeBand
from spacebank.domain.errors import ValidationError
from spacebank.domain.venue import Closure, Hall, Rate, Venue
from spacebank.services.availability_service import AvailabilityService
from spacebank.services.booking_dto import BookingRequest, FreeWindow, SlotQuery
from spacebank.services.booking_service import BookingService
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import World

SAT = datetime(2026, 12, 12)  # Saturday, outside the notice period
TUE = datetime(2026, 12, 15)


def request(world: World, start: datetime, end: datetime, **overrides: object) -> BookingRequest:
    values: dict[str, object] = {
        "hall_id": world.half_a_id,
        "hirer_id": world.hirer_id,
        "start": start,
        "end": end,
        "purpose": "Birthday party",
        "attendees": 10,
    }
    values.update(overrides)
    return BookingRequest(**values)  # type: ignore[arg-type]


def add_closure(
    db: Database,
    venue_id: int,
    start: datetime,
    end: datetime,
    reason: str,
    hall_id: int | None = None,
) -> int:
    with db.write() as s:
        closure = Closure(
            venue_id=venue_id,
            hall_id=hall_id,
            starts_at=to_utc(start),
            ends_at=to_utc(end),
            reason=reason,
        )
        s.add(closure)
        s.flush()
        return closure.id


def window(hall_id: int, start: datetime, end: datetime) -> tuple[int, datetime, datetime]:
    return (hall_id, to_utc(start), to_utc(end))


def windows(found: list[FreeWindow]) -> list[tuple[int, datetime, datetime]]:
    return [(w.hall_id, to_utc(w.start), to_utc(w.end)) for w in found]


# -- check ------------------------------------------------------------------------------


def test_check_free_slot_bank_holiday_and_past(
    availability: AvailabilityService, world: World, db: Database
) -> None:
    result = availability.check(
        world.half_a_id, SAT.replace(hour=10), SAT.replace(hour=12), attendees=60
    )
    assert result.free
    assert result.problems == ()
    assert result.hall_id == world.half_a_id
    assert result.start.hour == 10 and str(result.start.tzinfo) == "Europe/London"
    christmas = (datetime(2026, 12, 25, 10), datetime(2026, 12, 25, 12))
    assert [p.message for p in availability.check(world.half_a_id, *christmas).problems] == [
        "Peckham Community Centre is closed on bank holidays (Christmas Day, 25 Dec 2026)."
    ]
    past = availability.check(
        world.half_a_id, datetime(2026, 11, 20, 10), datetime(2026, 11, 20, 12)
    )
    assert len(past.problems) == 1 and "in the past" in past.problems[0].message
    with db.write() as s:
        s.execute(
            update(Venue).where(Venue.id == world.venue_id).values(open_on_bank_holidays=True)
        )
    assert availability.check(world.half_a_id, *christmas).free


@pytest.mark.parametrize("start", [SAT.replace(hour=14), datetime(2026, 11, 24, 14)])
def test_check_says_when_a_hold_taken_now_would_lapse(
    availability: AvailabilityService, bookings: BookingService, world: World,
    start: datetime,
) -> None:
    """The same moment the hold gets: 7 days, or a day when inside the notice period."""
    check = availability.check(world.half_a_id, start, start + timedelta(hours=2))
    held = bookings.hold(request(world, start, start + timedelta(hours=2)))
    assert check.hold_until is not None and held.hold_expires_at is not None
    assert check.hold_until == held.hold_expires_at
    assert str(check.hold_until.tzinfo) == "Europe/London"


def test_check_lists_every_problem(
    availability: AvailabilityService, bookings: BookingService, world: World, db: Database
) -> None:
    taken = bookings.book(request(world, SAT.replace(hour=20), SAT.replace(hour=22)))
    add_closure(
        db,
        world.venue_id,
        SAT.replace(hour=22, minute=30),
        SAT.replace(hour=23, minute=30),
        "Boiler repair",
    )
    result = availability.check(
        world.half_a_id, SAT.replace(hour=21), SAT.replace(hour=23, minute=30), attendees=100
    )
    assert not result.free
    messages = " | ".join(p.message for p in result.problems)
    assert len(result.problems) == 4, messages
    assert "holds 60 people" in messages
    assert "open 09:00–23:00" in messages
    assert "Boiler repair" in messages
    assert taken.reference in messages
    assert len({p.kind for p in result.problems}) == 3  # capacity, closed (twice), clash


def test_check_connected_halls_and_buffers(
    availability: AvailabilityService, bookings: BookingService, world: World
) -> None:
    bookings.book(request(world, SAT.replace(hour=12), SAT.replace(hour=14)))  # north half
    # The whole hall needs 30 minutes' set-up before 14:30...
    assert not availability.check(
        world.main_hall_id, SAT.replace(hour=14, minute=15), SAT.replace(hour=16)
    ).free
    assert availability.check(
        world.main_hall_id, SAT.replace(hour=14, minute=30), SAT.replace(hour=16)
    ).free
    # ...while the other half is independent.
    assert availability.check(world.half_b_id, SAT.replace(hour=12), SAT.replace(hour=14)).free


def test_check_ignores_excluded_cancelled_and_lapsed(
    availability: AvailabilityService,
    bookings: BookingService,
    world: World,
    clock: FrozenClock,
) -> None:
    mine = bookings.book(request(world, SAT.replace(hour=14), SAT.replace(hour=16)))
    other = bookings.book(request(world, SAT.replace(hour=18), SAT.replace(hour=20)))
    later = (SAT.replace(hour=15), SAT.replace(hour=17))
    assert not availability.check(world.half_a_id, *later).free
    assert availability.check(world.half_a_id, *later, exclude_booking_id=mine.id).free
    # Excluding one booking does not hide another.
    clash = availability.check(
        world.half_a_id, SAT.replace(hour=15), SAT.replace(hour=19), exclude_booking_id=mine.id
    )
    assert [other.reference in p.message for p in clash.problems] == [True]

    cancelled = bookings.book(request(world, SAT.replace(hour=10), SAT.replace(hour=12)))
    bookings.cancel(cancelled.id, reason="Changed plans")
    assert availability.check(world.half_a_id, SAT.replace(hour=10), SAT.replace(hour=12)).free
    bookings.hold(request(world, SAT.replace(hour=20), SAT.replace(hour=22)))
    evening = (SAT.replace(hour=21), SAT.replace(hour=22))
    assert not availability.check(world.half_a_id, *evening).free
    clock.advance(timedelta(days=8))  # the hold lapsed
    assert availability.check(world.half_a_id, *evening).free


# -- free_halls -------------------------------------------------------------------------


def free_ids(
    availability: AvailabilityService,
    start: datetime,
    end: datetime,
    attendees: int = 10,
    **kwargs: object,
) -> list[int]:
    query = SlotQuery(start=start, end=end, attendees=attendees, **kwargs)  # type: ignore[arg-type]
    return [o.hall_id for o in availability.free_halls(query)]


def test_free_halls_ranked_by_spare_capacity(
    availability: AvailabilityService, world: World
) -> None:
    slot = (SAT.replace(hour=14), SAT.replace(hour=16))
    assert free_ids(availability, *slot) == [
        world.small_hall_id,  # 20 seats
        world.other_hall_id,  # 40
        world.half_a_id,
        world.half_b_id,  # 60 each, by name
        world.main_hall_id,  # 120
    ]
    assert free_ids(availability, *slot, attendees=30) == [
        world.other_hall_id,
        world.half_a_id,
        world.half_b_id,
        world.main_hall_id,
    ]
    assert free_ids(availability, *slot, attendees=61) == [world.main_hall_id]
    assert free_ids(availability, *slot, attendees=121) == []
    with pytest.raises(ValidationError, match="past"):
        availability.free_halls(SlotQuery(datetime(2026, 11, 1, 10), datetime(2026, 11, 1, 12), 10))


def test_a_booked_half_excludes_the_whole_hall_not_the_other_half(
    availability: AvailabilityService, bookings: BookingService, world: World
) -> None:
    bookings.book(request(world, SAT.replace(hour=14), SAT.replace(hour=16)))
    assert free_ids(availability, SAT.replace(hour=14), SAT.replace(hour=16)) == [
        world.small_hall_id,
        world.other_hall_id,
        world.half_b_id,
    ]
    bookings.book(
        request(world, SAT.replace(hour=14), SAT.replace(hour=16), hall_id=world.small_hall_id)
    )
    assert free_ids(availability, SAT.replace(hour=14), SAT.replace(hour=16)) == [
        world.other_hall_id,
        world.half_b_id,
    ]
    # North half until 12:00: the whole hall cannot be set up for 12:00, nor for 12:15.
    bookings.book(request(world, SAT.replace(hour=10), SAT.replace(hour=12)))
    for minute in (0, 15):
        found = free_ids(
            availability, SAT.replace(hour=12, minute=minute), SAT.replace(hour=13, minute=30)
        )
        assert world.main_hall_id not in found and world.half_a_id in found
    assert world.main_hall_id in free_ids(
        availability, SAT.replace(hour=12, minute=30), SAT.replace(hour=13, minute=30)
    )


def test_whole_hall_booked_excludes_both_halves_until_its_clean_up_ends(
    availability: AvailabilityService, bookings: BookingService, world: World
) -> None:
    bookings.book(
        request(world, SAT.replace(hour=10), SAT.replace(hour=12), hall_id=world.main_hall_id)
    )
    assert free_ids(availability, SAT.replace(hour=12), SAT.replace(hour=14)) == [
        world.small_hall_id,
        world.other_hall_id,
    ]
    assert free_ids(availability, SAT.replace(hour=12, minute=30), SAT.replace(hour=14)) == [
        world.small_hall_id,
        world.other_hall_id,
        world.half_a_id,
        world.half_b_id,
    ]


def test_free_halls_facility_filter(availability: AvailabilityService, world: World) -> None:
    names = {
        "small": world.small_hall_id,
        "other": world.other_hall_id,
        "half_a": world.half_a_id,
        "half_b": world.half_b_id,
        "main": world.main_hall_id,
    }
    slot = (SAT.replace(hour=14), SAT.replace(hour=16))
    cases = [
        # Parking is the Peckham venue's; the kitchen belongs to individual halls.
        ({Facility.PARKING}, ["small", "half_a", "half_b", "main"]),
        ({Facility.KITCHEN}, ["other", "half_b", "main"]),
        ({Facility.KITCHEN, Facility.PARKING}, ["half_b", "main"]),
        ({Facility.STAGE, Facility.PARKING}, ["main"]),
        ({Facility.HEARING_LOOP}, []),
    ]
    for facilities, expected in cases:
        found = free_ids(availability, *slot, facilities=frozenset(facilities))
        assert found == [names[n] for n in expected], facilities
    options = availability.free_halls(SlotQuery(*slot, 10))
    by_id = {o.hall_id: o.facilities for o in options}
    assert by_id[world.main_hall_id] == {Facility.KITCHEN, Facility.STAGE, Facility.PARKING}
    assert by_id[world.half_a_id] == {Facility.PARKING}
    assert by_id[world.other_hall_id] == {Facility.KITCHEN}


def test_near_ranks_the_dulwich_hall_first(availability: AvailabilityService, world: World) -> None:
    slot = (SAT.replace(hour=14), SAT.replace(hour=16))
    for near in ("SE22", "se22 8hj", "SE228HJ"):
        options = availability.free_halls(SlotQuery(*slot, 10, near=near))
        assert [o.hall_id for o in options] == [
            world.other_hall_id,
            world.small_hall_id,
            world.half_a_id,
            world.half_b_id,
            world.main_hall_id,
        ], near
        assert [o.distance_rank for o in options] == [0, 1, 1, 1, 1]
        assert options[0].venue_name == "Dulwich Library Hall"
        assert options[0].postcode == "SE22 8HJ"
    far = availability.free_halls(SlotQuery(*slot, 10, near="N1"))
    assert {o.distance_rank for o in far} == {2}
    home = availability.free_halls(SlotQuery(*slot, 10, near="SE15"))
    assert home[-1].hall_id == world.other_hall_id and home[-1].distance_rank == 1


def test_free_halls_prices_match_the_quote(
    availability: AvailabilityService, bookings: BookingService, world: World, db: Database
) -> None:
    # No commercial evening rate for the Garden Room: not bookable at that rate then.
    with db.write() as s:
        s.execute(
            delete(Rate).where(
                Rate.hall_id == world.small_hall_id,
                Rate.rate_type == RateType.COMMERCIAL,
                Rate.band == TimeBand.EVENING_WEEKEND,
            )
        )
        s.execute(
            update(Rate)
            .where(Rate.hall_id == world.other_hall_id, Rate.rate_type == RateType.COMMUNITY)
            .values(pence_per_hour=1234)
        )
    start, end = TUE.replace(hour=16), TUE.replace(hour=18, minute=20)  # spans 17:00
    options = availability.free_halls(SlotQuery(start, end, 10))
    assert len(options) == 5
    for option in options:
        expected = {}
        for rate_type in RateType:
            if option.hall_id == world.small_hall_id and rate_type is RateType.COMMERCIAL:
                continue
            expected[rate_type] = bookings.quote(
                request(world, start, end, hall_id=option.hall_id, rate_type=rate_type)
            ).total_pence
        assert option.prices == expected
    by_id = {o.hall_id: o.prices for o in options}
    assert by_id[world.half_a_id] == {
        RateType.COMMUNITY: 1000 + 2000,
        RateType.PRIVATE: 3000 + 5333,
        RateType.COMMERCIAL: 5000 + 8000,
    }
    assert by_id[world.other_hall_id][RateType.COMMUNITY] == 1234 + 1645


def test_free_halls_skip_closures_and_inactive(
    availability: AvailabilityService, world: World, db: Database
) -> None:
    add_closure(db, world.other_venue_id, SAT, SAT + timedelta(days=1), "Election count")
    add_closure(
        db,
        world.venue_id,
        SAT.replace(hour=15),
        SAT.replace(hour=17),
        "Damp survey",
        hall_id=world.small_hall_id,
    )
    with db.write() as s:
        s.execute(update(Hall).where(Hall.id == world.half_b_id).values(active=False))
    assert free_ids(availability, SAT.replace(hour=14), SAT.replace(hour=16)) == [
        world.half_a_id,
        world.main_hall_id,
    ]


# -- next_free --------------------------------------------------------------------------


def test_next_free_after_a_booking_with_buffers(
    availability: AvailabilityService, bookings: BookingService, world: World
) -> None:
    # The whole hall 10:00–12:00 blocks 09:30–12:30; the next hirer's set-up needs
    # another 30 minutes, so the earliest start is 13:00 (and 09:00–09:30 is too short).
    bookings.book(
        request(world, TUE.replace(hour=10), TUE.replace(hour=12), hall_id=world.main_hall_id)
    )
    found = availability.next_free(
        world.main_hall_id, minutes=60, after=TUE.replace(hour=9), count=2
    )
    assert windows(found) == [
        window(world.main_hall_id, TUE.replace(hour=13), TUE.replace(hour=23)),
        window(world.main_hall_id, TUE.replace(day=16, hour=9), TUE.replace(day=16, hour=23)),
    ]
    assert str(found[0].start.tzinfo) == "Europe/London"
    assert availability.check(world.main_hall_id, TUE.replace(hour=13), TUE.replace(hour=14)).free
    assert not availability.check(
        world.main_hall_id, TUE.replace(hour=12, minute=45), TUE.replace(hour=14)
    ).free


def test_next_free_honours_both_halls_buffers(
    availability: AvailabilityService, bookings: BookingService, world: World, db: Database
) -> None:
    with db.write() as s:
        s.execute(
            update(Hall)
            .where(Hall.id == world.half_a_id)
            .values(setup_minutes=15, cleanup_minutes=15)
        )
    # The whole hall 12:00–14:00 blocks 11:30–14:30 (its own buffers); the north half
    # needs 15 minutes' clean-up before and set-up after that.
    bookings.book(
        request(world, TUE.replace(hour=12), TUE.replace(hour=14), hall_id=world.main_hall_id)
    )
    found = availability.next_free(world.half_a_id, minutes=60, after=TUE.replace(hour=9), count=2)
    assert windows(found) == [
        window(world.half_a_id, TUE.replace(hour=9), TUE.replace(hour=11, minute=15)),
        window(world.half_a_id, TUE.replace(hour=14, minute=45), TUE.replace(hour=23)),
    ]
    # Both edges really are bookable, and a minute later/earlier is not.
    assert availability.check(
        world.half_a_id, TUE.replace(hour=10), TUE.replace(hour=11, minute=15)
    ).free
    assert not availability.check(
        world.half_a_id, TUE.replace(hour=10), TUE.replace(hour=11, minute=30)
    ).free
    assert availability.check(
        world.half_a_id, TUE.replace(hour=14, minute=45), TUE.replace(hour=16)
    ).free
    assert not availability.check(
        world.half_a_id, TUE.replace(hour=14, minute=30), TUE.replace(hour=16)
    ).free


def test_next_free_skips_bank_holidays_and_closures(
    availability: AvailabilityService, world: World, db: Database
) -> None:
    add_closure(db, world.venue_id, datetime(2026, 12, 27), datetime(2026, 12, 28), "Council use")
    add_closure(
        db,
        world.venue_id,
        datetime(2026, 12, 30, 12),
        datetime(2026, 12, 30, 14),
        "Fire alarm test",
        hall_id=world.main_hall_id,
    )
    # Closures elsewhere do not matter.
    add_closure(
        db, world.other_venue_id, datetime(2026, 12, 29), datetime(2026, 12, 30), "Other venue"
    )
    add_closure(
        db,
        world.venue_id,
        datetime(2026, 12, 29),
        datetime(2026, 12, 30),
        "Garden only",
        hall_id=world.small_hall_id,
    )
    found = availability.next_free(
        world.half_a_id, minutes=30, after=datetime(2026, 12, 24, 22, 30), count=4
    )
    # 25, 26 and 28 Dec are bank holidays; 27 Dec is closed; 30 Dec's closure is of the
    # whole hall, which the north half is part of.
    assert windows(found) == [
        window(world.half_a_id, datetime(2026, 12, 24, 22, 30), datetime(2026, 12, 24, 23)),
        window(world.half_a_id, datetime(2026, 12, 29, 9), datetime(2026, 12, 29, 23)),
        window(world.half_a_id, datetime(2026, 12, 30, 9), datetime(2026, 12, 30, 12)),
        window(world.half_a_id, datetime(2026, 12, 30, 14), datetime(2026, 12, 30, 23)),
    ]
    longer = availability.next_free(
        world.half_a_id, minutes=31, after=datetime(2026, 12, 24, 22, 30), count=1
    )
    assert windows(longer) == [
        window(world.half_a_id, datetime(2026, 12, 29, 9), datetime(2026, 12, 29, 23))
    ]
    # A venue that opens on bank holidays has Christmas Day free.
    with db.write() as s:
        s.execute(
            update(Venue).where(Venue.id == world.other_venue_id).values(open_on_bank_holidays=True)
        )
    found = availability.next_free(
        world.other_hall_id, minutes=60, after=datetime(2026, 12, 24, 23), count=1
    )
    assert windows(found) == [
        window(world.other_hall_id, datetime(2026, 12, 25, 9), datetime(2026, 12, 25, 23))
    ]


def test_next_free_never_in_the_past(
    availability: AvailabilityService, world: World, clock: FrozenClock
) -> None:
    found = availability.next_free(
        world.small_hall_id, minutes=60, after=datetime(2026, 11, 1, 9), count=1
    )
    assert windows(found) == [
        window(world.small_hall_id, datetime(2026, 11, 21, 10), datetime(2026, 11, 21, 23))
    ]
    clock.advance(timedelta(minutes=7))  # 10:07: the next quarter hour is 10:15
    found = availability.next_free(
        world.small_hall_id, minutes=60, after=datetime(2026, 11, 21, 9), count=3
    )
    assert found[0].start == to_utc(datetime(2026, 11, 21, 10, 15))
    assert all(to_utc(w.start) >= clock() for w in found)


def test_next_free_count_and_length(
    availability: AvailabilityService, bookings: BookingService, world: World
) -> None:
    for start, end in [((10, 0), (11, 0)), ((12, 30), (14, 0)), ((15, 0), (16, 0))]:
        bookings.book(
            request(
                world,
                TUE.replace(hour=start[0], minute=start[1]),
                TUE.replace(hour=end[0], minute=end[1]),
                hall_id=world.small_hall_id,
            )
        )
    hall = world.small_hall_id
    after = TUE.replace(hour=9)
    assert windows(availability.next_free(hall, minutes=60, after=after, count=5)) == [
        window(hall, TUE.replace(hour=9), TUE.replace(hour=10)),
        window(hall, TUE.replace(hour=11), TUE.replace(hour=12, minute=30)),
        window(hall, TUE.replace(hour=14), TUE.replace(hour=15)),
        window(hall, TUE.replace(hour=16), TUE.replace(hour=23)),
        window(hall, TUE.replace(day=16, hour=9), TUE.replace(day=16, hour=23)),
    ]
    assert windows(availability.next_free(hall, minutes=90, after=after, count=2)) == [
        window(hall, TUE.replace(hour=11), TUE.replace(hour=12, minute=30)),
        window(hall, TUE.replace(hour=16), TUE.replace(hour=23)),
    ]
    for minutes in (61, 120, 600):
        found = availability.next_free(hall, minutes=minutes, after=after, count=3)
        assert len(found) == 3
        assert all(w.end - w.start >= timedelta(minutes=minutes) for w in found)
    assert len(availability.next_free(hall, minutes=60, after=after, count=1)) == 1
    # Three days from Tuesday: none of Tuesday's gaps is 10 hours long.
    assert windows(availability.next_free(hall, minutes=600, after=after, count=10, days=3)) == [
        window(hall, TUE.replace(day=16, hour=9), TUE.replace(day=16, hour=23)),
        window(hall, TUE.replace(day=17, hour=9), TUE.replace(day=17, hour=23)),
    ]


def test_next_free_refuses_bad_requests(availability: AvailabilityService, world: World) -> None:
    for kwargs, field in [
        ({"minutes": 10}, "minutes"),
        ({"minutes": 60, "days": 63}, "days"),
        ({"minutes": 60, "days": 0}, "days"),
    ]:
        with pytest.raises(ValidationError) as err:
            availability.next_free(world.small_hall_id, after=TUE, **kwargs)  # type: ignore[arg-type]
        assert err.value.field == field


# -- calendar ---------------------------------------------------------------------------


def test_calendar_of_a_venue(
    availability: AvailabilityService, bookings: BookingService, world: World, db: Database
) -> None:
    north = bookings.book(request(world, SAT.replace(hour=14), SAT.replace(hour=16)))
    garden = bookings.hold(
        request(world, SAT.replace(hour=10), SAT.replace(hour=12), hall_id=world.small_hall_id)
    )
    cancelled = bookings.book(
        request(
            world,
            SAT.replace(day=13, hour=10),
            SAT.replace(day=13, hour=12),
            hall_id=world.small_hall_id,
        )
    )
    bookings.cancel(cancelled.id, reason="Rained off")
    main = bookings.book(
        request(
            world,
            SAT.replace(day=14, hour=18),
            SAT.replace(day=14, hour=20),
            hall_id=world.main_hall_id,
        )
    )
    bookings.book(
        request(world, SAT.replace(hour=11), SAT.replace(hour=12), hall_id=world.other_hall_id)
    )  # another venue
    bookings.book(request(world, SAT.replace(day=15, hour=10), SAT.replace(day=15, hour=11)))
    closure = add_closure(
        db,
        world.venue_id,
        SAT.replace(day=14, hour=9),
        SAT.replace(day=14, hour=12),
        "Window cleaning",
        hall_id=world.small_hall_id,
    )
    add_closure(db, world.other_venue_id, SAT, SAT + timedelta(days=1), "Other venue")
    add_closure(db, world.venue_id, SAT.replace(day=20), SAT.replace(day=21), "Out of range")

    data = availability.calendar(date(2026, 12, 12), date(2026, 12, 14), venue_id=world.venue_id)
    assert [b.id for b in data.bookings] == [garden.id, north.id, main.id]
    assert [b.status for b in data.bookings] == [
        BookingStatus.PROVISIONAL,
        BookingStatus.CONFIRMED,
        BookingStatus.CONFIRMED,
    ]
    assert data.bookings[2].blocked_start == to_utc(SAT.replace(day=14, hour=17, minute=30))
    assert [(c.id, c.reason, c.hall_id) for c in data.closures] == [
        (closure, "Window cleaning", world.small_hall_id)
    ]
    assert data.bank_holidays == {}
    assert data.opening_hours == {world.venue_id: {d: (540, 1380) for d in range(7)}}

    everything = availability.calendar(
        date(2026, 12, 12), date(2026, 12, 14), venue_id=world.venue_id, include_cancelled=True
    )
    assert [b.id for b in everything.bookings] == [garden.id, north.id, cancelled.id, main.id]
    assert everything.bookings[2].status is BookingStatus.CANCELLED


def test_calendar_by_hall_and_bank_holidays(
    availability: AvailabilityService, bookings: BookingService, world: World
) -> None:
    late = bookings.book(
        request(
            world,
            datetime(2026, 12, 31, 18),
            datetime(2026, 12, 31, 20),
            hall_id=world.other_hall_id,
        )
    )
    early = bookings.book(
        request(
            world,
            datetime(2026, 12, 22, 10),
            datetime(2026, 12, 22, 12),
            hall_id=world.other_hall_id,
        )
    )
    bookings.book(request(world, datetime(2026, 12, 22, 9), datetime(2026, 12, 22, 10)))
    data = availability.calendar(
        date(2026, 12, 21), date(2027, 1, 3), hall_ids=(world.other_hall_id,)
    )
    assert [b.id for b in data.bookings] == [early.id, late.id]
    assert set(data.bank_holidays) == {
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2026, 12, 28),
        date(2027, 1, 1),
    }
    assert "Christmas" in data.bank_holidays[date(2026, 12, 25)]
    assert data.opening_hours == {world.other_venue_id: {d: (540, 1380) for d in range(7)}}
    # Days are London days: 09:00 BST on 1 Jul 2027 is 08:00 UTC, and 22:00 BST on
    # 30 June is 21:00 UTC.
    july = bookings.book(
        request(
            world, datetime(2027, 7, 1, 9), datetime(2027, 7, 1, 10), hall_id=world.other_hall_id
        )
    )
    bookings.book(
        request(
            world, datetime(2027, 6, 30, 21), datetime(2027, 6, 30, 23), hall_id=world.other_hall_id
        )
    )
    data = availability.calendar(date(2027, 7, 1), date(2027, 7, 1), venue_id=world.other_venue_id)
    assert [b.id for b in data.bookings] == [july.id]
    with pytest.raises(ValidationError) as err:
        availability.calendar(date(2026, 12, 14), date(2026, 12, 13))
    assert err.value.field == "last_day"
    with pytest.raises(ValidationError, match="93 days"):
        availability.calendar(date(2026, 12, 1), date(2027, 3, 4))
    availability.calendar(date(2026, 12, 1), date(2027, 3, 3))  # 93 days inclusive
