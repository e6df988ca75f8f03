"""The phone console: "is a hall free Saturday afternoon for 60 with a kitchen?"

The clerk types the question; every free hall appears ranked, with the price per rate
type; halls that would suit but are taken show their nearest free times. Enter on either
list opens the booking dialog filled in, for the caller picked at the top.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.clock import to_local
from spacebank.domain.errors import SpacebankError
from spacebank.services.booking_dto import HallOption
from spacebank.services.container import Services
from spacebank.services.venue_dto import HallSummary
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.prefill import BookingPrefill
from ui.changes import Change, ChangeBus
from ui.console.actions import build_console_actions
from ui.console.formatting import (
    day_text,
    facilities_text,
    length_text,
    people_text,
    span_text,
)
from ui.console.free_window_model import VENUE as NEAREST_VENUE
from ui.console.free_window_model import FreeWindowTableModel, NearestFree
from ui.console.hall_option_model import FACILITIES, HallOptionTableModel
from ui.console.query_row import ConsoleQuery, QueryRow
from ui.form_parts import set_tab_order, table
from ui.hirers.hirer_lookup import HirerLookup
from ui.service_call import Refused, call, show_refusal

#: Halls asked for their next free times at most (each is one bounded query).
MAX_NEAREST_HALLS = 8
NEAREST_PER_HALL = 3
NEAREST_DAYS = 7
_ERROR_STYLE = "color: #b03a2e;"
_REFRESH_KINDS = ("booking", "series", "closure", "hall", "venue")
_CATALOGUE_KINDS = ("hall", "venue")


class ConsolePage(QWidget):
    title = "Phone console"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        #: The question the lists show (None while the question is incomplete or refused).
        self._shown: ConsoleQuery | None = None
        self._halls: list[HallSummary] | None = None
        #: The booking dialog is open (it is modal, but keys may be on their way).
        self._asking = False
        self._build()
        self._actions = build_console_actions(self)
        self._connect()
        self._show_idle()

    # -- Page protocol -----------------------------------------------------------------

    def widget(self) -> QWidget:
        return self

    def actions_for_menu(self) -> list[QAction]:
        return self._actions.all()

    def focus_first(self) -> None:
        self.query_row.date_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_row.date_edit.selectAll()

    # -- public, for tests and the main window -----------------------------------------

    def shown_query(self) -> ConsoleQuery | None:
        return self._shown

    def refresh(self) -> None:
        """Ask the services again for the question as typed."""
        self._refresh()

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.lookup = HirerLookup(self._services, self._bus, accessible_name="Caller")
        caller_label = QLabel("&Caller")
        caller_label.setBuddy(self.lookup.edit)
        self.query_row = QueryRow(self._today)
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem with the question")
        self.problem.setStyleSheet(_ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.results_model = HallOptionTableModel(self)
        self.results = self._table(self.results_model, "Free halls")
        self.results.horizontalHeader().setSectionResizeMode(
            FACILITIES, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setAccessibleName("Question asked")
        self.summary.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setAccessibleName("No free halls")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("font-size: 12pt; color: palette(placeholder-text);")
        self.result_stack = QStackedWidget()
        self.result_stack.addWidget(self.results)
        self.result_stack.addWidget(self.empty)
        self.nearest_model = FreeWindowTableModel(self)
        self.nearest = self._table(self.nearest_model, "Nearest free times")
        self.nearest.horizontalHeader().setSectionResizeMode(
            NEAREST_VENUE, QHeaderView.ResizeMode.Stretch)
        self.nearest_note = QLabel()
        self.nearest_note.setAccessibleName("About nearest free times")
        self.nearest_note.setWordWrap(True)
        self.status = QLabel()
        self.status.setAccessibleName("Last booking")
        self.status.setWordWrap(True)
        self.status.hide()

        caller = QHBoxLayout()
        caller.addWidget(caller_label)
        caller.addWidget(self.lookup, 1)
        top = QVBoxLayout(self)
        top.setContentsMargins(12, 10, 12, 10)
        top.setSpacing(8)
        top.addLayout(caller)
        top.addWidget(self.query_row)
        top.addWidget(self.problem)
        top.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._panel(self._heading("Free halls", self.results),
                                       self.summary, self.result_stack))
        splitter.addWidget(self._panel(self._heading("Nearest free t&imes", self.nearest),
                                       self.nearest_note, self.nearest))
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        top.addWidget(splitter, 1)
        chain = [self.lookup.edit, self.lookup.new_button, *self.query_row.tab_chain(),
                 self.results, self.nearest]
        set_tab_order(chain)

    @staticmethod
    def _table(model: object, name: str) -> QTableView:
        """The app's read-only list, with rows a little taller and columns fitting their text."""
        view = table(name)
        view.setModel(model)  # type: ignore[arg-type]
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        return view

    @staticmethod
    def _heading(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    @staticmethod
    def _panel(*widgets: QWidget) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, QTableView | QStackedWidget) else 0)
        return panel

    def _connect(self) -> None:
        self.query_row.query_changed.connect(self._refresh)
        self.query_row.results_requested.connect(self._enter_results)
        self.lookup.hirer_chosen.connect(self._on_hirer_chosen)
        self.results.activated.connect(self._on_result_activated)
        self.nearest.activated.connect(self._on_nearest_activated)
        for view in (self.results, self.nearest):
            view.installEventFilter(self)
        self._actions.new_query.triggered.connect(self.focus_first)
        self._actions.book_selected.triggered.connect(self._on_book_selected)
        self._actions.new_hirer.triggered.connect(self.lookup.new_button.click)
        self._actions.new_call.triggered.connect(self._on_new_call)
        self._bus.changed.connect(self._on_changed)

    # -- asking ------------------------------------------------------------------------

    def _today(self) -> date:
        return to_local(self._services.ctx.now()).date()

    def _refresh(self) -> None:
        row = self.query_row
        if row.is_blank():
            self._show_idle()
            return
        try:
            query = row.read()
        except SpacebankError as error:
            self._show_refused(error)
            return
        options = call(self, lambda: self._services.availability.free_halls(query.slot_query()),
                       inline=self.problem)
        if isinstance(options, Refused):
            self._show_refused(options.error)
            return
        row.mark_invalid(None)
        self._show_options(query, options)
        self._show_nearest(query, {o.hall_id for o in options})

    def _show_options(self, query: ConsoleQuery, options: list[HallOption]) -> None:
        keep = self._selected_hall_id()
        self._shown = query
        self.results_model.set_options(options, near_given=bool(query.near))
        needs = facilities_text(query.facilities).lower()
        count = f"{len(options)} hall{'s' if len(options) != 1 else ''} free"
        self.summary.setText(" · ".join(part for part in (
            count, day_text(query.day, self._today()),
            f"{span_text(query.start, query.end)} ({length_text(query.minutes)})",
            people_text(query.attendees), f"with {needs}" if needs else "",
        ) if part))
        if options:
            ids = self.results_model.hall_ids()
            self._select(self.results, ids.index(keep) if keep in ids else 0)
            self.result_stack.setCurrentWidget(self.results)
        else:
            self.empty.setText(self._empty_text(query))
            self.result_stack.setCurrentWidget(self.empty)

    def _empty_text(self, query: ConsoleQuery) -> str:
        needs = facilities_text(query.facilities).lower()
        with_needs = f" with {needs}" if needs else ""
        if not self._fitting(query):
            return (f"No hall takes {people_text(query.attendees)}{with_needs}. "
                    "Try fewer people or fewer facilities.")
        return (f"No hall is free for {people_text(query.attendees)}{with_needs} then — "
                "see nearest free times below.")

    def _show_nearest(self, query: ConsoleQuery, free_ids: set[int]) -> None:
        taken = [h for h in self._fitting(query) if h.id not in free_ids]
        asked = taken[:MAX_NEAREST_HALLS]
        rows = call(self, lambda: self._nearest_rows(query, asked), inline=self.problem)
        if isinstance(rows, Refused):
            self.nearest_model.clear()
            self.nearest_note.setText("")
            return
        # Not pre-selected: a highlighted row there would look like what Enter books.
        self.nearest_model.set_rows(rows)
        if not taken:
            note = ("Every hall that would suit is free then." if free_ids
                    else "No hall would suit, so there are no other times to offer.")
        else:
            more = (f" (the first {MAX_NEAREST_HALLS} of {len(taken)})"
                    if len(taken) > MAX_NEAREST_HALLS else "")
            note = (f"Taken or closed then, but would suit{more}: the next "
                    f"{length_text(query.minutes)} free from {query.start:%H:%M}, "
                    f"over the next {NEAREST_DAYS} days.")
        self.nearest_note.setText(note)

    def _nearest_rows(self, query: ConsoleQuery, halls: list[HallSummary]) -> list[NearestFree]:
        """Per hall, its next free times; the hall free soonest first."""
        groups: list[list[NearestFree]] = []
        for hall in halls:
            windows = self._services.availability.next_free(
                hall.id, minutes=query.minutes, after=query.start_at,
                count=NEAREST_PER_HALL, days=NEAREST_DAYS)
            if windows:
                groups.append([NearestFree(hall.name, hall.venue_name, w, query.minutes)
                               for w in windows])
        groups.sort(key=lambda group: group[0].window.start)  # stable: snug halls first on ties
        return [row for group in groups for row in group]

    def _fitting(self, query: ConsoleQuery) -> list[HallSummary]:
        """Active halls big enough with what the caller needs, snuggest first."""
        if self._halls is None:
            halls = call(self, self._services.venues.list_halls, inline=self.problem)
            self._halls = [] if isinstance(halls, Refused) else halls
        fits = [h for h in self._halls
                if h.capacity >= query.attendees and query.facilities <= h.facilities]
        return sorted(fits, key=lambda h: (h.capacity - query.attendees, h.venue_name, h.name))

    def _show_idle(self) -> None:
        self._shown = None
        self.problem.hide()
        self.query_row.mark_invalid(None)
        self.results_model.clear()
        self.nearest_model.clear()
        self.summary.setText("")
        self.empty.setText("Type a day, a time and the number of people (e.g. sat, 14, 18, "
                           "60) to see every free hall.")
        self.result_stack.setCurrentWidget(self.empty)
        self.nearest_note.setText("Halls that would suit but are taken show their next free "
                                  "times here.")

    def _show_refused(self, error: SpacebankError) -> None:
        self._shown = None
        show_refusal(self, error, inline=self.problem)
        self.query_row.mark_invalid(error.field)
        self.results_model.clear()
        self.nearest_model.clear()
        self.summary.setText("")
        self.empty.setText("Correct the question above to see free halls.")
        self.result_stack.setCurrentWidget(self.empty)
        self.nearest_note.setText("")

    # -- booking -----------------------------------------------------------------------

    def _on_result_activated(self, index: QModelIndex) -> None:
        option = self.results_model.row_at(index.row())
        query = self._shown
        if option is not None and query is not None:
            self._ask_booking(option.hall_id, query.start_at, query.end_at, query)

    def _on_nearest_activated(self, index: QModelIndex) -> None:
        row = self.nearest_model.row_at(index.row())
        query = self._shown
        if row is not None and query is not None:
            self._ask_booking(row.hall_id, row.offer_start, row.offer_end, query)

    def _on_book_selected(self) -> None:
        self.query_row.flush()
        view = self.nearest if self.nearest.hasFocus() else self.results
        index = view.currentIndex()
        if self._shown is None or not index.isValid():
            self._say("Choose a free hall (or a nearest free time) first.")
            return
        view.activated.emit(index)

    def _ask_booking(self, hall_id: int, start: datetime, end: datetime,
                     query: ConsoleQuery) -> None:
        if self._asking:  # a key that reached the list while the dialog was opening
            return
        prefill = BookingPrefill(hall_id=hall_id, start=start, end=end,
                                 attendees=query.attendees, hirer_id=self.lookup.hirer_id())
        self._asking = True
        try:
            details = BookingDialog.ask_new(self, self._services, self._bus, prefill)
        finally:
            self._asking = False
        if details:
            self._say(f"{details.reference}: {details.hall_name}, "
                      f"{day_text(details.start.date())} "
                      f"{span_text(details.start, details.end)} for {details.hirer_name} "
                      f"({details.status}).")

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    # -- keyboard and focus ------------------------------------------------------------

    def _enter_results(self) -> None:
        if self.result_stack.currentWidget() is self.results and self.results_model.rowCount():
            view = self.results
        elif self.nearest_model.rowCount():
            view = self.nearest
        else:
            return
        if not view.currentIndex().isValid():
            self._select(view, 0)
        view.setFocus(Qt.FocusReason.TabFocusReason)

    def _on_hirer_chosen(self, _hirer_id: int) -> None:
        if self.lookup.isAncestorOf(self.focusWidget() or self) or self.lookup.edit.hasFocus():
            self.focus_first()

    def _on_new_call(self) -> None:
        self.lookup.set_hirer(None)
        self.query_row.clear()
        self.status.hide()
        self._show_idle()
        self.lookup.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Up and isinstance(watched, QTableView)
                and watched.currentIndex().row() <= 0):
            # Up from the first row goes back to the question.
            self.query_row.date_edit.setFocus(Qt.FocusReason.BacktabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _on_changed(self, change: Change) -> None:
        if not change.concerns(*_REFRESH_KINDS):
            return
        if change.concerns(*_CATALOGUE_KINDS):
            self._halls = None
        self.query_row.schedule()

    # -- helpers -----------------------------------------------------------------------

    def _selected_hall_id(self) -> int | None:
        option = self.results_model.row_at(self.results.currentIndex().row())
        return option.hall_id if option else None

    @staticmethod
    def _select(view: QTableView, row: int) -> None:
        view.setCurrentIndex(view.model().index(row, 0))

