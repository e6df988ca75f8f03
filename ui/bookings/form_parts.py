"""Small layout pieces shared by the booking and move dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


def buddy(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    # A few pixels spare: offscreen and some hinted fonts draw wider than they measure.
    label.setMinimumWidth(label.sizeHint().width() + 3)
    return label


def stacked(*parts: QWidget | QHBoxLayout) -> QVBoxLayout:
    """A field row with its error label(s) under it (hidden labels take no space)."""
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    for part in parts:
        if isinstance(part, QHBoxLayout):
            column.addLayout(part)
        else:
            column.addWidget(part)
    return column


def row(*widgets: QWidget | int, fill: bool = False) -> QHBoxLayout:
    """Widgets side by side (an int adds that much space), left-aligned unless `fill`."""
    line = QHBoxLayout()
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(6)
    for widget in widgets:
        if isinstance(widget, int):
            line.addSpacing(widget)
        else:
            line.addWidget(widget)
    if not fill:
        line.addStretch(1)
    return line
