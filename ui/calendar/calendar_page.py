"""The calendar screen: who has which hall when, and free time to book.

A day view (halls as columns, grouped by venue), a week view of one venue or hall and a
month overview shaded by occupancy. Each period change is one service call; the views
paint only what was fetched. Enter on free time starts a booking there; Enter on a
booking opens it; M moves it.
"""

from __future__ import annotations

import time
from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.clock import to_local
from spacebank.services.booking_dto import BookingDetails, CalendarData
from spacebank.services.container import Services
from spacebank.services.venue_dto import HallSummary, VenueSummary
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.move_dialog import MoveDialog
from ui.bookings.prefill import BookingPrefill
from ui.calendar.actions import CalendarActions, build_calendar_actions
from ui.calendar.columns import day_columns, shown_halls, week_columns
from ui.calendar.layout import build_grid
from ui.calendar.legend import CalendarLegend
from ui.calendar.month_model import MonthTableModel
from ui.calendar.month_view import MonthView
from ui.calendar.period import ViewMode, days_of, period, period_title, step
from ui.calendar.slot_choice import SlotChoice
from ui.calendar.time_grid_view import TimeGridView
from ui.changes import Change, ChangeBus
from ui.service_call import Refused, call

_REFRESH_KINDS = ("booking", "series", "closure", "hall", "venue")
_CATALOGUE_KINDS = ("hall", "venue")
_NOW_TICK_MS = 30_000
_NO_DATA = CalendarData((), (), {}, {})


class CalendarPage(QWidget):
    title = "Calendar"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        self._mode = ViewMode.DAY
        self._anchor = self._now().date()
        self._venue_id: int | None = None
        self._hall_id: int | None = None
        self._venues: list[VenueSummary] = []
        self._halls: list[HallSummary] = []
        self._catalogue_stale = True
        self._stale = False
        self._holidays: dict[date, str] = {}
        #: How long the last refresh took (fetch + model + layout), for the benchmark.
        self.last_refresh_ms = 0.0
        self._build()
        self._actions = build_calendar_actions(self, (self._grid_view, self._month_view))
        self._add_tool_buttons()
        self._connect()
        self._refresh()
        self._place_cursor_at_start()

    # -- Page protocol -----------------------------------------------------------------

    def widget(self) -> QWidget:
        return self

    def actions_for_menu(self) -> list[QAction]:
        return self._actions.menu()

    def focus_first(self) -> None:
        self._current_view().setFocus(Qt.FocusReason.OtherFocusReason)

    # -- for tests and the benchmark -----------------------------------------------------

    @property
    def actions(self) -> CalendarActions:
        return self._actions

    @property
    def grid_view(self) -> TimeGridView:
        return self._grid_view

    @property
    def month_view(self) -> MonthView:
        return self._month_view

    @property
    def month_model(self) -> MonthTableModel:
        return self._month_model

    @property
    def mode(self) -> ViewMode:
        return self._mode

    @property
    def anchor(self) -> date:
        return self._anchor

    def show_period(self, mode: ViewMode, anchor: date) -> None:
        self._mode = mode
        self._anchor = anchor
        self._sync_mode_actions()
        self._refresh()

    def set_venue(self, venue_id: int | None, hall_id: int | None = None) -> None:
        """What picking in the venue and hall pickers does."""
        self._select_combo(self._venue_combo, venue_id)
        self._on_venue_chosen(self._venue_combo.currentIndex(), refresh=hall_id is None)
        if hall_id is not None:
            self._select_combo(self._hall_combo, hall_id)
            self._on_hall_chosen(self._hall_combo.currentIndex())

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self._title_label = QLabel()
        self._title_label.setAccessibleName("Shown period")
        font = QFont(self._title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self._title_label.setFont(font)
        self._title_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        # A long title (a bank holiday's name) is cut, never widens the window.
        self._title_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)
        self._title_label.setMinimumWidth(self._title_label.fontMetrics().averageCharWidth() * 20)
        self._venue_combo = QComboBox()
        self._venue_combo.setAccessibleName("Venue")
        # Sized for most names, not the longest; the drop-down shows them in full.
        self._venue_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._venue_combo.setMinimumContentsLength(26)
        self._hall_combo = QComboBox()
        self._hall_combo.setAccessibleName("Hall")
        self._hall_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._hall_combo.setMinimumContentsLength(18)
        venue_label = QLabel("&Venue:")
        venue_label.setBuddy(self._venue_combo)
        hall_label = QLabel("Ha&ll:")
        hall_label.setBuddy(self._hall_combo)
        self._cancelled_box = QCheckBox("Show cancelled")
        self._cancelled_box.setAccessibleName("Show cancelled bookings")
        self._cancelled_box.setToolTip("Also show cancelled bookings and lapsed holds (C)")
        self._grid_view = TimeGridView()
        self._grid_view.setAccessibleName("Calendar: halls by time")
        self._month_model = MonthTableModel(self)
        self._month_view = MonthView(self._month_model)
        self._month_view.setAccessibleName("Month overview")
        self._stack = QStackedWidget()
        self._stack.addWidget(self._grid_view)
        self._stack.addWidget(self._month_view)
        self._cursor_label = QLabel()
        self._cursor_label.setAccessibleName("Cursor")
        self._cursor_label.setTextFormat(Qt.TextFormat.PlainText)
        self._cursor_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Preferred)
        self._legend = CalendarLegend()

        self._nav_row = QHBoxLayout()
        self._nav_row.setSpacing(6)
        self._view_row = QHBoxLayout()
        self._view_row.setSpacing(6)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(venue_label)
        filters.addWidget(self._venue_combo)
        filters.addSpacing(10)
        filters.addWidget(hall_label)
        filters.addWidget(self._hall_combo)
        filters.addSpacing(10)
        filters.addWidget(self._cancelled_box)
        filters.addStretch(1)
        self._action_row = filters
        top = QHBoxLayout()
        top.addLayout(self._nav_row)
        top.addSpacing(12)
        top.addWidget(self._title_label, 1)
        top.addLayout(self._view_row)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        bottom = QHBoxLayout()
        bottom.addWidget(self._legend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self._cursor_label)
        layout.addWidget(line)
        layout.addLayout(bottom)
        self.setTabOrder(self._grid_view, self._month_view)
        self.setTabOrder(self._month_view, self._venue_combo)
        self.setTabOrder(self._venue_combo, self._hall_combo)
        self.setTabOrder(self._hall_combo, self._cancelled_box)
        self._now_timer = QTimer(self)
        self._now_timer.setInterval(_NOW_TICK_MS)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)

    def _add_tool_buttons(self) -> None:
        a = self._actions
        for action, row in ((a.previous, self._nav_row), (a.today, self._nav_row),
                            (a.next, self._nav_row), (a.day_view, self._view_row),
                            (a.week_view, self._view_row), (a.month_view, self._view_row)):
            row.addWidget(self._tool_button(action))
        self._action_row.addWidget(self._tool_button(a.move))
        self._action_row.addWidget(self._tool_button(a.open))
        a.previous.setIconText("◀ Previous")
        a.next.setIconText("Next ▶")
        a.day_view.setIconText("Day")
        a.week_view.setIconText("Week")
        a.month_view.setIconText("Month")
        a.open.setIconText("Open / book…")
        a.move.setIconText("Move…")

    def _tool_button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAutoRaise(False)
        # Every button's action has a key of its own; keep Tab for the pickers and views.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def _connect(self) -> None:
        a = self._actions
        a.day_view.triggered.connect(lambda: self._set_mode(ViewMode.DAY))
        a.week_view.triggered.connect(lambda: self._set_mode(ViewMode.WEEK))
        a.month_view.triggered.connect(lambda: self._set_mode(ViewMode.MONTH))
        a.today.triggered.connect(self._go_today)
        a.previous.triggered.connect(lambda: self._step(-1))
        a.next.triggered.connect(lambda: self._step(1))
        a.open.triggered.connect(self._open_at_cursor)
        a.move.triggered.connect(self._move_at_cursor)
        a.show_cancelled.toggled.connect(self._on_show_cancelled)
        self._cancelled_box.toggled.connect(a.show_cancelled.setChecked)
        self._venue_combo.activated.connect(self._on_venue_chosen)
        self._hall_combo.activated.connect(self._on_hall_chosen)
        grid = self._grid_view
        grid.booking_activated.connect(self._open_booking)
        grid.free_time_activated.connect(self._book_free_time)
        grid.step_requested.connect(self._step)
        grid.today_requested.connect(self._go_today)
        grid.move_requested.connect(self._move_at_cursor)
        grid.block_dropped.connect(self._move_dropped)
        grid.cursor_moved.connect(self._on_cursor_moved)
        month = self._month_view
        month.day_activated.connect(self._open_day)
        month.step_requested.connect(self._step)
        month.today_requested.connect(self._go_today)
        self._bus.changed.connect(self._on_changed)
        self._refresh_timer.timeout.connect(self._refresh)
        self._now_timer.timeout.connect(self._on_now_tick)
        self._now_timer.start()

    # -- catalogue (venue and hall pickers) ------------------------------------------------

    def _load_catalogue(self) -> None:
        venues = call(self, lambda: self._services.venues.list_venues())
        halls = call(self, lambda: self._services.venues.list_halls())
        if isinstance(venues, Refused) or isinstance(halls, Refused):
            return
        self._venues, self._halls = venues, halls
        self._catalogue_stale = False
        known = {v.id for v in venues}
        if self._venue_id not in known:
            self._venue_id = None
        if self._hall_id not in {h.id for h in halls}:
            self._hall_id = None
        self._venue_combo.blockSignals(True)
        self._venue_combo.clear()
        self._venue_combo.addItem(f"All venues ({len(venues)})", None)
        for venue in venues:
            self._venue_combo.addItem(venue.name, venue.id)
        self._venue_combo.blockSignals(False)
        self._select_combo(self._venue_combo, self._venue_id)
        self._fill_hall_combo()
        self._select_combo(self._hall_combo, self._hall_id)

    def _fill_hall_combo(self) -> None:
        combo = self._hall_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("All halls", None)
        for hall in self._halls:
            if hall.venue_id == self._venue_id:
                combo.addItem(hall.name, hall.id)
        combo.setEnabled(self._venue_id is not None)
        combo.blockSignals(False)

    @staticmethod
    def _select_combo(combo: QComboBox, value: int | None) -> None:
        index = combo.findData(value)
        combo.blockSignals(True)
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    # -- slots ----------------------------------------------------------------------------

    def _on_venue_chosen(self, index: int, *, refresh: bool = True) -> None:
        self._venue_id = self._venue_combo.itemData(index)
        self._hall_id = None
        self._fill_hall_combo()
        if self._venue_id is None and self._mode is ViewMode.WEEK:
            self._mode = ViewMode.DAY  # a week of every hall would be 231 columns
            self._sync_mode_actions()
        if refresh:
            self._refresh()

    def _on_hall_chosen(self, index: int) -> None:
        self._hall_id = self._hall_combo.itemData(index)
        self._refresh()

    def _on_show_cancelled(self, checked: bool) -> None:
        if self._cancelled_box.isChecked() != checked:
            self._cancelled_box.setChecked(checked)
        self._refresh()

    def _set_mode(self, mode: ViewMode) -> None:
        place = self._grid_view.cursor_place()
        if mode is ViewMode.WEEK and self._venue_id is None:
            self._pick_venue_for_week(place[0] if place else None)
        if self._mode is ViewMode.MONTH and mode is not ViewMode.MONTH:
            self._anchor = self._month_view.current_day() or self._anchor
        elif place is not None and self._mode is not ViewMode.MONTH:
            self._anchor = place[1]
        self._mode = mode
        self._sync_mode_actions()
        self._refresh()
        if place is not None and mode is not ViewMode.MONTH:
            self._grid_view.place_cursor(place[0], self._anchor, place[2])
        self.focus_first()

    def _pick_venue_for_week(self, hall_id: int | None) -> None:
        """A week needs one venue: the one of the hall under the cursor."""
        hall = next((h for h in self._halls if h.id == hall_id), None)
        venue_id = hall.venue_id if hall else (self._venues[0].id if self._venues else None)
        self._venue_id = venue_id
        self._select_combo(self._venue_combo, venue_id)
        self._fill_hall_combo()

    def _sync_mode_actions(self) -> None:
        a = self._actions
        {ViewMode.DAY: a.day_view, ViewMode.WEEK: a.week_view,
         ViewMode.MONTH: a.month_view}[self._mode].setChecked(True)
        self._stack.setCurrentWidget(self._current_view())
        self._legend.show_month(self._mode is ViewMode.MONTH)
        for action in (a.open, a.move):
            action.setEnabled(self._mode is not ViewMode.MONTH or action is a.open)

    def _step(self, count: int) -> None:
        place = self._grid_view.cursor_place()
        old_first = period(self._mode, self._anchor)[0]
        if self._mode is ViewMode.MONTH:
            self._anchor = step(self._mode, self._month_view.current_day() or self._anchor, count)
        else:
            self._anchor = step(self._mode, self._anchor, count)
        self._refresh()
        if place is not None and self._mode is not ViewMode.MONTH:
            shift = period(self._mode, self._anchor)[0] - old_first
            self._grid_view.place_cursor(place[0], place[1] + shift, place[2])

    def _go_today(self) -> None:
        self._anchor = self._now().date()
        self._refresh()
        self._place_cursor_at_start()

    def _open_day(self, day: date) -> None:
        self._anchor = day
        self._set_mode(ViewMode.DAY)
        self._place_cursor_at_start()

    def _open_at_cursor(self) -> None:
        if self._mode is ViewMode.MONTH:
            day = self._month_view.current_day()
            if day is not None:
                self._open_day(day)
            return
        self._grid_view.activate_cursor()

    def _open_booking(self, booking_id: int) -> None:
        if BookingDialog.ask_edit(self, self._services, self._bus, booking_id) is not None:
            self._refresh()

    def _book_free_time(self, slot: SlotChoice) -> None:
        prefill = BookingPrefill(hall_id=slot.hall_id, start=slot.start, end=slot.end)
        booked = BookingDialog.ask_new(self, self._services, self._bus, prefill)
        if booked is not None:
            self._refresh()
            start = to_local(booked.start)
            self._grid_view.place_cursor(booked.hall_id, start.date(),
                                         start.hour * 60 + start.minute)

    def _move_at_cursor(self) -> None:
        block = self._grid_view.cursor_block() if self._mode is not ViewMode.MONTH else None
        if block is None:
            self._cursor_label.setText("Put the cursor on a booking to move it.")
            return
        self._show_moved(MoveDialog.ask(self, self._services, self._bus, block.booking_id))

    def _move_dropped(self, booking_id: int, slot: SlotChoice) -> None:
        """A booking dragged to a new place: the Move dialog checks and prices it there."""
        target = BookingPrefill(hall_id=slot.hall_id, start=slot.start, end=slot.end)
        self._show_moved(MoveDialog.ask(self, self._services, self._bus, booking_id, target))

    def _show_moved(self, moved: BookingDetails | None) -> None:
        if moved is None:
            return
        start = to_local(moved.start)
        first, last = period(self._mode, self._anchor)
        if not first <= start.date() <= last:
            self._anchor = start.date()
        self._refresh()
        self._grid_view.place_cursor(moved.hall_id, start.date(), start.hour * 60 + start.minute)

    def _on_cursor_moved(self) -> None:
        self._cursor_label.setText(self._grid_view.describe_cursor())
        self._grid_view.setAccessibleDescription(self._cursor_label.text())

    def _on_changed(self, change: Change) -> None:
        if change.concerns(*_CATALOGUE_KINDS):
            self._catalogue_stale = True
        if change.concerns(*_REFRESH_KINDS):
            if self.isVisible():
                self._refresh_timer.start()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._refresh()

    def _on_now_tick(self) -> None:
        now = self._now()
        if self._mode is not ViewMode.MONTH:
            self._grid_view.set_now(now.date(), now.hour * 60 + now.minute)

    # -- fetching -------------------------------------------------------------------------

    def _refresh(self) -> None:
        """Fetch the shown period (one service call) and rebuild what the view paints."""
        started = time.perf_counter()
        self._refresh_timer.stop()
        self._stale = False
        if self._catalogue_stale:
            self._load_catalogue()
        if self._mode is ViewMode.WEEK and self._venue_id is None:
            place = self._grid_view.cursor_place()
            self._pick_venue_for_week(place[0] if place else None)
        now = self._now()
        if self._mode is ViewMode.MONTH:
            self._refresh_month(now.date())
        else:
            self._refresh_grid(now)
        self._title_label.setText(self._title_text(now.date()))
        self.last_refresh_ms = (time.perf_counter() - started) * 1000

    def _refresh_month(self, today: date) -> None:
        first, last = period(ViewMode.MONTH, self._anchor)
        hall_ids = (self._hall_id,) if self._hall_id is not None else None
        days = call(self, lambda: self._services.availability.occupancy(
            first, last, venue_id=self._venue_id, hall_ids=hall_ids))
        if isinstance(days, Refused):
            return
        self._month_model.set_month(first, (self._anchor.year, self._anchor.month), days, today,
                                    several_venues=self._venue_id is None)
        self._month_view.set_current_day(self._anchor)
        self._cursor_label.setText("Arrows pick a day; Enter opens it in the day view.")

    def _refresh_grid(self, now: datetime) -> None:
        first, last = period(self._mode, self._anchor)
        halls = shown_halls(self._halls, self._venue_id, self._hall_id)
        if self._mode is ViewMode.DAY:
            columns = day_columns(halls, self._anchor)
        else:
            columns = week_columns(halls, days_of(first, last))
        data: CalendarData | Refused = _NO_DATA
        if halls:
            data = call(self, lambda: self._services.availability.calendar(
                first, last, hall_ids=tuple(h.id for h in halls),
                include_cancelled=self._actions.show_cancelled.isChecked()))
            if isinstance(data, Refused):
                return
        self._holidays = data.bank_holidays
        grid = build_grid(columns, data, today=now.date(), now_minute=now.hour * 60 + now.minute)
        self._grid_view.set_grid(grid, compact=self._mode is ViewMode.WEEK and len(halls) > 1)

    def _place_cursor_at_start(self) -> None:
        """On today: the slot now (in the first column); otherwise the first open slot."""
        if self._mode is ViewMode.MONTH:
            return
        grid = self._grid_view.grid()
        if not grid.columns:
            return
        column, _ = self._grid_view.cursor_cell()
        now = self._now()
        minute = now.hour * 60 + now.minute
        if grid.columns[column].day != now.date() or \
                not grid.axis.first_minute <= minute < grid.axis.last_minute:
            closed = [s.end for s in grid.shades_in(column) if s.start <= grid.axis.first_minute]
            minute = max(closed, default=grid.axis.first_minute)
        self._grid_view.set_cursor(column, grid.axis.row_of_minute(minute))

    # -- words ----------------------------------------------------------------------------

    def _title_text(self, today: date) -> str:
        text = period_title(self._mode, self._anchor)
        if self._mode is ViewMode.DAY:
            if self._anchor == today:
                text += " · today"
            holiday = self._holidays.get(self._anchor)
            if holiday:
                text += f" · {holiday} (bank holiday)"
        elif self._mode is ViewMode.WEEK:
            hall = next((h for h in self._halls if h.id == self._hall_id), None)
            venue = next((v for v in self._venues if v.id == self._venue_id), None)
            if hall is not None:
                text += f" · {hall.name}, {hall.venue_name}"
            elif venue is not None:
                text += f" · {venue.name}"
        return text

    def _current_view(self) -> QWidget:
        return self._month_view if self._mode is ViewMode.MONTH else self._grid_view

    def _now(self) -> datetime:
        return to_local(self._services.ctx.now())
