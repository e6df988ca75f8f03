"""Runs a service call for a slot and shows a refused request as a clerk-readable message.

Business errors (`SpacebankError`) become a message box (or an inline label); anything
else is a bug and goes to the global error handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from spacebank.domain.errors import SpacebankError

T = TypeVar("T")


class Refused:
    """Returned instead of a result when the service refused; falsy."""

    def __init__(self, error: SpacebankError) -> None:
        self.error = error

    def __bool__(self) -> bool:
        return False


def call(parent: QWidget | None, action: Callable[[], T], *,
         title: str = "Cannot do that", inline: QLabel | None = None) -> T | Refused:
    """Run `action`; on a SpacebankError show its message and return a `Refused`."""
    try:
        result = action()
    except SpacebankError as error:
        show_refusal(parent, error, title=title, inline=inline)
        return Refused(error)
    if inline is not None:
        inline.clear()
        inline.hide()
    return result


def show_refusal(parent: QWidget | None, error: SpacebankError, *, title: str = "Cannot do that",
                 inline: QLabel | None = None) -> None:
    if inline is not None:
        inline.setText(error.user_message)
        inline.show()
        return
    Messages.warn(parent, title, error.user_message)


class Messages:
    """Message boxes behind classmethods, so tests can replace them."""

    @classmethod
    def warn(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    @classmethod
    def confirm(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def info(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)
