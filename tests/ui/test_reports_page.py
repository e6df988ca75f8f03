"""The Reports screen: table model, charts, a report run in the background, exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTableView

from spacebank.reports.view import Chart, Column, Kind, Section
from spacebank.services.container import Services
from spacebank.services.context import ServiceContext
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.report_world import build_report_world
from ui.changes import ChangeBus
from ui.reports.report_charts import HIGH, HeatMap
from ui.reports.report_table_model import VALUE_ROLE, ReportTableModel
from ui.reports.reports_page import CUSTOM, ExportChooser, ReportsPage, period_presets

SECTION = Section(
    "By hall",
    (Column("Hall"), Column("Booked hours", Kind.HOURS), Column("Income", Kind.MONEY)),
    (("Main Hall", 300, 6000), ("Garden Room", 90, 4500)),
)


def test_table_model(qtmodeltester: object) -> None:
    model = ReportTableModel(SECTION)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Booked hours"
    assert model.data(model.index(0, 1)) == "5.00"
    assert model.data(model.index(1, 2)) == "£45.00"
    assert model.data(model.index(1, 2), VALUE_ROLE) == 4500
    right = model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole)
    assert right & int(Qt.AlignmentFlag.AlignRight)


def test_heat_map_is_darkest_at_the_busiest_hour(qtbot: object) -> None:
    chart = Chart("heat", "Busy", ("00", "01"), (("Mon", (0.0, 2.0)), ("Tue", (1.0, 0.0))))
    heat = HeatMap(chart)
    qtbot.addWidget(heat)  # type: ignore[attr-defined]
    assert heat.colour_at(0, 1) == HIGH
    assert heat.colour_at(1, 0).blue() > HIGH.blue()  # half as busy: lighter
    heat.grab()  # paints without error


def test_period_presets_follow_the_financial_year() -> None:
    presets = period_presets(date(2026, 3, 29))
    assert presets["This financial year"].first_day == date(2025, 4, 1)
    assert presets["Last financial year"].first_day == date(2024, 4, 1)
    assert presets["Last month"].first_day == date(2026, 2, 1)


@pytest.fixture
def page(
    qtbot: object, ui_db: Database, ui_clock: FrozenClock, services: Services, bus: ChangeBus
) -> ReportsPage:
    build_report_world(ServiceContext(ui_db, actor="test", clock=ui_clock), ui_clock)
    page = ReportsPage(services, bus)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.first_day.setDate(QDate(2026, 3, 23))
    page.last_day.setDate(QDate(2026, 4, 5))
    return page


def _run(qtbot: object, page: ReportsPage) -> None:
    with qtbot.waitSignal(page.report_shown, timeout=10_000):  # type: ignore[attr-defined]
        page.run_button.click()


def test_run_a_report_and_see_tables_and_charts(qtbot: object, page: ReportsPage) -> None:
    assert page.preset.currentText() == CUSTOM  # editing the dates leaves the presets
    _run(qtbot, page)
    assert "570" not in page.summary.text()  # minutes are never shown as such
    assert page.heading.text().startswith("Hall utilisation")
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[:3] == ["Charts", "By hall", "By venue"]
    table = page.tabs.widget(1)
    assert isinstance(table, QTableView)
    assert table.model().rowCount() == 5
    assert len(page.tabs.widget(0).findChildren(QChartView)) == 2  # line and bar
    assert page.export_buttons["pdf"].isEnabled()


def test_one_hall_income_and_export(
    qtbot: object, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.report.setCurrentIndex(page.report.findData("income"))
    page.scope.setCurrentText("Garden Room, Peckham Community Centre")
    _run(qtbot, page)
    assert "£45.00 was outstanding" in page.summary.text()
    target = tmp_path / "income"
    monkeypatch.setattr(ExportChooser, "save_path", classmethod(lambda cls, *a: target))
    with qtbot.waitSignal(page.exported):  # type: ignore[attr-defined]
        page.export_buttons["csv"].click()
    written = tmp_path / "income.csv"
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    assert page.status.text() == f"Saved {written}"


def test_reversed_dates_are_refused_inline(qtbot: object, page: ReportsPage) -> None:
    page.last_day.setDate(QDate(2026, 3, 1))
    assert page.run() is None
    assert "ends" in page.status.text() and "before it starts" in page.status.text()
