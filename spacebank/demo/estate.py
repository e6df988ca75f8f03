"""The catalogue as rows with ids, and the facts about each hall the planner needs."""

from __future__ import annotations

from dataclasses import dataclass

from spacebank.demo.venues import EXTRAS, VENUES, HallSpec, VenueSpec, hall_rates
from spacebank.domain.enums import RateType, TimeBand


@dataclass(slots=True)
class DemoHall:
    """What the planner needs to know about one hall (hours per weekday, family, rates)."""

    id: int
    venue_id: int
    name: str
    capacity: int
    min_booking_minutes: int
    setup_minutes: int
    cleanup_minutes: int
    deposit_pence: int
    parent_id: int | None
    #: (opens, closes) wall-clock minutes per weekday, None = closed.
    hours: tuple[tuple[int, int] | None, ...]
    open_on_bank_holidays: bool
    rates: dict[RateType, dict[TimeBand, int]]
    #: (extra id, name, price) of the extras this hall can offer.
    extras: tuple[tuple[int, str, int], ...]
    #: This hall, its parent and its parts: booking one blocks the others.
    family: tuple[int, ...] = ()


@dataclass
class Estate:
    venues: list[dict[str, object]]
    opening_hours: list[dict[str, object]]
    key_holders: list[dict[str, object]]
    halls: list[dict[str, object]]
    rates: list[dict[str, object]]
    extras: list[dict[str, object]]
    demo_halls: list[DemoHall]


def build_estate() -> Estate:
    """Rows of the fixed catalogue with ids from 1 (parent halls before their parts)."""
    extras = [
        {"id": i, "name": e.name, "price_pence": e.price_pence, "active": True}
        for i, e in enumerate(EXTRAS, 1)
    ]
    estate = Estate([], [], [], [], [], extras, [])
    for venue_id, venue in enumerate(VENUES, 1):
        estate.venues.append(
            {
                "id": venue_id,
                "name": venue.name,
                "address": f"{venue.street}\nLondon",
                "postcode": venue.postcode,
                "access_notes": venue.access_notes,
                "on_the_day_phone": venue.on_the_day_phone,
                "facilities": venue.facilities,
                "open_on_bank_holidays": venue.open_on_bank_holidays,
                "active": True,
            }
        )
        for weekday, span in enumerate(venue.hours):
            if span is not None:
                estate.opening_hours.append(
                    {
                        "venue_id": venue_id,
                        "weekday": weekday,
                        "opens_min": span[0],
                        "closes_min": span[1],
                    }
                )
        for name, phone, role in venue.key_holders:
            estate.key_holders.append(
                {
                    "id": len(estate.key_holders) + 1,
                    "venue_id": venue_id,
                    "name": name,
                    "phone": phone,
                    "role": role,
                }
            )
        for spec in venue.halls:
            parent = _add_hall(estate, venue, venue_id, spec, None)
            for part in spec.parts:
                _add_hall(estate, venue, venue_id, part, parent.id)
    by_id = {h.id: h for h in estate.demo_halls}
    for hall in estate.demo_halls:
        family = {hall.id} | {h.id for h in estate.demo_halls if h.parent_id == hall.id}
        if hall.parent_id is not None:
            family.add(hall.parent_id)
        hall.family = tuple(sorted(family))
        assert all(f in by_id for f in hall.family)
    return estate


def _add_hall(
    estate: Estate, venue: VenueSpec, venue_id: int, spec: HallSpec, parent_id: int | None
) -> DemoHall:
    hall_id = len(estate.halls) + 1
    estate.halls.append(
        {
            "id": hall_id,
            "venue_id": venue_id,
            "parent_id": parent_id,
            "name": spec.name,
            "capacity": spec.capacity,
            "facilities": spec.facilities,
            "min_booking_minutes": spec.min_booking_minutes,
            "setup_minutes": spec.setup_minutes,
            "cleanup_minutes": spec.cleanup_minutes,
            "deposit_pence": spec.deposit_pence,
            "active": True,
        }
    )
    rates: dict[RateType, dict[TimeBand, int]] = {}
    for (rate_type, band), pence in hall_rates(spec.capacity).items():
        estate.rates.append(
            {
                "id": len(estate.rates) + 1,
                "hall_id": hall_id,
                "rate_type": rate_type,
                "band": band,
                "pence_per_hour": pence,
            }
        )
        rates.setdefault(rate_type, {})[band] = pence
    facilities = spec.facilities | venue.facilities
    offered = tuple(
        (i, e.name, e.price_pence)
        for i, e in enumerate(EXTRAS, 1)
        if e.needs is None or e.needs in facilities
    )
    hall = DemoHall(
        id=hall_id,
        venue_id=venue_id,
        name=spec.name,
        capacity=spec.capacity,
        min_booking_minutes=spec.min_booking_minutes,
        setup_minutes=spec.setup_minutes,
        cleanup_minutes=spec.cleanup_minutes,
        deposit_pence=spec.deposit_pence,
        parent_id=parent_id,
        hours=venue.hours,
        open_on_bank_holidays=venue.open_on_bank_holidays,
        rates=rates,
        extras=offered,
    )
    estate.demo_halls.append(hall)
    return hall
