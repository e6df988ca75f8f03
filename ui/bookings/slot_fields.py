"""Date and from/to fields typed as on the phone ("sat", "2pm"), with the date understood.

Shared by the booking and move dialogs. `read()` gives London wall-clock datetimes or
raises a ValidationError naming the field ("date", "start" or "end").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLabel, QLineEdit, QMenu, QWidget, QWidgetAction

from spacebank.domain.errors import ValidationError
from spacebank.domain.typed_dates import parse_day, parse_time
from ui.console.formatting import day_text, length_text


def line_edit(name: str, placeholder: str, chars: int, tip: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    edit.setToolTip(tip)
    width = edit.fontMetrics().horizontalAdvance("M" * chars) + 12
    edit.setMinimumWidth(width)
    edit.setMaximumWidth(width * 3 // 2)
    return edit


class DayEdit(QObject):
    """A typed day ("sat", "12/4", "+3") with what it was understood as, and a picker."""

    edited = Signal()

    def __init__(self, name: str, today: Callable[[], date], parent: QWidget) -> None:
        super().__init__(parent)
        self._today = today
        self.edit = line_edit(name, "sat, next tue, 12/4", 8,
                              f"{name}: sat, next tue, 12/4, 4 Dec, today, +3 "
                              "(F4 or Alt+Down picks from a calendar)")
        self.shown = QLabel()
        self.shown.setAccessibleName(f"{name} understood as")
        self.shown.setMinimumWidth(self.shown.fontMetrics().horizontalAdvance(
            "Wed 30 Sep 2026 (tomorrow)") + 4)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(f"{name} calendar")
        self._menu = QMenu(parent)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self.calendar)
        self._menu.addAction(holder)
        self.edit.textEdited.connect(self._on_edited)
        self.calendar.activated.connect(self._on_picked)
        self.calendar.clicked.connect(self._on_picked)
        self.edit.installEventFilter(self)

    def day(self, field: str = "date") -> date:
        try:
            return parse_day(self.edit.text(), self._today())
        except ValidationError as error:
            raise ValidationError(error.user_message, field=field) from None

    def set_day(self, day: date) -> None:
        self.edit.setText(f"{day.day}/{day.month}/{day.year}")
        self._show()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.edit.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only
                                 else Qt.FocusPolicy.StrongFocus)

    def open_picker(self) -> None:
        try:
            shown = self.day()
        except ValidationError:
            shown = self._today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self._menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar.setFocus()

    def _show(self) -> None:
        if not self.edit.text().strip():
            self.shown.setText("")
            return
        try:
            self.shown.setText(day_text(self.day(), self._today()))
        except ValidationError:
            self.shown.setText("?")

    def _on_edited(self) -> None:
        self._show()
        self.edited.emit()

    def _on_picked(self, picked: QDate) -> None:
        self._menu.hide()
        self.set_day(date(picked.year(), picked.month(), picked.day()))
        self.edit.setFocus()
        self.edited.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.edit and not self.edit.isReadOnly()
                and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and (event.key() == Qt.Key.Key_F4
                     or (event.key() == Qt.Key.Key_Down
                         and event.modifiers() == Qt.KeyboardModifier.AltModifier))):
            self.open_picker()
            return True
        return super().eventFilter(watched, event)


class SlotFields(QObject):
    """Date, from and to; builds no layout so each dialog places them its own way."""

    edited = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget) -> None:
        super().__init__(parent)
        self.date = DayEdit("Date", today, parent)
        self.from_edit = line_edit("From", "14, 2pm", 5, "Start time: 14, 1400, 2pm, 2.30pm")
        self.to_edit = line_edit("To", "18, 6pm", 5, "End time: 18, 6pm, 22:30")
        self.length = QLabel()
        self.length.setAccessibleName("Length of the booking")
        self.date.edited.connect(self._on_edited)
        self.from_edit.textEdited.connect(self._on_edited)
        self.to_edit.textEdited.connect(self._on_edited)

    def read(self) -> tuple[datetime, datetime]:
        """(start, end) as London wall-clock datetimes; ValidationError names the field."""
        day = self.date.day()
        start = _time(self.from_edit, "start", "From")
        end = _time(self.to_edit, "end", "To")
        return datetime.combine(day, start), datetime.combine(day, end)

    def set_slot(self, start: datetime, end: datetime) -> None:
        self.date.set_day(start.date())
        self.from_edit.setText(f"{start:%H:%M}")
        self.to_edit.setText(f"{end:%H:%M}")
        self._show_length()

    def set_read_only(self, read_only: bool) -> None:
        self.date.set_read_only(read_only)
        for edit in (self.from_edit, self.to_edit):
            edit.setReadOnly(read_only)
            edit.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only
                                else Qt.FocusPolicy.StrongFocus)

    def widgets(self) -> list[QWidget]:
        return [self.date.edit, self.from_edit, self.to_edit]

    def _on_edited(self) -> None:
        self._show_length()
        self.edited.emit()

    def _show_length(self) -> None:
        try:
            start, end = self.read()
        except ValidationError:
            self.length.setText("")
            return
        minutes = int((end - start).total_seconds() // 60)
        self.length.setText(f"({length_text(minutes)})" if minutes > 0 else "")


def _time(edit: QLineEdit, field: str, label: str) -> time:
    if not edit.text().strip():
        raise ValidationError(f"Type the {label.lower()} time, e.g. 14 or 2pm.", field=field)
    try:
        return parse_time(edit.text())
    except ValidationError as error:
        raise ValidationError(f"{label}: {error.user_message}", field=field) from None
