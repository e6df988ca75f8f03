"""Import bookings from a CSV: choose the file, map its columns, dry run, then import.

The dry run and the import both run in a worker (ui/tasks.Task). The import service
takes a sequence of rows and walks it inside its one transaction, so the rows are
handed over in a `_Watched` sequence that reports progress per row and stops the walk
when the clerk cancels: the exception leaves the transaction, which rolls back, so a
cancelled import changes nothing. Import is offered only after a clean dry run of the
same file, mapping and approver; the service refuses a failing import all the same.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.errors import SpacebankError
from spacebank.reports.csv_import import (
    DEFAULT_HEADERS,
    REQUIRED,
    ImportFileError,
    ImportRow,
    decode,
    read_rows,
)
from spacebank.services.container import Services
from spacebank.services.import_service import ImportRefusedError, ImportResult, RowOutcome
from ui.changes import ChangeBus
from ui.field_errors import error_label
from ui.form_parts import MUTED_STYLE, buddy, line_edit, push_button, set_tab_order, table
from ui.row_table_model import RowTableModel
from ui.screen_fit import resize_to_fit
from ui.service_call import Messages
from ui.tasks import Task

#: Field labels in the mapping, in the order shown.
FIELD_LABELS = {
    "hall": "Hall",
    "venue": "Venue",
    "date": "Date",
    "start": "Start",
    "end": "End",
    "hirer": "Hirer",
    "organisation": "Organisation",
    "hirer_type": "Hirer type",
    "email": "Email",
    "phone": "Phone",
    "address": "Address",
    "postcode": "Postcode",
    "purpose": "Purpose",
    "attendees": "Attendees",
    "rate_type": "Rate type",
    "status": "Status",
    "notes": "Notes",
}
NOT_IN_FILE = "(not in the file)"
#: A header no CSV can have (read_rows refuses text with NUL): maps a field to nothing.
_NO_COLUMN = "\x00"
PROBLEM_COLOUR = QColor("#b03a2e")


def file_headers(data: bytes) -> list[str]:
    """The header row's cells (the first non-blank record), for the mapping combos.

    Raises:
        ImportFileError: the file cannot be decoded, parsed or is empty.
    """
    text = decode(data)
    if "\x00" in text:
        raise ImportFileError("The file is not a CSV (it contains binary data).")
    try:
        for record in csv.reader(io.StringIO(text, newline=""), strict=True):
            if any(cell.strip() for cell in record):
                return [cell.strip() for cell in record]
    except csv.Error as exc:
        raise ImportFileError(f"The file is not valid CSV: {exc}.") from None
    raise ImportFileError("The file is empty.")


def default_column(field: str, headers: Sequence[str]) -> str | None:
    """The header the service would read `field` from without a mapping."""
    folded = {h.casefold(): h for h in reversed(headers)}
    for alias in DEFAULT_HEADERS[field]:
        if alias.casefold() in folded:
            return folded[alias.casefold()]
    return None


@dataclass(frozen=True)
class Cancelled:
    """What a worker returns when the clerk cancelled it; nothing was changed."""

    done: int
    total: int


class _Stopped(Exception):
    """Raised inside the service's transaction to roll it back on Cancel."""


class _Watched(Sequence[ImportRow]):
    """Rows that report each step to the Task and stop when it is cancelled."""

    def __init__(self, rows: list[ImportRow], report: Callable[[str, int, int], bool],
                 verb: str) -> None:
        self._rows, self._report, self._verb = rows, report, verb
        self.reached = 0

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> ImportRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ImportRow]: ...
    def __getitem__(self, index: int | slice) -> ImportRow | Sequence[ImportRow]:
        return self._rows[index]

    def __iter__(self) -> Iterator[ImportRow]:
        total = len(self._rows)
        for done, row in enumerate(self._rows):
            self.reached = done
            if not self._report(f"{self._verb} row {done + 1:,} of {total:,}…", done, total):
                raise _Stopped
            yield row


class OutcomeTableModel(RowTableModel[RowOutcome]):
    """One row per data row of the file: its line, ready or the problem, and the hirer."""

    HEADERS = ("Line", "Result", "Details", "Hirer")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(self.HEADERS, parent, right_aligned=(0,))
        #: Whether the rows are a dry run's (nothing made yet) or an import's.
        self.dry = True

    def show_outcomes(self, rows: Sequence[RowOutcome], *, dry: bool) -> None:
        self.dry = dry
        self.set_rows(rows)

    def row_id(self, item: RowOutcome) -> int:
        return item.line

    def cell(self, item: RowOutcome, column: int) -> Any:
        if column == 0:
            return item.line
        if column == 1:
            if item.ok:
                return "Ready" if self.dry else "Imported"
            return f"Problem: {item.kind.replace('_', ' ') or 'row'}"
        if column == 2:
            return self.details(item)
        return item.hirer

    def details(self, item: RowOutcome) -> str:
        """The problem, or the booking: a dry run's reference is not kept, so not shown."""
        if item.ok and self.dry:
            status = item.message.rpartition(", ")[2]
            return f"New booking ({status})" if status else "New booking"
        return item.message

    def tooltip(self, item: RowOutcome, column: int) -> str | None:
        return self.details(item) if column == 2 else None

    def foreground(self, item: RowOutcome, column: int) -> Any:
        return None if item.ok else PROBLEM_COLOUR

    def role_data(self, item: RowOutcome, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Line {item.line}: {self.cell(item, 1)}. {self.details(item)}"
        return None


def summary_text(result: ImportResult) -> str:
    """"312 rows: 305 ready, 7 problems"."""
    rows, problems = len(result.rows), len(result.problems)
    text = f"{rows:,} row{'s' if rows != 1 else ''}: {rows - problems:,} ready"
    if problems:
        text += f", {problems:,} problem{'s' if problems != 1 else ''}"
    return text


class ImportDialog(QDialog):
    """Import bookings from CSV: mapping, dry run in a worker, all-or-nothing import."""

    #: The ids of the bookings just imported.
    imported = Signal(object)

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None,
                 *, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import bookings from CSV")
        self._services, self._bus = services, bus
        self._path: Path | None = None
        self._headers: list[str] = []
        #: (path, mapping, approver) of the last clean dry run: what Import may import.
        self._clean: tuple[Path, tuple[tuple[str, str], ...], str] | None = None
        self.task: Task | None = None
        self._build()
        resize_to_fit(self, 980, 720)
        if path is not None:
            self.load(path)

    # -- the classmethods tests replace --------------------------------------------------

    @classmethod
    def choose_file(cls, parent: QWidget | None) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent, "Import bookings from CSV", "", "CSV files (*.csv *.txt);;All files (*)"
        )
        return Path(chosen) if chosen else None

    @classmethod
    def ask(cls, services: Services, bus: ChangeBus, parent: QWidget | None) -> None:
        """Open the dialog, asking for a file first; nothing happens if none is chosen."""
        path = cls.choose_file(parent)
        if path is None:
            return
        dialog = cls(services, bus, parent, path=path)
        dialog.exec()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.file = line_edit("CSV file")
        self.file.setReadOnly(True)
        self.choose_button = push_button("Ch&oose file…", "Choose the CSV file",
                                         "Pick another CSV file to import")
        self.choose_button.clicked.connect(self._on_choose_clicked)
        file_row = QHBoxLayout()
        file_row.addWidget(buddy("&File:", self.choose_button))
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose_button)

        self.columns = QLabel()
        self.columns.setWordWrap(True)
        self.columns.setStyleSheet(MUTED_STYLE)
        self.columns.setAccessibleName("Columns in the file")
        self.columns.setTextFormat(Qt.TextFormat.PlainText)
        self.combos: dict[str, QComboBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        per_column = (len(FIELD_LABELS) + 2) // 3
        for i, (name, label) in enumerate(FIELD_LABELS.items()):
            combo = QComboBox()
            combo.setAccessibleName(f"Column for {label.lower()}")
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.currentIndexChanged.connect(self._on_inputs_changed)
            self.combos[name] = combo
            text = f"{label}{' *' if name in REQUIRED else ''}:"
            row, col = i % per_column, (i // per_column) * 2
            grid.addWidget(buddy(f"&{text}" if i == 0 else text, combo), row, col)
            grid.addWidget(combo, row, col + 1)
        for col in (1, 3, 5):
            grid.setColumnStretch(col, 1)
        required = QLabel("* needed in every file. Fields left “(not in the file)” are blank.")
        required.setStyleSheet(MUTED_STYLE)
        mapping = QGroupBox("Column &mapping")
        mapping_box = QVBoxLayout(mapping)
        mapping_box.addWidget(self.columns)
        mapping_box.addLayout(grid)
        mapping_box.addWidget(required)

        self.approved_by = line_edit("Approved by",
                                     "a manager's name, for rows inside the notice period")
        approval = QHBoxLayout()
        approval.addWidget(buddy("Approved &by:", self.approved_by))
        approval.addWidget(self.approved_by, 1)
        self.approved_by.textChanged.connect(self._on_inputs_changed)

        self.dry_run_button = push_button("&Dry run", "Dry run",
                                          "Check every row without changing anything")
        self.import_button = push_button("&Import", "Import",
                                         "Import every row (only after a clean dry run)")
        self.import_button.setEnabled(False)
        self.dry_run_button.clicked.connect(self.dry_run)
        self.import_button.clicked.connect(self.import_rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.dry_run_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)

        self.summary = QLabel("Choose a file, check the mapping, then Dry run.")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.problem = error_label("Problem with the file")
        self.model = OutcomeTableModel(self)
        self.outcomes = table("Rows of the file")
        self.outcomes.setModel(self.model)
        header = self.outcomes.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 240)
        rows_label = buddy("&Rows:", self.outcomes)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(mapping)
        layout.addLayout(approval)
        layout.addWidget(self.problem)
        layout.addWidget(self.summary)
        layout.addWidget(rows_label)
        layout.addWidget(self.outcomes, 1)
        layout.addWidget(buttons)
        set_tab_order([self.choose_button, *self.combos.values(), self.approved_by,
                       self.dry_run_button, self.import_button, self.outcomes, close])

    def reject(self) -> None:
        """Esc or Close: while a run is going, stop it first (the dialog stays to report)."""
        if self.task is not None:
            self.task.cancel()
            return
        super().reject()

    # -- the file ------------------------------------------------------------------------

    def load(self, path: Path) -> bool:
        """Read the file's header row and pre-fill the mapping; False if it cannot."""
        self._path = path
        self.file.setText(str(path))
        self._clean = None
        self.model.set_rows(())
        self.problem.hide()
        try:
            try:
                data = path.read_bytes()
            except OSError as error:
                raise ImportFileError(
                    f"Cannot read {path.name}: {error.strerror or error}."
                ) from None
            self._headers = file_headers(data)
        except SpacebankError as error:
            self._headers = []
            self._fill_combos()
            self._show_problem(error.user_message)
            self.summary.setText("Nothing can be imported from this file.")
            self.dry_run_button.setEnabled(False)
            return False
        self._fill_combos()
        shown = ", ".join(h or "(blank)" for h in self._headers)
        self.columns.setText(f"Columns in the file: {shown}")
        self.summary.setText("Check the mapping, then Dry run.")
        self.dry_run_button.setEnabled(True)
        self._on_inputs_changed()
        return True

    def _fill_combos(self) -> None:
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IN_FILE, None)
            for header in self._headers:
                if header:
                    combo.addItem(header, header)
            chosen = default_column(name, self._headers)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            combo.blockSignals(False)
        self.columns.setVisible(bool(self._headers))

    def mapping(self) -> dict[str, str]:
        """{field: header} for the service; unmapped fields read no column at all."""
        return {name: combo.currentData() or _NO_COLUMN for name, combo in self.combos.items()}

    def _inputs(self) -> tuple[Path, tuple[tuple[str, str], ...], str] | None:
        if self._path is None:
            return None
        return (self._path, tuple(sorted(self.mapping().items())),
                self.approved_by.text().strip())

    # -- slots -----------------------------------------------------------------------------

    def _on_choose_clicked(self) -> None:
        path = type(self).choose_file(self)
        if path is not None:
            self.load(path)

    def _on_inputs_changed(self) -> None:
        ready = self._clean is not None and self._clean == self._inputs()
        self.import_button.setEnabled(ready and self.task is None)
        if self._clean is not None and not ready:
            self.summary.setText("The mapping or approver changed: run the dry run again.")

    def dry_run(self) -> Task | None:
        """Check every row in a worker; the table then lists each one."""
        return self._start(dry=True)

    def import_rows(self) -> Task | None:
        """Import every row in one transaction in a worker (after a clean dry run)."""
        if self._clean is None or self._clean != self._inputs():
            Messages.warn(self, "Run a dry run first",
                          "Import is possible after a dry run of this file, with this "
                          "mapping, finds no problems.")
            return None
        return self._start(dry=False)

    def _start(self, *, dry: bool) -> Task | None:
        inputs = self._inputs()
        if inputs is None or self.task is not None:
            return None
        missing = [FIELD_LABELS[f] for f in REQUIRED if self.combos[f].currentData() is None]
        if missing:
            self._show_problem(f"Choose the column for: {', '.join(missing)}.")
            return None
        path, _, approver = inputs
        mapping = self.mapping()
        imports = self._services.imports

        def work(report: Callable[[str, int, int], bool]) -> ImportResult | Cancelled:
            report("Reading the file…", 0, 0)
            try:
                data = path.read_bytes()
            except OSError as error:
                raise ImportFileError(
                    f"Cannot read {path.name}: {error.strerror or error}."
                ) from None
            rows = _Watched(read_rows(data, mapping), report,
                            "Checking" if dry else "Importing")
            try:
                if dry:
                    return imports.dry_run(rows, approved_by=approver)
                return imports.import_rows(rows, approved_by=approver)
            except _Stopped:
                return Cancelled(rows.reached, len(rows))

        self.problem.hide()
        self.dry_run_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.summary.setText("Checking every row…" if dry else "Importing…")
        title = "Dry run: checking every row…" if dry else "Importing bookings…"
        task = Task(self, title, work)
        task.finished.connect(lambda result: self._on_finished(result, inputs, dry))
        task.failed.connect(self._on_failed)
        self.task = task
        task.start()
        return task

    def _on_finished(self, result: ImportResult | Cancelled,
                     inputs: tuple[Path, tuple[tuple[str, str], ...], str], dry: bool) -> None:
        self._end_task()
        if isinstance(result, Cancelled):
            what = "Dry run" if dry else "Import"
            self.summary.setText(
                f"{what} cancelled after {result.done:,} of {result.total:,} rows; "
                "nothing was changed."
            )
            self._on_inputs_changed()
            return
        self.model.show_outcomes(result.rows, dry=dry)
        self.outcomes.resizeColumnToContents(0)
        if dry:
            self._clean = inputs if result.rows and not result.problems else None
            text = summary_text(result)
            if not result.rows:
                text = "The file has no data rows."
            elif result.problems:
                text += ". Fix the file (or the mapping) and run the dry run again."
            else:
                text += ". Nothing has been changed yet: press Import to import them all."
            self.summary.setText(text)
            self._on_inputs_changed()
            return
        self._clean = None
        ids = [r.booking_id for r in result.rows if r.booking_id is not None]
        self._bus.publish("booking", ids, initiator=self)
        if any(r.hirer.startswith("new hirer") for r in result.rows):
            self._bus.publish("hirer", (), initiator=self)
        count = result.imported
        self.summary.setText(f"Imported {count:,} booking{'s' if count != 1 else ''}.")
        self.imported.emit(ids)
        self._on_inputs_changed()

    def _on_failed(self, error: SpacebankError) -> None:
        self._end_task()
        self._clean = None
        if isinstance(error, ImportRefusedError):
            self.model.show_outcomes(error.result.rows, dry=True)
            self.summary.setText(summary_text(error.result) + ". Nothing was imported.")
        else:
            self.summary.setText("Nothing was changed.")
        self._show_problem(error.user_message)
        self._on_inputs_changed()

    def _end_task(self) -> None:
        self.task = None
        self.dry_run_button.setEnabled(bool(self._headers))
        self.choose_button.setEnabled(True)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

