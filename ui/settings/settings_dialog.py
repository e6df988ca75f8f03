"""Settings: organisation details, the booking policy, and which database to open.

Organisation and policy are saved through the settings service (and published as a
"settings" change); the database choice goes to this desk's settings file and applies
at the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.errors import SpacebankError
from spacebank.services.container import Services
from ui.changes import ChangeBus
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import save_buttons
from ui.service_call import Messages, Refused, call
from ui.settings.database_tab import DatabaseTab
from ui.settings.organisation_tab import OrganisationTab
from ui.settings.policy_tab import PolicyTab

ORGANISATION_TAB, POLICY_TAB, DATABASE_TAB = range(3)
T = TypeVar("T")


class SettingsDialog(QDialog):
    """Use `open`; tests may drive an instance directly."""

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus) -> None:
        super().__init__(parent)
        self._services, self._bus = services, bus
        self.setWindowTitle("Settings")
        em = self.fontMetrics().horizontalAdvance("M")
        self.setMinimumSize(em * 64, em * 36)
        screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen())
        room = screen.availableGeometry() if screen is not None else None
        width, height = em * 92, em * 48
        if room is not None:
            width, height = min(width, room.width() * 9 // 10), min(height, room.height() * 9 // 10)
        self.resize(width, height)
        self.general_error = error_label("Settings problem")
        self.errors = FieldErrors(self.general_error)
        self.organisation = OrganisationTab(self.errors)
        self.policy = PolicyTab(self.errors)
        self.database = DatabaseTab(services)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.addTab(self.organisation, "&Organisation")
        self.tabs.addTab(self.policy, "&Booking policy")
        self.tabs.addTab(self.database, "&Database")
        buttons, self.save_button = save_buttons(
            self, "Save every tab (Ctrl+S)", self._on_save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self._loaded_org = None
        self._loaded_policy = None
        self._load()
        self.organisation.first().setFocus()

    @classmethod
    def open(cls, parent: QWidget | None, services: Services, bus: ChangeBus) -> None:  # type: ignore[override]
        """Show the settings; returns once they are saved or the dialog is cancelled."""
        dialog = cls(parent, services, bus)
        dialog.exec()

    def _load(self) -> None:
        settings = self._services.settings
        org = call(self, settings.organisation, inline=self.general_error)
        policy = call(self, settings.policy, inline=self.general_error)
        if not isinstance(org, Refused):
            self._loaded_org = org
            self.organisation.load(org)
        if not isinstance(policy, Refused):
            self._loaded_policy = policy
            self.policy.load(policy)

    # -- saving ------------------------------------------------------------------------

    def _on_save(self) -> None:
        """Save what changed, tab by tab; a refusal shows by its field, on its tab."""
        self.errors.clear()
        self.general_error.hide()
        org = self._run(self.organisation.read)
        if isinstance(org, Refused):
            return
        policy = self._run(self.policy.read)
        if isinstance(policy, Refused):
            return
        settings, changed = self._services.settings, False
        if org != self._loaded_org:
            saved = self._run(lambda: settings.update_organisation(org))
            if isinstance(saved, Refused):
                return
            self._loaded_org, changed = saved, True
        if policy != self._loaded_policy:
            saved_policy = self._run(lambda: settings.update_policy(policy))
            if isinstance(saved_policy, Refused):
                return
            self._loaded_policy, changed = saved_policy, True
        if changed:
            self._bus.publish("settings", (), self)
        if self.database.is_changed() and not self._save_database():
            return
        self.accept()

    def _save_database(self) -> bool:
        failed = self.database.failed_test()
        if failed is not None and not Messages.confirm(
                self, "Use this database?",
                f"The connection test said: {failed.message}\n\nUse "
                f"“{self.database.chosen()}” from the next start anyway?"):
            self.tabs.setCurrentIndex(DATABASE_TAB)
            return False
        if not self.database.save():
            self.tabs.setCurrentIndex(DATABASE_TAB)
            return False
        where = self.database.chosen() or "the default database"
        Messages.info(self, "Database", f"Spacebank will open {where} the next time it "
                                        "starts. Until then it keeps using "
                                        f"{self._services.ctx.db.display_name}.")
        return True

    def _run(self, action: Callable[[], T]) -> T | Refused:
        """Run a read or a service call; on refusal show the tab holding the message."""
        try:
            return action()
        except SpacebankError as error:
            self._show_tab_of(self.errors.label_for(error.field))
            self.errors.show(error, focus=True)
            return Refused(error)

    def _show_tab_of(self, label: QLabel) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(label):
                self.tabs.setCurrentIndex(index)
                return
