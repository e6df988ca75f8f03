"""The free halls for the caller's slot, as the availability service ranked them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from spacebank.domain.enums import RateType
from spacebank.domain.money import format_pence
from spacebank.services.booking_dto import HallOption
from ui.console.formatting import facilities_text

_Index = QModelIndex | QPersistentModelIndex

HALL, VENUE, CAPACITY, FACILITIES, DISTANCE, COMMUNITY, PRIVATE, COMMERCIAL = range(8)
_HEADERS = ("Hall", "Venue", "Capacity", "Facilities", "Where", "Community", "Private",
            "Commercial")
_PRICE_COLUMNS = {COMMUNITY: RateType.COMMUNITY, PRIVATE: RateType.PRIVATE,
                  COMMERCIAL: RateType.COMMERCIAL}
_DISTANCE = {0: "same district", 1: "same area", 2: "further away"}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: The hall id of a row, for views and tests.
HALL_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class HallOptionTableModel(QAbstractTableModel):
    """Rows are `HallOption` DTOs in the service's order; never re-sorted here."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[HallOption, ...] = ()
        self._near = False

    def set_options(self, options: Sequence[HallOption], *, near_given: bool) -> None:
        self.beginResetModel()
        self._rows = tuple(options)
        self._near = near_given
        self.endResetModel()

    def clear(self) -> None:
        self.set_options((), near_given=False)

    def option_at(self, row: int) -> HallOption | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def hall_ids(self) -> list[int]:
        return [o.hall_id for o in self._rows]

    # -- Qt ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (CAPACITY, *_PRICE_COLUMNS):
            return int(_RIGHT)
        if role == Qt.ItemDataRole.ToolTipRole and section in _PRICE_COLUMNS:
            return f"Quoted hire for the slot at the {_HEADERS[section].lower()} rate"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        option = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(option, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CAPACITY, *_PRICE_COLUMNS):
            return int(_RIGHT)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FACILITIES:  # the column may be too narrow to show them all
                return facilities_text(option.facilities) or "No listed facilities"
            return self._tooltip(option)
        if role == HALL_ID_ROLE:
            return option.hall_id
        return None

    def _text(self, option: HallOption, column: int) -> str:
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

    def _tooltip(self, option: HallOption) -> str:
        return (f"{option.hall_name}, {option.venue_name} ({option.postcode}) — up to "
                f"{option.capacity} people. Enter books it.")
