"""The frame shared by the dialogs that act on one invoice (payment, refund, credit note).

They read, key and close alike: the invoice summarised on top, one OK button that
Ctrl+Enter also presses from any field, Cancel on Esc, and after success a change on
the bus and, if wanted, the new document open ready to print.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from spacebank.documents.render import Document
from spacebank.services.container import Services
from spacebank.services.invoice_dto import InvoiceDetails
from ui.changes import ChangeBus
from ui.documents.pdf_preview_dialog import PdfPreviewDialog, show_preview
from ui.service_call import call


class InvoiceDialog(QDialog):
    """Summary, OK/Cancel and the Ctrl+Enter action; subclasses lay out their fields."""

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus,
                 invoice_id: int, *, title: str) -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        self._invoice_id = invoice_id
        self.preview: PdfPreviewDialog | None = None
        self.setWindowTitle(title)
        self.summary = QLabel()
        self.summary.setAccessibleName("Invoice summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)

    def _add_ok(self, text: str, tip: str, action_text: str, cancel_tip: str,
                on_ok: Callable[[], None]) -> tuple[QPushButton, QAction]:
        """The OK button and its Ctrl+Enter action, both running `on_ok`."""
        ok_button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        ok_button.setToolTip(tip)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(cancel_tip)
        self.buttons.accepted.connect(on_ok)
        action = QAction(action_text, self)
        action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        action.triggered.connect(on_ok)
        self.addAction(action)
        return ok_button, action

    def _get_invoice(self, inline: QLabel) -> InvoiceDetails | None:
        """The invoice, or None with the reason shown in `inline`."""
        return call(self, lambda: self._services.invoices.get_invoice(self._invoice_id),
                    inline=inline)

    def _finish(self, kind: str, ids: list[int],
                document: Callable[[], Document] | None) -> None:
        """Announce the change, close, then open `document` (if any) over the parent."""
        self._bus.publish(kind, ids, initiator=self)
        self.accept()
        if document is not None:
            self.preview = show_preview(self.parentWidget(), document)
