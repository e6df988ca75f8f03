"""Batch documents from the desktop app: made in a worker, reported in the dialog."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from spacebank.documents.data import InvoiceData
from spacebank.services.container import Services
from tests.factories import World, add_booking
from ui.documents.batch_dialog import (
    CONFIRMATIONS,
    INVOICES,
    KEYSHEETS,
    BatchDocumentsDialog,
    Selection,
)

SAT = datetime(2026, 11, 28, 14, tzinfo=UTC)


def booked(services: Services, world: World, days: int = 0) -> int:
    start = SAT + timedelta(days=days)
    with services.ctx.db.write() as s:
        return add_booking(
            s,
            hall_id=world.main_hall_id,
            hirer_id=world.hirer_id,
            start=start,
            end=start + timedelta(hours=3),
        ).id


def dialog_for(
    qtbot: QtBot, services: Services, tmp_path: Path, **kw: object
) -> BatchDocumentsDialog:
    d = BatchDocumentsDialog(services, folder=tmp_path / "out", **kw)  # type: ignore[arg-type]
    qtbot.addWidget(d)
    return d


def test_invoices_issued_in_the_dates(
    qtbot: QtBot, services: Services, ui_world: World, tmp_path: Path
) -> None:
    first = services.invoices.issue([booked(services, ui_world)])
    second = services.invoices.issue([booked(services, ui_world, days=1)])
    d = dialog_for(qtbot, services, tmp_path)
    d.kind.setCurrentIndex(d.kind.findData(INVOICES))
    task = d.generate()
    assert task is not None
    qtbot.waitUntil(d.generate_button.isEnabled, timeout=20_000)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        f"{first.number} Invoice - Zoë O'Brien-Smith.pdf",
        f"{second.number} Invoice - Zoë O'Brien-Smith.pdf",
    ]
    assert d.status.text().startswith("2 of 2 documents written to ")
    assert not task.cancelled


def test_keysheets_for_every_venue(
    qtbot: QtBot, services: Services, ui_world: World, tmp_path: Path
) -> None:
    booked(services, ui_world)
    d = dialog_for(qtbot, services, tmp_path)
    d.kind.setCurrentIndex(d.kind.findData(KEYSHEETS))
    assert not d.last.isEnabled()
    assert d.generate() is not None
    qtbot.waitUntil(d.generate_button.isEnabled, timeout=20_000)
    assert len(list((tmp_path / "out").glob("2026-11-21 Key-holder sheet - *.pdf"))) == 2


def test_selected_bookings_in_large_print(
    qtbot: QtBot, services: Services, ui_world: World, tmp_path: Path
) -> None:
    booking_id = booked(services, ui_world)
    d = dialog_for(qtbot, services, tmp_path, selection=Selection(CONFIRMATIONS, (booking_id,)))
    d.large_print.setChecked(True)
    assert d.generate() is not None
    qtbot.waitUntil(d.generate_button.isEnabled, timeout=20_000)
    [written] = (tmp_path / "out").iterdir()
    assert written.name == (
        f"BK-{booking_id:06d} Booking confirmation - Zoë O'Brien-Smith (large print).pdf"
    )


def test_dates_the_wrong_way_round_are_refused(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    d = dialog_for(qtbot, services, tmp_path)
    d.last.setDate(QDate(2026, 11, 1))
    assert d.generate() is None
    assert d.status.text() == "The last date is before the first date."
    assert not (tmp_path / "out").exists()


def test_cancel_keeps_only_complete_files(
    qtbot: QtBot,
    services: Services,
    ui_world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = tuple(services.invoices.issue([booked(services, ui_world, days=i)]).id for i in range(3))
    real = services.documents.invoice_data
    second_started, release = threading.Event(), threading.Event()
    calls: list[int | str] = []

    def gated(id_or_number: int | str) -> InvoiceData:
        calls.append(id_or_number)
        if len(calls) == 2:
            second_started.set()
            release.wait(5)
        return real(id_or_number)

    monkeypatch.setattr(services.documents, "invoice_data", gated)
    d = dialog_for(qtbot, services, tmp_path, selection=Selection(INVOICES, ids))
    task = d.generate()
    assert task is not None and second_started.wait(5)
    progress = d.findChild(QProgressDialog)
    progress.findChild(QPushButton).click()  # the Cancel button
    release.set()
    qtbot.waitUntil(d.generate_button.isEnabled, timeout=20_000)
    assert task.cancelled and calls == list(ids[:2])
    files = sorted((tmp_path / "out").iterdir())
    assert len(files) == 2 and all(f.suffix == ".pdf" for f in files)
    assert "Cancelled" in d.status.text()
