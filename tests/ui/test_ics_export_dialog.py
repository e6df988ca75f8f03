"""Export calendar (.ics) from the app: a hall's or venue's bookings, in London time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from spacebank.services.container import Services
from tests.factories import World, add_booking
from ui.imports.ics_export_dialog import IcsExportDialog

LONDON = ZoneInfo("Europe/London")


def booked(services: Services, hall_id: int, hirer_id: int, start: datetime) -> int:
    with services.ctx.db.write() as s:
        return add_booking(
            s, hall_id=hall_id, hirer_id=hirer_id, start=start, end=start + timedelta(hours=2)
        ).id


@pytest.fixture
def saved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Answers the Save as… dialog with tmp_path/out (no suffix: the dialog adds .ics)."""
    suggested: list[str] = []

    def save_path(cls: type, parent: QWidget | None, name: str) -> Path:
        suggested.append(name)
        return tmp_path / "out"

    monkeypatch.setattr(IcsExportDialog, "save_path", classmethod(save_path))
    return suggested


def set_dates(dialog: IcsExportDialog, first: date, last: date) -> None:
    dialog.first_day.setDate(QDate(first.year, first.month, first.day))
    dialog.last_day.setDate(QDate(last.year, last.month, last.day))


def test_defaults_are_today_to_three_months_on(
    qtbot: QtBot, services: Services, ui_world: World
) -> None:
    dialog = IcsExportDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.first_day.date() == QDate(2026, 11, 21)
    assert dialog.last_day.date() == QDate(2027, 2, 21)
    texts = [dialog.scope.itemText(i) for i in range(dialog.scope.count())]
    assert texts[0] == "Dulwich Library Hall (all halls)"
    assert "    Garden Room" in texts
    assert "Peckham Community Centre (all halls)" in texts


def test_hall_export_parses_back_in_london_time(
    qtbot: QtBot, services: Services, ui_world: World, tmp_path: Path, saved: list[str]
) -> None:
    main, hirer = ui_world.main_hall_id, ui_world.hirer_id
    gmt = booked(services, main, hirer, datetime(2027, 3, 24, 18, tzinfo=UTC))
    bst = booked(services, main, hirer, datetime(2027, 4, 3, 9, tzinfo=UTC))
    booked(services, ui_world.small_hall_id, hirer, datetime(2027, 3, 25, 10, tzinfo=UTC))
    booked(services, main, hirer, datetime(2027, 5, 1, 10, tzinfo=UTC))  # after the period

    dialog = IcsExportDialog(services)
    qtbot.addWidget(dialog)
    dialog.choose(hall_id=main)
    set_dates(dialog, date(2027, 3, 20), date(2027, 4, 10))
    with qtbot.waitSignal(dialog.exported):
        path = dialog.export()
    assert path == tmp_path / "out.ics"
    assert saved == ["main-hall-2027-03-20-to-2027-04-10.ics"]
    where = "Main Hall, Peckham Community Centre"
    assert dialog.status.text() == f"Wrote 2 bookings of {where} to {path}."

    calendar = Calendar.from_ical(path.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"booking-{gmt}@spacebank", f"booking-{bst}@spacebank"}
    winter = events[f"booking-{gmt}@spacebank"].decoded("dtstart")
    summer = events[f"booking-{bst}@spacebank"].decoded("dtstart")
    assert winter == datetime(2027, 3, 24, 18, tzinfo=LONDON)
    assert winter.utcoffset() == timedelta(0)
    assert summer == datetime(2027, 4, 3, 10, tzinfo=LONDON)  # 09:00 UTC is 10:00 BST
    assert summer.utcoffset() == timedelta(hours=1)
    assert str(summer.tzinfo) == "Europe/London"
    assert [str(t["tzid"]) for t in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_venue_export_counts_every_hall(
    qtbot: QtBot, services: Services, ui_world: World, tmp_path: Path, saved: list[str]
) -> None:
    hirer = ui_world.hirer_id
    booked(services, ui_world.main_hall_id, hirer, datetime(2026, 12, 1, 18, tzinfo=UTC))
    booked(services, ui_world.small_hall_id, hirer, datetime(2026, 12, 2, 18, tzinfo=UTC))
    booked(services, ui_world.other_hall_id, hirer, datetime(2026, 12, 3, 18, tzinfo=UTC))
    dialog = IcsExportDialog(services)
    qtbot.addWidget(dialog)
    dialog.choose(venue_id=ui_world.venue_id)
    assert dialog.scope.currentText() == "Peckham Community Centre (all halls)"
    path = dialog.export()
    assert path is not None
    assert len(Calendar.from_ical(path.read_bytes()).walk("VEVENT")) == 2
    assert dialog.status.text().startswith("Wrote 2 bookings of Peckham Community Centre to ")


def test_dates_the_wrong_way_round_are_refused(
    qtbot: QtBot, services: Services, ui_world: World, tmp_path: Path, saved: list[str]
) -> None:
    dialog = IcsExportDialog(services)
    qtbot.addWidget(dialog)
    set_dates(dialog, date(2027, 4, 10), date(2027, 3, 20))
    assert dialog.export() is None
    assert "ends" in dialog.status.text() and "before it starts" in dialog.status.text()
    assert saved == []  # not even asked where
    assert not (tmp_path / "out.ics").exists()


def test_cancelled_save_as_writes_nothing(
    qtbot: QtBot, services: Services, ui_world: World, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(IcsExportDialog, "save_path", classmethod(lambda cls, p, n: None))
    dialog = IcsExportDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.export() is None
    assert dialog.status.text() == ""
    assert list(tmp_path.glob("*.ics")) == []
