"""The hirers directory: one `HirerSummary` per row, in the service's (name) order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from spacebank.services.hirer_dto import HirerSummary
from ui.hirers.hirer_lookup_model import hirer_type_label
from ui.row_table_model import RowTableModel

NAME, TYPE, PHONE, POSTCODE = range(4)
HEADERS = ("Name", "Type", "Phone", "Postcode")
#: The hirer id of a row, for views and tests.
HIRER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class HirerDirectoryModel(RowTableModel[HirerSummary]):
    id_role = HIRER_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent)

    def append_hirers(self, hirers: Sequence[HirerSummary]) -> None:
        """Add the next page at the end (rows already listed are skipped)."""
        known = {h.id for h in self._rows}
        new = tuple(h for h in hirers if h.id not in known)
        if not new:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows += new
        self.endInsertRows()

    def cell(self, hirer: HirerSummary, column: int) -> str:
        texts = (hirer.display_name, hirer_type_label(hirer.hirer_type), hirer.phone,
                 hirer.postcode)
        return texts[column] if 0 <= column < len(texts) else ""

    def tooltip(self, hirer: HirerSummary, column: int) -> str:
        contact = f" (contact {hirer.name})" if hirer.organisation else ""
        return f"{hirer.display_name}{contact}"
