"""Placeholder while the settings dialog is written."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from spacebank.services.container import Services
from ui.changes import ChangeBus


class SettingsDialog:
    @classmethod
    def open(cls, parent: QWidget | None, services: Services, bus: ChangeBus) -> None:
        return None
