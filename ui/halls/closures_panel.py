"""Upcoming closures (all venues or one), with Add closure… and Remove."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from spacebank.services.container import Services
from spacebank.services.venue_dto import ClosureDetails
from ui.actions import make_action
from ui.changes import ChangeBus
from ui.field_errors import error_label
from ui.form_parts import buddy, note, push_button, table
from ui.halls.closure_dialog import moment_text, until_text
from ui.row_table_model import RowTableModel, select_row_of
from ui.service_call import Messages, call

FROM, UNTIL, WHERE, REASON, ADDED_BY = range(5)
HEADERS = ("From", "Until", "Closed", "Reason", "Added by")
CLOSURE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Upcoming closures listed at most (a few a month is usual).
LIST_LIMIT = 500


class ClosuresModel(RowTableModel[ClosureDetails]):
    id_role = CLOSURE_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent)

    def cell(self, closure: ClosureDetails, column: int) -> str:
        return (moment_text(closure.start), until_text(closure.end), where_text(closure),
                closure.reason, closure.created_by)[column]

    def tooltip(self, closure: ClosureDetails, column: int) -> str:
        return self.cell(closure, column)


def where_text(closure: ClosureDetails) -> str:
    if closure.hall_name is None:
        return f"{closure.venue_name} (whole venue)"
    return f"{closure.hall_name}, {closure.venue_name}"


class ClosuresPanel(QWidget):
    """The closures tab of the halls page. `add_requested` asks the page to add one."""

    def __init__(self, services: Services, bus: ChangeBus, *, initiator: object,
                 add_closure: Callable[[int | None], None], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self._services, self._bus, self._initiator = services, bus, initiator
        self._add_closure = add_closure
        self.venue_filter = QComboBox()
        self.venue_filter.setAccessibleName("Show closures of which venue")
        self.model = ClosuresModel(self)
        self.view = table("Upcoming closures")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        letter = self.view.fontMetrics().horizontalAdvance("n")
        for column, chars in ((FROM, 22), (UNTIL, 22), (WHERE, 40), (ADDED_BY, 14)):
            header.resizeSection(column, letter * chars)
        self.count = QLabel()
        self.count.setAccessibleName("How many closures are listed")
        self.add_button = push_button("&Add closure…", "Add closure",
                                      "Close a venue or a hall for a period (Ctrl+Shift+C)")
        self.remove_button = push_button("&Remove closure", "Remove closure",
                                         "Remove the chosen closure; the hall can be booked "
                                         "then again (Delete in the list)")
        self.error = error_label("Closures problem")
        remove_action = make_action(self.view, "Remove closure", ("Delete",),
                                    "Remove the chosen closure")
        remove_action.triggered.connect(self._on_remove)
        self.add_button.clicked.connect(lambda: self._add_closure(self._venue_id()))
        self.remove_button.clicked.connect(self._on_remove)
        self.venue_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        top = QHBoxLayout()
        top.addWidget(buddy("&Show closures of", self.venue_filter))
        top.addWidget(self.venue_filter)
        top.addWidget(self.count, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note("Closures from now on. A closed hall also closes the hall it is "
                              "part of and its own parts; bank holidays close venues without "
                              "being listed here.", "About closures"))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._update_buttons()

    def set_venues(self, venues: Sequence[tuple[int, str]]) -> None:
        """Fill the venue filter, keeping the choice if the venue is still there."""
        keep = self._venue_id()
        self.venue_filter.blockSignals(True)
        self.venue_filter.clear()
        self.venue_filter.addItem("All venues", None)
        for venue_id, name in venues:
            self.venue_filter.addItem(name, venue_id)
        index = self.venue_filter.findData(keep) if keep is not None else 0
        self.venue_filter.setCurrentIndex(max(index, 0))
        self.venue_filter.blockSignals(False)

    def show_venue(self, venue_id: int | None) -> None:
        index = self.venue_filter.findData(venue_id) if venue_id is not None else 0
        self.venue_filter.setCurrentIndex(max(index, 0))

    def refresh(self, select: int | None = None) -> None:
        chosen = self._chosen()
        keep = select if select is not None else (chosen.id if chosen else None)
        venue_id = self._venue_id()
        now = self._services.ctx.now()
        closures = call(self, lambda: self._services.venues.list_closures(
            venue_id=venue_id, from_utc=now), inline=self.error)
        if not isinstance(closures, list):
            return
        shown = closures[:LIST_LIMIT]
        self.model.set_rows(shown)
        more = f" (first {LIST_LIMIT} shown)" if len(closures) > LIST_LIMIT else ""
        self.count.setText(f"{len(closures)} upcoming closure"
                           f"{'' if len(closures) == 1 else 's'}{more}")
        select_row_of(self.view, self.model, keep, or_first=True)
        self._update_buttons()

    def _venue_id(self) -> int | None:
        return self.venue_filter.currentData()

    def _chosen(self) -> ClosureDetails | None:
        return self.model.row_at(self.view.currentIndex().row())

    def _on_remove(self) -> None:
        closure = self._chosen()
        if closure is None:
            return
        if not Messages.confirm(self, "Remove closure",
                                f"Remove the closure of {where_text(closure)} from "
                                f"{moment_text(closure.start)} until "
                                f"{until_text(closure.end)} ({closure.reason})?\n\n"
                                "The hall can be booked then again."):
            return
        if call(self, lambda: self._services.venues.remove_closure(closure.id),
                inline=self.error) is None:
            self._bus.publish("closure", (closure.id,), self._initiator)
            self.refresh()
            self.view.setFocus()

    def _update_buttons(self, *_args: object) -> None:
        self.remove_button.setEnabled(self._chosen() is not None)
