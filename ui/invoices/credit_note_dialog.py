"""Issue a credit note against an invoice: all that is left to credit, or an amount.

The service credits a whole invoice (mirroring its lines) or a VAT-inclusive amount
shared across the invoice's VAT rates; choosing lines here only totals them into the
amount. The credit note opens ready to print once issued.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.errors import StatusError
from spacebank.domain.money import format_pence, parse_pounds
from spacebank.services.container import Services
from spacebank.services.invoice_dto import CreditNoteDetails, InvoiceDetails
from ui.changes import ChangeBus
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import MUTED_STYLE, add_field_row, buddy, set_tab_order, table, text_block
from ui.invoices.invoice_dialog import InvoiceDialog
from ui.invoices.invoice_records_model import LINE_DESCRIPTION, InvoiceLinesModel
from ui.screen_fit import grow_to_fit, resize_to_fit


class CreditNoteDialog(InvoiceDialog):
    """Asks what to credit and why, issues the credit note, then previews it."""

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus,
                 invoice_id: int, *, reason: str = "",
                 booking_ids: Sequence[int] = ()) -> None:
        """`reason` and `booking_ids` prefill the form, e.g. after cancelling bookings:
        their lines are chosen, so the amount is what they were invoiced."""
        super().__init__(parent, services, bus, invoice_id, title="Issue credit note")
        self._prefill_reason = reason
        self._prefill_bookings = frozenset(booking_ids)
        self._invoice: InvoiceDetails | None = None
        self.credit_note: CreditNoteDetails | None = None
        self.lines_model = InvoiceLinesModel(self)
        self._build()
        self._load()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
            invoice_id: int, *, reason: str = "",
            booking_ids: Sequence[int] = ()) -> CreditNoteDetails | None:
        dialog = cls(parent, services, bus, invoice_id, reason=reason, booking_ids=booking_ids)
        dialog.exec()
        return dialog.credit_note

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.lines = table("The invoice's lines")
        self.lines.setModel(self.lines_model)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LINE_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.lines_note = QLabel(
            "Choosing lines (Shift or Ctrl with the arrows or a click) puts their total in "
            "the amount. The credit note itself shows one line per VAT rate.")
        self.lines_note.setAccessibleName("About the lines")
        self.lines_note.setWordWrap(True)
        self.lines_note.setStyleSheet(MUTED_STYLE)

        self.whole = QRadioButton()
        self.whole.setAccessibleName("Credit everything left to credit")
        self.part = QRadioButton("Credit &part of it:")
        self.part.setAccessibleName("Credit an amount")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.whole)
        self.choice.addButton(self.part)
        self.whole.setChecked(True)
        self.amount = QLineEdit()
        self.amount.setAccessibleName("Amount to credit in pounds, VAT included")
        self.amount.setPlaceholderText("e.g. 40 or 12.50, VAT included")
        self.reason = text_block("Reason for the credit", lines=3)
        self.reason.setPlaceholderText(
            "Printed on the credit note, e.g. “Booking cancelled by the hirer on 3 Nov”")

        self.general_error = error_label("Problem")
        self.amount_error = error_label("Amount problem")
        self.errors = FieldErrors(self.general_error)
        self.errors.add(self.amount_error, "amount_pence", focus=self.amount)

        self.ok_button, self.issue_action = self._add_ok(
            "&Issue credit note", "Issue the credit note and open it to print (Ctrl+Enter)",
            "Issue credit note", "Close without issuing anything (Esc)", self._on_issue_clicked)
        self.ok_button.setAutoDefault(False)

        amount_row = QHBoxLayout()
        amount_row.addWidget(self.part)
        amount_row.addWidget(self.amount, 1)
        amount_cell = QWidget()
        amount_box = QVBoxLayout(amount_cell)
        amount_box.setContentsMargins(0, 0, 0, 0)
        amount_box.setSpacing(2)
        amount_box.addWidget(self.whole)
        amount_box.addLayout(amount_row)
        amount_box.addWidget(self.amount_error)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(QLabel("Credit"), amount_cell)
        add_field_row(form, self.errors, "&Reason", self.reason, "reason")

        layout = QVBoxLayout(self)
        # Grow rather than squeeze the fields when a problem is shown under one.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.summary)
        layout.addWidget(buddy("Invoice &lines", self.lines))
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.lines_note)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self.part.toggled.connect(self._on_choice_changed)
        self.amount.textEdited.connect(lambda _text: self.part.setChecked(True))
        self.lines.selectionModel().selectionChanged.connect(self._on_lines_chosen)
        set_tab_order([self.lines, self.whole, self.part, self.amount, self.reason,
                       self.ok_button])
        em = self.fontMetrics().horizontalAdvance("M")
        resize_to_fit(self, em * 62, self.fontMetrics().lineSpacing() * 32)

    def _load(self) -> None:
        invoice = self._get_invoice(self.general_error)
        if not invoice:
            self._disable()
            return
        self._invoice = invoice
        self.setWindowTitle(f"Issue credit note against {invoice.number}")
        self.lines_model.set_rows(invoice.lines)
        left = self.creditable_pence()
        self.summary.setText(_summary(invoice, left))
        what = "the &whole invoice" if not invoice.credited_pence else "&everything left"
        self.whole.setText(f"Credit {what} ({format_pence(left)})")
        if left <= 0:
            self.errors.show(StatusError(
                f"Invoice {invoice.number} is for £0.00; there is nothing to credit."
                if invoice.gross_pence == 0 else
                f"Invoice {invoice.number} has already been credited in full."))
            self._disable()
            return
        self._on_choice_changed()
        self.whole.setFocus()
        self._prefill(invoice)

    def _prefill(self, invoice: InvoiceDetails) -> None:
        if self._prefill_reason:
            self.reason.setPlainText(self._prefill_reason)
        rows = [r for r, line in enumerate(invoice.lines)
                if line.booking_id is not None and line.booking_id in self._prefill_bookings]
        if not rows or (len(rows) == len(invoice.lines) and not invoice.credited_pence):
            return  # nothing chosen, or every line: the whole invoice
        selection = self.lines.selectionModel()
        selection.setCurrentIndex(self.lines_model.index(rows[0], 0),
                                  QItemSelectionModel.SelectionFlag.NoUpdate)
        for r in rows:
            selection.select(self.lines_model.index(r, 0),
                             QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)
        self.amount.setFocus()

    def creditable_pence(self) -> int:
        """What is left to credit on the invoice (as the service will count it)."""
        if self._invoice is None:
            return 0
        return max(0, self._invoice.gross_pence - self._invoice.credited_pence)

    def _disable(self) -> None:
        for widget in (self.ok_button, self.whole, self.part, self.amount, self.reason):
            widget.setEnabled(False)
        self.issue_action.setEnabled(False)

    # -- slots -------------------------------------------------------------------------

    def _on_choice_changed(self, *_: object) -> None:
        self.amount.setEnabled(self.part.isChecked())
        if not self.part.isChecked():
            self.errors.clear(["amount_pence"])

    def _on_lines_chosen(self, *_: QItemSelection) -> None:
        rows = sorted({index.row() for index in self.lines.selectionModel().selectedRows()})
        chosen = [line for r in rows if (line := self.lines_model.row_at(r)) is not None]
        if not chosen:
            return
        total = sum(line.gross_pence for line in chosen)
        self.part.setChecked(True)
        self.amount.setText(format_pence(total).removeprefix("£"))

    def _on_issue_clicked(self) -> None:
        if self._invoice is None or not self.ok_button.isEnabled():
            return
        self.errors.clear()
        invoice_id = self._invoice.id
        whole = self.whole.isChecked()
        reason = self.reason.toPlainText()

        def issue() -> CreditNoteDetails:
            amount = None if whole else parse_pounds(
                self.amount.text(), field="amount_pence", label="The amount to credit")
            return self._services.invoices.credit_note(
                invoice_id, amount_pence=amount, reason=reason)

        note = self.errors.run(issue, focus=True)
        if not note:
            grow_to_fit(self)
            return
        self.credit_note = note
        self._finish("invoice", [invoice_id],
                     lambda: self._services.documents.credit_note_data(note.id))


def _summary(invoice: InvoiceDetails, left: int) -> str:
    parts = [f"Invoice {invoice.number} to {invoice.bill_to_name}, issued "
             f"{invoice.issued_on.day} {invoice.issued_on:%b %Y}: total "
             f"{format_pence(invoice.gross_pence)}"]
    if invoice.credit_notes:
        numbers = ", ".join(n.number for n in invoice.credit_notes)
        parts.append(f"credited {format_pence(invoice.credited_pence)} ({numbers})")
    parts.append(f"paid {format_pence(invoice.paid_pence)}")
    text = ", ".join(parts) + f". Left to credit: {format_pence(left)}."
    if invoice.paid_pence > 0:
        text += (" Money already paid is not given back by a credit note; record a refund "
                 "afterwards if the hirer is owed money.")
    return text
