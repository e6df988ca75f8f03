"""Placeholder while the halls page is written (see the real one shortly)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from spacebank.services.container import Services
from ui.changes import ChangeBus


class HallsPage(QWidget):
    title = "Halls"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        QVBoxLayout(self).addWidget(QLabel("Halls and venues"))

    def widget(self) -> QWidget:
        return self

    def actions_for_menu(self) -> list[QAction]:
        return []

    def focus_first(self) -> None:
        self.setFocus()
