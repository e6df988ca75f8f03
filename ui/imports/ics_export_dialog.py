"""Export calendar (.ics): one hall's or one venue's bookings for a period, for a diary."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.clock import local_day
from spacebank.domain.errors import SpacebankError
from spacebank.reports.ical_export import IcsSummary, write_ics
from spacebank.reports.periods import Period
from spacebank.reports.scope import Scope
from spacebank.services.container import Services
from ui.form_parts import MUTED_STYLE, buddy, push_button, set_tab_order

FILE_FILTER = "iCalendar files (*.ics)"


class IcsExportDialog(QDialog):
    """Pick a hall or venue and dates; Save as… writes the .ics and says what it wrote."""

    #: (path, IcsSummary) after a file was written.
    exported = Signal(object, object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export calendar (.ics)")
        self._services = services
        self._scopes: list[Scope] = []
        today = local_day(services.ctx.now())

        self.scope = QComboBox()
        self.scope.setAccessibleName("Hall or venue")
        self._fill_scopes()
        self.first_day = _date_edit(today, "From date")
        self.last_day = _date_edit(_months_later(today, 3), "To date")
        self.save_button = push_button("&Save as…", "Save as",
                                       "Choose where to save the .ics file and write it")
        self.save_button.setDefault(True)
        self.save_button.setEnabled(bool(self._scopes))
        self.save_button.clicked.connect(self.export)

        form = QFormLayout()
        form.addRow(buddy("&Hall or venue:", self.scope), self.scope)
        form.addRow(buddy("&From:", self.first_day), self.first_day)
        form.addRow(buddy("&To:", self.last_day), self.last_day)
        hint = QLabel("Bookings starting in these dates, with times in UK time "
                      "(Europe/London), for Outlook or another diary.")
        hint.setWordWrap(True)
        hint.setStyleSheet(MUTED_STYLE)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Result")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(buttons)
        set_tab_order([self.scope, self.first_day, self.last_day, self.save_button, close])
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    # -- the classmethods tests replace --------------------------------------------------

    @classmethod
    def save_path(cls, parent: QWidget | None, suggested: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(parent, "Export calendar", suggested,
                                                FILE_FILTER)
        return Path(chosen) if chosen else None

    @classmethod
    def ask(cls, services: Services, parent: QWidget | None) -> None:
        cls(services, parent).exec()

    # -- building ------------------------------------------------------------------------

    def _fill_scopes(self) -> None:
        venues = self._services.venues
        for venue in venues.list_venues():
            halls = venues.list_halls(venue.id)
            if not halls:
                continue
            self.scope.addItem(f"{venue.name} (all halls)", len(self._scopes))
            self._scopes.append(Scope(venue_id=venue.id))
            for hall in halls:
                self.scope.addItem(f"    {hall.name}", len(self._scopes))
                self.scope.setItemData(self.scope.count() - 1, f"{hall.name}, {venue.name}",
                                       Qt.ItemDataRole.AccessibleTextRole)
                self._scopes.append(Scope(hall_id=hall.id))

    def _say(self, text: str) -> None:
        """Show the result, growing the dialog so the form above keeps its room."""
        self.status.setText(text)
        layout = self.layout()
        wanted = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def choose(self, *, hall_id: int | None = None, venue_id: int | None = None) -> None:
        """Pick a hall or a venue in the list (for callers and tests)."""
        wanted = Scope(venue_id=None if hall_id else venue_id, hall_id=hall_id)
        if wanted in self._scopes:
            self.scope.setCurrentIndex(self._scopes.index(wanted))

    # -- the export ------------------------------------------------------------------------

    def export(self) -> Path | None:
        """Ask where, write the .ics through the core, say where and how many events."""
        if not self._scopes:
            self._say("There are no halls to export.")
            return None
        try:
            period = Period(self.first_day.date().toPython(), self.last_day.date().toPython())
        except SpacebankError as error:
            self._say(error.user_message)
            return None
        scope = self._scopes[self.scope.currentIndex()]
        name = self.scope.currentText().strip().removesuffix(" (all halls)")
        slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "bookings"
        suggested = f"{slug}-{period.first_day:%Y-%m-%d}-to-{period.last_day:%Y-%m-%d}.ics"
        path = type(self).save_path(self, suggested)
        if path is None:
            return None
        if path.suffix.lower() != ".ics":
            path = path.with_name(f"{path.name}.ics")
        out = io.BytesIO()  # written whole, so a refusal leaves no half-made file
        try:
            summary: IcsSummary = write_ics(self._services.ctx.db, period, scope, out)
        except SpacebankError as error:
            self._say(error.user_message)
            return None
        try:
            path.write_bytes(out.getvalue())
        except OSError as error:
            self._say(f"Could not write {path}: {error.strerror or error}")
            return None
        events = f"{summary.events:,} booking{'s' if summary.events != 1 else ''}"
        self._say(f"Wrote {events} of {summary.scope} to {path}.")
        self.exported.emit(path, summary)
        return path


def _date_edit(day: date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setAccessibleName(name)
    return edit


def _months_later(day: date, months: int) -> date:
    moved = QDate(day.year, day.month, day.day).addMonths(months)
    return date(moved.year(), moved.month(), moved.day())
