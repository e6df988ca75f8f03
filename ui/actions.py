"""QAction builders every feature's actions use, so shortcuts and tips read alike."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def make_action(parent: QWidget, text: str, shortcuts: tuple[str, ...], tip: str) -> QAction:
    """An action whose shortcut works while the focus is inside `parent` only.

    Pages live side by side in one window; a page-wide context keeps one page's
    Ctrl+D from clashing with another's.
    """
    action = QAction(text, parent)
    action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setStatusTip(tip)
    shown = QKeySequence(shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText) \
        if shortcuts else ""
    action.setToolTip(f"{tip} ({shown})" if shown else tip)
    parent.addAction(action)
    return action


def separator(parent: QWidget) -> QAction:
    action = QAction(parent)
    action.setSeparator(True)
    return action
