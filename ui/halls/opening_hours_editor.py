"""A venue's opening hours: one row per weekday with opening and closing times, or closed.

Times are typed as the team says them ("9", "9am", "22:30", "midnight"); each is shown
back as HH:MM once the field is left, so a misunderstanding is seen at once.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from spacebank.domain.errors import ValidationError
from spacebank.domain.rules import WEEKDAYS
from spacebank.domain.typed_dates import parse_time
from spacebank.services.venue_dto import WeekHours
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import buddy, line_edit, minutes_text

MIDNIGHT = 24 * 60
_BARE_HOUR = re.compile(r"^\d{1,2}$")
_MIDNIGHT_WORDS = ("24", "2400", "24:00", "24.00", "midnight", "12am")

#: What set_opening_hours gets: weekday -> (opens, closes) minutes, or None for closed.
HoursChange = dict[int, tuple[int, int] | None]


def parse_clock(text: str, *, closing: bool, field: str, day: str) -> int:
    """Minutes after midnight for a typed opening or closing time.

    A bare hour means the morning when opening ("8" is 08:00) and follows the phone
    rule when closing ("8" is 20:00); midnight is only a closing time (24:00).
    """
    raw = text.strip().lower().replace(" ", "")
    if not raw:
        which = "closing" if closing else "opening"
        raise ValidationError(f"{day}: type the {which} time, or tick Closed.", field=field)
    if closing and raw in _MIDNIGHT_WORDS:
        return MIDNIGHT
    if not closing and _BARE_HOUR.match(raw) and int(raw) < 24:
        return int(raw) * 60
    try:
        moment = parse_time(raw)
    except ValidationError as error:
        raise ValidationError(f"{day}: {error.user_message}", field=field) from None
    return moment.hour * 60 + moment.minute


class OpeningHoursEditor(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Opening hours")
        self.closed: list[QCheckBox] = []
        self.opens: list[QLineEdit] = []
        self.closes: list[QLineEdit] = []
        self.errors: list[QLabel] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        for day, name in enumerate(WEEKDAYS):
            opens = line_edit(f"{name} opens", "09:00", chars=6)
            closes = line_edit(f"{name} closes", "23:00", chars=6)
            closed = QCheckBox("Closed")
            closed.setAccessibleName(f"{name} closed all day")
            error = error_label(f"{name} opening hours problem")
            label = buddy(name, opens)
            row = day * 2
            grid.addWidget(label, row, 0)
            grid.addWidget(opens, row, 1)
            grid.addWidget(QLabel("to"), row, 2)
            grid.addWidget(closes, row, 3)
            grid.addWidget(closed, row, 4)
            grid.addWidget(error, row + 1, 1, 1, 5)
            opens.textEdited.connect(self.edited)
            closes.textEdited.connect(self.edited)
            opens.editingFinished.connect(lambda d=day: self._tidy(d, closing=False))
            closes.editingFinished.connect(lambda d=day: self._tidy(d, closing=True))
            closed.toggled.connect(lambda _on, d=day: self._on_closed_toggled(d))
            self.opens.append(opens)
            self.closes.append(closes)
            self.closed.append(closed)
            self.errors.append(error)
        self.copy_button = QPushButton("Cop&y Monday to every day")
        self.copy_button.setAccessibleName("Copy Monday's hours to every day")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self._on_copy_monday)
        grid.addWidget(self.copy_button, 14, 1, 1, 4)
        grid.setColumnStretch(5, 1)

    # -- reading and writing -----------------------------------------------------------

    def set_hours(self, hours: WeekHours) -> None:
        for day in range(7):
            span = hours.get(day)
            self.opens[day].setText(minutes_text(span[0]) if span else "")
            self.closes[day].setText(minutes_text(span[1]) if span else "")
            self.closed[day].blockSignals(True)
            self.closed[day].setChecked(span is None)
            self.closed[day].blockSignals(False)
            self._enable(day)

    def hours(self) -> HoursChange:
        """Every weekday as typed; raises ValidationError(field="opening_hours.N")."""
        result: HoursChange = {}
        for day, name in enumerate(WEEKDAYS):
            if self.closed[day].isChecked():
                result[day] = None
                continue
            field = f"opening_hours.{day}"
            opens = parse_clock(self.opens[day].text(), closing=False, field=field, day=name)
            closes = parse_clock(self.closes[day].text(), closing=True, field=field, day=name)
            result[day] = (opens, closes)
        return result

    def register(self, errors: FieldErrors) -> None:
        """Show the service's messages about a weekday beside that weekday."""
        for day in range(7):
            errors.add(self.errors[day], f"opening_hours.{day}", focus=self.opens[day])
        errors.add(self.errors[0], "opening_hours", focus=self.opens[0])

    def first(self) -> QWidget:
        return self.opens[0]

    def tab_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for day in range(7):
            chain += [self.opens[day], self.closes[day], self.closed[day]]
        return [*chain, self.copy_button]

    # -- slots -------------------------------------------------------------------------

    def _tidy(self, day: int, *, closing: bool) -> None:
        edit = self.closes[day] if closing else self.opens[day]
        try:
            minutes = parse_clock(edit.text(), closing=closing, field="", day="")
        except ValidationError:
            return  # left as typed; Save shows why
        if edit.text() != minutes_text(minutes):
            edit.setText(minutes_text(minutes))

    def _on_closed_toggled(self, day: int) -> None:
        self._enable(day)
        self.edited.emit()

    def _enable(self, day: int) -> None:
        is_open = not self.closed[day].isChecked()
        self.opens[day].setEnabled(is_open)
        self.closes[day].setEnabled(is_open)

    def _on_copy_monday(self) -> None:
        for day in range(1, 7):
            self.opens[day].setText(self.opens[0].text())
            self.closes[day].setText(self.closes[0].text())
            self.closed[day].setChecked(self.closed[0].isChecked())
            self._enable(day)
        self.edited.emit()
