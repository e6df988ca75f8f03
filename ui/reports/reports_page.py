"""The Reports screen: choose a report, a period and halls; run it off the UI thread;
see the summary, charts and tables; export to CSV, Excel or PDF.

Not yet wired into ui/pages.py: the lead adds `ReportsPage(services, bus)` there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.clock import local_day
from spacebank.domain.errors import SpacebankError
from spacebank.reports.catalogue import REPORTS, WRITERS, run_report
from spacebank.reports.periods import Period, financial_year_period, month, quarter, week
from spacebank.reports.scope import Scope, scope_choices
from spacebank.reports.view import ReportView
from spacebank.services.container import Services
from ui.changes import ChangeBus
from ui.imports.actions import calendar_data_actions
from ui.reports.report_charts import chart_widget
from ui.reports.report_table_model import ReportTableModel
from ui.service_call import show_refusal
from ui.tasks import Task

CUSTOM = "Custom dates"


def period_presets(today: date) -> dict[str, Period]:
    """The periods a manager usually reports on, as of `today` (London date)."""
    last_month = month(today.replace(day=1) - timedelta(days=1))
    last_year = financial_year_period(financial_year_period(today).first_day - timedelta(days=1))
    return {
        "This financial year": financial_year_period(today),
        "Last financial year": last_year,
        "This quarter": quarter(today),
        "This month": month(today),
        "Last month": last_month,
        "This week": week(today),
    }


class ExportChooser:
    """The save dialog behind a classmethod, so tests can replace it."""

    @classmethod
    def save_path(cls, parent: QWidget, suggested: str, file_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(parent, "Export report", suggested, file_filter)
        return Path(chosen) if chosen else None


class ReportsPage(QWidget):
    """A feature page (see ui/page.py) that is its own widget."""

    title = "Reports"
    #: The view just shown, after a report has run.
    report_shown = Signal(object)
    #: The file just written by an export.
    exported = Signal(object)

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        """`bus` is taken like every page's; reports run on request, not on each change."""
        super().__init__(parent)
        self._services = services
        self._view: ReportView | None = None
        self._task: Task | None = None
        self._scopes: list[Scope] = []
        self._build()
        self.data_actions = calendar_data_actions(self, services, bus)
        self._fill_scopes()
        self._on_preset_chosen(self.preset.currentText())

    # -- Page --------------------------------------------------------------------------

    def widget(self) -> QWidget:
        return self

    def actions_for_menu(self) -> list[QAction]:
        return [self.run_action, *self.export_actions.values(), *self.data_actions]

    def focus_first(self) -> None:
        self.report.setFocus()

    @property
    def view(self) -> ReportView | None:
        return self._view

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.report = QComboBox()
        for name, (label, _) in REPORTS.items():
            self.report.addItem(label, name)
        self.preset = QComboBox()
        self.preset.addItems([*period_presets(self._today()), CUSTOM])
        self.first_day = QDateEdit(calendarPopup=True)
        self.last_day = QDateEdit(calendarPopup=True)
        for edit in (self.first_day, self.last_day):
            edit.setDisplayFormat("d MMM yyyy")
            edit.userDateChanged.connect(self._on_dates_edited)
        self.scope = QComboBox()
        self.run_button = QPushButton("Run report")
        self.run_action = QAction("Run report", self)
        self.run_action.setShortcut(QKeySequence("Ctrl+R"))
        self.run_action.setStatusTip("Run the chosen report for the chosen period and halls")
        self.run_action.triggered.connect(self.run)
        self.run_button.clicked.connect(self.run_action.trigger)
        self.preset.currentTextChanged.connect(self._on_preset_chosen)

        choices = QHBoxLayout()
        for label, widget in (
            ("Report", self.report),
            ("Period", self.preset),
            ("From", self.first_day),
            ("To", self.last_day),
            ("Halls", self.scope),
        ):
            choices.addWidget(QLabel(label))
            choices.addWidget(widget)
        choices.addWidget(self.run_button)
        choices.addStretch(1)

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold")
        self.summary = QLabel("Choose a report and a period, then Run report.")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()

        exports = QHBoxLayout()
        self.export_actions: dict[str, QAction] = {}
        self.export_buttons: dict[str, QPushButton] = {}
        for fmt, (label, _) in WRITERS.items():
            action = QAction(f"Export {label.split(' (')[0]}…", self)
            action.setEnabled(False)
            action.triggered.connect(lambda _=False, f=fmt: self.export(f))
            button = QPushButton(action.text())
            button.setEnabled(False)
            button.clicked.connect(action.trigger)
            self.export_actions[fmt], self.export_buttons[fmt] = action, button
            exports.addWidget(button)
        self.status = QLabel()
        exports.addWidget(self.status, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(exports)

    def _fill_scopes(self) -> None:
        choices = scope_choices(self._services.ctx.db)
        self._scopes = [scope for _, scope in choices]
        self.scope.addItems([label for label, _ in choices])

    # -- slots -------------------------------------------------------------------------

    def _on_preset_chosen(self, name: str) -> None:
        period = period_presets(self._today()).get(name)
        if period is None:
            return
        for edit, day in ((self.first_day, period.first_day), (self.last_day, period.last_day)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _on_dates_edited(self) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentText(CUSTOM)
        self.preset.blockSignals(False)

    def run(self) -> Task | None:
        """Run the chosen report in the background; the result replaces what is shown."""
        if self._task is not None:
            return self._task
        try:
            period = Period(self.first_day.date().toPython(), self.last_day.date().toPython())
        except SpacebankError as error:
            show_refusal(self, error, title="Cannot run that report", inline=self.status)
            return None
        name = self.report.currentData()
        scope = self._scopes[self.scope.currentIndex()]
        db, today = self._services.ctx.db, self._today()

        def work(report: Callable[[str, int, int], bool]) -> ReportView:
            report("Reading bookings and money…", 0, 0)
            return run_report(db, name, period, scope, today=today)

        self.run_button.setEnabled(False)
        task = Task(self, f"Running the {self.report.currentText().lower()} report…", work)
        task.finished.connect(self._on_report_ready)
        task.failed.connect(self._on_report_failed)
        self._task = task
        task.start()
        return task

    def _on_report_ready(self, view: ReportView) -> None:
        self._task = None
        self.run_button.setEnabled(True)
        self._show(view)
        self.report_shown.emit(view)

    def _on_report_failed(self, error: SpacebankError) -> None:
        self._task = None
        self.run_button.setEnabled(True)
        show_refusal(self, error, title="Cannot run that report")

    def _show(self, view: ReportView) -> None:
        self._view = view
        self.heading.setText(f"{view.title} · {view.subtitle}")
        self.summary.setText(view.summary)
        self.tabs.clear()
        if view.charts:
            holder = QWidget()
            charts = QVBoxLayout(holder)
            for chart in view.charts:
                charts.addWidget(chart_widget(chart))
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(holder)
            self.tabs.addTab(scroll, "Charts")
        for section in view.sections:
            table = QTableView()
            table.setModel(ReportTableModel(section, table))
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.verticalHeader().hide()
            self.tabs.addTab(table, section.title)
        for fmt in WRITERS:
            self.export_actions[fmt].setEnabled(True)
            self.export_buttons[fmt].setEnabled(True)
        self.status.clear()

    def export(self, fmt: str) -> Path | None:
        """Write the report on show as CSV, XLSX or PDF to a file the user picks."""
        if self._view is None:
            return None
        label, writer = WRITERS[fmt]
        suggested = f"{self._view.title.lower().replace(' ', '-')}.{fmt}"
        path = ExportChooser.save_path(self, suggested, label)
        if path is None:
            return None
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(f"{path.name}.{fmt}")
        try:
            with path.open("wb") as out:
                writer(self._view, out)
        except OSError as error:
            self.status.setText(f"Could not write {path}: {error.strerror or error}")
            return None
        self.status.setText(f"Saved {path}")
        self.exported.emit(path)
        return path

    def _today(self) -> date:
        return local_day(self._services.ctx.now())
