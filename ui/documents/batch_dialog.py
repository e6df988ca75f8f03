"""Many documents at once: made in a worker, with progress and Cancel; the UI stays live.

Confirmations for bookings starting in a date range, invoices issued in it, or the
key-holder sheets of every venue for a week; or the booking or invoice ids a list
has selected. Files go to the documents folder (or one the clerk picks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spacebank.documents.batch import (
    BatchResult,
    Job,
    confirmation_jobs,
    invoice_jobs,
    keysheet_jobs,
    run_batch,
)
from spacebank.domain.clock import local_day
from spacebank.domain.errors import SpacebankError, ValidationError
from spacebank.services.container import Services
from spacebank.services.document_service import DocumentService
from spacebank.storage import paths
from ui.documents.pdf_preview_dialog import PdfPreviewDialog
from ui.service_call import show_refusal
from ui.tasks import Task

CONFIRMATIONS, INVOICES, KEYSHEETS = "confirmations", "invoices", "keysheets"
KIND_LABELS = {
    CONFIRMATIONS: "Booking confirmations (bookings starting in these dates)",
    INVOICES: "Invoices (issued in these dates)",
    KEYSHEETS: "Key-holder sheets (every venue, 7 days from the first date)",
}


@dataclass(frozen=True)
class Selection:
    """Records a list has selected: CONFIRMATIONS with booking ids or INVOICES with ids."""

    kind: str
    ids: tuple[int, ...]


class BatchDocumentsDialog(QDialog):
    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        selection: Selection | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make documents")
        self._services = services
        self._selection = selection
        self.task: Task | None = None
        today = local_day(services.ctx.now())

        self.kind = QComboBox(self)
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        self.kind.setAccessibleName("Which documents")
        self.first = _date_edit(self, today, "First date")
        self.last = _date_edit(self, today + timedelta(days=6), "Last date")
        self.folder = QLineEdit(str(folder or paths.documents_dir()), self)
        self.folder.setAccessibleName("Folder for the documents")
        browse = QPushButton("&Browse…", self)
        browse.setAccessibleName("Choose the folder")
        browse.clicked.connect(self._on_browse_clicked)
        self.large_print = QCheckBox("&Large print (16 pt)", self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Result")

        form = QFormLayout()
        if selection is None:
            form.addRow("&Documents:", self.kind)
            form.addRow("&From:", self.first)
            form.addRow("&To:", self.last)
            self.kind.currentIndexChanged.connect(self._on_kind_changed)
        else:
            count = len(selection.ids)
            form.addRow(QLabel(f"{count} selected {_noun(selection.kind, count)}", self))
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        form.addRow("Folder:", where)
        form.addRow("", self.large_print)

        buttons = QDialogButtonBox(self)
        self.generate_button = buttons.addButton(
            "&Make documents", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.generate_button.setDefault(True)
        self.open_button = buttons.addButton("Open &folder", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.generate_button.clicked.connect(self.generate)
        self.open_button.clicked.connect(self._on_open_clicked)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def generate(self) -> Task | None:
        """Start the batch in a worker; None if the request is refused up front."""
        try:
            make_jobs = self._job_maker()
        except SpacebankError as error:
            show_refusal(self, error, inline=self.status)
            return None
        folder = Path(self.folder.text().strip()).expanduser()
        large_print = self.large_print.isChecked()
        docs = self._services.documents

        def work(report: Callable[[str, int, int], bool]) -> BatchResult:
            going = [report("Finding the documents…", 0, 0)]

            def progress(done: int, total: int) -> None:
                going[0] = report(f"Writing document {done} of {total}…", done, total)

            return run_batch(
                make_jobs(docs),
                folder,
                progress=progress,
                cancel=lambda: not going[0],
                large_print=large_print,
            )

        self.generate_button.setEnabled(False)
        self.status.setText("Making documents…")
        self.task = Task(self, "Making documents…", work)
        self.task.finished.connect(lambda result: self._on_finished(result, folder))
        self.task.failed.connect(self._on_failed)
        self.task.start()
        return self.task

    # -- slots ---------------------------------------------------------------------------

    def _on_finished(self, result: BatchResult, folder: Path) -> None:
        self.generate_button.setEnabled(True)
        lines = [f"{len(result.written)} of {result.total} documents written to {folder}."]
        if result.cancelled:
            lines.append("Cancelled: the documents already written are complete.")
        lines += [f"Not made: {label}: {reason}" for label, reason in result.failed]
        self.status.setText("\n".join(lines))

    def _on_failed(self, error: SpacebankError) -> None:
        self.generate_button.setEnabled(True)
        show_refusal(self, error, inline=self.status)

    def _on_kind_changed(self) -> None:
        self.last.setEnabled(self.kind.currentData() != KEYSHEETS)

    def _on_browse_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Folder for the documents", self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _on_open_clicked(self) -> None:
        folder = Path(self.folder.text().strip()).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        PdfPreviewDialog.open_url(QUrl.fromLocalFile(str(folder)))

    # -- helpers -------------------------------------------------------------------------

    def _job_maker(self) -> Callable[[DocumentService], list[Job]]:
        """How the worker finds its jobs (the id queries run there, off the UI thread)."""
        if not self.folder.text().strip():
            raise ValidationError("Choose a folder for the documents.", field="folder")
        if self._selection is not None:
            kind, ids = self._selection.kind, self._selection.ids
            if kind == INVOICES:
                return lambda docs: invoice_jobs(docs, ids)
            return lambda docs: confirmation_jobs(docs, ids)
        kind = self.kind.currentData()
        first, last = self.first.date().toPython(), self.last.date().toPython()
        if kind == KEYSHEETS:
            return lambda docs: keysheet_jobs(docs, docs.venue_ids(), first)
        if last < first:
            raise ValidationError("The last date is before the first date.", field="last")
        if kind == INVOICES:
            return lambda docs: invoice_jobs(docs, docs.invoice_ids(first, last))
        return lambda docs: confirmation_jobs(docs, docs.booking_ids(first, last))


def _date_edit(parent: QWidget, day: date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setAccessibleName(name)
    return edit


def _noun(kind: str, count: int) -> str:
    word = "invoice" if kind == INVOICES else "booking"
    return word if count == 1 else word + "s"
