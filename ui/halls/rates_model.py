"""One hall's hourly rates: rate types down, time bands across, typed in pounds.

Typed amounts stay pending (shown in bold) until the hall form is saved; Save parses
them with `parse_pounds` and sends each through `VenueService.set_rate`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from spacebank.domain.enums import RateType, TimeBand
from spacebank.domain.errors import MoneyError
from spacebank.domain.money import format_pence, parse_pounds
from spacebank.services.venue_dto import RateMap
from ui.form_parts import NOT_SET

_Index = QModelIndex | QPersistentModelIndex
RateKey = tuple[RateType, TimeBand]

RATE_TYPES = tuple(RateType)
BANDS = tuple(TimeBand)
RATE_TYPE_LABELS = {
    RateType.COMMUNITY: "Community",
    RateType.PRIVATE: "Private",
    RateType.COMMERCIAL: "Commercial",
}
BAND_LABELS = {
    TimeBand.WEEKDAY_DAYTIME: "Weekday daytime",
    TimeBand.EVENING_WEEKEND: "Evenings, weekends",
}
#: The bands as said in a sentence (messages and tips).
BAND_PHRASES = {
    TimeBand.WEEKDAY_DAYTIME: "weekday daytime",
    TimeBand.EVENING_WEEKEND: "evenings and weekends",
}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
#: The stored rate in pence (None when not set), for tests and tools.
PENCE_ROLE = Qt.ItemDataRole.UserRole + 1


def rate_field(key: RateKey) -> str:
    """The field name a rate's error is shown under: rate.community.weekday_daytime."""
    return f"rate.{key[0].value}.{key[1].value}"


class RatesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rates: RateMap = {}
        self._pending: dict[RateKey, str] = {}

    # -- the hall's rates --------------------------------------------------------------

    def set_rates(self, rates: RateMap) -> None:
        self.beginResetModel()
        self._rates = dict(rates)
        self._pending = {}
        self.endResetModel()

    def rates(self) -> RateMap:
        return dict(self._rates)

    def is_dirty(self) -> bool:
        return bool(self._pending)

    def pending_pence(self) -> dict[RateKey, int]:
        """Typed changes in pence, in grid order; raises MoneyError naming the cell."""
        result: dict[RateKey, int] = {}
        for key in self._keys():
            if key in self._pending:
                label = f"{RATE_TYPE_LABELS[key[0]]} rate, {BAND_PHRASES[key[1]]},"
                result[key] = parse_pounds(self._pending[key], field=rate_field(key),
                                           label=label)
        return result

    def commit(self, key: RateKey, pence: int) -> None:
        """A pending rate was saved: show it as stored."""
        self._rates[key] = pence
        self._pending.pop(key, None)
        index = self.index(RATE_TYPES.index(key[0]), BANDS.index(key[1]))
        self.dataChanged.emit(index, index)

    def key_at(self, index: _Index) -> RateKey | None:
        if not index.isValid() or not self._valid(index.row(), index.column()):
            return None
        return RATE_TYPES[index.row()], BANDS[index.column()]

    # -- Qt ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RATE_TYPES)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(BANDS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(BANDS):
            return BAND_LABELS[BANDS[section]]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(RATE_TYPES):
            return RATE_TYPE_LABELS[RATE_TYPES[section]]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if self.key_at(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = self.key_at(index)
        if key is None:
            return None
        stored = self._rates.get(key)
        pending = self._pending.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if pending is not None:
                return pending
            return format_pence(stored) if stored is not None else NOT_SET
        if role == Qt.ItemDataRole.EditRole:
            if pending is not None:
                return pending
            return format_pence(stored) if stored is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and pending is not None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            what = f"{RATE_TYPE_LABELS[key[0]]} rate an hour, {BAND_PHRASES[key[1]]}"
            if pending is not None:
                return f"{what}: {pending} typed, not saved yet (Ctrl+S saves)"
            return f"{what}: F2 or type to change" if stored is not None \
                else f"{what}: not offered; type an hourly rate to offer it"
        if role == PENCE_ROLE:
            return stored
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        key = self.key_at(index)
        if key is None or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value or "").strip()
        stored = self._rates.get(key)
        unchanged = text == "" or (stored is not None and _same_amount(text, stored))
        if unchanged:
            self._pending.pop(key, None)
        else:
            self._pending[key] = text
        self.dataChanged.emit(index, index)
        return True

    def _keys(self) -> list[RateKey]:
        return [(t, b) for t in RATE_TYPES for b in BANDS]

    def _valid(self, row: int, column: int) -> bool:
        return 0 <= row < len(RATE_TYPES) and 0 <= column < len(BANDS)


def _same_amount(text: str, pence: int) -> bool:
    try:
        return parse_pounds(text) == pence
    except MoneyError:  # not an amount: certainly a change, and Save will say why
        return False
