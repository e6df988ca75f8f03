"""The calendar's pure geometry: periods, columns, block placement, shading, pixels.

No Qt and no database: `ui.calendar.layout`, `period`, `columns` and `describe` import
neither (checked below in a fresh interpreter).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta

from spacebank.domain.clock import LONDON
from spacebank.domain.enums import BookingStatus
from spacebank.services.booking_dto import BookingSummary, CalendarClosure, CalendarData
from spacebank.services.venue_dto import HallSummary
from ui.calendar.block_drag import BlockDrag
from ui.calendar.columns import day_columns, short_name, shown_halls, week_columns
from ui.calendar.describe import block_lines, cursor_text
from ui.calendar.layout import (
    ColumnSpec,
    Rect,
    ShadeKind,
    build_grid,
    fit_geometry,
    wall_minutes,
)
from ui.calendar.period import ViewMode, period, period_title, step
from ui.calendar.slot_choice import SlotChoice

SAT = date(2026, 12, 12)
HOURS = {d: (9 * 60, 23 * 60) for d in range(7)}


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def booking(booking_id: int, hall_id: int, start: datetime, end: datetime, *,
            buffers: int = 0, status: BookingStatus = BookingStatus.CONFIRMED) -> BookingSummary:
    return BookingSummary(
        id=booking_id, reference=f"BK-{booking_id:06d}", hall_id=hall_id, hall_name="Hall",
        venue_name="Venue", hirer_id=1, hirer_name="Zoë O'Brien-Smith", series_id=None,
        start=start, end=end, blocked_start=start - timedelta(minutes=buffers),
        blocked_end=end + timedelta(minutes=buffers), status=status, purpose="Birthday party",
        attendees=30, total_pence=9000, hold_expires_at=None,
    )


def column(hall_id: int, venue_id: int = 1, day: date = SAT, **kw: object) -> ColumnSpec:
    return ColumnSpec(hall_id=hall_id, venue_id=venue_id, day=day, title=f"Hall {hall_id}",
                      group=f"Venue {venue_id}", **kw)  # type: ignore[arg-type]


def data(*bookings: BookingSummary, closures: tuple[CalendarClosure, ...] = (),
         holidays: dict[date, str] | None = None, hours: dict | None = None,
         open_venues: frozenset[int] = frozenset()) -> CalendarData:
    return CalendarData(bookings, closures, holidays or {},
                        hours if hours is not None else {1: HOURS, 2: HOURS}, open_venues)


def hall(hall_id: int, venue_id: int, name: str, venue: str, parent: tuple[int, str] | None
         = None) -> HallSummary:
    return HallSummary(
        id=hall_id, venue_id=venue_id, venue_name=venue, name=name, capacity=60,
        facilities=frozenset(), own_facilities=frozenset(),
        parent_id=parent[0] if parent else None, parent_name=parent[1] if parent else None,
        min_booking_minutes=60, setup_minutes=0, cleanup_minutes=0, deposit_pence=0,
        active=True, venue_active=True,
    )


# -- periods -----------------------------------------------------------------------------


def test_periods_and_steps() -> None:
    assert period(ViewMode.DAY, SAT) == (SAT, SAT)
    assert period(ViewMode.WEEK, SAT) == (date(2026, 12, 7), date(2026, 12, 13))
    first, last = period(ViewMode.MONTH, SAT)
    assert first == date(2026, 11, 30) and first.weekday() == 0
    assert (last - first).days == 41
    assert step(ViewMode.DAY, SAT, 1) == date(2026, 12, 13)
    assert step(ViewMode.WEEK, SAT, -1) == date(2026, 12, 5)
    assert step(ViewMode.MONTH, date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert step(ViewMode.MONTH, date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert step(ViewMode.MONTH, date(2027, 1, 15), -1) == date(2026, 12, 15)
    assert period_title(ViewMode.DAY, SAT) == "Saturday 12 December 2026"
    assert period_title(ViewMode.WEEK, SAT) == "7–13 December 2026"
    assert period_title(ViewMode.WEEK, date(2026, 12, 31)) == "28 Dec 2026 – 3 Jan 2027"
    assert period_title(ViewMode.MONTH, SAT) == "December 2026"


# -- columns -----------------------------------------------------------------------------


def test_columns_group_halls_by_venue_and_name_parts_briefly() -> None:
    halls = [
        hall(5, 2, "Reading Room", "Dulwich Library Hall"),
        hall(1, 1, "Main Hall", "Peckham Community Centre"),
        hall(2, 1, "Main Hall (north half)", "Peckham Community Centre", (1, "Main Hall")),
    ]
    assert [h.id for h in shown_halls(halls, None, None)] == [5, 1, 2]
    assert [h.id for h in shown_halls(halls, 1, None)] == [1, 2]
    assert [h.id for h in shown_halls(halls, 1, 2)] == [2]
    columns = day_columns(shown_halls(halls, 1, None), SAT)
    assert [(c.hall_id, c.group, c.day) for c in columns] == [
        (1, "Peckham Community Centre", SAT), (2, "Peckham Community Centre", SAT)]
    assert columns[0].family == frozenset({2}) and columns[1].family == frozenset({1})
    assert short_name(halls[2]) == "North half"
    assert short_name(halls[0]) == "Reading Room"
    days = [date(2026, 12, 7 + i) for i in range(7)]
    one = week_columns([halls[0]], days)
    assert [c.title for c in one][:2] == ["Mon 7 Dec", "Tue 8 Dec"]
    assert {c.group for c in one} == {"Reading Room — Dulwich Library Hall"}
    venue_week = week_columns(shown_halls(halls, 1, None), days)
    assert len(venue_week) == 14
    assert [(c.title, c.group) for c in venue_week[:2]] == [
        ("Main Hall", "Mon 7 Dec"), ("North half", "Mon 7 Dec")]


# -- placing bookings --------------------------------------------------------------------


def test_bookings_land_in_their_hall_and_minutes_with_buffers() -> None:
    columns = [column(1), column(2)]
    party = booking(10, 2, at(SAT, 14), at(SAT, 16), buffers=30)
    grid = build_grid(columns, data(party))
    assert grid.axis.first_minute == 9 * 60 and grid.axis.last_minute == 23 * 60
    assert grid.axis.rows == 56
    (block,) = grid.blocks
    assert (block.column, block.start, block.end) == (1, 14 * 60, 16 * 60)
    assert (block.blocked_start, block.blocked_end) == (13 * 60 + 30, 16 * 60 + 30)
    assert grid.block_at(1, 15 * 60).booking_id == 10  # type: ignore[union-attr]
    assert grid.block_at(1, 13 * 60 + 45).booking_id == 10  # type: ignore[union-attr]
    assert grid.block_at(1, 16 * 60 + 30) is None
    assert grid.block_at(0, 15 * 60) is None
    assert grid.column_of(2, SAT) == 1 and grid.column_of(3, SAT) is None


def test_overlapping_cancelled_booking_gets_a_lane_and_loses_hit_tests() -> None:
    live = booking(1, 1, at(SAT, 14), at(SAT, 16))
    gone = booking(2, 1, at(SAT, 15), at(SAT, 17), status=BookingStatus.CANCELLED)
    later = booking(3, 1, at(SAT, 18), at(SAT, 19))
    grid = build_grid([column(1)], data(live, gone, later))
    lanes = {b.booking_id: (b.lane, b.lanes) for b in grid.blocks}
    assert lanes == {1: (0, 2), 2: (1, 2), 3: (0, 1)}
    assert grid.block_at(0, 15 * 60 + 30).booking_id == 1  # type: ignore[union-attr]
    assert grid.block_at(0, 16 * 60 + 30).booking_id == 2  # type: ignore[union-attr]


def test_a_booking_past_midnight_is_clipped_to_its_day() -> None:
    late = booking(1, 1, at(SAT, 22), at(date(2026, 12, 13), 1), buffers=15)
    grid = build_grid([column(1), column(1, day=date(2026, 12, 13))], data(late))
    first, second = sorted(grid.blocks, key=lambda b: b.column)
    assert (first.start, first.end, first.blocked_end) == (22 * 60, 24 * 60, 24 * 60)
    assert (second.column, second.start, second.end, second.blocked_end) == (1, 0, 60, 75)
    assert grid.axis.first_minute == 0 and grid.axis.last_minute == 24 * 60
    assert wall_minutes(at(date(2026, 12, 13), 1), SAT) == 25 * 60


def test_closed_hours_closures_and_bank_holidays_are_shaded() -> None:
    xmas = date(2026, 12, 25)
    hours = {1: {d: (10 * 60, 22 * 60) for d in range(7)}, 2: {0: (9 * 60, 17 * 60)}}
    columns = [column(1, day=xmas, family=frozenset({9})), column(2, 1, day=xmas),
               column(3, 2, day=xmas), column(4, 1, day=SAT)]
    closures = (CalendarClosure(1, 1, 9, at(SAT, 9), at(SAT, 12), "Boiler repair"),
                CalendarClosure(2, 1, 2, at(xmas, 20), at(date(2026, 12, 26), 8), "Painting"))
    grid = build_grid(columns, data(closures=closures, holidays={xmas: "Christmas Day"},
                                    hours=hours, open_venues=frozenset({2})))
    assert (grid.axis.first_minute, grid.axis.last_minute) == (10 * 60, 22 * 60)
    # Venue 2 is closed on Fridays: the whole column is shaded, no holiday over it.
    shade = grid.shade_at(2, 12 * 60)
    assert shade is not None and shade.kind is ShadeKind.CLOSED
    assert shade.label == "Closed on Fridays"
    holiday = grid.shade_at(0, 12 * 60)
    assert holiday is not None and holiday.kind is ShadeKind.HOLIDAY
    assert holiday.label == "Bank holiday: Christmas Day"
    assert grid.holidays == {0: "Christmas Day", 1: "Christmas Day", 2: "Christmas Day"}
    painting = grid.shade_at(1, 21 * 60)
    assert painting is not None and painting.kind is ShadeKind.CLOSURE
    assert (painting.start, painting.end, painting.label) == (20 * 60, 22 * 60,
                                                              "Closed: Painting")
    # Column 4's hall is not hall 9 and has no family: the boiler closure is not its.
    assert grid.shade_at(3, 10 * 60 + 30) is None
    family = build_grid([column(4, day=SAT, family=frozenset({9}))], data(closures=closures))
    assert family.shade_at(0, 10 * 60).kind is ShadeKind.CLOSURE  # type: ignore[union-attr]
    assert family.shade_at(0, 9 * 60) is not None


# -- pixels ------------------------------------------------------------------------------


def test_geometry_maps_blocks_and_cells_to_pixels() -> None:
    party = booking(10, 2, at(SAT, 14), at(SAT, 16), buffers=30)
    grid = build_grid([column(1), column(2)], data(party))
    geometry = fit_geometry(grid, 1000, 560, min_column_width=140, min_slot_height=8)
    assert geometry.column_width == 500 and geometry.slot_height == 10
    (block,) = grid.blocks
    assert geometry.block_rect(block) == Rect(503, 200, 494, 80)
    assert geometry.blocked_rect(block) == Rect(503, 180, 494, 120)
    assert geometry.cell_at(510, 205) == (1, 20)
    assert grid.axis.minute_of_row(20) == 14 * 60
    assert geometry.cell_at(1001, 5) is None
    narrow = fit_geometry(grid, 200, 100, min_column_width=140, min_slot_height=8)
    assert narrow.column_width == 140 and narrow.slot_height == 8
    assert narrow.width == 280 and narrow.height == 56 * 8


def test_words_on_blocks_and_for_the_cursor() -> None:
    hold = booking(7, 1, at(SAT, 14), at(SAT, 16), status=BookingStatus.PROVISIONAL)
    assert block_lines(hold, 1) == ["14:00 Zoë O'Brien-Smith"]
    assert block_lines(hold, 2) == ["Zoë O'Brien-Smith", "Hold · 14:00–16:00"]
    assert block_lines(hold, 5) == ["Zoë O'Brien-Smith", "Birthday party",
                                    "Hold · 14:00–16:00", "BK-000007"]
    assert block_lines(hold, 3, narrow=True) == ["Zoë O'Brien-Smith", "14:00", "Birthday party"]
    spec = column(1, hall_name="Main Hall", venue_name="Peckham Community Centre")
    assert cursor_text(spec, 14 * 60, 15 * 60, None, None) == (
        "Main Hall, Peckham Community Centre, Sat 12 Dec 2026, 14:00–15:00: free "
        "— Enter starts a booking")
    assert "BK-000007 hold" in cursor_text(spec, 14 * 60, 14 * 60 + 15, hold, None)


def test_pure_modules_import_without_qt() -> None:
    code = ("import sys; import ui.calendar.layout, ui.calendar.period, ui.calendar.columns, "
            "ui.calendar.describe, ui.calendar.block_drag; "
            "assert 'PySide6' not in sys.modules, sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_dragged_booking_keeps_its_grip_snaps_to_slots_and_stays_in_the_day() -> None:
    grid = build_grid([column(1), column(2)], data(booking(10, 1, at(SAT, 14), at(SAT, 16))))
    (block,) = grid.blocks
    row = grid.axis.row_of_minute
    held = BlockDrag.pick_up(block, grid, row(15 * 60))  # an hour into it
    assert held.drop(grid) is None  # picked up, not moved
    assert held.over(grid, 0, row(15 * 60)).drop(grid) is None  # wobbled in place
    moved = held.over(grid, 1, row(18 * 60 + 5))  # the 18:00 slot: starts at 17:00
    assert moved.drop(grid) == SlotChoice(2, datetime(2026, 12, 12, 17), datetime(2026, 12, 12, 19))
    late = held.over(grid, 1, row(22 * 60 + 45))  # would run past 23:00: ends at closing
    assert late.drop(grid) == SlotChoice(2, datetime(2026, 12, 12, 21), datetime(2026, 12, 12, 23))
    early = held.over(grid, 1, row(9 * 60))  # would start before 09:00
    assert early.drop(grid).start == datetime(2026, 12, 12, 9)  # type: ignore[union-attr]
