"""The free halls for the caller's slot, as the availability service ranked them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from spacebank.domain.enums import RateType
from spacebank.domain.money import format_pence
from spacebank.services.booking_dto import HallOption
from ui.console.formatting import facilities_text
from ui.row_table_model import RowTableModel

HALL, VENUE, CAPACITY, FACILITIES, DISTANCE, COMMUNITY, PRIVATE, COMMERCIAL = range(8)
_HEADERS = ("Hall", "Venue", "Capacity", "Facilities", "Where", "Community", "Private",
            "Commercial")
_PRICE_COLUMNS = {COMMUNITY: RateType.COMMUNITY, PRIVATE: RateType.PRIVATE,
                  COMMERCIAL: RateType.COMMERCIAL}
_DISTANCE = {0: "same district", 1: "same area", 2: "further away"}
_PRICE_TIPS = {column: f"Quoted hire for the slot at the {_HEADERS[column].lower()} rate"
               for column in _PRICE_COLUMNS}
#: The hall id of a row, for views and tests.
HALL_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class HallOptionTableModel(RowTableModel[HallOption]):
    """Rows are `HallOption` DTOs in the service's order; never re-sorted here."""

    id_role = HALL_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(_HEADERS, parent, right_aligned=(CAPACITY, *_PRICE_COLUMNS),
                         align_headers=True, header_tips=_PRICE_TIPS)
        self._near = False

    def set_options(self, options: Sequence[HallOption], *, near_given: bool) -> None:
        self._near = near_given
        self.set_rows(options)

    def clear(self) -> None:
        self.set_options((), near_given=False)

    def hall_ids(self) -> list[int]:
        return [o.hall_id for o in self._rows]

    def row_id(self, item: HallOption) -> int:
        return item.hall_id

    def tooltip(self, option: HallOption, column: int) -> str:
        if column == FACILITIES:  # the column may be too narrow to show them all
            return facilities_text(option.facilities) or "No listed facilities"
        return (f"{option.hall_name}, {option.venue_name} ({option.postcode}) — up to "
                f"{option.capacity} people. Enter books it.")

    def cell(self, option: HallOption, column: int) -> str:
        if column == HALL:
            return option.hall_name
        if column == VENUE:
            return option.venue_name
        if column == CAPACITY:
            return str(option.capacity)
        if column == FACILITIES:
            return facilities_text(option.facilities) or "—"
        if column == DISTANCE:
            if not self._near:
                return option.postcode or "—"
            return f"{option.postcode} · {_DISTANCE.get(option.distance_rank, '')}".strip(" ·")
        rate_type = _PRICE_COLUMNS.get(column)
        if rate_type is None:
            return ""
        price = option.prices.get(rate_type)
        return "—" if price is None else format_pence(price)
