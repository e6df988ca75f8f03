"""The phone console's actions: shortcuts and status tips in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ConsoleActions:
    new_query: QAction
    book_selected: QAction
    new_hirer: QAction
    new_call: QAction

    def all(self) -> list[QAction]:
        return [self.new_query, self.book_selected, self.new_hirer, self.new_call]


def build_console_actions(page: QWidget) -> ConsoleActions:
    """Actions owned by (and added to) the page; their shortcuts work while it has focus,
    so other screens may use the same keys for their own things."""
    actions = ConsoleActions(
        new_query=_action(page, "New &query", ["Ctrl+L"],
                          "Jump to the date to ask about another day or time"),
        book_selected=_action(page, "&Book selected hall…", ["Ctrl+B"],
                              "Open the booking dialog for the selected hall and time "
                              "(Enter on a result does the same)"),
        new_hirer=_action(page, "New &hirer…", ["Ctrl+Shift+N"],
                          "Add the caller as a new hirer (Alt+N beside Caller)"),
        new_call=_action(page, "New &call", ["Ctrl+Shift+L"],
                         "Clear the caller and the question for the next call"),
    )
    for action in actions.all():
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        page.addAction(action)
    return actions


def _action(parent: QWidget, text: str, keys: list[str], tip: str) -> QAction:
    action = QAction(text, parent)
    action.setShortcuts([QKeySequence(k) for k in keys])
    shown = " / ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                       for k in keys)
    action.setStatusTip(tip)
    action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shown})")
    return action
