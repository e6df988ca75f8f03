"""The PDF previews a test has opened (they are non-modal: found among top-level windows)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.documents.pdf_preview_dialog import PdfPreviewDialog


def previews(qtbot: QtBot) -> list[PdfPreviewDialog]:
    """Visible previews, handed to qtbot so they are closed after the test."""
    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, PdfPreviewDialog) and w.isVisible()]
    for preview in shown:
        qtbot.addWidget(preview)
    return shown
