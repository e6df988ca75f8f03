"""A regular booking: how often, how many or until when, and every date checked first.

The first date, the times and everything else come from the booking form above; this
tab adds the rule and shows the service's date-by-date preview before anything is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.enums import Frequency
from spacebank.domain.money import format_pence
from spacebank.domain.recurrence import MAX_OCCURRENCES
from spacebank.services.booking_dto import SeriesPreview
from ui.bookings.form_parts import buddy, row, stacked
from ui.bookings.live_panel import FREE_STYLE, PROBLEM_STYLE
from ui.bookings.occurrence_model import RESULT, OccurrenceModel
from ui.bookings.slot_fields import DayEdit
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import MUTED_STYLE

FREQUENCY_LABELS = {
    Frequency.WEEKLY: "Every week",
    Frequency.FORTNIGHTLY: "Every two weeks",
    Frequency.MONTHLY_BY_WEEKDAY: "Monthly, same weekday",
}


@dataclass(frozen=True)
class Recurrence:
    frequency: Frequency
    count: int | None
    until: date | None
    confirm: bool


class SeriesTab(QWidget):
    edited = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build(today)
        self._connect()
        self._on_end_mode_changed()
        self.show_waiting("Fill in the booking above to see every date checked.")

    def _build(self, today: Callable[[], date]) -> None:
        self.frequency = QComboBox()
        self.frequency.setAccessibleName("How often")
        for frequency, text in FREQUENCY_LABELS.items():
            self.frequency.addItem(text, frequency)
        self.frequency.setToolTip("Monthly repeats the weekday's place in the month, e.g. "
                                  "the 2nd Tuesday; a 5th weekday means the last one")
        self.by_count = QRadioButton("After a n&umber of dates")
        self.by_count.setAccessibleName("Ends after a number of dates")
        self.by_until = QRadioButton("On or before a date")
        self.by_until.setAccessibleName("Ends on or before a date")
        self.by_count.setChecked(True)
        self._end_mode = QButtonGroup(self)
        self._end_mode.addButton(self.by_count)
        self._end_mode.addButton(self.by_until)
        self.count = QSpinBox()
        self.count.setRange(1, MAX_OCCURRENCES)
        self.count.setValue(12)
        self.count.setSuffix(" dates")
        self.count.setAccessibleName("Number of dates")
        self.until = DayEdit("Last date", today, self)
        self.until.shown.setMinimumWidth(0)
        self.confirm = QComboBox()
        self.confirm.setAccessibleName("Each date will be")
        self.confirm.addItem("Confirmed", True)
        self.confirm.addItem("A provisional hold", False)
        self.confirm.setToolTip("Regular hirers are usually confirmed at once")
        self.count_error = error_label("Number of dates problem")
        self.until_error = error_label("Last date problem")
        self.preview_model = OccurrenceModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setAccessibleName("Dates of the series")
        self.preview.verticalHeader().hide()
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setTabKeyNavigation(False)
        self.preview.setWordWrap(True)
        # A clash's message wraps rather than hides.
        self.preview.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RESULT, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setAccessibleName("Series summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(buddy("Fre&quency", self.frequency), row(self.frequency))
        form.addRow(QLabel("Ends"), stacked(row(self.by_count, self.count),
                                            self.count_error))
        form.addRow(QLabel(""), stacked(row(self.by_until, self.until.edit, self.until.shown),
                                        self.until_error))
        form.addRow(buddy("Each date &will be", self.confirm), row(self.confirm))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)

    def _connect(self) -> None:
        self.frequency.currentIndexChanged.connect(self.edited)
        self.count.valueChanged.connect(self.edited)
        self.until.edited.connect(self.edited)
        self.by_count.toggled.connect(self._on_end_mode_changed)
        self.confirm.currentIndexChanged.connect(self.edited)

    def register_errors(self, errors: FieldErrors) -> None:
        errors.add(self.count_error, "count", focus=self.count)
        errors.add(self.until_error, "until", focus=self.until.edit)

    def tab_chain(self) -> list[QWidget]:
        return [self.frequency, self.by_count, self.count, self.by_until, self.until.edit,
                self.confirm, self.preview]

    def recurrence(self) -> Recurrence:
        """The rule as chosen; a bad last date raises a ValidationError (field "until")."""
        frequency = Frequency(self.frequency.currentData())  # Qt returns a plain str
        confirm = bool(self.confirm.currentData())
        if self.by_count.isChecked():
            return Recurrence(frequency, self.count.value(), None, confirm)
        return Recurrence(frequency, None, self.until.day(field="until"), confirm)

    # -- showing the preview -------------------------------------------------------------

    def show_waiting(self, text: str) -> None:
        self.preview_model.set_occurrences(())
        self.summary.setText(text)
        self.summary.setStyleSheet(MUTED_STYLE)

    def show_checking(self) -> None:
        """A check is under way; the dates shown so far stay until it answers."""
        self.summary.setText("Checking every date…")
        self.summary.setStyleSheet(MUTED_STYLE)

    def show_preview(self, preview: SeriesPreview) -> None:
        self.preview_model.set_occurrences(preview.occurrences)
        total = len(preview.occurrences)
        clashes = len(preview.clashes)
        price = (f" · {format_pence(preview.quote_per_date.total_pence)} a date"
                 if preview.quote_per_date else "")
        if not clashes:
            self.summary.setText(f"All {total} dates are free{price}. Nothing is saved yet.")
            self.summary.setStyleSheet(FREE_STYLE)
            return
        first = preview.clashes[0]
        self.summary.setText(
            f"{clashes} of {total} dates cannot be booked (first: {first.day:%a} "
            f"{first.day.day} {first.day:%b}){price}. Nothing is saved yet: create the "
            "series skipping those dates, change the rule, or cancel.")
        self.summary.setStyleSheet(PROBLEM_STYLE)

    def _on_end_mode_changed(self) -> None:
        by_count = self.by_count.isChecked()
        self.count.setEnabled(by_count)
        self.until.set_read_only(by_count)
        self.until.edit.setEnabled(not by_count)
        self.edited.emit()
