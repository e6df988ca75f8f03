"""Record money received against an invoice: amount, how, when, reference."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.clock import local_day
from spacebank.domain.enums import PaymentMethod
from spacebank.domain.errors import SpacebankError
from spacebank.domain.money import format_pence, parse_pounds
from spacebank.domain.typed_dates import parse_day
from spacebank.services.container import Services
from spacebank.services.invoice_dto import InvoiceDetails, PaymentDetails, PaymentInput
from ui.changes import ChangeBus
from ui.documents.pdf_preview_dialog import PdfPreviewDialog, show_preview
from ui.form_parts import set_tab_order
from ui.service_call import call

METHOD_LABELS = {
    PaymentMethod.CARD_BY_PHONE: "Card by phone",
    PaymentMethod.BANK_TRANSFER: "Bank transfer",
    PaymentMethod.CASH: "Cash",
    PaymentMethod.CHEQUE: "Cheque",
    PaymentMethod.INTERNAL_RECHARGE: "Internal council recharge",
}
_WEEKDAY_WORDS = re.compile(r"^(last\s+)?[a-z]+$")
_HAS_YEAR = re.compile(r"(\d{4}|[/.\-]\d{1,2}[/.\-]\d{2})$")


def past_day(text: str, today: date) -> date:
    """A typed day that has already happened: "yesterday", "fri" (the last one), "12/11".

    `parse_day` looks forward (a booking is in the future); money arrives in the past,
    so a weekday or a day/month without a year means the latest one on or before today.
    """
    raw = " ".join(text.strip().lower().split())
    if raw in ("yesterday", "yest", "yday"):
        return today - timedelta(days=1)
    day = parse_day(raw.removeprefix("last ") if raw.startswith("last ") else raw, today)
    if day <= today or _HAS_YEAR.search(raw) or raw.startswith(("+", "tom", "next")):
        return day
    if _WEEKDAY_WORDS.match(raw):
        return day - timedelta(days=7)
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 Feb a year earlier
        return day.replace(year=day.year - 1, day=28)


class PaymentDialog(QDialog):
    """Asks for a payment, records it through the invoice service, shows refusals inline."""

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus,
                 invoice_id: int) -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        self._invoice_id = invoice_id
        self._today = local_day(services.ctx.now())
        self.payment: PaymentDetails | None = None
        self.preview: PdfPreviewDialog | None = None
        self.setWindowTitle("Record payment")
        self._build()
        self._load()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
            invoice_id: int) -> PaymentDetails | None:
        dialog = cls(parent, services, bus, invoice_id)
        dialog.exec()
        return dialog.payment

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setAccessibleName("Invoice summary")
        self.summary.setWordWrap(True)
        self.amount = QLineEdit()
        self.amount.setAccessibleName("Amount received in pounds")
        self.amount.setPlaceholderText("e.g. 120 or 45.50")
        self.method = QComboBox()
        self.method.setAccessibleName("How it was paid")
        for method, label in METHOD_LABELS.items():
            self.method.addItem(label, method)
        self.cost_centre = QLineEdit()
        self.cost_centre.setAccessibleName("Cost-centre code")
        self.cost_centre.setPlaceholderText("Needed for an internal recharge")
        self.received = QLineEdit("today")
        self.received.setAccessibleName("Date received")
        self.received.setToolTip("Type today, yesterday, fri, 12/11 or 2026-11-12")
        self.received_shown = QLabel()
        self.received_shown.setAccessibleName("Date received as understood")
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Payment reference")
        self.reference.setPlaceholderText("Card receipt, bank reference or cheque number")
        self.print_receipt = QCheckBox("&Print a receipt once recorded")
        self.print_receipt.setAccessibleName("Print a receipt once recorded")
        self.print_receipt.setToolTip("Open the receipt ready to print or save as PDF")
        self.errors = {name: _error_label() for name in
                       ("amount", "method", "cost_centre", "received", "reference", "general")}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton("&Record payment",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.ok_button.setToolTip("Record the payment (Enter or Ctrl+Enter)")
        self.record_action = QAction("Record payment", self)
        self.record_action.setShortcuts([QKeySequence("Ctrl+Return"),
                                         QKeySequence("Ctrl+Enter")])
        self.record_action.triggered.connect(self._on_record_clicked)
        self.addAction(self.record_action)
        self.buttons.accepted.connect(self._on_record_clicked)
        self.buttons.rejected.connect(self.reject)
        self.method.currentIndexChanged.connect(self._on_method_changed)
        self.received.textChanged.connect(self._on_received_edited)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._add_row(form, "&Amount (£)", self.amount, "amount")
        self._add_row(form, "&Method", self.method, "method")
        self._add_row(form, "Cost &centre", self.cost_centre, "cost_centre")
        received_row = QHBoxLayout()
        received_row.addWidget(self.received, 1)
        received_row.addWidget(self.received_shown, 1)
        label = QLabel("Recei&ved on")
        label.setBuddy(self.received)
        form.addRow(label, received_row)
        form.addRow("", self.errors["received"])
        self._add_row(form, "Re&ference", self.reference, "reference")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.print_receipt)
        layout.addWidget(self.errors["general"])
        layout.addWidget(self.buttons)
        set_tab_order([self.amount, self.method, self.cost_centre, self.received,
                       self.reference, self.print_receipt, self.ok_button])
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 70)
        self._on_method_changed()

    def _add_row(self, form: QFormLayout, text: str, field: QWidget, error: str) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field)
        form.addRow("", self.errors[error])

    def _load(self) -> None:
        invoice = call(self, lambda: self._services.invoices.get_invoice(self._invoice_id),
                       inline=self.errors["general"])
        if not invoice:
            self.ok_button.setEnabled(False)
            self.record_action.setEnabled(False)
            return
        self.summary.setText(_summary(invoice))
        if invoice.outstanding_pence > 0:
            self.amount.setText(format_pence(invoice.outstanding_pence).removeprefix("£"))
        self.amount.selectAll()
        self._on_received_edited(self.received.text())

    def chosen_method(self) -> PaymentMethod:
        # Qt hands the enum back as a plain str.
        return PaymentMethod(self.method.currentData())

    # -- slots -------------------------------------------------------------------------

    def _on_method_changed(self) -> None:
        recharge = self.chosen_method() is PaymentMethod.INTERNAL_RECHARGE
        self.cost_centre.setEnabled(recharge)
        if not recharge:
            self.errors["cost_centre"].hide()

    def _on_received_edited(self, text: str) -> None:
        try:
            day = past_day(text, self._today)
        except SpacebankError:
            self.received_shown.setText("")
            return
        self.received_shown.setText(f"{day:%a} {day.day} {day:%b %Y}")

    def _on_record_clicked(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self._clear_errors()
        payment = self._read_input()
        if payment is None:
            return
        result = call(self, lambda: self._services.invoices.record_payment(
            self._invoice_id, payment), inline=self.errors["general"])
        if not result:
            self._place_error(result.error)
            return
        self.payment = result
        self._bus.publish("payment", [result.id], initiator=self)
        self.accept()
        if self.print_receipt.isChecked():
            self.preview = show_preview(
                self.parentWidget(), lambda: self._services.documents.receipt_data(result.id))

    # -- helpers -----------------------------------------------------------------------

    def _read_input(self) -> PaymentInput | None:
        try:
            amount = parse_pounds(self.amount.text(), field="amount", label="The amount")
        except SpacebankError as error:
            self._place_error(error)
            return None
        try:
            received = past_day(self.received.text(), self._today)
        except SpacebankError as error:
            self._show_error("received", error.user_message)
            return None
        method = self.chosen_method()
        return PaymentInput(
            amount_pence=amount,
            method=method,
            received_on=received,
            reference=self.reference.text(),
            cost_centre=self.cost_centre.text() if method is PaymentMethod.INTERNAL_RECHARGE
            else "",
        )

    def _place_error(self, error: SpacebankError) -> None:
        """Show the service's message next to the field it concerns."""
        where = {
            "amount": "amount", "amount_pence": "amount", "method": "method",
            "cost_centre": "cost_centre", "received_on": "received", "date": "received",
            "reference": "reference",
        }.get(error.field or "", "general")
        self.errors["general"].hide()
        self._show_error(where, error.user_message)

    def _show_error(self, where: str, message: str) -> None:
        label = self.errors[where]
        label.setText(message)
        label.show()
        focus = {"amount": self.amount, "method": self.method, "cost_centre": self.cost_centre,
                 "received": self.received, "reference": self.reference}.get(where)
        if focus is not None:
            focus.setFocus()

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()


def _summary(invoice: InvoiceDetails) -> str:
    parts = [f"Invoice {invoice.number} to {invoice.bill_to_name}, due "
             f"{invoice.due_on:%d %b %Y}: total {format_pence(invoice.gross_pence)}"]
    if invoice.credited_pence:
        parts.append(f"credited {format_pence(invoice.credited_pence)}")
    parts.append(f"paid {format_pence(invoice.paid_pence)}")
    parts.append(f"outstanding {format_pence(invoice.outstanding_pence)}")
    return ", ".join(parts) + "."


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setAccessibleName("Problem")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label
