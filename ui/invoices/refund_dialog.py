"""Record money given back to a hirer against an invoice, then print the refund advice."""

from __future__ import annotations

from datetime import date

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
    QLayout,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.clock import local_day
from spacebank.domain.enums import PaymentMethod
from spacebank.domain.errors import SpacebankError, StatusError, TimeError
from spacebank.domain.money import format_pence, parse_pounds
from spacebank.services.container import Services
from spacebank.services.invoice_dto import InvoiceDetails, PaymentDetails
from ui.changes import ChangeBus
from ui.documents.pdf_preview_dialog import PdfPreviewDialog, show_preview
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import MUTED_STYLE, add_field_row, line_edit, set_tab_order
from ui.invoices.payment_dialog import METHOD_LABELS, past_day
from ui.screen_fit import grow_to_fit, resize_to_fit
from ui.service_call import call

REASON_MAX = 100


class RefundDialog(QDialog):
    """Asks for a refund, records it through the invoice service, shows refusals inline."""

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus,
                 invoice_id: int) -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        self._invoice_id = invoice_id
        self._today = local_day(services.ctx.now())
        self.refund: PaymentDetails | None = None
        self.preview: PdfPreviewDialog | None = None
        self.setWindowTitle("Record refund")
        self._build()
        self._load()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
            invoice_id: int) -> PaymentDetails | None:
        dialog = cls(parent, services, bus, invoice_id)
        dialog.exec()
        return dialog.refund

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setAccessibleName("Invoice summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.amount = line_edit("Amount refunded in pounds", "e.g. 150 or 45.50")
        self.method = QComboBox()
        self.method.setAccessibleName("How the money goes back")
        for method, label in METHOD_LABELS.items():
            self.method.addItem(label, method)
        self.cost_centre = line_edit("Cost-centre code", "Needed for an internal recharge")
        self.refunded = line_edit("Date refunded")
        self.refunded.setText("today")
        self.refunded.setToolTip("Type today, yesterday, fri, 12/11 or 2026-11-12")
        self.refunded_shown = QLabel()
        self.refunded_shown.setAccessibleName("Date refunded as understood")
        self.refunded_shown.setStyleSheet(MUTED_STYLE)
        self.reason = line_edit("Reason for the refund",
                                "e.g. Booking cancelled (kept as the reference)")
        self.reason.setMaxLength(REASON_MAX)
        self.print_advice = QCheckBox("Print the refund &advice")
        self.print_advice.setAccessibleName("Print the refund advice once recorded")
        self.print_advice.setChecked(True)

        self.general_error = error_label("Problem")
        self.errors = FieldErrors(self.general_error)
        refunded_row = QHBoxLayout()
        refunded_row.setContentsMargins(0, 0, 0, 0)
        refunded_row.addWidget(self.refunded, 1)
        refunded_row.addWidget(self.refunded_shown, 1)
        refunded_cell = QWidget()
        refunded_cell.setLayout(refunded_row)
        refunded_cell.setFocusProxy(self.refunded)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add_field_row(form, self.errors, "&Amount (£)", self.amount, "amount_pence")
        add_field_row(form, self.errors, "&Method", self.method, "method")
        add_field_row(form, self.errors, "Cost &centre", self.cost_centre, "cost_centre")
        add_field_row(form, self.errors, "Refunded &on", refunded_cell, "refunded_on",
                      name="Date refunded")
        add_field_row(form, self.errors, "&Reason", self.reason, "reason")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton("Record re&fund",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setToolTip("Record the refund (Ctrl+Enter)")
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(
            "Close without recording anything (Esc)")
        self.buttons.accepted.connect(self._on_record_clicked)
        self.buttons.rejected.connect(self.reject)
        self.record_action = QAction("Record refund", self)
        self.record_action.setShortcuts([QKeySequence("Ctrl+Return"),
                                         QKeySequence("Ctrl+Enter")])
        self.record_action.triggered.connect(self._on_record_clicked)
        self.addAction(self.record_action)
        self.method.currentIndexChanged.connect(self._on_method_changed)
        self.refunded.textChanged.connect(self._on_refunded_edited)

        layout = QVBoxLayout(self)
        # Grow rather than squeeze the fields when a problem is shown under one.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.print_advice)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        set_tab_order([self.amount, self.method, self.cost_centre, self.refunded, self.reason,
                       self.print_advice, self.ok_button])
        em = self.fontMetrics().horizontalAdvance("M")
        resize_to_fit(self, em * 50, self.sizeHint().height())
        self._on_method_changed()

    def _load(self) -> None:
        invoice = call(self, lambda: self._services.invoices.get_invoice(self._invoice_id),
                       inline=self.general_error)
        if not invoice:
            self._disable()
            return
        self.setWindowTitle(f"Record refund against {invoice.number}")
        self.summary.setText(_summary(invoice))
        if invoice.paid_pence <= 0:
            self.errors.show(StatusError(
                f"Nothing has been paid on invoice {invoice.number}, so there is nothing "
                "to refund."))
            self._disable()
            return
        owed_to_hirer = -invoice.outstanding_pence
        if owed_to_hirer > 0:
            self.amount.setText(format_pence(min(owed_to_hirer, invoice.paid_pence))
                                .removeprefix("£"))
        last = next((p for p in reversed(invoice.payments) if not p.is_refund), None)
        if last is not None:
            self.method.setCurrentIndex(max(0, self.method.findData(last.method)))
        self.amount.selectAll()
        self.amount.setFocus()
        self._on_refunded_edited(self.refunded.text())

    def _disable(self) -> None:
        for widget in (self.ok_button, self.amount, self.method, self.cost_centre,
                       self.refunded, self.reason, self.print_advice):
            widget.setEnabled(False)
        self.record_action.setEnabled(False)

    def chosen_method(self) -> PaymentMethod:
        # Qt hands the enum back as a plain str.
        return PaymentMethod(self.method.currentData())

    # -- slots -------------------------------------------------------------------------

    def _on_method_changed(self, *_: object) -> None:
        recharge = self.chosen_method() is PaymentMethod.INTERNAL_RECHARGE
        self.cost_centre.setEnabled(recharge)
        if not recharge:
            self.errors.clear(["cost_centre"])

    def _on_refunded_edited(self, text: str) -> None:
        try:
            day = past_day(text, self._today)
        except SpacebankError:
            self.refunded_shown.setText("")
            return
        self.refunded_shown.setText(f"{day:%a} {day.day} {day:%b %Y}")

    def _on_record_clicked(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self.errors.clear()
        method = self.chosen_method()
        centre = self.cost_centre.text() if method is PaymentMethod.INTERNAL_RECHARGE else ""
        reason = self.reason.text()
        invoice_id = self._invoice_id

        def record() -> PaymentDetails:
            amount = parse_pounds(self.amount.text(), field="amount_pence",
                                  label="The amount")
            try:
                day: date = past_day(self.refunded.text(), self._today)
            except SpacebankError as error:
                raise TimeError(error.user_message, field="refunded_on") from None
            return self._services.invoices.record_refund(
                invoice_id, amount, method, reason, cost_centre=centre, refunded_on=day)

        refund = self.errors.run(record, focus=True)
        if not refund:
            grow_to_fit(self)
            return
        self.refund = refund
        self._bus.publish("payment", [refund.id], initiator=self)
        self.accept()
        if self.print_advice.isChecked():
            self.preview = show_preview(
                self.parentWidget(), lambda: self._services.documents.receipt_data(refund.id))


def _summary(invoice: InvoiceDetails) -> str:
    parts = [f"Invoice {invoice.number} to {invoice.bill_to_name}: total "
             f"{format_pence(invoice.gross_pence)}"]
    if invoice.credited_pence:
        parts.append(f"credited {format_pence(invoice.credited_pence)}")
    parts.append(f"paid {format_pence(invoice.paid_pence)} (less refunds)")
    outstanding = invoice.outstanding_pence
    if outstanding < 0:
        parts.append(f"the hirer is owed {format_pence(-outstanding)}")
    else:
        parts.append(f"outstanding {format_pence(outstanding)}")
    return ", ".join(parts) + (f". At most {format_pence(max(invoice.paid_pence, 0))} can be "
                               "refunded.")
