"""The month overview as a 6 × 7 table of days (Monday first) with their occupancy."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from spacebank.services.occupancy import ClosureNote, DayOccupancy
from ui.calendar import colours
from ui.calendar.period import MONTH_GRID_WEEKS

_Index = QModelIndex | QPersistentModelIndex
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

DATE_ROLE = Qt.ItemDataRole.UserRole + 1
#: booked ÷ open (0…1) or None.
RATIO_ROLE = Qt.ItemDataRole.UserRole + 2
HOLIDAY_ROLE = Qt.ItemDataRole.UserRole + 4
IN_MONTH_ROLE = Qt.ItemDataRole.UserRole + 5
TODAY_ROLE = Qt.ItemDataRole.UserRole + 6
#: The day's `DayOccupancy` (or None before data arrives).
OCCUPANCY_ROLE = Qt.ItemDataRole.UserRole + 7


class MonthTableModel(QAbstractTableModel):
    """Rows are weeks, columns weekdays; each cell one day of the grid."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._first = date(2000, 1, 3)
        self._month = (2000, 1)
        self._today: date | None = None
        self._days: dict[date, DayOccupancy] = {}
        self._several_venues = True

    def set_month(self, first_day: date, month: tuple[int, int], days: Sequence[DayOccupancy],
                  today: date | None, *, several_venues: bool = True) -> None:
        """`first_day` is the Monday the grid starts on; `month` is (year, month) shown."""
        self.beginResetModel()
        self._several_venues = several_venues
        self._first = first_day
        self._month = month
        self._today = today
        self._days = {d.day: d for d in days}
        self.endResetModel()

    def closure_text(self, note: ClosureNote) -> str:
        """"Closed: Garden Room — Asbestos survey": the place first (so a cut-short note
        still says which hall), with the venue too when several venues are shown."""
        where = [n for n in (note.hall_name, note.venue_name if self._several_venues else None)
                 if n]
        return f"Closed: {', '.join(where)} — {note.reason}" if where else \
            f"Closed: {note.reason}"

    def day_at(self, index: _Index) -> date | None:
        if not index.isValid():
            return None
        return self._first + timedelta(days=index.row() * 7 + index.column())

    def index_of(self, day: date) -> QModelIndex:
        offset = (day - self._first).days
        if not 0 <= offset < MONTH_GRID_WEEKS * 7:
            return QModelIndex()
        return self.index(offset // 7, offset % 7)

    # -- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else MONTH_GRID_WEEKS

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 7:
            return _WEEKDAYS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < MONTH_GRID_WEEKS:
            return f"Wk {(self._first + timedelta(days=7 * section)).isocalendar()[1]}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        day = self.day_at(index)
        if day is None or not (0 <= index.row() < MONTH_GRID_WEEKS and 0 <= index.column() < 7):
            return None
        occupancy = self._days.get(day)
        ratio = occupancy.ratio if occupancy else None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(day.day)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(day, occupancy)
        if role == Qt.ItemDataRole.BackgroundRole:
            return colours.occupancy_fill(ratio)
        if role == DATE_ROLE:
            return day
        if role == RATIO_ROLE:
            return ratio
        if role == HOLIDAY_ROLE:
            return occupancy.bank_holiday if occupancy else None
        if role == IN_MONTH_ROLE:
            return (day.year, day.month) == self._month
        if role == TODAY_ROLE:
            return day == self._today
        if role == OCCUPANCY_ROLE:
            return occupancy
        return None

    def _describe(self, day: date, occupancy: DayOccupancy | None) -> str:
        text = f"{_WEEKDAY_NAMES[day.weekday()]} {day.day} {day:%B %Y}"
        if day == self._today:
            text += " (today)"
        if occupancy is None:
            return text
        if occupancy.bank_holiday:
            text += f"\nBank holiday: {occupancy.bank_holiday}"
        if occupancy.ratio is None:
            text += "\nClosed all day"
        else:
            booked, opened = occupancy.booked_minutes / 60, occupancy.open_minutes / 60
            text += (f"\n{occupancy.ratio:.0%} booked: {booked:.1f} of {opened:.1f} open hours, "
                     f"{occupancy.bookings} booking{'s' if occupancy.bookings != 1 else ''}")
        for note in occupancy.closures:
            text += f"\n{self.closure_text(note)}"
        return text + "\nEnter opens the day"
