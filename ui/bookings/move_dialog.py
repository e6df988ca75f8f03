"""Move a booking to another date, time or hall, checked as the clerk types."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.clock import local_day
from spacebank.domain.errors import ValidationError
from spacebank.domain.money import format_pence
from spacebank.services.booking_dto import BookingDetails, BookingRequest
from spacebank.services.container import Services
from ui.bookings.form_parts import buddy, row, stacked
from ui.bookings.hall_choice import HallCombo
from ui.bookings.keyboard import handle_enter, no_default_buttons
from ui.bookings.live_panel import FREE_STYLE, PROBLEM_STYLE
from ui.bookings.prefill import BookingPrefill
from ui.bookings.slot_fields import SlotFields
from ui.changes import ChangeBus
from ui.console.formatting import day_text, span_text
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import MUTED_STYLE, set_tab_order
from ui.service_call import Refused, call

DEBOUNCE_MS = 150


class MoveDialog(QDialog):
    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus,
                 details: BookingDetails, target: BookingPrefill | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        self._details = details
        self._target = target
        self.result_details: BookingDetails | None = None
        self.setWindowTitle(f"Move {details.reference}")
        self._live = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._build()
        self._fill()
        self._connect()
        self.refresh_now()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
            booking_id: int, target: BookingPrefill | None = None) -> BookingDetails | None:
        """Move the booking (to `target`'s hall and times, if given, e.g. where it was
        dropped); returns it as moved, or None if the clerk gave up."""
        details = call(parent, lambda: services.bookings.get(booking_id),
                       title="Cannot move the booking")
        if not details:
            return None
        dialog = cls(parent, services, bus, details, target)
        dialog.exec()
        return dialog.result_details

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        d = self._details
        self.summary = QLabel(
            f"{d.reference} · {d.hirer_name} · {d.purpose} · {d.attendees} people\n"
            f"Now: {d.hall_name}, {d.venue_name}, {day_text(d.start.date())} "
            f"{span_text(d.start, d.end)} ({d.status.value})")
        self.summary.setAccessibleName("Booking being moved")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.hall = HallCombo(accessible_name="New hall")
        self.slot = SlotFields(self._today, self)
        self.hall_error = error_label("Hall problem")
        self.date_error = error_label("Date problem")
        self.start_error = error_label("Start time problem")
        self.end_error = error_label("End time problem")
        self.general_error = error_label("Problem")
        self.verdict = QLabel()
        self.verdict.setAccessibleName("Availability")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.price = QLabel()
        self.price.setAccessibleName("Price after the move")
        self.errors = FieldErrors(self.general_error)
        self.errors.add(self.hall_error, "hall", focus=self.hall)
        self.errors.add(self.date_error, "date", focus=self.slot.date.edit)
        self.errors.add(self.start_error, "start", "time", focus=self.slot.from_edit)
        self.errors.add(self.end_error, "end", focus=self.slot.to_edit)
        self.move_button = QPushButton("&Move")
        self.move_button.setAccessibleName("Move the booking")
        self.move_button.setToolTip("Move the booking (Ctrl+Enter)")
        self.close_button = QPushButton("Cancel")
        self.close_button.setAccessibleName("Close without moving")
        self.close_button.setToolTip("Close without moving (Esc)")
        no_default_buttons(self.move_button, self.close_button)
        self.move_action = QAction("Move", self)
        self.move_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.addAction(self.move_action)
        form = QFormLayout()
        form.addRow(buddy("&Hall", self.hall), stacked(row(self.hall, fill=True),
                                                       self.hall_error))
        form.addRow(buddy("&Date", self.slot.date.edit), stacked(
            row(self.slot.date.edit, self.slot.date.shown), self.date_error))
        form.addRow(buddy("&From", self.slot.from_edit), stacked(
            row(self.slot.from_edit, buddy("&To", self.slot.to_edit), self.slot.to_edit,
                self.slot.length), self.start_error, self.end_error))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addWidget(self.price)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        set_tab_order([self.hall, *self.slot.widgets(), self.move_button, self.close_button])
        # Room for a two-line clash message under the times without squeezing them.
        metrics = self.fontMetrics()
        self.resize(max(self.sizeHint().width(), metrics.averageCharWidth() * 100),
                    max(self.sizeHint().height(), metrics.lineSpacing() * 22))

    def _fill(self) -> None:
        d, target = self._details, self._target
        hall_id = target.hall_id if target and target.hall_id else d.hall_id
        self.hall.set_halls(self._services.venues.list_halls(), hall_id)
        if target and target.start and target.end:
            self.slot.set_slot(target.start, target.end)
            self.move_button.setFocus()  # dropped: Enter-ready, the new place is shown
        else:
            self.slot.set_slot(d.start.replace(tzinfo=None), d.end.replace(tzinfo=None))
            self.slot.date.edit.setFocus()
            self.slot.date.edit.selectAll()

    def _connect(self) -> None:
        self.hall.currentIndexChanged.connect(self._live.start)
        self.slot.edited.connect(self._live.start)
        self._live.timeout.connect(self.refresh_now)
        self.move_button.clicked.connect(self._on_move)
        self.move_action.triggered.connect(self._on_move)
        self.close_button.clicked.connect(self.reject)

    def _today(self) -> date:
        return local_day(self._services.ctx.now())

    # -- live check --------------------------------------------------------------------

    def refresh_now(self) -> None:
        """Check the new slot (the booking itself does not count as a clash)."""
        self._live.stop()
        self.errors.clear(["hall", "date", "start", "end"])
        slot = self.errors.run(self._read)
        if not slot:
            self.verdict.setText("Type the new date and times to check them.")
            self.verdict.setStyleSheet(MUTED_STYLE)
            self.price.clear()
            return
        hall_id, start, end = slot
        d = self._details
        check = self.errors.run(lambda: self._services.availability.check(
            hall_id, start, end, attendees=d.attendees, exclude_booking_id=d.id))
        if not check:
            self.verdict.clear()
            return
        hall = self.hall.hall()
        name = hall.name if hall else d.hall_name
        if check.free:
            self.verdict.setText(f"✔ {name} is free {day_text(start.date())} "
                                 f"{span_text(start, end)}.")
            self.verdict.setStyleSheet(FREE_STYLE)
        else:
            self.verdict.setText("\n".join(["✖ Cannot move there:",
                                            *(f"• {p.message}" for p in check.problems)]))
            self.verdict.setStyleSheet(PROBLEM_STYLE)
        quote = self.errors.run(lambda: self._services.bookings.quote(BookingRequest(
            hall_id=hall_id, hirer_id=d.hirer_id, start=start, end=end, purpose=d.purpose,
            attendees=d.attendees, rate_type=d.rate_type, extras=d.extras,
            discount=d.discount, notes=d.notes)), fallback=self.price)
        if quote:
            self.price.setStyleSheet("")
            self.price.setText(f"Price after the move: {format_pence(quote.total_pence)} "
                               f"(now {format_pence(d.total_pence)})")

    def _read(self) -> tuple[int, datetime, datetime]:
        hall_id = self.hall.hall_id()
        if hall_id is None:
            raise ValidationError("Choose the hall.", field="hall")
        start, end = self.slot.read()
        return hall_id, start, end

    # -- moving --------------------------------------------------------------------------

    def _on_move(self) -> None:
        self._live.stop()
        self.errors.clear()
        d = self._details

        def move() -> BookingDetails:
            hall_id, start, end = self._read()
            return self._services.bookings.move(d.id, start=start, end=end, hall_id=hall_id,
                                                expected_version=d.version)

        moved = self.errors.run(move, focus=True)
        if isinstance(moved, Refused) and moved.error.user_message in self.verdict.text():
            self.verdict.clear()  # said once, next to the field it is about
        if moved:
            self.result_details = moved
            self._bus.publish("booking", [moved.id], initiator=self)
            self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not handle_enter(self, event):
            super().keyPressEvent(event)
