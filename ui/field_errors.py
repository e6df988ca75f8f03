"""Service errors shown next to the field they concern (`SpacebankError.field`).

A form registers one small red label per field (or group of fields); a refused call
puts the service's own message in the label of its field, or in a general label when
the field is not on the form. Business errors only: anything else is a bug and goes
to the global error handler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from spacebank.domain.errors import SpacebankError
from ui.service_call import Refused

T = TypeVar("T")

ERROR_STYLE = "color: #b03a2e;"


def error_label(accessible_name: str) -> QLabel:
    """A word-wrapped red label, hidden while it has nothing to say."""
    label = QLabel()
    label.setAccessibleName(accessible_name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class FieldErrors:
    """Which label shows the message for which service field."""

    def __init__(self, general: QLabel) -> None:
        self._general = general
        self._labels: dict[str, QLabel] = {}
        self._focus: dict[str, QWidget] = {}

    def add(self, label: QLabel, *fields: str, focus: QWidget | None = None) -> None:
        for field in fields:
            self._labels[field] = label
            if focus is not None:
                self._focus[field] = focus

    def label_for(self, field: str | None) -> QLabel:
        return self._labels.get(field or "", self._general)

    def message(self, field: str | None) -> str:
        """What is shown for a field now ("" if nothing): for tests and the dialog."""
        return self.label_for(field).text()

    def show(self, error: SpacebankError, *, fallback: QLabel | None = None,
             focus: bool = False) -> None:
        label = self._labels.get(error.field or "", fallback or self._general)
        label.setText(error.user_message)
        label.show()
        widget = self._focus.get(error.field or "")
        if focus and widget is not None and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self, fields: Iterable[str] | None = None) -> None:
        """Clear the labels of these fields (every label, and the general one, if None)."""
        if fields is None:
            labels = {*self._labels.values(), self._general}
        else:
            labels = {self._labels[f] for f in fields if f in self._labels}
        for label in labels:
            label.clear()
            label.hide()

    def run(self, action: Callable[[], T], *, fallback: QLabel | None = None,
            focus: bool = False) -> T | Refused:
        """Run a service call; on a SpacebankError show it by its field, return Refused."""
        try:
            return action()
        except SpacebankError as error:
            self.show(error, fallback=fallback, focus=focus)
            return Refused(error)
