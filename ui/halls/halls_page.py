"""Halls and venues, for managers: the catalogue tree, the venue and hall forms, extras
and closures. Every change goes through the venue service and is published on the bus."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from spacebank.services.container import Services
from spacebank.services.venue_dto import HallDetails, VenueDetails
from ui.actions import make_action
from ui.changes import Change, ChangeBus
from ui.field_errors import error_label
from ui.form_parts import OK_STYLE, action_button, heading, note, set_tab_order
from ui.halls.actions import DEACTIVATE_TEXT, REACTIVATE_TEXT, HallsActions
from ui.halls.catalogue_tree_model import CAPACITY, HALL, NAME, VENUE, CatalogueTreeModel
from ui.halls.closure_dialog import ClosureDialog
from ui.halls.closures_panel import ClosuresPanel
from ui.halls.extras import ExtrasPanel
from ui.halls.hall_editor import HallEditor
from ui.halls.venue_editor import VenueEditor
from ui.service_call import Messages, call

EMPTY, VENUE_FORM, HALL_FORM = range(3)
CATALOGUE_TAB, EXTRAS_TAB, CLOSURES_TAB = range(3)
KINDS = ("venue", "hall", "closure", "settings")


class HallsPage(QWidget):
    title = "Halls"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        #: What the form shows: ("venue" | "hall", id), or (kind, None) for a new one.
        self._shown: tuple[str, int | None] | None = None
        self._dirty = False
        self._restoring = False
        self.tree_model = CatalogueTreeModel(self)
        self.actions = HallsActions.build(self)
        self.venue_editor = VenueEditor(services, bus, initiator=self)
        self.hall_editor = HallEditor(services)
        self.extras = ExtrasPanel(services, bus, initiator=self)
        self.closures = ClosuresPanel(services, bus, initiator=self,
                                      add_closure=self._add_closure_for_venue)
        self._build()
        self._connect()
        self.refresh()
        bus.changed.connect(self._on_changed)

    # -- Page --------------------------------------------------------------------------

    def widget(self) -> QWidget:
        return self

    def actions_for_menu(self) -> list[QAction]:
        return self.actions.for_menu(self)

    def focus_first(self) -> None:
        self.tabs.setCurrentIndex(CATALOGUE_TAB)
        self.tree.setFocus()

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.tree = QTreeView()
        self.tree.setAccessibleName("Venues and halls")
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CAPACITY, QHeaderView.ResizeMode.ResizeToContents)
        self.new_venue_button = action_button(self.actions.new_venue, "New ven&ue…")
        self.new_hall_button = action_button(self.actions.new_hall, "New &hall…")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_venue_button)
        buttons.addWidget(self.new_hall_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)

        self.heading = heading(scale=1.25, name="Editing")
        self.saved_note = QLabel()
        self.saved_note.setAccessibleName("Save result")
        self.saved_note.setStyleSheet(OK_STYLE)
        self.page_error = error_label("Venue or hall problem")
        self.save_button = action_button(self.actions.save, "&Save")
        self.deactivate_button = action_button(self.actions.deactivate)
        self.closure_button = action_button(self.actions.add_closure, "Add closure…")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.saved_note)
        top.addWidget(self.save_button)
        top.addWidget(self.deactivate_button)
        top.addWidget(self.closure_button)
        self.stack = QStackedWidget()
        self.empty_note = note("Choose a venue or a hall on the left to change it, or add "
                               "one: New venue (Ctrl+Shift+N), New hall (Ctrl+N).",
                               "Nothing chosen")
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(self.empty_note)
        self.stack.addWidget(self.venue_editor)
        self.stack.addWidget(self.hall_editor)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.stack)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(top)
        right_layout.addWidget(self.page_error)
        right_layout.addWidget(scroll, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        em = self.fontMetrics().horizontalAdvance("M")
        left.setMinimumWidth(em * 18)
        splitter.setSizes([em * 28, em * 72])
        catalogue = QWidget()
        QVBoxLayout(catalogue).addWidget(splitter)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Halls sections")
        self.tabs.addTab(catalogue, "&Venues and halls")
        self.tabs.addTab(self.extras, "E&xtras")
        self.tabs.addTab(self.closures, "C&losures")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        chain = [self.tree, self.new_venue_button, self.new_hall_button,
                 *self.venue_editor.tab_chain(), *self.hall_editor.tab_chain(),
                 self.save_button, self.deactivate_button, self.closure_button]
        set_tab_order(chain)

    def _connect(self) -> None:
        a = self.actions
        a.new_venue.triggered.connect(self._on_new_venue)
        a.new_hall.triggered.connect(self._on_new_hall)
        a.save.triggered.connect(self._on_save)
        a.deactivate.triggered.connect(self._on_deactivate)
        a.add_closure.triggered.connect(self._on_add_closure)
        a.new_extra.triggered.connect(self._on_new_extra)
        a.go_to_list.triggered.connect(self.focus_first)
        a.refresh.triggered.connect(self._on_refresh)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        edit = make_action(self.tree, "Edit the chosen venue or hall", ("Return", "Enter"),
                           "Move the keyboard focus into the form")
        edit.triggered.connect(self._on_edit_chosen)
        self.venue_editor.edited.connect(self._on_edited)
        self.hall_editor.edited.connect(self._on_edited)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.stack.currentChanged.connect(self._on_form_changed)

    # -- reading -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the catalogue, extras and closures again; keep the form if it has edits."""
        self._load_tree()
        self.extras.refresh()
        self.closures.refresh()
        if not self._dirty:
            self._reload_form()

    def _load_tree(self) -> None:
        venues = call(self, lambda: self._services.venues.list_venues(include_inactive=True),
                      inline=self.page_error)
        halls = call(self, lambda: self._services.venues.list_halls(include_inactive=True),
                     inline=self.page_error)
        if not isinstance(venues, list) or not isinstance(halls, list):
            return
        self._restoring = True
        self.tree_model.set_catalogue(venues, halls)
        self.tree.expandAll()
        self._select_shown()
        self._restoring = False
        self.closures.set_venues([(v.id, v.name) for v in venues if v.active])

    def _select_shown(self) -> None:
        if self._shown is None or self._shown[1] is None:
            self.tree.selectionModel().clearCurrentIndex()
            return
        index = self.tree_model.index_of(*self._shown)  # type: ignore[arg-type]
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.tree.scrollTo(index)
        else:
            self._shown = None

    def _reload_form(self) -> None:
        shown = self._shown
        if shown is None or shown[1] is None:
            if shown is None:
                self._show_empty()
            return
        if shown[0] == VENUE:
            self._show_venue(shown[1])
        else:
            self._show_hall(shown[1])

    def _show_empty(self) -> None:
        self._shown = None
        self.stack.setCurrentIndex(EMPTY)
        self.heading.setText("Halls and venues")
        self._set_dirty(False)
        self._update_actions()

    def _show_venue(self, venue_id: int | None) -> bool:
        venue = None
        if venue_id is not None:
            venue = call(self, lambda: self._services.venues.get_venue(venue_id),
                         inline=self.page_error)
            if not venue:
                return False
        self._shown = (VENUE, venue_id)
        self.venue_editor.load(venue)
        self.stack.setCurrentIndex(VENUE_FORM)
        self.heading.setText(_venue_heading(venue))
        self._set_dirty(False)
        self._update_actions()
        return True

    def _show_hall(self, hall_id: int | None, *, venue_id: int | None = None) -> bool:
        venues = self._services.venues
        hall = None
        if hall_id is not None:
            hall = call(self, lambda: venues.get_hall(hall_id), inline=self.page_error)
            if not hall:
                return False
            venue_id = hall.hall.venue_id
        if venue_id is None:
            return False
        owner = venue_id
        venue = call(self, lambda: venues.get_venue(owner), inline=self.page_error)
        policy = call(self, self._services.settings.policy, inline=self.page_error)
        if not venue:
            return False
        self._shown = (HALL, hall_id)
        self.hall_editor.load(hall, venue_id=venue.id, venue_name=venue.name,
                              venue_halls=venue.halls, venue_facilities=venue.facilities,
                              evening_starts_min=policy.evening_starts_min if policy else None)
        self.stack.setCurrentIndex(HALL_FORM)
        self.heading.setText(_hall_heading(hall, venue))
        self._set_dirty(False)
        self._update_actions()
        return True

    # -- slots -------------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._restoring:
            return
        node = self.tree_model.node_at(current)
        if node is None or node == self._shown:
            return
        if not self._may_leave_form():
            self._restoring = True
            self.tree.selectionModel().setCurrentIndex(
                previous, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self._restoring = False
            return
        self.saved_note.clear()
        self.page_error.hide()
        if node[0] == VENUE:
            self._show_venue(node[1])
        else:
            self._show_hall(node[1])

    def _on_edit_chosen(self) -> None:
        if self.stack.currentIndex() == VENUE_FORM:
            self.venue_editor.first_field().setFocus()
        elif self.stack.currentIndex() == HALL_FORM:
            self.hall_editor.first_field().setFocus()

    def _on_new_venue(self) -> None:
        if not self._may_leave_form():
            return
        self.tabs.setCurrentIndex(CATALOGUE_TAB)
        self._leave_tree_selection()
        self._show_venue(None)
        self.venue_editor.first_field().setFocus()

    def _on_new_hall(self) -> None:
        venue_id = self._current_venue_id()
        if venue_id is None:
            Messages.info(self, "New hall", "Choose the venue the hall is in first (or add a "
                                            "venue with New venue, Ctrl+Shift+N).")
            return
        if not self._may_leave_form():
            return
        self.tabs.setCurrentIndex(CATALOGUE_TAB)
        self._leave_tree_selection()
        self._show_hall(None, venue_id=venue_id)
        self.hall_editor.first_field().setFocus()

    def _on_save(self) -> None:
        if self.tabs.currentIndex() != CATALOGUE_TAB or self._shown is None:
            return
        self.saved_note.clear()
        self.page_error.hide()
        if self._shown[0] == VENUE:
            venue = self.venue_editor.save()
            if venue is None:
                return
            self._after_save(VENUE, venue.id)
        else:
            hall = self.hall_editor.save()
            if hall is None:
                return
            self._after_save(HALL, hall.id, venue_id=hall.hall.venue_id)

    def _after_save(self, kind: str, item_id: int, *, venue_id: int | None = None) -> None:
        self._bus.publish(kind, (item_id,), self)
        if kind == HALL and venue_id is not None:
            self._bus.publish(VENUE, (venue_id,), self)
        self._shown = (kind, item_id)
        self._set_dirty(False)
        self._load_tree()
        self._reload_form()
        self.saved_note.setText("Saved.")

    def _on_deactivate(self) -> None:
        shown = self._shown
        if shown is None or shown[1] is None:
            return
        kind, item_id = shown
        venues = self._services.venues
        if kind == VENUE:
            venue = self.venue_editor.venue
            if venue is None:
                return
            active, name = venue.active, venue.name
            action = venues.deactivate_venue if active else venues.reactivate_venue
        else:
            hall = self.hall_editor.hall
            if hall is None:
                return
            active, name = hall.hall.active, hall.name
            action = venues.deactivate_hall if active else venues.reactivate_hall
        if not self._may_leave_form():
            return
        if active and not Messages.confirm(
                self, "Take out of use",
                f"Take {name} out of use? It will no longer be offered for bookings; "
                "Reactivate brings it back."):
            return
        if call(self, lambda: action(item_id), inline=self.page_error):
            self._after_save(kind, item_id)

    def _on_add_closure(self) -> None:
        shown = self._shown
        venue_id = self._current_venue_id()
        hall_id = shown[1] if shown and shown[0] == HALL else None
        self._add_closure(venue_id, hall_id)

    def _add_closure_for_venue(self, venue_id: int | None) -> None:
        self._add_closure(venue_id, None)

    def _add_closure(self, venue_id: int | None, hall_id: int | None) -> None:
        result = ClosureDialog.ask(self, self._services, self._bus, venue_id=venue_id,
                                   hall_id=hall_id, initiator=self)
        if result is not None:
            self.closures.refresh(select=result.closure.id)

    def _on_new_extra(self) -> None:
        self.tabs.setCurrentIndex(EXTRAS_TAB)
        self.extras.add_extra()

    def _on_refresh(self) -> None:
        if self._may_leave_form():
            self._set_dirty(False)
            self.refresh()

    def _on_edited(self) -> None:
        self.saved_note.clear()
        self._set_dirty(True)

    def _on_form_changed(self, index: int) -> None:
        # Only the form shown counts towards the scroll area's height.
        for page in range(self.stack.count()):
            policy = QSizePolicy.Policy.Preferred if page == index else QSizePolicy.Policy.Ignored
            self.stack.widget(page).setSizePolicy(policy, policy)
        self.stack.adjustSize()

    def _on_tab_changed(self, index: int) -> None:
        self._update_actions()
        if index == CLOSURES_TAB:
            self.closures.show_venue(self._current_venue_id())
            self.closures.view.setFocus()
        elif index == EXTRAS_TAB:
            self.extras.view.setFocus()

    def _on_changed(self, change: Change) -> None:
        if change.initiator is self or not change.concerns(*KINDS):
            return
        if change.concerns("venue", "hall"):
            self._load_tree()
            self.extras.refresh()
            if not self._dirty:
                self._reload_form()
        if change.concerns("closure", "venue", "hall"):
            self.closures.refresh()
        if change.concerns("settings") and not self._dirty:
            self._reload_form()  # the evening-rate note follows the policy

    # -- helpers -----------------------------------------------------------------------

    def _may_leave_form(self) -> bool:
        """True if there are no unsaved edits, or the manager lets them go."""
        if not self._dirty:
            return True
        name = self.heading.text().removesuffix(" *")
        if not Messages.confirm(self, "Unsaved changes",
                                f"{name} has changes that are not saved. Discard them?"):
            return False
        self._set_dirty(False)
        return True

    def _leave_tree_selection(self) -> None:
        self._restoring = True
        self.tree.selectionModel().clear()
        self._restoring = False

    def _current_venue_id(self) -> int | None:
        shown = self._shown
        if shown is None:
            return None
        if shown[0] == VENUE:
            return self.venue_editor.venue.id if self.venue_editor.venue else None
        return self.hall_editor.venue_id

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.heading.setToolTip("Not saved yet (Ctrl+S saves)" if dirty else "")
        if dirty and not self.heading.text().endswith(" *"):
            self.heading.setText(self.heading.text() + " *")
        elif not dirty and self.heading.text().endswith(" *"):
            self.heading.setText(self.heading.text()[:-2])

    def _update_actions(self) -> None:
        shown = self._shown
        on_catalogue = self.tabs.currentIndex() == CATALOGUE_TAB
        self.actions.save.setEnabled(shown is not None and on_catalogue)
        saved = shown is not None and shown[1] is not None
        active = True
        if saved and shown[0] == VENUE and self.venue_editor.venue is not None:
            active = self.venue_editor.venue.active
        elif saved and shown[0] == HALL and self.hall_editor.hall is not None:
            active = self.hall_editor.hall.hall.active
        self.actions.deactivate.setEnabled(saved and on_catalogue)
        self.actions.deactivate.setText(DEACTIVATE_TEXT if active else REACTIVATE_TEXT)


def _venue_heading(venue: VenueDetails | None) -> str:
    if venue is None:
        return "New venue"
    state = "" if venue.active else " (out of use)"
    return f"{venue.name}{state}"


def _hall_heading(hall: HallDetails | None, venue: VenueDetails) -> str:
    if hall is None:
        return f"New hall in {venue.name}"
    state = "" if hall.hall.active else " (out of use)"
    return f"{hall.name}{state} — {venue.name}"
