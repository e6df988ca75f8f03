"""Dragging a booking to another hall or time in the calendar grid (no Qt widgets here).

The drag only proposes a place: dropping opens the Move dialog on it, so a drag is
checked and priced exactly like a move typed in by keyboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from ui.calendar.layout import Block, GridModel
from ui.calendar.slot_choice import SlotChoice


@dataclass(frozen=True)
class BlockDrag:
    """A booking picked up with the mouse: which, and where in it the mouse held it."""

    booking_id: int
    column: int
    start: int
    length: int
    #: Minutes from the block's start to the pressed slot, so the block keeps its grip.
    grip: int
    #: Where it would land now: (column, start minute), or None while still in place.
    target: tuple[int, int] | None = None

    @classmethod
    def pick_up(cls, block: Block, grid: GridModel, pressed_row: int) -> BlockDrag:
        grip = grid.axis.minute_of_row(pressed_row) - block.start
        return cls(block.booking_id, block.column, block.start, block.end - block.start,
                   max(grip, 0))

    def over(self, grid: GridModel, column: int, row: int) -> BlockDrag:
        """The drag with the mouse over (column, row): the start snaps to the grid's slots
        and stays inside the shown hours."""
        axis = grid.axis
        start = axis.minute_of_row(row) - self.grip
        start -= (start - axis.first_minute) % axis.slot_minutes
        start = min(max(start, axis.first_minute), axis.last_minute - self.length)
        place = (column, start)
        return BlockDrag(self.booking_id, self.column, self.start, self.length, self.grip,
                         None if place == (self.column, self.start) else place)

    def drop(self, grid: GridModel) -> SlotChoice | None:
        """The proposed new place, or None if the booking was put back where it was."""
        if self.target is None:
            return None
        column, start = self.target
        spec = grid.columns[column]
        midnight = datetime.combine(spec.day, time(0))
        return SlotChoice(spec.hall_id, midnight + timedelta(minutes=start),
                          midnight + timedelta(minutes=start + self.length))
