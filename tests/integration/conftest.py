"""Fixtures for service tests: a small world of venues, halls and hirers."""

from __future__ import annotations

import pytest

from spacebank.services.availability_service import AvailabilityService
from spacebank.services.booking_service import BookingService
from spacebank.services.context import ServiceContext
from spacebank.storage.database import Database
from tests.factories import World, build_world


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


@pytest.fixture
def bookings(ctx: ServiceContext) -> BookingService:
    return BookingService(ctx)


@pytest.fixture
def availability(ctx: ServiceContext) -> AvailabilityService:
    return AvailabilityService(ctx)
