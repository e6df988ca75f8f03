"""The PDF preview: shows every page, prints the same pages, saves, opens the folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from spacebank.documents import samples
from spacebank.documents.render import Document, render_bytes
from spacebank.domain.errors import NotFoundError
from ui.documents.pdf_preview_dialog import PdfPreviewDialog, show_preview
from ui.service_call import Messages

#: The offscreen platform's note when a window is shown; harmless.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


def pdf_page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(ln.split()[1] for ln in info.stdout.splitlines() if ln.startswith("Pages:")))


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> PdfPreviewDialog:
    d = PdfPreviewDialog.for_document(samples.invoice(lines=40), folder=tmp_path)
    qtbot.addWidget(d)
    return d


def test_shows_every_page_with_a_name_a_person_understands(dialog: PdfPreviewDialog) -> None:
    assert dialog.document.pageCount() == 3
    assert dialog.pages_label.text() == "3 pages"
    assert dialog.windowTitle() == "SB-2026-000123 Invoice - Łucja Żółć"
    assert dialog.print_button.accessibleName().startswith("Print")
    keys = {s.key().toString() for s in dialog.findChildren(QShortcut)}
    assert keys >= {
        QKeySequence(QKeySequence.StandardKey.Print).toString(),
        QKeySequence(QKeySequence.StandardKey.Save).toString(),
    }


def test_print_sends_the_same_pages(
    dialog: PdfPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed.pdf"

    def to_file(_parent: QWidget, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)  # small page images keep the test quick
        return True

    monkeypatch.setattr(
        PdfPreviewDialog, "ask_printer", classmethod(lambda cls, p, pr: to_file(p, pr))
    )
    assert dialog.print_document()
    assert pdf_page_count(out) == 3


def test_print_cancelled_prints_nothing(
    dialog: PdfPreviewDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PdfPreviewDialog, "ask_printer", classmethod(lambda cls, p, pr: False))
    assert not dialog.print_document()


def test_save_as_pdf_writes_the_previewed_bytes(
    dialog: PdfPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(_cls: object, _parent: QWidget, suggested: str) -> str:
        asked.append(suggested)
        return str(tmp_path / "copy")

    monkeypatch.setattr(PdfPreviewDialog, "ask_save_path", classmethod(answer))
    saved = dialog.save_as()
    assert saved == tmp_path / "copy.pdf"
    assert saved.read_bytes() == render_bytes(samples.invoice(lines=40))
    assert asked == [str(tmp_path / "SB-2026-000123 Invoice - Łucja Żółć.pdf")]
    assert not list(tmp_path.glob("*.tmp"))


def test_open_folder_and_escape(
    dialog: PdfPreviewDialog, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(
        PdfPreviewDialog, "open_url", classmethod(lambda cls, url: opened.append(url))
    )
    dialog.folder_button.click()
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_show_preview_of_service_data_or_the_refusal(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = show_preview(None, samples.receipt)
    assert shown is not None
    qtbot.addWidget(shown)
    assert shown.document.pageCount() == 1
    warnings: list[str] = []
    monkeypatch.setattr(
        Messages, "warn", classmethod(lambda cls, p, t, text: warnings.append(text))
    )

    def missing() -> Document:
        raise NotFoundError("There is no invoice SB-2026-999999.")

    assert show_preview(None, missing) is None
    assert warnings == ["There is no invoice SB-2026-999999."]
