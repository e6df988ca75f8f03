"""Type-ahead matches of the hirer lookup, as a list model over `HirerSummary` DTOs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from spacebank.domain.enums import HirerType
from spacebank.services.hirer_dto import HirerSummary

_Index = QModelIndex | QPersistentModelIndex

HIRER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: What the completer puts in the line edit: the hirer's display name.
COMPLETION_ROLE = Qt.ItemDataRole.EditRole

HIRER_TYPE_LABELS: dict[HirerType, str] = {
    HirerType.RESIDENT: "Resident",
    HirerType.CHARITY: "Charity",
    HirerType.RESIDENT_ASSOCIATION: "Resident association",
    HirerType.PRIVATE: "Private",
    HirerType.BUSINESS: "Business",
    HirerType.COUNCIL: "Council service",
}


def hirer_type_label(hirer_type: HirerType | str) -> str:
    try:
        return HIRER_TYPE_LABELS[HirerType(hirer_type)]
    except ValueError:
        return str(hirer_type)


def hirer_line(summary: HirerSummary) -> str:
    """'Peckham Toddler Group (Łucja Żółć) — 020 7946 0999 · SE15 5AB'."""
    who = summary.display_name
    if summary.organisation and summary.name and summary.name != summary.display_name:
        who += f" ({summary.name})"
    contact = " · ".join(part for part in (summary.phone, summary.postcode) if part)
    return f"{who} — {contact}" if contact else who


class HirerLookupModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[HirerSummary, ...] = ()

    def set_rows(self, rows: Sequence[HirerSummary]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def summary_at(self, row: int) -> HirerSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find(self, hirer_id: int) -> HirerSummary | None:
        return next((r for r in self._rows if r.id == hirer_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hirer_line(summary)
        if role == COMPLETION_ROLE:
            return summary.display_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hirer_line(summary)} ({hirer_type_label(summary.hirer_type)})"
        if role == HIRER_ID_ROLE:
            return summary.id
        return None
