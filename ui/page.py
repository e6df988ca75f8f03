"""What the main window expects of a feature page."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget


class Page(Protocol):
    """A feature screen: a widget with a title and the actions for its menu."""

    title: str

    def widget(self) -> QWidget: ...

    def actions_for_menu(self) -> list[QAction]: ...

    def focus_first(self) -> None:
        """Put the keyboard focus where a clerk starts typing on this page."""
