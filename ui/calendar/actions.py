"""The calendar's actions: shortcuts and status tips in one place.

The shortcuts are single keys, so they work only while a calendar view has the focus
(`WidgetShortcut` on each view): typing in the venue picker still searches by letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class CalendarActions:
    day_view: QAction
    week_view: QAction
    month_view: QAction
    today: QAction
    previous: QAction
    next: QAction
    open: QAction
    move: QAction
    show_cancelled: QAction

    def all(self) -> list[QAction]:
        return [self.day_view, self.week_view, self.month_view, self.today, self.previous,
                self.next, self.open, self.move, self.show_cancelled]

    def menu(self) -> list[QAction]:
        """In menu order, with separators between the groups."""
        return [self.day_view, self.week_view, self.month_view, _separator(self.today),
                self.today, self.previous, self.next, _separator(self.open), self.open,
                self.move, _separator(self.show_cancelled), self.show_cancelled]


def build_calendar_actions(page: QWidget, views: Sequence[QWidget]) -> CalendarActions:
    actions = CalendarActions(
        day_view=_action(page, "&Day view", ["D"], "Halls as columns, one day (D)"),
        week_view=_action(page, "&Week view", ["W"],
                          "One venue's or one hall's week, days as columns (W)"),
        month_view=_action(page, "Month &overview", ["O"],
                           "How full each day of the month is; Enter opens a day (O)"),
        today=_action(page, "&Today", ["T"], "Go to today (T)"),
        previous=_action(page, "&Previous", ["PgUp"],
                         "The previous day, week or month (Page Up)"),
        next=_action(page, "&Next", ["PgDown"], "The next day, week or month (Page Down)"),
        open=_action(page, "&Open or book…", ["Return", "Enter"],
                     "Open the booking under the cursor, or book the free time there (Enter)"),
        move=_action(page, "&Move booking…", ["M"],
                     "Move the booking under the cursor to another time or hall (M)"),
        show_cancelled=_action(page, "Show &cancelled", ["C"],
                               "Also show cancelled bookings and lapsed holds (C)"),
    )
    group = QActionGroup(page)
    for action in (actions.day_view, actions.week_view, actions.month_view):
        action.setCheckable(True)
        group.addAction(action)
    actions.day_view.setChecked(True)
    actions.show_cancelled.setCheckable(True)
    for action in actions.all():
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        for view in views:
            view.addAction(action)
    return actions


def _action(parent: QWidget, text: str, keys: list[str], tip: str) -> QAction:
    action = QAction(text, parent)
    action.setShortcuts([QKeySequence(k) for k in keys])
    shown = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
    action.setStatusTip(tip)
    action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shown})")
    return action


def _separator(owner: QAction) -> QAction:
    separator = QAction(owner.parent())
    separator.setSeparator(True)
    return separator
