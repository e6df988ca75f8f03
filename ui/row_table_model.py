"""A table model over a tuple of frozen DTOs, one per row: the plumbing lists share.

Subclasses say what a cell shows (`cell`) and, where they need it, its tooltip, colour
or another role; row counting, headers, bounds checks, resets and id look-ups live here
once, so every list answers Qt the same way (and passes `qtmodeltester` the same way).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

#: Numbers and money line up on the right.
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows are DTOs in the order given; views keep ids, never the rows themselves."""

    #: The role that answers a row's id (see `row_id`); None where rows have no id.
    id_role: int | None = None

    def __init__(self, headers: Sequence[str], parent: Any = None, *,
                 right_aligned: Iterable[int] = (), align_headers: bool = False,
                 header_tips: Mapping[int, str] | None = None) -> None:
        """`right_aligned` columns' cells (and their headers with `align_headers`)."""
        super().__init__(parent)
        self._headers = tuple(headers)
        self._right_aligned = frozenset(right_aligned)
        self._align_headers = align_headers
        self._header_tips = dict(header_tips or {})
        self._rows: tuple[T, ...] = ()

    # -- the rows ----------------------------------------------------------------------

    def set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.rows_reset()
        self.endResetModel()

    def rows(self) -> tuple[T, ...]:
        return self._rows

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int) -> int | None:
        """The row whose `row_id` is `row_id`, to select it again after a refresh."""
        return next((r for r, item in enumerate(self._rows) if self.row_id(item) == row_id),
                    None)

    # -- hooks -------------------------------------------------------------------------

    def rows_reset(self) -> None:
        """Rebuild state derived from the rows; runs inside the model reset."""

    def row_id(self, item: T) -> int:
        """The id `id_role` and `row_of` use; most DTOs carry it as `id`."""
        return item.id  # type: ignore[attr-defined]

    def cell(self, item: T, column: int) -> Any:
        """What the cell shows (DisplayRole)."""
        raise NotImplementedError

    def tooltip(self, item: T, column: int) -> str | None:
        return None

    def foreground(self, item: T, column: int) -> Any:
        """A QColor or QBrush for the text, or None for the view's own."""
        return None

    def role_data(self, item: T, column: int, role: int) -> Any:
        """Any other role (edit values, check states, sort keys, accessible text)."""
        return None

    # -- Qt ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if (role == Qt.ItemDataRole.TextAlignmentRole and self._align_headers
                and section in self._right_aligned):
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips.get(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT_ALIGNED if column in self._right_aligned else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(item, column)
        if self.id_role is not None and role == self.id_role:
            return self.row_id(item)
        return self.role_data(item, column, role)


def select_row_of(view: QAbstractItemView, model: RowTableModel[Any], row_id: int | None, *,
                  or_first: bool = False) -> None:
    """After a refresh, make the row with `row_id` current again (else the first row)."""
    row = model.row_of(row_id) if row_id is not None else None
    if row is None and or_first and model.rowCount():
        row = 0
    if row is not None:
        view.setCurrentIndex(model.index(row, 0))
