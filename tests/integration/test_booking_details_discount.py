"""BookingDetails carries the booking's discount, so an edit form can show and keep it."""

from __future__ import annotations

from datetime import datetime

from spacebank.domain.enums import DiscountKind
from spacebank.domain.pricing import Discount
from spacebank.services.booking_dto import BookingChange, BookingRequest
from spacebank.services.booking_service import BookingService
from tests.factories import World

SAT = datetime(2026, 12, 12)


def _request(world: World, discount: Discount | None) -> BookingRequest:
    return BookingRequest(hall_id=world.half_a_id, hirer_id=world.hirer_id,
                          start=SAT.replace(hour=14), end=SAT.replace(hour=18),
                          purpose="Birthday party", attendees=40, discount=discount)


def test_details_without_discount(bookings: BookingService, world: World) -> None:
    held = bookings.hold(_request(world, None))
    assert held.discount is None
    assert bookings.get(held.id).discount is None


def test_details_carry_the_validated_discount(bookings: BookingService, world: World) -> None:
    given = Discount(DiscountKind.PERCENT, 2500, "  Resident priority ", " A. Manager ")
    held = bookings.hold(_request(world, given))
    expected = Discount(DiscountKind.PERCENT, 2500, "Resident priority", "A. Manager")
    assert held.discount == expected
    assert bookings.get(held.id).discount == expected
    # Re-quoting with the discount shown gives the saved total: the form can keep it.
    assert bookings.quote(_request(world, held.discount)).total_pence == held.total_pence


def test_removing_the_discount_clears_it(bookings: BookingService, world: World) -> None:
    held = bookings.hold(_request(world, Discount(DiscountKind.WAIVER, 0, "Council use",
                                                  "A. Manager")))
    assert held.discount is not None and held.discount.kind is DiscountKind.WAIVER
    changed = bookings.change(held.id, BookingChange(remove_discount=True),
                              expected_version=held.version)
    assert changed.discount is None
