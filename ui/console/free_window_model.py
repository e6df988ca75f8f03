"""Nearest free times of halls that would suit the caller but are taken then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from spacebank.services.booking_dto import FreeWindow
from ui.console.formatting import short_day_text, span_text
from ui.row_table_model import RowTableModel

HALL, VENUE, DAY, FREE, OFFER = range(5)
_HEADERS = ("Hall", "Venue", "Day", "Free", "Booking (Enter)")
HALL_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class NearestFree:
    """One free stretch of a hall, and the slot of the asked length it offers."""

    hall_name: str
    venue_name: str
    window: FreeWindow
    #: The length the caller asked for; the offer starts when the window does.
    minutes: int

    @property
    def hall_id(self) -> int:
        return self.window.hall_id

    @property
    def offer_start(self) -> datetime:
        return self.window.start

    @property
    def offer_end(self) -> datetime:
        return self.window.start + timedelta(minutes=self.minutes)


class FreeWindowTableModel(RowTableModel[NearestFree]):
    """Rows are `NearestFree` (a `FreeWindow` DTO with its hall's names), grouped by hall."""

    id_role = HALL_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_HEADERS, parent, header_tips={
            OFFER: "The slot of the length asked for that Enter puts in the booking dialog"})

    def clear(self) -> None:
        self.set_rows(())

    def row_id(self, item: NearestFree) -> int:
        return item.hall_id

    def tooltip(self, row: NearestFree, column: int) -> str:
        return (f"{row.hall_name} is free {short_day_text(row.window.start.date())} "
                f"{span_text(row.window.start, row.window.end)}; Enter books "
                f"{span_text(row.offer_start, row.offer_end)}.")

    def cell(self, row: NearestFree, column: int) -> str:
        if column == HALL:
            return row.hall_name
        if column == VENUE:
            return row.venue_name
        if column == DAY:
            return short_day_text(row.window.start.date())
        if column == FREE:
            return span_text(row.window.start, row.window.end)
        if column == OFFER:
            return span_text(row.offer_start, row.offer_end)
        return ""
