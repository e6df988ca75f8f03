"""The caller's question as typed: day, from/to, group size, what they need, where.

Reads what the clerk typed into a `ConsoleQuery` (or a ValidationError naming the field)
and says "the question changed" once typing pauses, so results follow the typing
without a query per keystroke.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from spacebank.domain.enums import Facility
from spacebank.domain.errors import ValidationError
from spacebank.domain.typed_dates import parse_day, parse_time
from spacebank.services.booking_dto import SlotQuery
from ui.console.formatting import day_text, facility_label

#: Quiet time after the last keystroke before the question is asked again.
DEBOUNCE_MS = 150
MAX_ATTENDEES = 500
#: The facilities callers ask for most, each with its Alt+letter (avoiding the menu
#: bar's F, G and H and the other fields' letters).
CHIP_FACILITIES: tuple[tuple[Facility, str], ...] = (
    (Facility.KITCHEN, "&Kitchen"),
    (Facility.STEP_FREE, "&Step-free"),
    (Facility.ACCESSIBLE_TOILET, "Accessible toi&let"),
    (Facility.PARKING, "&Parking"),
    (Facility.STAGE, "Stag&e"),
    (Facility.HEARING_LOOP, "Hearing l&oop"),
)
_INVALID_STYLE = "border: 1px solid #c0392b;"


@dataclass(frozen=True)
class ConsoleQuery:
    """A complete, parsed question (London wall-clock day and times)."""

    day: date
    start: time
    end: time
    attendees: int
    facilities: frozenset[Facility] = frozenset()
    near: str = ""

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.day, self.start)

    @property
    def end_at(self) -> datetime:
        return datetime.combine(self.day, self.end)

    @property
    def minutes(self) -> int:
        return int((self.end_at - self.start_at).total_seconds() // 60)

    def slot_query(self) -> SlotQuery:
        return SlotQuery(start=self.start_at, end=self.end_at, attendees=self.attendees,
                         facilities=self.facilities, near=self.near)


class QueryRow(QWidget):
    """Two compact lines of inputs; owns the debounce, not the searching."""

    #: The question changed and typing has paused: read it again.
    query_changed = Signal()
    #: Down or Enter in a field: the clerk wants the results.
    results_requested = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.query_changed)
        self._build_fields()
        self._build_layout()
        self._connect()
        self._on_date_edited()

    # -- building ----------------------------------------------------------------------

    def _build_fields(self) -> None:
        self.date_edit = self._line_edit("Date", "sat, next tue, 12/4", 12,
                                         "The day asked for: sat, next tue, 12/4, 4 Dec, "
                                         "today, +3 (Alt+Down or F4 picks from a calendar)")
        self.date_shown = QLabel()
        self.date_shown.setAccessibleName("Date understood as")
        # Wide enough for the longest answer, so the fields after it never jump.
        self.date_shown.setFixedWidth(self.fontMetrics().horizontalAdvance(
            "Wed 30 Sep 2026 (tomorrow)") + 8)
        self.pick_button = QToolButton()
        self.pick_button.setText("…")
        self.pick_button.setToolTip("Pick the day from a calendar (Alt+Down or F4 in Date)")
        self.pick_button.setAccessibleName("Pick the date from a calendar")
        self.pick_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName("Calendar")
        self.calendar.setGridVisible(False)
        self._pick_menu = QMenu(self)
        holder = QWidgetAction(self._pick_menu)
        holder.setDefaultWidget(self.calendar)
        self._pick_menu.addAction(holder)
        self.from_edit = self._line_edit("From", "14, 2pm", 7, "Start time: 14, 1400, 2pm, 2.30pm")
        self.to_edit = self._line_edit("To", "18, 6pm", 7, "End time: 18, 6pm, 22:30")
        self.attendees = QSpinBox()
        self.attendees.setRange(1, MAX_ATTENDEES)
        self.attendees.setValue(20)
        self.attendees.setAccessibleName("Attendees")
        self.attendees.setToolTip("How many people are coming")
        self.attendees.setMinimumWidth(self.attendees.fontMetrics().horizontalAdvance("0000") + 40)
        self.near_edit = self._line_edit("Near", "postcode or area", 10,
                                         "The caller's postcode, district or area: "
                                         "nearer halls come first")
        self.chips: dict[Facility, QCheckBox] = {}
        for facility, text in CHIP_FACILITIES:
            box = QCheckBox(text)
            box.setAccessibleName(f"Needs {facility_label(facility).lower()}")
            box.setToolTip(f"Only halls with {facility_label(facility).lower()}")
            self.chips[facility] = box
        self.more_button = QToolButton()
        self.more_button.setText("More ▾")
        # Fusion draws its own arrow over the text's last letter; the ▾ above replaces it.
        self.more_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.more_button.setAccessibleName("More facilities")
        self.more_button.setToolTip("Other facilities the caller needs")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        more_menu = QMenu(self.more_button)
        self.more_actions: dict[Facility, QAction] = {}
        chip_set = {f for f, _ in CHIP_FACILITIES}
        for facility in Facility:
            if facility in chip_set:
                continue
            action = more_menu.addAction(facility_label(facility))
            action.setCheckable(True)
            self.more_actions[facility] = action
        self.more_button.setMenu(more_menu)

    def _line_edit(self, name: str, placeholder: str, chars: int, tip: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        # Room for what is typed (and the placeholder), not a stretch across the row.
        metrics = edit.fontMetrics()
        wanted = max(metrics.horizontalAdvance("0" * chars), metrics.horizontalAdvance(placeholder))
        edit.setFixedWidth(wanted + 18)
        return edit

    def _build_layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        line = QHBoxLayout()
        line.setSpacing(6)
        self.date_label = self._buddy("&Date", self.date_edit)
        line.addWidget(self.date_label)
        line.addWidget(self.date_edit)
        line.addWidget(self.pick_button)
        line.addWidget(self.date_shown)
        line.addSpacing(16)
        line.addWidget(self._buddy("Fro&m", self.from_edit))
        line.addWidget(self.from_edit)
        line.addSpacing(4)
        line.addWidget(self._buddy("&To", self.to_edit))
        line.addWidget(self.to_edit)
        line.addSpacing(16)
        line.addWidget(self._buddy("&Attendees", self.attendees))
        line.addWidget(self.attendees)
        line.addSpacing(16)
        line.addWidget(self._buddy("Nea&r", self.near_edit))
        line.addWidget(self.near_edit)
        line.addStretch(1)
        grid.addLayout(line, 0, 0)
        needs = QHBoxLayout()
        needs.setSpacing(14)
        needs_label = QLabel("Needs:")
        needs.addWidget(needs_label)
        for box in self.chips.values():
            needs.addWidget(box)
        needs.addWidget(self.more_button)
        needs.addStretch(1)
        grid.addLayout(needs, 1, 0)

    @staticmethod
    def _buddy(text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        # A mnemonic splits the text in two runs, which loses kerning ("To" is measured
        # kerned, drawn unkerned): a couple of pixels more, or the last letter is cut.
        label.setMinimumWidth(label.sizeHint().width() + 3)
        return label

    def _connect(self) -> None:
        self.date_edit.textEdited.connect(self._on_date_edited)
        for edit in (self.from_edit, self.to_edit, self.near_edit):
            edit.textEdited.connect(self._on_edited)
        self.attendees.valueChanged.connect(self._on_edited)
        for box in self.chips.values():
            box.toggled.connect(self._on_edited)
        for action in self.more_actions.values():
            action.toggled.connect(self._on_more_toggled)
        self.pick_button.clicked.connect(self.open_picker)
        self.calendar.activated.connect(self._on_date_picked)
        self.calendar.clicked.connect(self._on_date_picked)
        for widget in self.tab_chain():
            widget.installEventFilter(self)

    def tab_chain(self) -> list[QWidget]:
        """The fields in the order Tab visits them."""
        return [self.date_edit, self.from_edit, self.to_edit, self.attendees,
                *self.chips.values(), self.more_button, self.near_edit]

    # -- reading -----------------------------------------------------------------------

    def is_blank(self) -> bool:
        return not (self.date_edit.text().strip() or self.from_edit.text().strip()
                    or self.to_edit.text().strip())

    def read(self) -> ConsoleQuery:
        """The question as typed; raises ValidationError with field date, start or end."""
        day = parse_day(self.date_edit.text(), self._today())
        start = self._time(self.from_edit, "start", "From")
        end = self._time(self.to_edit, "end", "To")
        return ConsoleQuery(day=day, start=start, end=end, attendees=self.attendees.value(),
                            facilities=self.facilities(), near=self.near_edit.text().strip())

    @staticmethod
    def _time(edit: QLineEdit, field: str, label: str) -> time:
        if not edit.text().strip():
            raise ValidationError(f"Type the {label.lower()} time, e.g. 14 or 2pm.", field=field)
        try:
            return parse_time(edit.text())
        except ValidationError as error:
            raise ValidationError(f"{label}: {error.user_message}", field=field) from None

    def facilities(self) -> frozenset[Facility]:
        chosen = {f for f, box in self.chips.items() if box.isChecked()}
        chosen |= {f for f, action in self.more_actions.items() if action.isChecked()}
        return frozenset(chosen)

    def field_widget(self, field: str | None) -> QWidget | None:
        """The input a service error's `field` is about, if it is one of these."""
        return {
            "date": self.date_edit, "start": self.from_edit, "end": self.to_edit,
            "time": self.from_edit, "attendees": self.attendees, "near": self.near_edit,
        }.get(field or "")

    def mark_invalid(self, field: str | None) -> None:
        """Outline the field in error (and only that one)."""
        bad = self.field_widget(field)
        for widget in (self.date_edit, self.from_edit, self.to_edit, self.attendees):
            widget.setStyleSheet(_INVALID_STYLE if widget is bad else "")

    # -- changing ----------------------------------------------------------------------

    def set_date_text(self, text: str) -> None:
        self.date_edit.setText(text)
        self._on_date_edited()

    def clear(self) -> None:
        for edit in (self.date_edit, self.from_edit, self.to_edit, self.near_edit):
            edit.clear()
        self.attendees.setValue(20)
        for box in self.chips.values():
            box.setChecked(False)
        for action in self.more_actions.values():
            action.setChecked(False)
        self._on_date_edited()

    def flush(self) -> None:
        """Ask now rather than after the pause (Enter, Down, a booking request)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.query_changed.emit()

    def schedule(self) -> None:
        self._debounce.start()

    def open_picker(self) -> None:
        try:
            shown = parse_day(self.date_edit.text(), self._today())
        except ValidationError:
            shown = self._today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self._pick_menu.popup(self.date_edit.mapToGlobal(self.date_edit.rect().bottomLeft()))
        self.calendar.setFocus()

    # -- slots -------------------------------------------------------------------------

    def _on_date_edited(self) -> None:
        text = self.date_edit.text()
        if not text.strip():
            self.date_shown.setText("")
        else:
            try:
                self.date_shown.setText(day_text(parse_day(text, self._today()), self._today()))
            except ValidationError:
                self.date_shown.setText("?")
        self._on_edited()

    def _on_edited(self) -> None:
        self._debounce.start()

    def _on_more_toggled(self) -> None:
        count = sum(action.isChecked() for action in self.more_actions.values())
        self.more_button.setText(f"More ({count})" if count else "More")
        self._on_edited()

    def _on_date_picked(self, picked: QDate) -> None:
        self._pick_menu.hide()
        self.set_date_text(f"{picked.day()}/{picked.month()}/{picked.year()}")
        self.flush()
        self.date_edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            if watched is self.date_edit and (
                key == Qt.Key.Key_F4
                or (key == Qt.Key.Key_Down and mods == Qt.KeyboardModifier.AltModifier)
            ):
                self.open_picker()
                return True
            plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            if plain and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.more_button and key != Qt.Key.Key_Down:
                    return False  # Enter opens the menu
                self.flush()
                self.results_requested.emit()
                return True
        return super().eventFilter(watched, event)
