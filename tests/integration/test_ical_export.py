"""The .ics export parsed back with icalendar: times, zones, UIDs, status, privacy."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from icalendar import Calendar

from spacebank.domain.clock import LONDON
from spacebank.reports.ical_export import write_ics
from spacebank.reports.scope import Scope
from spacebank.services.context import ServiceContext
from tests.conftest import FrozenClock
from tests.report_world import PERIOD, ReportWorld, build_report_world


@pytest.fixture
def rw(ctx: ServiceContext, clock: FrozenClock) -> ReportWorld:
    return build_report_world(ctx, clock)


def _events(ctx: ServiceContext, scope: Scope) -> tuple[Calendar, dict[str, object]]:
    out = io.BytesIO()
    write_ics(ctx.db, PERIOD, scope, out)
    calendar = Calendar.from_ical(out.getvalue())
    return calendar, {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_main_hall_events_keep_london_times_across_the_clocks_change(
    ctx: ServiceContext, rw: ReportWorld
) -> None:
    calendar, events = _events(ctx, Scope(hall_id=rw.world.main_hall_id))
    # Bookings 1 (BST) and 2 (GMT); 8 is after the period.
    assert set(events) == {f"booking-{rw.bookings[n]}@spacebank" for n in (1, 2)}
    bst = events[f"booking-{rw.bookings[1]}@spacebank"]
    gmt = events[f"booking-{rw.bookings[2]}@spacebank"]
    assert bst.decoded("dtstart") == datetime(2026, 3, 29, 10, tzinfo=LONDON)
    assert bst.decoded("dtstart").utcoffset().total_seconds() == 3600
    assert gmt.decoded("dtstart") == datetime(2026, 3, 24, 18, tzinfo=LONDON)
    assert gmt.decoded("dtend").utcoffset().total_seconds() == 0
    assert bst["dtstart"].params["TZID"] == "Europe/London"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(bst["status"]) == "CONFIRMED"
    # Set-up and clean-up of 30 minutes each: the key holder opens at 09:30.
    assert "09:30–12:30" in str(bst["description"])
    text = str(bst["summary"]) + str(bst["description"]) + str(bst["location"])
    assert "Zoë" not in text and "07700" not in text  # nothing about the hirer


def test_venue_export_has_holds_cancellations_and_lapsed_holds_as_cancelled(
    ctx: ServiceContext, rw: ReportWorld
) -> None:
    _, events = _events(ctx, Scope(venue_id=rw.world.venue_id))
    status = {uid: str(e["status"]) for uid, e in events.items()}
    assert status == {
        f"booking-{rw.bookings[1]}@spacebank": "CONFIRMED",
        f"booking-{rw.bookings[2]}@spacebank": "CONFIRMED",  # completed
        f"booking-{rw.bookings[3]}@spacebank": "CONFIRMED",
        f"booking-{rw.bookings[4]}@spacebank": "CANCELLED",
        f"booking-{rw.bookings[5]}@spacebank": "TENTATIVE",
    }
    _, other = _events(ctx, Scope(venue_id=rw.world.other_venue_id))
    # The expired hold, so a diary that took it as tentative drops it.
    assert str(other[f"booking-{rw.bookings[7]}@spacebank"]["status"]) == "CANCELLED"


def test_uids_are_stable_between_exports(ctx: ServiceContext, rw: ReportWorld) -> None:
    first = io.BytesIO()
    second = io.BytesIO()
    write_ics(ctx.db, PERIOD, Scope(), first)
    write_ics(ctx.db, PERIOD, Scope(), second)
    assert first.getvalue() == second.getvalue()
