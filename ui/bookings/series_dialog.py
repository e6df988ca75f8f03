"""Changing a regular hirer's whole series from one date on: new times, or cancel the rest.

Opened from a booking that belongs to a series. Cancelled and lapsed dates stay as they
are; the service checks every open date before changing any (one transaction).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
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
from spacebank.services.booking_dto import BookingDetails, SeriesResult
from spacebank.services.container import Services
from ui.bookings.booking_prompts import BookingPrompts
from ui.bookings.form_parts import buddy, row, stacked
from ui.bookings.keyboard import handle_enter, no_default_buttons
from ui.bookings.slot_fields import SlotFields
from ui.changes import ChangeBus
from ui.console.formatting import day_text, span_text
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import set_tab_order
from ui.service_call import Refused


class SeriesDialog(QDialog):
    """Use `ask`; tests may drive an instance directly."""

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus,
                 booking: BookingDetails) -> None:
        super().__init__(parent)
        assert booking.series_id is not None
        self._services, self._bus, self._booking = services, bus, booking
        self._series_id: int = booking.series_id
        self.result: SeriesResult | None = None
        self.setWindowTitle(f"Series of {booking.reference}")
        self._build()
        self.slot.set_slot(booking.start.replace(tzinfo=None), booking.end.replace(tzinfo=None))
        self.slot.date.edit.setFocus()
        self.slot.date.edit.selectAll()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
            booking: BookingDetails) -> SeriesResult | None:
        """Change or cancel the series from a date; returns what changed, or None."""
        dialog = cls(parent, services, bus, booking)
        dialog.exec()
        return dialog.result

    def _build(self) -> None:
        b = self._booking
        intro = QLabel(
            f"{b.reference} is one date of a series: {b.hall_name}, {b.venue_name}, "
            f"{b.hirer_name}, {span_text(b.start, b.end)}.\n"
            "Changes apply to every open date from the date below on; dates already "
            "cancelled or lapsed stay as they are. Every date is checked before any is "
            "changed.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setAccessibleName("About this series")
        self.slot = SlotFields(lambda: local_day(self._services.ctx.now()), self)
        self.date_error = error_label("From date problem")
        self.times_error = error_label("Times problem")
        self.general_error = error_label("Problem")
        self.errors = FieldErrors(self.general_error)
        self.errors.add(self.date_error, "date", "from_date", focus=self.slot.date.edit)
        self.errors.add(self.times_error, "start", "end", "start_time", "end_time",
                        focus=self.slot.from_edit)
        self.change_button = QPushButton("&Change times")
        self.change_button.setAccessibleName("Change the times of the series")
        self.change_button.setToolTip("Move every open date from this date on to the new "
                                      "times (Ctrl+Enter)")
        self.cancel_button = QPushButton("Cancel &dates from here…")
        self.cancel_button.setAccessibleName("Cancel the series from this date")
        self.cancel_button.setToolTip("Cancel every open date from this date on "
                                      "(a reason is required)")
        self.close_button = QPushButton("Close")
        self.close_button.setToolTip("Close without changing anything (Esc)")
        no_default_buttons(self.change_button, self.cancel_button, self.close_button)
        self.change_action = QAction("Change times", self)
        self.change_action.setShortcuts([QKeySequence("Ctrl+Return"),
                                         QKeySequence("Ctrl+Enter")])
        self.change_action.triggered.connect(self._on_change)
        self.addAction(self.change_action)
        form = QFormLayout()
        form.addRow(buddy("&From date", self.slot.date.edit), stacked(
            row(self.slot.date.edit, self.slot.date.shown), self.date_error))
        form.addRow(buddy("New &times", self.slot.from_edit), stacked(
            row(self.slot.from_edit, buddy("&To", self.slot.to_edit), self.slot.to_edit,
                self.slot.length), self.times_error))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.change_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        set_tab_order([*self.slot.widgets(), self.change_button, self.cancel_button,
                       self.close_button])
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.change_button.clicked.connect(self._on_change)
        self.cancel_button.clicked.connect(self._on_cancel_from)
        self.close_button.clicked.connect(self.reject)

    def _from_date(self) -> date:
        return self.slot.date.day("from_date")

    def _on_change(self) -> None:
        def change() -> SeriesResult:
            start, end = self.slot.read()
            return self._services.series.change_times(
                self._series_id, start_time=start.time(), end_time=end.time(),
                from_date=start.date())

        self._run(change)

    def _on_cancel_from(self) -> None:
        first = self.errors.run(self._from_date, focus=True)
        if isinstance(first, Refused):
            return
        reason = BookingPrompts.cancel_reason(
            self, f"every open date of this series from {day_text(first)} on")
        if reason is None:
            return
        self._run(lambda: self._services.series.cancel_from(
            self._series_id, from_date=first, reason=reason))

    def _run(self, action: Callable[[], SeriesResult]) -> None:
        self.errors.clear()
        done = self.errors.run(action, focus=True)
        if isinstance(done, Refused):
            return
        self.result = done
        self._bus.publish("series", [self._series_id], initiator=self)
        self._bus.publish("booking", list(done.booking_ids), initiator=self)
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not handle_enter(self, event):
            super().keyPressEvent(event)
