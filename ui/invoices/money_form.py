"""Money moved against an invoice, in or out: the form and dialog payments and refunds share.

Both ask the same things the same way (amount, method, a cost centre for an internal
recharge, a day typed loosely and echoed back, a reference or reason), show the
service's refusals by their field, and can print the receipt or refund advice after;
only the wording and the service call differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.clock import local_day
from spacebank.domain.enums import PaymentMethod
from spacebank.domain.errors import SpacebankError, TimeError
from spacebank.domain.money import parse_pounds
from spacebank.domain.typed_dates import parse_day
from spacebank.services.container import Services
from spacebank.services.invoice_dto import InvoiceDetails, PaymentDetails
from ui.changes import ChangeBus
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import MUTED_STYLE, add_field_row, line_edit, set_tab_order
from ui.invoices.invoice_dialog import InvoiceDialog
from ui.screen_fit import grow_to_fit, resize_to_fit

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


@dataclass(frozen=True)
class MoneyWording:
    """What one kind of money dialog calls things, and the service's names for its fields.

    The first of `amount_keys` and `day_keys` is what the form itself reports a typing
    mistake as; the others are the names the service may use for the same field.
    """

    title: str
    amount_name: str
    amount_hint: str
    amount_keys: tuple[str, ...]
    method_name: str
    day_text: str
    day_name: str
    day_keys: tuple[str, ...]
    note_text: str
    note_name: str
    note_hint: str
    note_key: str
    ok_text: str
    ok_tip: str
    action_text: str
    print_text: str
    print_name: str
    print_tip: str
    print_checked: bool


class MoneyForm:
    """The amount, method, cost-centre, day and note rows, with an error label under each."""

    def __init__(self, wording: MoneyWording, today: date) -> None:
        self._wording = wording
        self._today = today
        self.amount = line_edit(wording.amount_name, wording.amount_hint)
        self.method = QComboBox()
        self.method.setAccessibleName(wording.method_name)
        for method, label in METHOD_LABELS.items():
            self.method.addItem(label, method)
        self.cost_centre = line_edit("Cost-centre code", "Needed for an internal recharge")
        self.day = line_edit(wording.day_name)
        self.day.setText("today")
        self.day.setToolTip("Type today, yesterday, fri, 12/11 or 2026-11-12")
        self.day_shown = QLabel()
        self.day_shown.setAccessibleName(f"{wording.day_name} as understood")
        self.day_shown.setStyleSheet(MUTED_STYLE)
        self.note = line_edit(wording.note_name, wording.note_hint)

        self.general_error = error_label("Problem")
        self.errors = FieldErrors(self.general_error)
        day_row = QHBoxLayout()
        day_row.setContentsMargins(0, 0, 0, 0)
        day_row.addWidget(self.day, 1)
        day_row.addWidget(self.day_shown, 1)
        day_cell = QWidget()
        day_cell.setLayout(day_row)
        day_cell.setFocusProxy(self.day)
        self.rows = QFormLayout()
        self.rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._add_row("&Amount (£)", self.amount, wording.amount_keys)
        self._add_row("&Method", self.method, ("method",))
        self._add_row("Cost &centre", self.cost_centre, ("cost_centre",))
        self._add_row(wording.day_text, day_cell, wording.day_keys, name=wording.day_name)
        self._add_row(wording.note_text, self.note, (wording.note_key,))
        self.method.currentIndexChanged.connect(self._on_method_changed)
        self.day.textChanged.connect(self._on_day_edited)
        self._on_method_changed()
        self._on_day_edited(self.day.text())

    def _add_row(self, text: str, field: QWidget, keys: tuple[str, ...], *,
                 name: str = "") -> None:
        add_field_row(self.rows, self.errors, text, field, keys[0], name=name)
        self.errors.add(self.errors.label_for(keys[0]), *keys[1:], focus=field)

    def fields(self) -> list[QWidget]:
        """The inputs in tab order."""
        return [self.amount, self.method, self.cost_centre, self.day, self.note]

    def chosen_method(self) -> PaymentMethod:
        # Qt hands the enum back as a plain str.
        return PaymentMethod(self.method.currentData())

    def cost_centre_code(self) -> str:
        """The code typed, but only when it is used (an internal recharge)."""
        recharge = self.chosen_method() is PaymentMethod.INTERNAL_RECHARGE
        return self.cost_centre.text() if recharge else ""

    def amount_pence(self) -> int:
        return parse_pounds(self.amount.text(), field=self._wording.amount_keys[0],
                            label="The amount")

    def chosen_day(self) -> date:
        try:
            return past_day(self.day.text(), self._today)
        except SpacebankError as error:
            raise TimeError(error.user_message, field=self._wording.day_keys[0]) from None

    def _on_method_changed(self, *_: object) -> None:
        recharge = self.chosen_method() is PaymentMethod.INTERNAL_RECHARGE
        self.cost_centre.setEnabled(recharge)
        if not recharge:
            self.errors.clear(["cost_centre"])

    def _on_day_edited(self, text: str) -> None:
        try:
            day = past_day(text, self._today)
        except SpacebankError:
            self.day_shown.setText("")
            return
        self.day_shown.setText(f"{day:%a} {day.day} {day:%b %Y}")


class MoneyDialog(InvoiceDialog):
    """Records money against an invoice through `_record`, then prints it if asked."""

    WORDING: ClassVar[MoneyWording]

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus,
                 invoice_id: int) -> None:
        wording = self.WORDING
        super().__init__(parent, services, bus, invoice_id, title=wording.title)
        self.recorded: PaymentDetails | None = None
        self.form = MoneyForm(wording, local_day(services.ctx.now()))
        self.amount = self.form.amount
        self.method = self.form.method
        self.cost_centre = self.form.cost_centre
        self.general_error = self.form.general_error
        self.print_after = QCheckBox(wording.print_text)
        self.print_after.setAccessibleName(wording.print_name)
        self.print_after.setToolTip(wording.print_tip)
        self.print_after.setChecked(wording.print_checked)
        self.ok_button, self.record_action = self._add_ok(
            wording.ok_text, wording.ok_tip, wording.action_text,
            "Close without recording anything (Esc)", self._on_record_clicked)
        self.ok_button.setDefault(True)

        layout = QVBoxLayout(self)
        # Grow rather than squeeze the fields when a problem is shown under one.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.summary)
        layout.addLayout(self.form.rows)
        layout.addWidget(self.print_after)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        set_tab_order([*self.form.fields(), self.print_after, self.ok_button])
        em = self.fontMetrics().horizontalAdvance("M")
        resize_to_fit(self, em * 50, self.sizeHint().height())
        self._load()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
            invoice_id: int) -> PaymentDetails | None:
        """Record money against the invoice; returns what was recorded, or None."""
        dialog = cls(parent, services, bus, invoice_id)
        dialog.exec()
        return dialog.recorded

    def _fill(self, invoice: InvoiceDetails) -> bool:
        """Show the invoice and suggest values; False if nothing can be recorded against it."""
        raise NotImplementedError

    def _record(self, amount_pence: int, method: PaymentMethod, day: date, note: str,
                cost_centre: str) -> PaymentDetails:
        """The service call that records the money (raises SpacebankError if refused)."""
        raise NotImplementedError

    def _load(self) -> None:
        invoice = self._get_invoice(self.general_error)
        if not invoice or not self._fill(invoice):
            self._disable()
            return
        self.amount.selectAll()
        self.amount.setFocus()

    def _disable(self) -> None:
        for widget in (*self.form.fields(), self.print_after, self.ok_button):
            widget.setEnabled(False)
        self.record_action.setEnabled(False)

    def chosen_method(self) -> PaymentMethod:
        return self.form.chosen_method()

    def _on_record_clicked(self) -> None:
        if not self.ok_button.isEnabled():
            return
        form = self.form
        form.errors.clear()
        method = form.chosen_method()
        centre = form.cost_centre_code()
        note = form.note.text()

        def record() -> PaymentDetails:
            return self._record(form.amount_pence(), method, form.chosen_day(), note, centre)

        done = form.errors.run(record, focus=True)
        if not done:
            grow_to_fit(self)
            return
        self.recorded = done
        wanted = self.print_after.isChecked()
        self._finish("payment", [done.id],
                     (lambda: self._services.documents.receipt_data(done.id)) if wanted
                     else None)
