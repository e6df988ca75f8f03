"""Small builders of test data written straight through the ORM.

Service tests use these to arrange a world (venue, halls, rates, hirers) without
depending on the service under test; bookings go through the booking service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from spacebank.domain.booking import Booking, BookingCharge
from spacebank.domain.enums import (
    BookingStatus,
    ChargeKind,
    Facility,
    HirerType,
    RateType,
    TimeBand,
)
from spacebank.domain.hirer import Hirer, HirerSearchTerm
from spacebank.domain.hirer_terms import hirer_search_terms, hirer_sort_key
from spacebank.domain.money import hourly_charge
from spacebank.domain.pricing import ChargeLine
from spacebank.domain.venue import Extra, Hall, OpeningHours, Rate, Venue
from spacebank.storage.database import Database

#: Pence per hour by rate type and band: community £10/£15, private £30/£40, commercial £50/£60.
DEFAULT_RATES = {
    (RateType.COMMUNITY, TimeBand.WEEKDAY_DAYTIME): 1000,
    (RateType.COMMUNITY, TimeBand.EVENING_WEEKEND): 1500,
    (RateType.PRIVATE, TimeBand.WEEKDAY_DAYTIME): 3000,
    (RateType.PRIVATE, TimeBand.EVENING_WEEKEND): 4000,
    (RateType.COMMERCIAL, TimeBand.WEEKDAY_DAYTIME): 5000,
    (RateType.COMMERCIAL, TimeBand.EVENING_WEEKEND): 6000,
}


@dataclass(frozen=True)
class World:
    venue_id: int
    main_hall_id: int
    half_a_id: int
    half_b_id: int
    small_hall_id: int
    other_venue_id: int
    other_hall_id: int
    hirer_id: int
    charity_id: int
    kitchen_extra_id: int


def add_venue(
    session: Session,
    name: str,
    *,
    postcode: str = "SE15 4QL",
    opens_min: int = 9 * 60,
    closes_min: int = 23 * 60,
    open_on_bank_holidays: bool = False,
    facilities: frozenset[Facility] = frozenset(),
) -> Venue:
    venue = Venue(
        name=name,
        address=f"1 {name} Road\nLondon",
        postcode=postcode,
        access_notes="Key safe by the side door",
        on_the_day_phone="020 7946 0000",
        facilities=facilities,
        open_on_bank_holidays=open_on_bank_holidays,
    )
    venue.opening_hours = [
        OpeningHours(weekday=d, opens_min=opens_min, closes_min=closes_min) for d in range(7)
    ]
    session.add(venue)
    session.flush()
    return venue


def add_hall(
    session: Session,
    venue: Venue,
    name: str,
    *,
    capacity: int = 60,
    parent: Hall | None = None,
    setup_minutes: int = 0,
    cleanup_minutes: int = 0,
    facilities: frozenset[Facility] = frozenset(),
    deposit_pence: int = 15000,
) -> Hall:
    hall = Hall(
        venue_id=venue.id,
        parent_id=parent.id if parent else None,
        name=name,
        capacity=capacity,
        facilities=facilities,
        min_booking_minutes=60,
        setup_minutes=setup_minutes,
        cleanup_minutes=cleanup_minutes,
        deposit_pence=deposit_pence,
    )
    hall.rates = [
        Rate(rate_type=rt, band=band, pence_per_hour=p) for (rt, band), p in DEFAULT_RATES.items()
    ]
    session.add(hall)
    session.flush()
    return hall


def add_hirer(
    session: Session,
    name: str,
    *,
    hirer_type: HirerType = HirerType.RESIDENT,
    organisation: str = "",
    phone: str = "07700 900123",
    postcode: str = "SE15 5AB",
) -> Hirer:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    hirer = Hirer(
        hirer_type=hirer_type,
        name=name,
        organisation=organisation,
        phone=phone,
        address="2 Test Street\nLondon",
        postcode=postcode,
        sort_key=hirer_sort_key(name, organisation),
        created_at=now,
        updated_at=now,
    )
    session.add(hirer)
    session.flush()
    for term in hirer_search_terms(name, organisation, phone, "", postcode):
        session.add(HirerSearchTerm(hirer_id=hirer.id, term=term))
    return hirer


def build_world(db: Database) -> World:
    """Two venues: one with a main hall that divides into halves plus a small room."""
    with db.write() as s:
        venue = add_venue(s, "Peckham Community Centre", facilities=frozenset({Facility.PARKING}))
        main = add_hall(
            s,
            venue,
            "Main Hall",
            capacity=120,
            setup_minutes=30,
            cleanup_minutes=30,
            facilities=frozenset({Facility.KITCHEN, Facility.STAGE}),
        )
        half_a = add_hall(s, venue, "Main Hall (north half)", capacity=60, parent=main)
        half_b = add_hall(
            s,
            venue,
            "Main Hall (south half)",
            capacity=60,
            parent=main,
            facilities=frozenset({Facility.KITCHEN}),
        )
        small = add_hall(s, venue, "Garden Room", capacity=20)
        other = add_venue(s, "Dulwich Library Hall", postcode="SE22 8HJ")
        other_hall = add_hall(
            s, other, "Reading Room", capacity=40, facilities=frozenset({Facility.KITCHEN})
        )
        hirer = add_hirer(s, "Zoë O'Brien-Smith")
        charity = add_hirer(
            s,
            "Łucja Żółć",
            hirer_type=HirerType.CHARITY,
            organisation="Peckham Toddler Group",
            phone="020 7946 0999",
        )
        kitchen = Extra(name="Kitchen use", price_pence=2500)
        s.add(kitchen)
        s.flush()
        return World(
            venue_id=venue.id,
            main_hall_id=main.id,
            half_a_id=half_a.id,
            half_b_id=half_b.id,
            small_hall_id=small.id,
            other_venue_id=other.id,
            other_hall_id=other_hall.id,
            hirer_id=hirer.id,
            charity_id=charity.id,
            kitchen_extra_id=kitchen.id,
        )


def add_booking(
    session: Session,
    *,
    hall_id: int,
    hirer_id: int,
    start: datetime,
    end: datetime,
    status: BookingStatus = BookingStatus.CONFIRMED,
    rate_type: RateType = RateType.PRIVATE,
    attendees: int = 30,
    charges: tuple[ChargeLine, ...] | None = None,
) -> Booking:
    """A booking row as the booking service would save it (for invoice/report tests).

    `charges` defaults to one hire line of £30/h for the booked time.
    """
    minutes = int((end - start).total_seconds() // 60)
    if charges is None:
        charges = (
            ChargeLine(
                ChargeKind.HIRE,
                "Hall hire",
                f"{minutes} min",
                3000,
                hourly_charge(3000, minutes),
                0,
            ),
        )
    booking = Booking(
        hall_id=hall_id,
        hirer_id=hirer_id,
        starts_at=start,
        ends_at=end,
        blocked_start=start,
        blocked_end=end,
        status=status,
        purpose="Birthday party",
        attendees=attendees,
        rate_type=rate_type,
        total_pence=sum(c.amount_pence + c.vat_pence for c in charges),
        created_at=start,
        created_by="factory",
        updated_at=start,
        updated_by="factory",
    )
    booking.charges = [
        BookingCharge(
            position=i,
            kind=c.kind,
            description=c.description,
            quantity=c.quantity,
            unit_pence=c.unit_pence,
            amount_pence=c.amount_pence,
            vat_rate_bp=c.vat_rate_bp,
        )
        for i, c in enumerate(charges, start=1)
    ]
    session.add(booking)
    session.flush()
    return booking
