"""Close a venue or one hall for a period, then list the bookings that fall in it.

Dates are typed as on the phone ("sat", "12/4", "4 dec"); times are optional (a blank
"from" time is the start of the day, a blank "until" time the end of it). The service
keeps bookings already in the period and reports them, so the manager can ring the
hirers: the dialog shows that list once the closure is saved.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.clock import local_day
from spacebank.domain.errors import ValidationError
from spacebank.domain.typed_dates import parse_day, parse_time
from spacebank.services.container import Services
from spacebank.services.venue_dto import AffectedBooking, ClosureInput, ClosureResult
from ui.actions import make_action
from ui.bookings.booking_dialog import BookingDialog
from ui.changes import ChangeBus
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import (
    MUTED_STYLE,
    buddy,
    line_edit,
    set_tab_order,
    table,
    value_label,
    with_problem,
)
from ui.row_table_model import RowTableModel

REFERENCE, HALL, WHEN, STATUS, HIRER, PHONE = range(6)
HEADERS = ("Booking", "Hall", "When", "Status", "Hirer", "Phone")
BOOKING_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def moment_text(moment: datetime) -> str:
    return f"{day_text(moment.date())} {moment:%H:%M}"


def until_text(moment: datetime) -> str:
    """An end shown as the team says it: midnight is 24:00 of the day before."""
    if moment.time() == time(0):
        return f"{day_text(moment.date() - timedelta(days=1))} 24:00"
    return moment_text(moment)


class AffectedBookingsModel(RowTableModel[AffectedBooking]):
    id_role = BOOKING_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent)

    def row_id(self, booking: AffectedBooking) -> int:
        return booking.booking_id

    def cell(self, booking: AffectedBooking, column: int) -> str:
        when = f"{moment_text(booking.start)}–{booking.end:%H:%M}"
        if booking.end.date() != booking.start.date():
            when = f"{moment_text(booking.start)} – {until_text(booking.end)}"
        return (booking.reference, booking.hall_name, when,
                booking.status.value.capitalize(), booking.hirer_name,
                booking.hirer_phone)[column]

    def tooltip(self, booking: AffectedBooking, column: int) -> str:
        return self.cell(booking, column)


class ClosureDialog(QDialog):
    """Use `ask`; tests may drive an instance directly."""

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus, *,
                 venue_id: int | None = None, hall_id: int | None = None,
                 initiator: object | None = None) -> None:
        super().__init__(parent)
        self._services, self._bus, self._initiator = services, bus, initiator
        self._today = local_day(services.ctx.now())
        #: What was saved, once Add succeeded.
        self.added: ClosureResult | None = None
        self.setWindowTitle("Add closure")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 48)
        self.where = QComboBox()
        self.where.setAccessibleName("Venue or hall to close")
        self.from_date = line_edit("Closed from date", "sat, 12/4, 4 dec…", chars=14)
        self.from_time = line_edit("Closed from time", "start of day", chars=10)
        self.until_date = line_edit("Closed until date", "same day", chars=14)
        self.until_time = line_edit("Closed until time", "end of day", chars=10)
        self.reason = line_edit("Reason for the closure", "Repairs, polling station, "
                                                          "council use…")
        self.preview = QLabel()
        self.preview.setAccessibleName("Closure period as understood")
        self.preview.setWordWrap(True)
        self.general_error = error_label("Closure problem")
        self.errors = FieldErrors(self.general_error)
        self.affected_model = AffectedBookingsModel(self)
        self.affected = table("Bookings in the closure")
        self.affected.setModel(self.affected_model)
        self.outcome = value_label("Closure saved")
        self._build()
        self._fill_where(venue_id, hall_id)
        for edit in (self.from_date, self.from_time, self.until_date, self.until_time):
            edit.textChanged.connect(self._update_preview)
        self._update_preview()

    def _build(self) -> None:
        self.form_box = QWidget()
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        where_problem = error_label("Venue or hall problem")
        from_problem = error_label("Start problem")
        until_problem = error_label("End problem")
        reason_problem = error_label("Reason problem")
        self.errors.add(where_problem, "venue", "hall", focus=self.where)
        self.errors.add(from_problem, "from_date", "start", focus=self.from_date)
        self.errors.add(from_problem, "from_time", focus=self.from_time)
        self.errors.add(until_problem, "until_date", "end", focus=self.until_date)
        self.errors.add(until_problem, "until_time", focus=self.until_time)
        self.errors.add(reason_problem, "reason", focus=self.reason)
        form.addRow(buddy("&Close", self.where), with_problem(self.where, where_problem))
        form.addRow(buddy("&From", self.from_date), with_problem(
            _pair(self.from_date, buddy("a&t", self.from_time), self.from_time), from_problem))
        form.addRow(buddy("&Until", self.until_date), with_problem(
            _pair(self.until_date, buddy("at", self.until_time), self.until_time),
            until_problem, self.preview))
        form.addRow(buddy("&Reason", self.reason), with_problem(self.reason, reason_problem))

        self.result_box = QGroupBox("Bookings in this closure")
        result_layout = QVBoxLayout(self.result_box)
        result_layout.addWidget(self.outcome)
        result_layout.addWidget(self.affected, 1)
        header = self.affected.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HIRER, QHeaderView.ResizeMode.Stretch)
        open_action = make_action(self.affected, "Open booking…", ("Return", "Enter"),
                                  "Open the chosen booking to move or cancel it")
        open_action.triggered.connect(self._on_open_booking)
        self.affected.doubleClicked.connect(lambda _index: self._on_open_booking())
        self.result_box.hide()

        self.buttons = QDialogButtonBox()
        self.add_button = QPushButton("&Add closure")
        self.add_button.setDefault(True)
        self.add_button.setToolTip("Save the closure (Ctrl+S)")
        self.buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.add_button.clicked.connect(self._on_add)
        self.close_button.clicked.connect(self._on_close)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._on_add)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_box)
        layout.addWidget(self.general_error)
        layout.addWidget(self.result_box, 1)
        layout.addWidget(self.buttons)
        set_tab_order([self.where, self.from_date, self.from_time, self.until_date,
                       self.until_time, self.reason])

    def _fill_where(self, venue_id: int | None, hall_id: int | None) -> None:
        venues = self._services.venues
        chosen = 0
        halls = venues.list_halls()
        for venue in venues.list_venues():
            if venue.id == venue_id and hall_id is None:
                chosen = self.where.count()
            self.where.addItem(f"{venue.name} — the whole venue", (venue.id, None))
            for hall in halls:
                if hall.venue_id != venue.id:
                    continue
                if hall.id == hall_id:
                    chosen = self.where.count()
                indent = "        " if hall.parent_id is not None else "    "
                self.where.addItem(f"{indent}{hall.name}", (venue.id, hall.id))
        self.where.setCurrentIndex(chosen)

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, bus: ChangeBus, *,
            venue_id: int | None = None, hall_id: int | None = None,
            initiator: object | None = None) -> ClosureResult | None:
        """Add a closure; returns it with the bookings it falls on, or None if not added."""
        dialog = cls(parent, services, bus, venue_id=venue_id, hall_id=hall_id,
                     initiator=initiator)
        dialog.exec()
        return dialog.added

    # -- reading -----------------------------------------------------------------------

    def period(self) -> tuple[datetime, datetime]:
        """[start, end) as London wall-clock times; raises ValidationError by field."""
        start_day = _day(self.from_date.text(), self._today, "from_date",
                         "Type the first day of the closure, e.g. sat or 12/4.")
        start_time = _time(self.from_time.text(), "from_time") or time(0)
        until = self.until_date.text().strip()
        end_day = _day(until, self._today, "until_date", "") if until else start_day
        end_time = _time(self.until_time.text(), "until_time")
        start = datetime.combine(start_day, start_time)
        end = (datetime.combine(end_day, end_time) if end_time is not None
               else datetime.combine(end_day + timedelta(days=1), time(0)))
        return start, end

    def read_input(self) -> ClosureInput:
        start, end = self.period()
        venue_id, hall_id = self.where.currentData()
        return ClosureInput(venue_id=venue_id, hall_id=hall_id, start=start, end=end,
                            reason=self.reason.text())

    # -- slots -------------------------------------------------------------------------

    def _update_preview(self) -> None:
        if not self.from_date.text().strip():
            self.preview.setText("Type the first day; leave the times blank to close whole "
                                 "days.")
            self.preview.setStyleSheet(MUTED_STYLE)
            return
        try:
            start, end = self.period()
        except ValidationError as error:
            self.preview.setText(error.user_message)
            self.preview.setStyleSheet(MUTED_STYLE)
            return
        self.preview.setStyleSheet("")
        self.preview.setText(f"Closed from {moment_text(start)} until {until_text(end)}")

    def _on_add(self) -> None:
        if self.added is not None:
            return
        self.errors.clear()
        data = self.errors.run(self.read_input, focus=True)
        if not data:
            return
        result = self.errors.run(lambda: self._services.venues.add_closure(data), focus=True)
        if not result:
            return
        self.added = result
        closure = result.closure
        self._bus.publish("closure", (closure.id,), self._initiator)
        self._show_outcome(result)

    def _show_outcome(self, result: ClosureResult) -> None:
        closure = result.closure
        where = closure.hall_name or f"{closure.venue_name} (the whole venue)"
        count = len(result.affected_bookings)
        if count:
            what = "1 booking falls" if count == 1 else f"{count} bookings fall"
            self.outcome.setText(f"Closure added: {where}, {moment_text(closure.start)} until "
                                 f"{until_text(closure.end)}. {what} in it. Nothing was "
                                 "cancelled: ring the hirers to move or cancel them "
                                 "(Enter opens a booking).")
        else:
            self.outcome.setText(f"Closure added: {where}, {moment_text(closure.start)} until "
                                 f"{until_text(closure.end)}. No bookings fall in it.")
        self.affected_model.set_rows(result.affected_bookings)
        self.affected.setVisible(bool(count))
        self.form_box.setEnabled(False)
        self.add_button.hide()
        self.close_button.setText("Close")
        self.result_box.show()
        if count:
            em = self.fontMetrics().horizontalAdvance("M")
            screen = self.screen().availableGeometry()
            self.resize(min(max(self.width(), em * 96), screen.width() * 9 // 10),
                        min(max(self.height(), em * 56), screen.height() * 9 // 10))
            self.affected.setCurrentIndex(self.affected_model.index(0, 0))
            self.affected.setFocus()
        else:
            self.close_button.setFocus()

    def _on_open_booking(self) -> None:
        index = self.affected.currentIndex()
        booking = self.affected_model.row_at(index.row()) if index.isValid() else None
        if booking is not None:
            BookingDialog.ask_edit(self, self._services, self._bus, booking.booking_id)

    def _on_close(self) -> None:
        if self.added is not None:
            self.accept()
        else:
            self.reject()


def _pair(first: QWidget, label: QLabel, second: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(first)
    row.addWidget(label)
    row.addWidget(second)
    row.addStretch(1)
    return box


def _day(text: str, today: date, field: str, empty_message: str) -> date:
    if not text.strip() and empty_message:
        raise ValidationError(empty_message, field=field)
    try:
        return parse_day(text, today)
    except ValidationError as error:
        raise ValidationError(error.user_message, field=field) from None


def _time(text: str, field: str) -> time | None:
    if not text.strip():
        return None
    try:
        return parse_time(text)
    except ValidationError as error:
        raise ValidationError(error.user_message, field=field) from None

