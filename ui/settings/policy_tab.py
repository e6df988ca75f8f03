"""The written booking policy as numbers: holds, notice, how far ahead, invoices, VAT."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.enums import RateType
from spacebank.domain.errors import ValidationError
from spacebank.domain.money import BASIS_POINTS
from spacebank.domain.policy import Policy
from spacebank.domain.typed_dates import parse_time
from spacebank.services.settings_service import POLICY_LIMITS
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import (
    add_field_row,
    line_edit,
    minutes_text,
    note,
    set_tab_order,
    spin,
    with_problem,
)

_HUNDRED = Decimal(BASIS_POINTS) / 100


def percent_to_bp(text: str, *, field: str, label: str) -> int:
    """'20' -> 2000, '17.5' -> 1750, '0' -> 0 basis points, in exact decimal arithmetic.

    The range (0–100%) is the settings service's to check, so its message is shown.
    """
    raw = text.strip().removesuffix("%").strip()
    if not raw:
        raise ValidationError(f"{label}: type a percentage, e.g. 20 or 0.", field=field)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise ValidationError(f"{label}: “{text.strip()}” is not a percentage; type e.g. 20, "
                              "17.5 or 0.", field=field)
    points = value * _HUNDRED
    if points != points.to_integral_value():
        raise ValidationError(f"{label}: “{text.strip()}” has more than two decimal places.",
                              field=field)
    return int(points)


def bp_to_percent(points: int) -> str:
    """2000 -> '20', 1750 -> '17.5', 5 -> '0.05'."""
    value = Decimal(points) / _HUNDRED
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_evening_start(text: str) -> int:
    try:
        moment = parse_time(text)
    except ValidationError as error:
        raise ValidationError(error.user_message, field="evening_starts_min") from None
    return moment.hour * 60 + moment.minute


class PolicyTab(QWidget):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spins: dict[str, QSpinBox] = {}
        bookings = QGroupBox("Bookings")
        bookings_form = QFormLayout(bookings)
        money = QGroupBox("Invoices and money")
        money_form = QFormLayout(money)
        for form, key, text, name, tip in (
            (bookings_form, "hold_days", "&Hold lasts", "Provisional hold length in days",
             "A provisional hold lapses after this many days, or at the notice deadline if "
             "that comes sooner"),
            (bookings_form, "notice_days", "&Notice period", "Notice period in days",
             "Bookings closer than this to the event need a manager's approval or "
             "prepayment"),
            (bookings_form, "max_advance_days", "&Furthest ahead",
             "How many days ahead bookings are taken", "How far ahead a booking may be taken"),
            (money_form, "invoice_due_days", "&Invoices due after",
             "Invoice payment term in days", "Days from issue to the due date"),
        ):
            lo, hi, _message = POLICY_LIMITS[key]
            box = self.spins[key] = spin(name, lo, hi, suffix=" days")
            box.setToolTip(tip)
            add_field_row(form, errors, text, box, key)
        self.evening = line_edit("Evening rate starts at", "17:00", chars=8)
        self.evening.setToolTip("On weekdays, hours from this time are charged at the evening "
                                "and weekend rate")
        add_field_row(bookings_form, errors, "&Evening rate from", self.evening,
                      "evening_starts_min")
        self.vat_hire = line_edit("VAT on hall hire in percent", "0", chars=8)
        self.vat_extra = line_edit("VAT on extras in percent", "20", chars=8)
        for edit in (self.vat_hire, self.vat_extra):
            edit.setToolTip("A percentage such as 20, 17.5 or 0 (hall hire is often exempt)")
        add_field_row(money_form, errors, "&VAT on hall hire (%)", self.vat_hire,
                      "vat_hire_bp")
        add_field_row(money_form, errors, "VAT on e&xtras (%)", self.vat_extra, "vat_extra_bp")
        self.deposit_types: dict[RateType, QCheckBox] = {}
        deposits = QWidget()
        deposits.setAccessibleName("Rate types that pay a deposit")
        row = QHBoxLayout(deposits)
        row.setContentsMargins(0, 0, 0, 0)
        for rate_type, text in ((RateType.COMMUNITY, "&Community"),
                                (RateType.PRIVATE, "&Private"),
                                (RateType.COMMERCIAL, "Co&mmercial")):
            box = self.deposit_types[rate_type] = QCheckBox(text)
            box.setAccessibleName(f"{text.replace('&', '')} rate pays a deposit")
            row.addWidget(box)
        row.addStretch(1)
        problem = error_label("Deposit problem")
        errors.add(problem, "deposit_rate_types", focus=self.deposit_types[RateType.COMMUNITY])
        money_form.addRow("Deposit paid at", with_problem(deposits, problem))
        columns = QHBoxLayout()
        columns.addWidget(bookings, 1)
        columns.addWidget(money, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(note("Changes apply to bookings and invoices made from now on; "
                              "bookings already taken keep their terms and prices.",
                              "About the booking policy"))
        layout.addLayout(columns)
        layout.addStretch(1)
        order = [self.spins["hold_days"], self.spins["notice_days"],
                 self.spins["max_advance_days"], self.evening, self.spins["invoice_due_days"],
                 self.vat_hire, self.vat_extra, *self.deposit_types.values()]
        set_tab_order(order)

    def load(self, policy: Policy) -> None:
        for key, box in self.spins.items():
            box.setValue(getattr(policy, key))
        self.evening.setText(minutes_text(policy.evening_starts_min))
        self.vat_hire.setText(bp_to_percent(policy.vat_hire_bp))
        self.vat_extra.setText(bp_to_percent(policy.vat_extra_bp))
        for rate_type, box in self.deposit_types.items():
            box.setChecked(rate_type in policy.deposit_rate_types)

    def read(self) -> Policy:
        """The policy as typed; raises ValidationError naming the field it is about."""
        return Policy(
            hold_days=self.spins["hold_days"].value(),
            notice_days=self.spins["notice_days"].value(),
            max_advance_days=self.spins["max_advance_days"].value(),
            invoice_due_days=self.spins["invoice_due_days"].value(),
            evening_starts_min=parse_evening_start(self.evening.text()),
            vat_hire_bp=percent_to_bp(self.vat_hire.text(), field="vat_hire_bp",
                                      label="VAT on hall hire"),
            vat_extra_bp=percent_to_bp(self.vat_extra.text(), field="vat_extra_bp",
                                       label="VAT on extras"),
            deposit_rate_types=tuple(t for t, box in self.deposit_types.items()
                                     if box.isChecked()),
        )

    def first(self) -> QWidget:
        return self.spins["hold_days"]
