"""Import bookings from CSV in the app: mapping, dry run and import in a worker, all or nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from spacebank.domain.booking import Booking
from spacebank.domain.enums import BookingStatus
from spacebank.domain.hirer import Hirer
from spacebank.services.booking_dto import BookingRequest
from spacebank.services.container import Services
from spacebank.services.import_service import RowOutcome
from tests.factories import World
from tests.import_samples import BAD_FILE_OUTCOMES, GOOD, HEADER
from ui.changes import Change, ChangeBus
from ui.imports.import_dialog import NOT_IN_FILE, ImportDialog, OutcomeTableModel
from ui.reports.reports_page import ReportsPage
from ui.service_call import Messages

#: One bad row of each kind (and two good ones), by line: see `test_every_kind_of_bad_row`.
BAD_ROWS = [
    ("Ballroom", "2027-01-13", "10:00", "11:00", "A", 5),  # 2 unknown hall
    ("Garden Room", "31/02/2027", "10:00", "11:00", "B", 5),  # 3 bad date
    ("Garden Room", "2027-01-12", "11:00", "12:00", "C", 5),  # 4 clash (existing)
    ("Reading Room", "2027-01-20", "10:00", "12:00", "D", 5),  # 5 fine
    ("Reading Room", "2027-01-20", "11:00", "13:00", "E", 5),  # 6 clash with 5
    ("Garden Room", "2027-01-14", "10:00", "11:00", "F", 25),  # 7 over capacity
    ("Garden Room", "2027-01-15", "10:00", "11:00", "G", 5),  # 8 fine
    ("Garden Room", "2027-01-15", "10:00", "11:00", "G", 5),  # 9 duplicate of 8
    ("Garden Room", "2026-12-25", "10:00", "11:00", "H", 5),  # 10 bank holiday
    ("Garden Room", "2027-01-16", "10:00", "9:00", "I", 5),  # 11 end before start
]


def bad_file() -> str:
    return HEADER + "".join(
        f"{hall},,{day},{start},{end},{hirer},,private,07700 90{n:04d},,,Party,{people},,\r\n"
        for n, (hall, day, start, end, hirer, people) in enumerate(BAD_ROWS)
    )


def counts(services: Services) -> tuple[int, int]:
    with services.ctx.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Booking)) or 0,
            s.scalar(select(func.count()).select_from(Hirer)) or 0,
        )


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(Messages, "warn", classmethod(lambda cls, p, t, text: seen.append(text)))
    return seen


def open_dialog(qtbot: QtBot, services: Services, bus: ChangeBus, path: Path) -> ImportDialog:
    dialog = ImportDialog(services, bus, path=path)
    qtbot.addWidget(dialog)
    return dialog


def finish(qtbot: QtBot, dialog: ImportDialog, start: Callable[[], Any]) -> None:
    task = start()
    assert task is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)


def write(tmp_path: Path, text: str | bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_outcome_model(qtmodeltester: Any) -> None:
    model = OutcomeTableModel()
    model.set_rows(
        (
            RowOutcome(2, True, "BK-000001, confirmed", hirer="new hirer “Sam Lee”"),
            RowOutcome(3, False, "There is no hall called “Ballroom”.", "hall"),
        )
    )
    qtmodeltester.check(model)
    assert model.data(model.index(0, 1)) == "Ready"
    assert model.data(model.index(1, 1)) == "Problem: hall"
    assert model.data(model.index(1, 0)) == 3
    assert model.data(model.index(1, 2), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.row_of(3) == 1
    # A dry run's booking reference is rolled back with it, so it is not shown.
    assert model.data(model.index(0, 2)) == "New booking (confirmed)"
    model.show_outcomes(model.rows(), dry=False)
    assert model.data(model.index(0, 1)) == "Imported"
    assert model.data(model.index(0, 2)) == "BK-000001, confirmed"
    qtmodeltester.check(model)


def test_good_file_dry_run_then_import(
    qtbot: QtBot,
    services: Services,
    ui_world: World,
    bus: ChangeBus,
    changes: list[Change],
    tmp_path: Path,
) -> None:
    dialog = open_dialog(qtbot, services, bus, write(tmp_path, GOOD))
    # The mapping is pre-filled from the file's headers as the service would read them.
    assert dialog.combos["hall"].currentText() == "Hall"
    assert dialog.combos["hirer_type"].currentText() == "Type"
    assert dialog.combos["rate_type"].currentText() == NOT_IN_FILE
    assert "Columns in the file: Hall, Venue, Date" in dialog.columns.text()
    assert not dialog.import_button.isEnabled()
    before = counts(services)

    finish(qtbot, dialog, dialog.dry_run)
    assert [(r.line, r.ok) for r in dialog.model.rows()] == [(2, True), (5, True)]
    assert dialog.model.data(dialog.model.index(1, 2)) == "New booking (provisional)"
    assert dialog.model.data(dialog.model.index(1, 3)) == "new hirer “Amal Hussein”"
    assert dialog.summary.text().startswith("2 rows: 2 ready.")
    assert counts(services) == before  # the dry run changed nothing
    assert dialog.import_button.isEnabled()
    assert changes == []

    finish(qtbot, dialog, dialog.import_rows)
    assert dialog.summary.text() == "Imported 2 bookings."
    assert dialog.model.data(dialog.model.index(0, 1)) == "Imported"
    with services.ctx.db.read() as s:
        booked = s.execute(
            select(Booking.id, Booking.hall_id, Booking.status).order_by(Booking.id)
        ).all()
    assert [(b.hall_id, b.status) for b in booked] == [
        (ui_world.small_hall_id, BookingStatus.CONFIRMED),
        (ui_world.other_hall_id, BookingStatus.PROVISIONAL),
    ]
    assert counts(services) == (before[0] + 2, before[1] + 1)
    assert changes[0].kind == "booking"
    assert changes[0].ids == frozenset(b.id for b in booked)
    assert changes[0].initiator is dialog
    assert [c.kind for c in changes] == ["booking", "hirer"]
    assert not dialog.import_button.isEnabled()  # not twice


def test_every_kind_of_bad_row_is_listed_and_import_refused(
    qtbot: QtBot,
    services: Services,
    ui_world: World,
    bus: ChangeBus,
    changes: list[Change],
    tmp_path: Path,
    warnings: list[str],
) -> None:
    services.bookings.book(
        BookingRequest(
            ui_world.small_hall_id,
            ui_world.hirer_id,
            datetime(2027, 1, 12, 10),
            datetime(2027, 1, 12, 12),
            "Yoga",
            10,
        )
    )
    before = counts(services)
    dialog = open_dialog(qtbot, services, bus, write(tmp_path, bad_file()))
    finish(qtbot, dialog, dialog.dry_run)
    kinds = {r.line: (r.ok, r.kind) for r in dialog.model.rows()}
    assert kinds == BAD_FILE_OUTCOMES
    shown = {
        dialog.model.data(dialog.model.index(r, 0)): dialog.model.data(dialog.model.index(r, 2))
        for r in range(dialog.model.rowCount())
    }
    assert "no hall called “Ballroom”" in shown[2]
    assert "clashes with line 5 of this file" in shown[6]
    assert "repeats line 8 of this file" in shown[9]
    assert dialog.summary.text().startswith("10 rows: 2 ready, 8 problems.")
    assert not dialog.import_button.isEnabled()
    # Even asked directly, Import refuses without a clean dry run.
    assert dialog.import_rows() is None
    assert warnings and "dry run" in warnings[0]
    assert counts(services) == before
    assert changes == []


def test_import_refused_by_the_service_lists_the_rows(
    qtbot: QtBot,
    services: Services,
    ui_world: World,
    bus: ChangeBus,
    changes: list[Change],
    tmp_path: Path,
) -> None:
    """The file changed between a clean dry run and Import: the service refuses it all."""
    path = write(tmp_path, GOOD)
    dialog = open_dialog(qtbot, services, bus, path)
    finish(qtbot, dialog, dialog.dry_run)
    assert dialog.import_button.isEnabled()
    before = counts(services)
    write(tmp_path, bad_file())
    finish(qtbot, dialog, dialog.import_rows)
    assert dialog.problem.text().startswith("Nothing was imported: 7 rows would fail")
    assert dialog.summary.text() == "10 rows: 3 ready, 7 problems. Nothing was imported."
    assert dialog.model.rowCount() == 10
    assert not dialog.import_button.isEnabled()
    assert counts(services) == before
    assert changes == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Hall,Date\r\n\x81\x8d\x90\xff\xfe", "neither UTF-8 nor Windows-1252"),
        (b"\x00\x01\x02PK", "binary data"),
        (b"\r\n\r\n", "The file is empty."),
    ],
)
def test_unreadable_file_is_explained_and_changes_nothing(
    qtbot: QtBot,
    services: Services,
    ui_world: World,
    bus: ChangeBus,
    tmp_path: Path,
    data: bytes,
    message: str,
) -> None:
    before = counts(services)
    dialog = open_dialog(qtbot, services, bus, write(tmp_path, data))
    assert message in dialog.problem.text()
    assert not dialog.problem.isHidden()
    assert not dialog.dry_run_button.isEnabled()
    assert not dialog.import_button.isEnabled()
    assert dialog.dry_run() is None
    assert counts(services) == before


def test_malformed_csv_is_explained_by_the_dry_run(
    qtbot: QtBot, services: Services, ui_world: World, bus: ChangeBus, tmp_path: Path
) -> None:
    """A quote left open is only found reading the whole file, in the worker."""
    before = counts(services)
    text = HEADER + 'Garden Room,,2027-01-12,10:00,12:00,"Zoë,,,,,,,Quiz,12,,\r\n'
    dialog = open_dialog(qtbot, services, bus, write(tmp_path, text))
    finish(qtbot, dialog, dialog.dry_run)
    assert dialog.problem.text().startswith("The file is not valid CSV")
    assert dialog.summary.text() == "Nothing was changed."
    assert not dialog.import_button.isEnabled()
    assert counts(services) == before


def test_the_mapping_reads_other_headers_and_names_missing_columns(
    qtbot: QtBot, services: Services, ui_world: World, bus: ChangeBus, tmp_path: Path
) -> None:
    text = (
        "Space name,Date,Start,End,Hirer,Phone,Purpose,Attendees\n"
        "Garden Room,2027-01-12,10:00,12:00,Sam Lee,07700 900555,Choir,12\n"
    )
    dialog = open_dialog(qtbot, services, bus, write(tmp_path, text))
    assert dialog.combos["hall"].currentText() == NOT_IN_FILE
    assert dialog.dry_run() is None
    assert dialog.problem.text() == "Choose the column for: Hall."
    dialog.combos["hall"].setCurrentText("Space name")
    finish(qtbot, dialog, dialog.dry_run)
    assert [(r.line, r.ok) for r in dialog.model.rows()] == [(2, True)]
    assert dialog.import_button.isEnabled()
    # A change after the dry run asks for another one before Import.
    dialog.approved_by.setText("M. Manager")
    assert not dialog.import_button.isEnabled()
    assert "run the dry run again" in dialog.summary.text()
    dialog.approved_by.clear()
    assert dialog.import_button.isEnabled()


def test_cancel_during_the_import_changes_nothing(
    qtbot: QtBot,
    services: Services,
    ui_world: World,
    bus: ChangeBus,
    changes: list[Change],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = "".join(
        f"Garden Room,,2027-01-{day:02d},10:00,12:00,Sam Lee,,resident,07700 900555,,,"
        "Choir,12,,\r\n"
        for day in range(4, 9)
    )
    dialog = open_dialog(qtbot, services, bus, write(tmp_path, HEADER + rows))
    finish(qtbot, dialog, dialog.dry_run)
    assert dialog.import_button.isEnabled()
    before = counts(services)

    imports = services.imports
    real_one = imports._one
    reached, go = threading.Event(), threading.Event()
    calls: list[int] = []

    def slow_one(*args: Any) -> RowOutcome:
        calls.append(1)
        if len(calls) == 2:  # the second row waits for the clerk's Cancel
            reached.set()
            go.wait(10)
        return real_one(*args)

    monkeypatch.setattr(imports, "_one", slow_one)
    task = dialog.import_rows()
    assert task is not None
    assert reached.wait(10)
    dialog.reject()  # Esc or Close while importing cancels the run, keeping the dialog
    assert task.cancelled
    go.set()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert dialog.summary.text() == (
        "Import cancelled after 2 of 5 rows; nothing was changed."
    )
    assert len(calls) == 2  # the rows after the cancel were never tried
    assert counts(services) == before  # the first rows, already in the transaction, rolled back
    assert changes == []
    assert dialog.import_button.isEnabled()  # the clean dry run still stands


def test_reports_page_offers_import_and_calendar_export(
    qtbot: QtBot,
    services: Services,
    ui_world: World,
    bus: ChangeBus,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = ReportsPage(services, bus)
    qtbot.addWidget(page)
    by_text = {a.text(): a for a in page.actions_for_menu()}
    importing = by_text["&Import bookings from CSV…"]
    exporting = by_text["Export &calendar (.ics)…"]
    assert importing.shortcut() == QKeySequence("Ctrl+Shift+I")
    assert exporting.shortcut() == QKeySequence("Ctrl+Shift+C")
    asked: list[QWidget | None] = []
    monkeypatch.setattr(
        ImportDialog, "choose_file", classmethod(lambda cls, parent: asked.append(parent))
    )
    importing.trigger()  # no file chosen: no dialog, nothing else
    assert asked == [page]
