"""Take a booking while the caller is on the line, or open one to change it.

New: hall, date and times, hirer, purpose… with the availability and the price checked
as the clerk types; Hold (Ctrl+Enter) or Confirm booking (Ctrl+Shift+Enter). The Series
tab books a regular slot and checks every date before anything is saved.
Existing: change the details, confirm a hold, move or cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.clock import local_day
from spacebank.domain.enums import BookingStatus
from spacebank.domain.errors import SpacebankError, ValidationError
from spacebank.domain.pricing import Quote
from spacebank.services.booking_dto import (
    BookingDetails,
    SeriesPreview,
    SeriesRequest,
    SeriesResult,
)
from spacebank.services.container import Services
from ui.bookings.background_call import BackgroundCall
from ui.bookings.booking_buttons import BookingButtons
from ui.bookings.booking_form import BookingForm
from ui.bookings.booking_prompts import BookingPrompts
from ui.bookings.booking_texts import header_text, saved_text
from ui.bookings.form_parts import buddy, row, stacked
from ui.bookings.keyboard import handle_enter
from ui.bookings.live_panel import LivePanel
from ui.bookings.move_dialog import MoveDialog
from ui.bookings.prefill import BookingPrefill
from ui.bookings.series_dialog import SeriesDialog
from ui.bookings.series_tab import SeriesTab
from ui.changes import ChangeBus
from ui.console.formatting import day_text, span_text
from ui.documents.pdf_preview_dialog import show_preview
from ui.field_errors import error_label
from ui.form_parts import set_tab_order
from ui.invoices.after_cancel import offer_credit_after_cancel
from ui.screen_fit import resize_to_fit
from ui.service_call import Refused, call

T = TypeVar("T")
DEBOUNCE_MS = 150
OPEN_STATUSES = (BookingStatus.PROVISIONAL, BookingStatus.CONFIRMED)


class BookingDialog(QDialog):
    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus, *,
                 details: BookingDetails | None = None,
                 prefill: BookingPrefill | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        self._details = details
        #: What was saved (returned by ask_new / ask_edit), None while nothing was.
        self.saved: BookingDetails | None = None
        self._live = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        #: Checks a series' dates off the UI thread (hundreds of dates take a while).
        self.previewer = BackgroundCall(self)
        #: Saves a series off the UI thread; the dialog waits, disabled, meanwhile.
        self.saver = BackgroundCall(self)
        self.setWindowTitle("New booking" if details is None else f"Booking {details.reference}")
        self._build()
        self._connect()
        self.form.load_halls(include_inactive=details is not None)
        if details is None:
            self.form.apply_prefill(prefill or BookingPrefill())
        else:
            self._show_details(details)
        self._on_tab_changed()
        resize_to_fit(self, 900, 700)
        self.focus_first()

    # -- entry points --------------------------------------------------------------------

    @classmethod
    def ask_new(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
                prefill: BookingPrefill) -> BookingDetails | None:
        """Take a hold or booking (or a series); returns what was saved, or None."""
        dialog = cls(parent, services, bus, prefill=prefill)
        dialog.exec()
        return dialog.saved

    @classmethod
    def ask_edit(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
                 booking_id: int) -> BookingDetails | None:
        """Change, confirm, move or cancel a booking; returns it as saved, or None."""
        details = call(parent, lambda: services.bookings.get(booking_id),
                       title="Cannot open the booking")
        if not details:
            return None
        dialog = cls(parent, services, bus, details=details)
        dialog.exec()
        return dialog.saved

    @property
    def is_new(self) -> bool:
        return self._details is None

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.general_error = error_label("Problem")
        self.form = BookingForm(self._services, self._bus, self._today, self, self.general_error)
        self.header = QLabel()
        self.header.setAccessibleName("Booking")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.setVisible(not self.is_new)
        self.live = LivePanel()
        self.series = SeriesTab(self._today, self)
        self.series.hide()  # until it becomes a tab (new bookings only)
        self.series.register_errors(self.form.errors)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Availability, price and series")
        self.tabs.addTab(self.live, "Availa&bility && price" if self.is_new
                         else "Availability && price")
        if self.is_new:
            self.tabs.addTab(self.series, "&Series")
        charges = QGroupBox("Charges and notes")
        charges_layout = QVBoxLayout(charges)
        charges_layout.addWidget(self.form.charges)
        middle = QHBoxLayout()
        middle.addWidget(charges, 5)
        middle.addWidget(self.tabs, 6)
        self.approver = QLineEdit()
        self.approver.setAccessibleName("Manager approval")
        self.approver.setPlaceholderText("Name of the manager who approved")
        self.approver_error = error_label("Manager approval needed")
        self.approver_label = buddy("Mana&ger approval", self.approver)
        self.form.errors.add(self.approver_error, "short_notice_approved_by", focus=self.approver)
        self.approval_row = QWidget()
        approval_layout = QHBoxLayout(self.approval_row)
        approval_layout.setContentsMargins(0, 0, 0, 0)
        approval_layout.addWidget(self.approver_label)
        approval_layout.addLayout(stacked(row(self.approver), self.approver_error), 1)
        self.approval_row.hide()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.form.who_when)
        layout.addLayout(middle, 1)
        layout.addWidget(self.approval_row)
        layout.addWidget(self.general_error)
        layout.addLayout(self.button_row)
        series_chain = self.series.tab_chain() if self.is_new else []
        set_tab_order([*self.form.tab_chain(), self.tabs, *series_chain, self.approver,
                       *self.buttons])

    def _build_buttons(self) -> None:
        self.keys = BookingButtons(self, new=self.is_new)
        keys = self.keys
        self.hold_button, self.confirm_button = keys.hold, keys.confirm
        self.create_series_button, self.skip_button = keys.create_series, keys.skip
        self.save_button, self.confirm_hold_button = keys.save, keys.confirm_hold
        self.move_button, self.cancel_booking_button = keys.move, keys.cancel_booking
        self.series_button = keys.series
        self.print_button = keys.print_letter
        self.close_button = keys.close
        self.buttons = self.keys.shown
        self.button_row = self.keys.row
        self.primary_action = self.keys.shortcut("Primary", ["Ctrl+Return", "Ctrl+Enter"],
                                                 self._on_primary)
        self.secondary_action = self.keys.shortcut(
            "Secondary", ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"], self._on_secondary)
        self.keys.shortcut("Next tab", ["Ctrl+Tab"], lambda: self._step_tab(1))
        self.keys.shortcut("Previous tab",
                           ["Ctrl+Shift+Tab", "Ctrl+Backtab", "Ctrl+Shift+Backtab"],
                           lambda: self._step_tab(-1))

    def _connect(self) -> None:
        self.form.edited.connect(self._live.start)
        self.series.edited.connect(self._live.start)
        self._live.timeout.connect(self.refresh_now)
        self.previewer.finished.connect(self._on_preview_ready)
        self.saver.finished.connect(self._on_series_saved)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.form.hirer.hirer_chosen.connect(self._on_hirer_chosen)
        self.hold_button.clicked.connect(self._on_hold)
        self.confirm_button.clicked.connect(self._on_confirm_booking)
        self.create_series_button.clicked.connect(lambda: self._on_create_series(skip=False))
        self.skip_button.clicked.connect(lambda: self._on_create_series(skip=True))
        self.save_button.clicked.connect(self._on_save_changes)
        self.confirm_hold_button.clicked.connect(self._on_confirm_hold)
        self.move_button.clicked.connect(self._on_move)
        self.series_button.clicked.connect(self._on_series)
        self.print_button.clicked.connect(self._on_print)
        if not self.is_new:
            self.keys.shortcut("Print confirmation", ["Ctrl+P"], self._on_print)
        self.cancel_booking_button.clicked.connect(self._on_cancel_booking)
        self.close_button.clicked.connect(self.reject)

    def _today(self) -> date:
        return local_day(self._services.ctx.now())

    # -- showing a saved booking -----------------------------------------------------------

    def _show_details(self, details: BookingDetails) -> None:
        self._details = details
        self.form.load_details(details)
        self.form.lock_slot()
        is_open = details.status in OPEN_STATUSES
        if not is_open:
            self.form.set_read_only()
        self.save_button.setEnabled(is_open)
        self.move_button.setEnabled(is_open)
        self.cancel_booking_button.setEnabled(is_open)
        self.series_button.setVisible(details.series_id is not None)
        self.confirm_hold_button.setVisible(details.status is BookingStatus.PROVISIONAL)
        self.header.setText(header_text(details))
        self.live.show_quote(Quote(details.charges, details.deposit_pence))
        self.form.dirty = False

    def focus_first(self) -> None:
        """Where the clerk starts typing: the first thing still missing."""
        form = self.form
        if not self.is_new:
            target: QWidget = form.purpose
        elif form.hall.hall_id() is None:
            target = form.hall
        elif not form.slot.date.edit.text().strip():
            target = form.slot.date.edit
        elif not (form.slot.from_edit.text().strip() and form.slot.to_edit.text().strip()):
            target = form.slot.from_edit
        elif form.hirer.hirer_id() is None:
            target = form.hirer.edit
        else:
            target = form.purpose
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- live availability, price and series preview -----------------------------------------

    def flush(self) -> None:
        """Run a refresh the debounce is still holding back (tests, and before saving)."""
        if self._live.isActive():
            self.refresh_now()

    def refresh_now(self) -> None:
        self._live.stop()
        if self.is_new and self.tabs.currentWidget() is self.series:
            self._refresh_series()
        else:
            self._refresh_single()

    def _refresh_single(self) -> None:
        form = self.form
        form.errors.clear(["hall", "date", "start", "end", "discount_value",
                           "discount_reason", "discount_approved_by", "extras"])
        if self._details is not None and self._details.status not in OPEN_STATUSES:
            self.live.show_waiting(f"This booking is {self._details.status.value}; it can "
                                   "no longer be changed.")
            return
        slot = self._quietly(form.times)
        if slot is None:
            self.live.show_waiting("Type the hall, date and times to check the hall.")
            self.live.show_no_price("")
            return
        hall_id, start, end = slot
        exclude = self._details.id if self._details else None
        check = form.errors.run(lambda: self._services.availability.check(
            hall_id, start, end, attendees=form.attendees.value(), exclude_booking_id=exclude),
            fallback=self.live.verdict)
        if check:
            hall = form.hall.hall()
            self.live.show_check(check, hall.name if hall else "The hall", new=self.is_new)
        if self._details is not None and not form.dirty:
            return  # the saved charges stay shown until something changes
        if form.hirer.hirer_id() is None:
            self.live.show_no_price("Choose the hirer to see the price (it depends on the "
                                    "hirer's rate type).")
            return
        quote = form.errors.run(lambda: self._services.bookings.quote(form.request()),
                                fallback=self.live.price_note)
        if quote:
            self.live.show_quote(quote)
        else:
            self.live.show_no_price(self.live.price_note.text())

    def _refresh_series(self) -> None:
        form = self.form
        form.errors.clear(["hall", "date", "start", "end", "count", "until", "first_date",
                           "start_time", "end_time", "discount_value", "discount_reason",
                           "discount_approved_by", "extras"])
        if form.hirer.hirer_id() is None:
            self.previewer.cancel()
            self.series.show_waiting("Choose the hirer, then every date is checked here.")
            return
        request = self._quietly(self._series_request)
        if request is None:
            self.previewer.cancel()
            self.series.show_waiting("Complete the booking above to check every date.")
            return
        self.series.show_checking()
        self.previewer.start(lambda: self._services.series.preview(request))

    def _quietly(self, read: Callable[[], T]) -> T | None:
        """Read the form for a live check; a mistake is shown only in a field already typed
        in (a new, blank form is not a page of red)."""
        try:
            return read()
        except ValidationError as error:
            typed = (bool(self.series.until.edit.text().strip()) if error.field == "until"
                     else self.form.typed(error.field))
            if typed:
                self.form.errors.show(error)
            return None

    def _on_preview_ready(self, result: SeriesPreview | SpacebankError) -> None:
        if isinstance(result, SpacebankError):
            self.series.show_waiting("")
            self.form.errors.show(result, fallback=self.series.summary)
        else:
            self.series.show_preview(result)

    def _series_request(self) -> SeriesRequest:
        single = self.form.request()
        rule = self.series.recurrence()
        return SeriesRequest(
            hall_id=single.hall_id, hirer_id=single.hirer_id, frequency=rule.frequency,
            first_date=single.start.date(), start_time=single.start.time(),
            end_time=single.end.time(), purpose=single.purpose, attendees=single.attendees,
            count=rule.count, until=rule.until, rate_type=single.rate_type,
            extras=single.extras, discount=single.discount, notes=single.notes,
            confirm=rule.confirm, short_notice_approved_by=self.approver.text(),
        )

    # -- saving: new ---------------------------------------------------------------------------

    def _attempt(self, action: Callable[[], T]) -> T | Refused:
        """Run a saving call; show a refusal next to its field (revealing the approval)."""
        self._live.stop()
        self.form.errors.clear()
        result = self.form.errors.run(action, focus=True)
        if isinstance(result, Refused):
            self._on_refused(result.error)
        return result

    def _on_refused(self, error: SpacebankError) -> None:
        if error.field == "short_notice_approved_by":
            self.approval_row.show()
            self.approver.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_hold(self) -> None:
        held = self._attempt(lambda: self._services.bookings.hold(self.form.request()))
        if held:
            self._finish(held, "booking", [held.id])

    def _on_confirm_booking(self) -> None:
        booked = self._attempt(lambda: self._services.bookings.book(
            self.form.request(), short_notice_approved_by=self.approver.text()))
        if booked:
            self._finish(booked, "booking", [booked.id])

    def _on_create_series(self, *, skip: bool) -> None:
        """Save the series off the UI thread: dozens of dates take a moment to write."""
        if self.saver.busy():
            return
        if self.tabs.currentWidget() is not self.series:
            self.tabs.setCurrentWidget(self.series)
        request = self._attempt(self._series_request)
        if not request:
            return
        self.previewer.cancel()
        self._set_saving(True)
        self.saver.start(lambda: self._services.series.create(request, skip_clashes=skip))

    def _on_series_saved(self, result: SeriesResult | SpacebankError) -> None:
        self._set_saving(False)
        if isinstance(result, SpacebankError):
            self._refresh_series()  # the dates as they are now, beside the refusal
            self.form.errors.show(result, focus=True)
            self._on_refused(result)
            return
        first = self._services.bookings.get(result.booking_ids[0])
        skipped = f", {len(result.skipped)} clashing dates skipped" if result.skipped else ""
        self._finish(first, "series", [result.series_id],
                     message=f"Series of {len(result.booking_ids)} dates saved{skipped}: "
                             f"{saved_text(first)}")

    def _set_saving(self, saving: bool) -> None:
        for widget in (*self.buttons, self.form.who_when, self.form.charges, self.series,
                       self.approval_row):
            widget.setEnabled(not saving)
        for action in (self.primary_action, self.secondary_action):
            action.setEnabled(not saving)
        if saving:
            self.series.summary.setText("Saving the series…")

    # -- saving: existing ------------------------------------------------------------------------

    def _save_changes(self) -> BookingDetails | Refused:
        assert self._details is not None
        d = self._details
        return self._attempt(lambda: self._services.bookings.change(
            d.id, self.form.change(had_discount=d.discount is not None),
            expected_version=d.version))

    def _on_save_changes(self) -> None:
        if self._details is None or self._details.status not in OPEN_STATUSES:
            return
        changed = self._save_changes()
        if changed:
            self._finish(changed, "booking", [changed.id])

    def _on_confirm_hold(self) -> None:
        d = self._details
        if d is None or d.status is not BookingStatus.PROVISIONAL:
            return
        if self.form.dirty:
            changed = self._save_changes()
            if not changed:
                return
            self._bus.publish("booking", [changed.id], initiator=self)
            self.saved = changed
            self._show_details(changed)
            d = changed
        confirmed = self._attempt(lambda: self._services.bookings.confirm(
            d.id, short_notice_approved_by=self.approver.text(), expected_version=d.version))
        if confirmed:
            self._finish(confirmed, "booking", [confirmed.id])

    def _on_cancel_booking(self) -> None:
        d = self._details
        if d is None or d.status not in OPEN_STATUSES:
            return
        reason = BookingPrompts.cancel_reason(
            self, f"{d.reference}, {d.hall_name}, {day_text(d.start.date())} "
                  f"{span_text(d.start, d.end)}")
        if reason is None:
            return
        cancelled = self._attempt(lambda: self._services.bookings.cancel(
            d.id, reason=reason, expected_version=d.version))
        if cancelled:
            self._finish(cancelled, "booking", [cancelled.id])
            offer_credit_after_cancel(self.parentWidget(), self._services, self._bus,
                                      cancelled.id, cancelled.reference, reason)

    def _on_move(self) -> None:
        d = self._details
        if d is None or d.status not in OPEN_STATUSES:
            return
        moved = MoveDialog.ask(self, self._services, self._bus, d.id)
        if moved:
            self.saved = moved
            self._details = moved
            self.header.setText(header_text(moved))
            with self.form.loading():
                self.form.hall.set_hall_id(moved.hall_id)
                self.form.slot.set_slot(moved.start, moved.end)
            if not self.form.dirty:
                self.live.show_quote(Quote(moved.charges, moved.deposit_pence))
            self.refresh_now()

    def _on_print(self) -> None:
        d = self._details
        if d is not None:
            show_preview(self, lambda: self._services.documents.confirmation_data(d.id))

    def _on_series(self) -> None:
        d = self._details
        if d is None or d.series_id is None:
            return
        changed = SeriesDialog.ask(self, self._services, self._bus, d)
        if changed is None:
            return
        fresh = self._attempt(lambda: self._services.bookings.get(d.id))
        if fresh:
            count = len(changed.booking_ids)
            self._finish(fresh, "booking", [fresh.id],
                         message=f"Series of {d.reference}: {count} date"
                                 f"{'' if count == 1 else 's'} changed.")

    def _finish(self, details: BookingDetails, kind: str, ids: list[int], *,
                message: str | None = None) -> None:
        self.saved = details
        self._bus.publish(kind, ids, initiator=self)
        window = self.parentWidget().window() if self.parentWidget() else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message or saved_text(details), 20000)
        self.accept()

    # -- keyboard ----------------------------------------------------------------------------

    def _on_primary(self) -> None:
        if not self.is_new:
            self._on_save_changes()
        elif self.tabs.currentWidget() is self.series:
            self._on_create_series(skip=False)
        else:
            self._on_hold()

    def _on_secondary(self) -> None:
        if not self.is_new:
            self._on_confirm_hold()
        elif self.tabs.currentWidget() is self.series:
            self._on_create_series(skip=True)
        else:
            self._on_confirm_booking()

    def _step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def _on_tab_changed(self) -> None:
        on_series = self.is_new and self.tabs.currentWidget() is self.series
        if self.is_new:
            for made in (self.hold_button, self.confirm_button):
                made.setVisible(not on_series)
            for made in (self.create_series_button, self.skip_button):
                made.setVisible(on_series)
        self.refresh_now()

    def _on_hirer_chosen(self) -> None:
        if self.is_new:
            # After Enter's own move to the next field, so the two agree on Purpose.
            QTimer.singleShot(0, self.form.purpose, self.form.purpose.setFocus)

    def done(self, result: int) -> None:
        if self.saver.busy():
            return  # a series is being saved: its answer decides what happens next
        self._live.stop()
        self.previewer.cancel()
        self.previewer.wait()  # no check may outlive the dialog (or its database)
        self.saver.wait()
        super().done(result)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.is_new:
            # Qt selects a line edit's text when a dialog opens; typing would then wipe
            # the saved purpose. Put the cursor at the end instead.
            QTimer.singleShot(0, self.form.purpose, lambda: self.form.purpose.end(False))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not handle_enter(self, event):
            super().keyPressEvent(event)
