"""Where things go on the day and week grids: columns, time rows, blocks, shading.

Pure (no Qt, no database): built once per fetch from a `CalendarData`, so painting only
reads what is here. Minutes are London wall-clock minutes after the column day's
midnight (a booking that runs past midnight is clipped to its day's column).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from spacebank.domain.enums import BLOCKING_STATUSES
from spacebank.services.booking_dto import BookingSummary, CalendarData

DAY_MINUTES = 24 * 60
#: Shown when no column's venue is open on the days in view.
DEFAULT_HOURS = (9 * 60, 23 * 60)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class ColumnSpec:
    """One column: a hall on a day."""

    hall_id: int
    venue_id: int
    day: date
    #: The column header ("Main Hall", or "Sat 21" in a hall's week).
    title: str
    #: The spanning header above it (the venue, or the day in a venue's week).
    group: str
    #: Other halls whose closures shut this one too (the hall it is part of, its parts).
    family: frozenset[int] = frozenset()
    tooltip: str = ""
    hall_name: str = ""
    venue_name: str = ""


@dataclass(frozen=True)
class Group:
    title: str
    first: int
    last: int


@dataclass(frozen=True)
class TimeAxis:
    first_minute: int
    last_minute: int
    slot_minutes: int = 15

    @property
    def rows(self) -> int:
        return max(1, (self.last_minute - self.first_minute) // self.slot_minutes)

    def minute_of_row(self, row: int) -> int:
        return self.first_minute + row * self.slot_minutes

    def row_of_minute(self, minute: int) -> int:
        """The row a minute falls in, clamped to the axis."""
        row = (minute - self.first_minute) // self.slot_minutes
        return min(max(row, 0), self.rows - 1)


class ShadeKind(StrEnum):
    #: Outside the venue's opening hours.
    CLOSED = "closed"
    #: A closure (repairs, polling station…), with its reason.
    CLOSURE = "closure"
    #: A bank holiday on which the venue closes.
    HOLIDAY = "holiday"


@dataclass(frozen=True)
class Shade:
    column: int
    start: int
    end: int
    kind: ShadeKind
    label: str = ""


@dataclass(frozen=True)
class Block:
    """A booking placed in a column; side-by-side lanes only where blocks overlap
    (a cancelled booking shown beside the one that replaced it)."""

    booking: BookingSummary
    column: int
    start: int
    end: int
    blocked_start: int
    blocked_end: int
    lane: int = 0
    lanes: int = 1

    @property
    def booking_id(self) -> int:
        return self.booking.id

    @property
    def live(self) -> bool:
        return self.booking.status in BLOCKING_STATUSES


@dataclass(frozen=True)
class GridModel:
    columns: tuple[ColumnSpec, ...]
    groups: tuple[Group, ...]
    axis: TimeAxis
    blocks: tuple[Block, ...]
    shades: tuple[Shade, ...]
    #: Column index -> its blocks / shades (indexes into the tuples above).
    by_column: dict[int, tuple[Block, ...]] = field(default_factory=dict)
    shades_by_column: dict[int, tuple[Shade, ...]] = field(default_factory=dict)
    #: Columns whose day is a bank holiday: index -> name (even if the venue opens).
    holidays: dict[int, str] = field(default_factory=dict)
    today: date | None = None
    #: Minutes after midnight now, for the "now" line in today's columns.
    now_minute: int | None = None

    def blocks_in(self, column: int) -> tuple[Block, ...]:
        return self.by_column.get(column, ())

    def shades_in(self, column: int) -> tuple[Shade, ...]:
        return self.shades_by_column.get(column, ())

    def block_at(self, column: int, minute: int) -> Block | None:
        """The booking covering that minute of the column (its buffers included);
        a live booking wins over a cancelled one drawn beside it."""
        found = [b for b in self.blocks_in(column) if b.blocked_start <= minute < b.blocked_end]
        if not found:
            return None
        return min(found, key=lambda b: (not b.live, not b.start <= minute < b.end, b.lane))

    def block_of(self, booking_id: int) -> Block | None:
        return next((b for b in self.blocks if b.booking.id == booking_id), None)

    def column_of(self, hall_id: int, day: date) -> int | None:
        return next((i for i, c in enumerate(self.columns)
                     if c.hall_id == hall_id and c.day == day), None)

    def shade_at(self, column: int, minute: int) -> Shade | None:
        """The strongest shading over a minute: a closure or holiday before closed hours."""
        found = [s for s in self.shades_in(column) if s.start <= minute < s.end]
        order = (ShadeKind.CLOSURE, ShadeKind.HOLIDAY, ShadeKind.CLOSED)
        return min(found, key=lambda s: order.index(s.kind)) if found else None


def wall_minutes(moment: datetime, day: date) -> int:
    """Minutes after `day`'s midnight by the clock on the wall (London)."""
    return (moment.date() - day).days * DAY_MINUTES + moment.hour * 60 + moment.minute


def build_grid(columns: Sequence[ColumnSpec], data: CalendarData, *, today: date | None = None,
               now_minute: int | None = None, slot_minutes: int = 15) -> GridModel:
    """Place `data` on the columns; everything painting needs, computed once."""
    columns = tuple(columns)
    placed = _place_bookings(columns, data.bookings)
    axis = _axis(columns, data, placed, slot_minutes)
    shades = tuple(_shades(columns, data, axis))
    blocks = tuple(_lanes(placed))
    by_column: dict[int, list[Block]] = {}
    for block in blocks:
        by_column.setdefault(block.column, []).append(block)
    shades_by_column: dict[int, list[Shade]] = {}
    for shade in shades:
        shades_by_column.setdefault(shade.column, []).append(shade)
    holidays = {i: data.bank_holidays[c.day] for i, c in enumerate(columns)
                if c.day in data.bank_holidays}
    return GridModel(
        columns=columns, groups=tuple(_groups(columns)), axis=axis, blocks=blocks,
        shades=shades, by_column={k: tuple(v) for k, v in by_column.items()},
        shades_by_column={k: tuple(v) for k, v in shades_by_column.items()},
        holidays=holidays, today=today, now_minute=now_minute,
    )


def _groups(columns: Sequence[ColumnSpec]) -> Iterable[Group]:
    start = 0
    for i in range(1, len(columns) + 1):
        if i == len(columns) or columns[i].group != columns[start].group:
            yield Group(columns[start].group, start, i - 1)
            start = i


def _place_bookings(columns: Sequence[ColumnSpec],
                    bookings: Iterable[BookingSummary]) -> list[Block]:
    by_hall: dict[int, list[int]] = {}
    for i, column in enumerate(columns):
        by_hall.setdefault(column.hall_id, []).append(i)
    placed = []
    for booking in bookings:
        for i in by_hall.get(booking.hall_id, ()):
            day = columns[i].day
            blocked_start = wall_minutes(booking.blocked_start, day)
            blocked_end = wall_minutes(booking.blocked_end, day)
            if blocked_end <= 0 or blocked_start >= DAY_MINUTES:
                continue
            placed.append(Block(
                booking=booking, column=i,
                start=_clip(wall_minutes(booking.start, day)),
                end=_clip(wall_minutes(booking.end, day)),
                blocked_start=_clip(blocked_start), blocked_end=_clip(blocked_end),
            ))
    return placed


def _clip(minute: int) -> int:
    return min(max(minute, 0), DAY_MINUTES)


def _lanes(blocks: list[Block]) -> Iterable[Block]:
    """Side-by-side lanes for overlapping blocks of one column (interval partitioning)."""
    by_column: dict[int, list[Block]] = {}
    for block in blocks:
        by_column.setdefault(block.column, []).append(block)
    for column_blocks in by_column.values():
        column_blocks.sort(key=lambda b: (b.blocked_start, not b.live, b.booking.id))
        cluster: list[tuple[Block, int]] = []  # blocks that overlap, directly or not
        lane_ends: list[int] = []
        cluster_end = 0
        for block in column_blocks:
            if cluster and block.blocked_start >= cluster_end:
                yield from _finish(cluster, len(lane_ends))
                cluster, lane_ends = [], []
            if not cluster:
                cluster_end = block.blocked_end
            lane = next((i for i, end in enumerate(lane_ends) if end <= block.blocked_start),
                        len(lane_ends))
            if lane == len(lane_ends):
                lane_ends.append(block.blocked_end)
            else:
                lane_ends[lane] = block.blocked_end
            cluster.append((block, lane))
            cluster_end = max(cluster_end, block.blocked_end)
        yield from _finish(cluster, len(lane_ends))


def _finish(cluster: list[tuple[Block, int]], lanes: int) -> Iterable[Block]:
    for block, lane in cluster:
        yield Block(block.booking, block.column, block.start, block.end, block.blocked_start,
                    block.blocked_end, lane, lanes)


def _hours(data: CalendarData, column: ColumnSpec) -> tuple[int, int] | None:
    return data.opening_hours.get(column.venue_id, {}).get(column.day.weekday())


def _axis(columns: Sequence[ColumnSpec], data: CalendarData, blocks: Sequence[Block],
          slot_minutes: int) -> TimeAxis:
    spans = [h for h in (_hours(data, c) for c in columns) if h]
    first, last = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans \
        else DEFAULT_HOURS
    for block in blocks:
        first, last = min(first, block.blocked_start), max(last, block.blocked_end)
    first = (first // 60) * 60
    last = min(DAY_MINUTES, math.ceil(last / 60) * 60)
    return TimeAxis(first, max(last, first + 60), slot_minutes)


def _shades(columns: Sequence[ColumnSpec], data: CalendarData,
            axis: TimeAxis) -> Iterable[Shade]:
    for i, column in enumerate(columns):
        hours = _hours(data, column)
        if hours is None:
            yield Shade(i, axis.first_minute, axis.last_minute, ShadeKind.CLOSED,
                        f"Closed on {WEEKDAY_NAMES[column.day.weekday()]}s")
            opens, closes = axis.first_minute, axis.last_minute
        else:
            opens, closes = hours
            if opens > axis.first_minute:
                yield Shade(i, axis.first_minute, opens, ShadeKind.CLOSED, "Closed")
            if closes < axis.last_minute:
                yield Shade(i, closes, axis.last_minute, ShadeKind.CLOSED, "Closed")
        holiday = data.bank_holidays.get(column.day)
        if holiday and column.venue_id not in data.open_on_bank_holidays and hours:
            yield Shade(i, opens, closes, ShadeKind.HOLIDAY, f"Bank holiday: {holiday}")
        shut_halls = column.family | {column.hall_id}
        for closure in data.closures:
            if closure.venue_id != column.venue_id:
                continue
            if closure.hall_id is not None and closure.hall_id not in shut_halls:
                continue
            start = wall_minutes(closure.start, column.day)
            end = wall_minutes(closure.end, column.day)
            if end <= axis.first_minute or start >= axis.last_minute:
                continue
            yield Shade(i, max(start, axis.first_minute), min(end, axis.last_minute),
                        ShadeKind.CLOSURE, f"Closed: {closure.reason}")


# -- pixels ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom


@dataclass(frozen=True)
class Geometry:
    """Pixels of the grid's body (no headers): column i spans
    [i * column_width, (i + 1) * column_width); a slot is `slot_height` tall."""

    columns: int
    axis: TimeAxis
    column_width: float
    slot_height: float
    #: Space left between a block and its column's edges.
    gap: float = 3.0

    @property
    def width(self) -> float:
        return self.columns * self.column_width

    @property
    def height(self) -> float:
        return self.axis.rows * self.slot_height

    def y_of(self, minute: int) -> float:
        return (minute - self.axis.first_minute) / self.axis.slot_minutes * self.slot_height

    def column_at(self, x: float) -> int | None:
        column = math.floor(x / self.column_width)
        return column if 0 <= column < self.columns else None

    def row_at(self, y: float) -> int | None:
        row = math.floor(y / self.slot_height)
        return row if 0 <= row < self.axis.rows else None

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        column, row = self.column_at(x), self.row_at(y)
        return None if column is None or row is None else (column, row)

    def minute_at(self, y: float) -> int:
        """The exact minute under a height (not snapped to the slot)."""
        return self.axis.first_minute + math.floor(y / self.slot_height * self.axis.slot_minutes)

    def cell_rect(self, column: int, first_row: int, last_row: int | None = None) -> Rect:
        last = first_row if last_row is None else last_row
        top, bottom = min(first_row, last), max(first_row, last) + 1
        return Rect(column * self.column_width, top * self.slot_height, self.column_width,
                    (bottom - top) * self.slot_height)

    def span_rect(self, column: int, start: int, end: int) -> Rect:
        top, bottom = self.y_of(start), self.y_of(end)
        return Rect(column * self.column_width, top, self.column_width, bottom - top)

    def _lane_x(self, block: Block) -> tuple[float, float]:
        inner = self.column_width - 2 * self.gap
        width = inner / block.lanes
        return block.column * self.column_width + self.gap + block.lane * width, width

    def block_rect(self, block: Block) -> Rect:
        """The booked time (what the hirer pays for)."""
        x, width = self._lane_x(block)
        top = self.y_of(block.start)
        return Rect(x, top, width, max(self.y_of(block.end) - top, 2.0))

    def blocked_rect(self, block: Block) -> Rect:
        """Booked time plus set-up and clean-up buffers."""
        x, width = self._lane_x(block)
        top = self.y_of(block.blocked_start)
        return Rect(x, top, width, max(self.y_of(block.blocked_end) - top, 2.0))


def fit_geometry(grid: GridModel, width: float, height: float, *, min_column_width: float,
                 min_slot_height: float, max_slot_height: float | None = None) -> Geometry:
    """Columns and rows stretched to fill the space, but never below the minimum
    (the view scrolls instead)."""
    columns = max(1, len(grid.columns))
    column_width = max(min_column_width, width / columns)
    slot_height = max(min_slot_height, height / grid.axis.rows)
    if max_slot_height is not None:
        slot_height = min(slot_height, max(min_slot_height, max_slot_height))
    return Geometry(len(grid.columns), grid.axis, math.floor(column_width),
                    math.floor(slot_height * 4) / 4)

