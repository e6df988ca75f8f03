"""Preview a rendered document, print exactly those pages, save it, open the folder.

Printing draws each PDF page as an image at the printer's resolution (capped, see
PRINT_DPI_MAX), so paper shows what the preview shows: no second layout.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spacebank.documents.batch import write_atomically
from spacebank.documents.render import Document, file_name, render_bytes
from spacebank.storage import paths
from ui.screen_fit import resize_to_fit
from ui.service_call import Messages, Refused, call

#: Pages go to the printer as images; 300 dpi is sharp on office printers and keeps
#: an A4 page at ~35 MB (1200 dpi would be ~550 MB).
PRINT_DPI_MAX = 300
POINTS_PER_INCH = 72


class PdfPreviewDialog(QDialog):
    """Shows one PDF with Print… (Ctrl+P), Save as PDF… (Ctrl+S) and Close (Esc)."""

    def __init__(
        self,
        pdf: bytes,
        suggested_name: str,
        parent: QWidget | None = None,
        *,
        title: str = "Preview",
        folder: Path | None = None,
    ) -> None:
        """`folder` is where Save as starts and what Open folder shows (default: the
        documents folder in the user-data area)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        resize_to_fit(self, 820, 960)
        self._pdf = pdf
        self._name = suggested_name
        self._folder = folder
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(f"{title}: {self.document.pageCount()} pages")

        self.pages_label = QLabel(_pages_text(self.document.pageCount()), self)
        buttons = QDialogButtonBox(self)
        self.print_button = self._button(buttons, "&Print…", "Print these pages (Ctrl+P)")
        self.save_button = self._button(buttons, "&Save as PDF…", "Save a copy (Ctrl+S)")
        self.folder_button = self._button(
            buttons, "Open documents &folder", "Show the folder where documents are saved"
        )
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close the preview (Esc)")
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.folder_button.clicked.connect(self.open_folder)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_as)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.pages_label)
        layout.addWidget(buttons)

    @classmethod
    def for_document(
        cls,
        data: Document,
        parent: QWidget | None = None,
        *,
        large_print: bool = False,
        folder: Path | None = None,
    ) -> PdfPreviewDialog:
        """Render `data` and wrap it in a preview named as its file would be."""
        name = file_name(data, large_print=large_print)
        return cls(
            render_bytes(data, large_print=large_print),
            name,
            parent,
            title=name.removesuffix(".pdf"),
            folder=folder,
        )

    # -- actions -------------------------------------------------------------------------

    def print_document(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._name.removesuffix(".pdf"))
        printer.setFromTo(1, self.document.pageCount())
        if not self.ask_printer(self, printer):
            return False
        print_pages(self.document, printer)
        return True

    def save_as(self) -> Path | None:
        folder = self._folder or paths.documents_dir()
        path = self.ask_save_path(self, str(folder / self._name))
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            write_atomically(target, lambda out: out.write(self._pdf))
        except OSError as error:
            Messages.warn(self, "Save as PDF", f"Could not save {target}: {error.strerror}")
            return None
        return target

    def open_folder(self) -> None:
        folder = self._folder or paths.documents_dir()
        self.open_url(QUrl.fromLocalFile(str(folder)))

    # -- behind classmethods so tests can answer them ------------------------------------

    @classmethod
    def ask_printer(cls, parent: QWidget, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            parent, "Save as PDF", suggested, "PDF documents (*.pdf)"
        )
        return path

    @classmethod
    def open_url(cls, url: QUrl) -> None:
        QDesktopServices.openUrl(url)

    def _button(self, box: QDialogButtonBox, text: str, accessible: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        return button


def print_pages(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw the chosen pages of `document` on `printer`; returns how many were printed."""
    first, last = printer.fromPage(), printer.toPage()
    if first == 0:  # no range chosen: everything
        first, last = 1, document.pageCount()
    dpi = min(printer.resolution(), PRINT_DPI_MAX)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for index in range(first - 1, min(last, document.pageCount())):
            if printed:
                printer.newPage()
            points = document.pagePointSize(index)
            pixels = QSize(
                round(points.width() * dpi / POINTS_PER_INCH),
                round(points.height() * dpi / POINTS_PER_INCH),
            )
            image = document.render(index, pixels)
            painter.drawImage(_fitted(painter.viewport(), image.size()), image)
            printed += 1
    finally:
        painter.end()
    return printed


def _fitted(area: QRect, size: QSize) -> QRect:
    """`size` scaled to fit `area`, keeping its shape, centred."""
    scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = area.x() + (area.width() - scaled.width()) // 2
    top = area.y() + (area.height() - scaled.height()) // 2
    return QRect(left, top, scaled.width(), scaled.height())


def _pages_text(count: int) -> str:
    return f"{count} page{'s' if count != 1 else ''}"


def show_preview(
    parent: QWidget | None, load: Callable[[], Document], *, large_print: bool = False
) -> PdfPreviewDialog | None:
    """Load a document's data (e.g. `lambda: services.documents.invoice_data(id)`) and
    open its preview; a refused load shows the clerk why and returns None."""
    data = call(parent, load, title="Cannot make that document")
    if isinstance(data, Refused):
        return None
    dialog = PdfPreviewDialog.for_document(data, parent, large_print=large_print)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
