"""Keys of the booking dialogs: Enter moves to the next field; Ctrl+Enter saves.

A clerk typing a booking on the phone presses Enter after each answer; saving by
accident on the first Enter (Qt's default-button behaviour) would take a half-typed
hold. Enter on a focused button still presses it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QPushButton, QWidget

PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def no_default_buttons(*buttons: QPushButton) -> None:
    for button in buttons:
        button.setAutoDefault(False)
        button.setDefault(False)


def handle_enter(window: QWidget, event: QKeyEvent) -> bool:
    """Advance past buttons to the next field, or press the focused button."""
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.modifiers() not in PLAIN:
        return False
    focus = window.focusWidget()
    if isinstance(focus, QAbstractButton):
        if focus.isEnabled():
            focus.click()
        return True
    start = focus
    for _ in range(50):  # the tab chain is finite; stop if it loops back
        window.focusNextChild()
        now = window.focusWidget()
        if now is start or not isinstance(now, QAbstractButton):
            break
    return True
