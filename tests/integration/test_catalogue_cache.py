"""Cached hall facts and policy follow changes made at another desk."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from spacebank.domain.enums import RateType, TimeBand
from spacebank.services.availability_service import AvailabilityService
from spacebank.services.booking_dto import SlotQuery
from spacebank.services.context import ServiceContext
from spacebank.services.settings_service import SettingsService
from spacebank.services.venue_dto import HallInput
from spacebank.services.venue_service import VenueService
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import World

SLOT = SlotQuery(datetime(2026, 12, 12, 14), datetime(2026, 12, 12, 16), attendees=30)


def test_other_desk_changes_are_seen(db: Database, world: World, clock: FrozenClock) -> None:
    other_desk = Database(db.url)
    try:
        here = AvailabilityService(ServiceContext(db, "desk.a", clock))
        there = ServiceContext(other_desk, "desk.b", clock)
        before = {o.hall_id: o for o in here.free_halls(SLOT)}
        assert world.small_hall_id not in before  # holds 20
        hall = VenueService(there).get_hall(world.small_hall_id).hall
        VenueService(there).update_hall(
            world.small_hall_id,
            HallInput(venue_id=hall.venue_id, name=hall.name, capacity=80, deposit_pence=0),
        )
        VenueService(there).set_rate(
            world.other_hall_id, RateType.PRIVATE, TimeBand.EVENING_WEEKEND, 9900
        )
        after = {o.hall_id: o for o in here.free_halls(SLOT)}
        assert world.small_hall_id in after
        assert after[world.other_hall_id].prices[RateType.PRIVATE] == 2 * 9900
        later = (datetime(2027, 1, 2, 14), datetime(2027, 1, 2, 16))  # 42 days ahead
        assert here.check(world.small_hall_id, *later).free
        settings = SettingsService(there)
        settings.update_policy(replace(settings.policy(), max_advance_days=30))
        assert not here.check(world.small_hall_id, *later).free
    finally:
        other_desk.dispose()
