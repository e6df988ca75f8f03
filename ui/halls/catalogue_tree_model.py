"""Venues with their halls, and the parts of a divisible hall indented under it.

A tree over the venue service's summaries (ids and rows only). Venues and halls out of
use stay listed, greyed, so a manager can bring them back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from spacebank.services.venue_dto import HallSummary, VenueSummary
from ui.halls.facilities_box import facility_list

_Index = QModelIndex | QPersistentModelIndex

NAME, CAPACITY = range(2)
HEADERS = ("Venue or hall", "People")
VENUE, HALL = "venue", "hall"
#: ("venue" | "hall", id) of a row.
NODE_ROLE = Qt.ItemDataRole.UserRole + 1
_GREY = QColor("#80868b")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass
class _Node:
    key: int
    kind: str
    id: int
    name: str
    active: bool
    capacity: int | None
    tooltip: str
    parent: int  # key of the parent node, 0 for the (invisible) root
    children: list[int] = field(default_factory=list)


class CatalogueTreeModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: dict[int, _Node] = {}
        self._top: list[int] = []
        self._where: dict[tuple[str, int], int] = {}

    def set_catalogue(self, venues: Sequence[VenueSummary], halls: Sequence[HallSummary]
                      ) -> None:
        """Venues in the order given; halls in the service's order (parts after their hall)."""
        self.beginResetModel()
        self._nodes, self._top, self._where = {}, [], {}
        for venue in venues:
            count = f"{venue.hall_count} hall{'s' if venue.hall_count != 1 else ''} in use"
            tip = f"{venue.name}, {venue.postcode}: {count}" if venue.postcode else count
            self._add(VENUE, venue.id, venue.name, venue.active, None, tip, parent=0)
        for hall in halls:
            owner = (HALL, hall.parent_id) if hall.parent_id is not None else None
            parent = self._where.get(owner) if owner else None
            if parent is None:
                parent = self._where.get((VENUE, hall.venue_id))
            if parent is None:
                continue  # its venue is not listed
            self._add(HALL, hall.id, hall.name, hall.active and hall.venue_active,
                      hall.capacity, _hall_tip(hall), parent=parent)
        self.endResetModel()

    def node_at(self, index: _Index) -> tuple[str, int] | None:
        node = self._node(index)
        return (node.kind, node.id) if node else None

    def index_of(self, kind: str, item_id: int) -> QModelIndex:
        key = self._where.get((kind, item_id))
        if key is None:
            return QModelIndex()
        node = self._nodes[key]
        siblings = self._nodes[node.parent].children if node.parent else self._top
        return self.createIndex(siblings.index(key), 0, key)

    def venue_of(self, index: _Index) -> int | None:
        """The venue a row belongs to (itself for a venue row)."""
        node = self._node(index)
        while node is not None and node.kind != VENUE:
            node = self._nodes.get(node.parent)
        return node.id if node else None

    # -- Qt ----------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(HEADERS):
            return QModelIndex()
        siblings = self._children_of(parent)
        if siblings is None or not 0 <= row < len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent == 0:
            return QModelIndex()
        parent = self._nodes[node.parent]
        siblings = self._nodes[parent.parent].children if parent.parent else self._top
        return self.createIndex(siblings.index(parent.key), 0, parent.key)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        siblings = self._children_of(parent)
        return len(siblings) if siblings is not None else 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == CAPACITY:
            return _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return node.name if node.active else f"{node.name} (out of use)"
            return str(node.capacity) if node.capacity is not None else ""
        if role == NODE_ROLE:
            return (node.kind, node.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip
        if role == Qt.ItemDataRole.ForegroundRole and not node.active:
            return _GREY
        if role == Qt.ItemDataRole.FontRole and node.kind == VENUE and column == NAME:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == CAPACITY:
            return _RIGHT
        if role == Qt.ItemDataRole.AccessibleTextRole and column == NAME:
            what = "Venue" if node.kind == VENUE else "Hall"
            people = f", {node.capacity} people" if node.capacity is not None else ""
            state = "" if node.active else ", out of use"
            return f"{what} {node.name}{people}{state}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if self._node(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- helpers -----------------------------------------------------------------------

    def _add(self, kind: str, item_id: int, name: str, active: bool, capacity: int | None,
             tooltip: str, *, parent: int) -> None:
        key = len(self._nodes) + 1
        self._nodes[key] = _Node(key, kind, item_id, name, active, capacity, tooltip, parent)
        self._where[(kind, item_id)] = key
        (self._nodes[parent].children if parent else self._top).append(key)

    def _node(self, index: _Index) -> _Node | None:
        if not index.isValid() or index.model() is not self:
            return None
        return self._nodes.get(index.internalId())

    def _children_of(self, parent: _Index) -> list[int] | None:
        if not parent.isValid():
            return self._top
        node = self._node(parent)
        return node.children if node is not None else None


def _hall_tip(hall: HallSummary) -> str:
    parts = [f"{hall.name}: up to {hall.capacity} people"]
    if hall.parent_name:
        parts.append(f"part of {hall.parent_name}")
    facilities = facility_list(hall.facilities)
    if facilities:
        parts.append(facilities)
    if not hall.venue_active:
        parts.append("its venue is out of use")
    elif not hall.active:
        parts.append("out of use")
    return "; ".join(parts)
