"""The needs-attention list: one `AttentionItem` per row, soonest due first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from spacebank.services.attention_service import AttentionItem
from ui.bookings.bookings_table_model import BOOKING_ID_ROLE, time_text
from ui.row_table_model import RowTableModel

DUE, REFERENCE, EVENT, HALL, HIRER, REASON = range(6)
HEADERS = ("Due", "Reference", "Event", "Where", "Hirer", "What is outstanding")


def due_text(due: datetime, today: date | None = None) -> str:
    """'Today 18:00', 'Tomorrow 10:00' or 'Mon 23 Nov 10:00'."""
    offset = (due.date() - today).days if today is not None else None
    if offset == 0:
        return f"Today {due:%H:%M}"
    if offset == 1:
        return f"Tomorrow {due:%H:%M}"
    return f"{due:%a} {due.day} {due:%b %H:%M}"


class AttentionModel(RowTableModel[AttentionItem]):
    id_role = BOOKING_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent,
                         header_tips={DUE: "When the hold lapses, or when the event starts"})
        self._today: date | None = None

    def set_items(self, items: Sequence[AttentionItem], today: date | None = None) -> None:
        self._today = today
        self.set_rows(items)

    def counts(self) -> tuple[int, int]:
        """(holds lapsing soon, short-notice bookings with something outstanding)."""
        return (sum(1 for i in self._rows if i.hold_expiring),
                sum(1 for i in self._rows if i.short_notice))

    def row_id(self, item: AttentionItem) -> int:
        return item.booking.id

    def cell(self, item: AttentionItem, column: int) -> str:
        b = item.booking
        texts = (
            due_text(item.due, self._today), b.reference,
            f"{b.start:%a} {b.start.day} {b.start:%b} {time_text(b.start, b.end)}",
            f"{b.hall_name}, {b.venue_name}", b.hirer_name,
            item.reason,
        )
        return texts[column] if 0 <= column < len(texts) else ""

    def tooltip(self, item: AttentionItem, column: int) -> str:
        return f"{item.booking.reference}: {item.reason}. Enter opens the booking."
