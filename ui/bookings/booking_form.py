"""The fields of a booking, read into service requests; lays out nothing but its sections.

`who_when` (hall, attendees, date and times, hirer, purpose) goes across the top of the
dialog, `charges` (rate type, extras, discount, notes) below it on the left. Errors from
the services land in the small red label under the field they name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QWidget,
)

from spacebank.domain.clock import to_local
from spacebank.domain.enums import DiscountKind, HirerType, RateType
from spacebank.domain.errors import MoneyError, ValidationError
from spacebank.domain.money import format_pence, parse_pounds
from spacebank.domain.pricing import Discount, format_percent
from spacebank.services.booking_dto import BookingChange, BookingDetails, BookingRequest
from spacebank.services.container import Services
from ui.bookings.extras_model import NAME, ExtrasModel
from ui.bookings.form_parts import buddy, row, stacked
from ui.bookings.hall_choice import HallCombo
from ui.bookings.prefill import BookingPrefill
from ui.bookings.slot_fields import SlotFields
from ui.changes import ChangeBus
from ui.field_errors import FieldErrors, error_label
from ui.hirers.hirer_lookup import HirerLookup

MAX_ATTENDEES = 1000
RATE_LABELS = {RateType.COMMUNITY: "Community", RateType.PRIVATE: "Private",
               RateType.COMMERCIAL: "Commercial"}
DISCOUNT_LABELS = {None: "None", DiscountKind.PERCENT: "Percentage off",
                   DiscountKind.AMOUNT: "Amount off", DiscountKind.WAIVER: "Waiver (no charge)"}


def parse_percent(text: str) -> int:
    """'25' or '12.5%' -> basis points (2500, 1250); the service checks the range."""
    cleaned = text.strip().rstrip("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise MoneyError(f"“{text.strip()}” is not a percentage; type e.g. 25 or 12.5.",
                         field="discount_value") from None
    points = value * 100
    if not value.is_finite() or points != points.to_integral_value():
        raise MoneyError("Give the percentage with at most two decimal places.",
                         field="discount_value")
    return int(points)


class BookingForm(QObject):
    """Owns the booking fields and turns them into requests (or a ValidationError)."""

    #: The clerk changed something that may change the availability or the price.
    edited = Signal()

    def __init__(self, services: Services, bus: ChangeBus, today: Callable[[], date],
                 parent: QWidget, general_error: QLabel) -> None:
        super().__init__(parent)
        self._services = services
        self._loading = False
        #: The clerk changed something since the form was filled.
        self.dirty = False
        self._hirer_rate: RateType | None = None
        self.errors = FieldErrors(general_error)
        self._build_fields(services, bus, today, parent)
        self.who_when = self._build_who_when()
        self.charges = self._build_charges()
        self._register_errors()
        self._connect()
        self._on_discount_kind_changed()

    # -- building ----------------------------------------------------------------------

    def _build_fields(self, services: Services, bus: ChangeBus, today: Callable[[], date],
                      parent: QWidget) -> None:
        self.hall = HallCombo()
        self.attendees = QSpinBox()
        self.attendees.setRange(1, MAX_ATTENDEES)
        self.attendees.setValue(20)
        self.attendees.setAccessibleName("Attendees")
        self.attendees.setToolTip("How many people are expected")
        self.slot = SlotFields(today, parent)
        self.hirer = HirerLookup(services, bus)
        self.hirer.details.setWordWrap(True)  # a long organisation + contact stays readable
        self.purpose = QLineEdit()
        self.purpose.setAccessibleName("Purpose")
        self.purpose.setPlaceholderText("e.g. Birthday party, Toddler group, Yoga class")
        self.purpose.setMaxLength(200)
        self.rate = QComboBox()
        self.rate.setAccessibleName("Rate type")
        self.rate.addItem("From the hirer's type", None)
        for rate_type, text in RATE_LABELS.items():
            self.rate.addItem(text, rate_type)
        self.rate.setToolTip("Leave “from the hirer's type” unless the purpose says otherwise "
                             "(e.g. a charity's paid class is commercial)")
        self.extras_model = ExtrasModel(self)
        self.extras = QTableView()
        self.extras.setModel(self.extras_model)
        self.extras.setAccessibleName("Extras")
        self.extras.setToolTip("Space ticks an extra; F2 on its quantity changes how many")
        self.extras.verticalHeader().hide()
        self.extras.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.extras.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.extras.setTabKeyNavigation(False)
        self.extras.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                    | QAbstractItemView.EditTrigger.EditKeyPressed
                                    | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.extras.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        row_height = self.extras.fontMetrics().height() + 10
        self.extras.verticalHeader().setDefaultSectionSize(row_height)
        # A venue offers about seven extras: show them all without a scroller if there is
        # room, and never fewer than four (the notes box gives way first).
        frame = header.sizeHint().height() + 2 * self.extras.frameWidth() + 2
        self.extras.setMinimumHeight(frame + 4 * row_height)
        self.extras.setMaximumHeight(frame + 7 * row_height)
        self.discount_kind = QComboBox()
        self.discount_kind.setAccessibleName("Discount or waiver")
        for kind, text in DISCOUNT_LABELS.items():
            self.discount_kind.addItem(text, kind)
        self.discount_value = QLineEdit()
        self.discount_value.setAccessibleName("Discount value")
        self.discount_value.setMinimumWidth(
            self.discount_value.fontMetrics().horizontalAdvance("£0,000.00") + 16)
        self.discount_reason = QLineEdit()
        self.discount_reason.setAccessibleName("Discount reason")
        self.discount_reason.setPlaceholderText("The policy it follows, e.g. resident priority")
        self.discount_approver = QLineEdit()
        self.discount_approver.setAccessibleName("Discount approved by")
        self.discount_approver.setPlaceholderText("The manager who approved it")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("Anything the caretaker or the next clerk should know")
        line = self.notes.fontMetrics().lineSpacing()
        self.notes.setMinimumHeight(line * 3 + 12)

    def _build_who_when(self) -> QWidget:
        box = QWidget()
        self.hall_error = error_label("Hall problem")
        self.attendees_error = error_label("Attendees problem")
        self.date_error = error_label("Date problem")
        self.start_error = error_label("Start time problem")
        self.end_error = error_label("End time problem")
        self.hirer_error = error_label("Hirer problem")
        self.purpose_error = error_label("Purpose problem")
        self.hall_label = buddy("&Hall", self.hall)
        self.date_label = buddy("&Date", self.slot.date.edit)
        self.from_label = buddy("&From", self.slot.from_edit)
        self.to_label = buddy("&To", self.slot.to_edit)
        self.hirer_label = buddy("H&irer", self.hirer)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        hall_row = row(self.hall, 12, buddy("&Attendees", self.attendees), self.attendees,
                       fill=True)
        hall_row.setStretch(0, 1)
        form.addRow(self.hall_label, stacked(hall_row, self.hall_error, self.attendees_error))
        form.addRow(self.date_label, stacked(
            row(self.slot.date.edit, self.slot.date.shown, 12, self.from_label,
                self.slot.from_edit, self.to_label, self.slot.to_edit, self.slot.length),
            self.date_error, self.start_error, self.end_error))
        form.addRow(self.hirer_label, stacked(self.hirer, self.hirer_error))
        form.addRow(buddy("&Purpose", self.purpose), stacked(self.purpose, self.purpose_error))
        return box

    def _build_charges(self) -> QWidget:
        box = QWidget()
        self.rate_error = error_label("Rate problem")
        self.extras_error = error_label("Extras problem")
        self.discount_error = error_label("Discount problem")
        self.reason_error = error_label("Discount reason problem")
        self.approver_error = error_label("Discount approver problem")
        self.notes_error = error_label("Notes problem")
        self.value_label = buddy("&Value", self.discount_value)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(buddy("&Rate type", self.rate), stacked(row(self.rate), self.rate_error))
        form.addRow(buddy("E&xtras", self.extras), stacked(self.extras, self.extras_error))
        form.addRow(buddy("Dis&count", self.discount_kind), stacked(
            row(self.discount_kind, 8, self.value_label, self.discount_value),
            self.discount_error))
        form.addRow(buddy("R&eason", self.discount_reason),
                    stacked(self.discount_reason, self.reason_error))
        form.addRow(buddy("Approved b&y", self.discount_approver),
                    stacked(self.discount_approver, self.approver_error))
        form.addRow(buddy("N&otes", self.notes), stacked(self.notes, self.notes_error))
        return box

    def _register_errors(self) -> None:
        add = self.errors.add
        add(self.hall_error, "hall", focus=self.hall)
        add(self.attendees_error, "attendees", focus=self.attendees)
        add(self.date_error, "date", "first_date", focus=self.slot.date.edit)
        add(self.start_error, "start", "time", "start_time", focus=self.slot.from_edit)
        add(self.end_error, "end", "end_time", focus=self.slot.to_edit)
        add(self.hirer_error, "hirer", focus=self.hirer)
        add(self.purpose_error, "purpose", focus=self.purpose)
        add(self.rate_error, "rate_type", focus=self.rate)
        add(self.extras_error, "extras", focus=self.extras)
        add(self.discount_error, "discount_kind", "discount_value", "discount",
            focus=self.discount_value)
        add(self.reason_error, "discount_reason", focus=self.discount_reason)
        add(self.approver_error, "discount_approved_by", focus=self.discount_approver)
        add(self.notes_error, "notes", focus=self.notes)

    def _connect(self) -> None:
        self.hall.currentIndexChanged.connect(self._on_edited)
        self.attendees.valueChanged.connect(self._on_edited)
        self.slot.edited.connect(self._on_edited)
        self.hirer.hirer_chosen.connect(self._on_hirer_chosen)
        self.hirer.hirer_cleared.connect(self._on_hirer_chosen)
        self.purpose.textEdited.connect(lambda: self.errors.clear(["purpose"]))
        self.purpose.textEdited.connect(self._on_touched)
        self.rate.currentIndexChanged.connect(self._on_edited)
        self.extras_model.dataChanged.connect(self._on_edited)
        self.extras_model.modelReset.connect(self._on_edited)
        self.discount_kind.currentIndexChanged.connect(self._on_discount_kind_changed)
        for edit in (self.discount_value, self.discount_reason, self.discount_approver):
            edit.textEdited.connect(self._on_edited)
        self.notes.textChanged.connect(self._on_touched)

    def tab_chain(self) -> list[QWidget]:
        """The fields in the order Tab visits them."""
        return [self.hall, self.attendees, *self.slot.widgets(), self.hirer.edit,
                self.hirer.new_button, self.purpose, self.rate, self.extras,
                self.discount_kind, self.discount_value, self.discount_reason,
                self.discount_approver, self.notes]

    # -- filling -------------------------------------------------------------------------

    def load_halls(self, *, include_inactive: bool = False) -> None:
        halls = self._services.venues.list_halls(include_inactive=include_inactive)
        extras = self._services.venues.list_extras()
        with self.loading():
            self.hall.set_halls(halls)
            self.extras_model.set_rows(extras)

    def apply_prefill(self, prefill: BookingPrefill) -> None:
        with self.loading():
            self.hall.set_hall_id(prefill.hall_id)
            if prefill.start is not None and prefill.end is not None:
                self.slot.set_slot(_wall_clock(prefill.start), _wall_clock(prefill.end))
            elif prefill.start is not None:
                self.slot.date.set_day(_wall_clock(prefill.start).date())
            if prefill.attendees:
                self.attendees.setValue(prefill.attendees)
            self.purpose.setText(prefill.purpose)
        if prefill.hirer_id is not None:
            self.hirer.set_hirer(prefill.hirer_id)
            self._on_hirer_chosen()

    def load_details(self, details: BookingDetails) -> None:
        """Show a saved booking; hall, time and hirer change only through Move…."""
        with self.loading():
            self.hall.set_hall_id(details.hall_id)
            self.slot.set_slot(details.start, details.end)
            self.attendees.setValue(details.attendees)
            self.purpose.setText(details.purpose)
            self.notes.setPlainText(details.notes)
            self.rate.removeItem(self.rate.findData(None))
            self.rate.setCurrentIndex(self.rate.findData(details.rate_type))
            self.extras_model.set_chosen(details.extras)
            discount = details.discount
            self.discount_kind.setCurrentIndex(
                self.discount_kind.findData(discount.kind if discount else None))
            if discount is not None:
                self.discount_value.setText(_value_text(discount))
                self.discount_reason.setText(discount.reason)
                self.discount_approver.setText(discount.approved_by)
            self._on_discount_kind_changed()
        self.hirer.set_hirer(details.hirer_id)

    def lock_slot(self) -> None:
        """Hall, date, times and hirer are shown but not edited (a saved booking)."""
        self.hall.setEnabled(False)
        for widget in self.slot.widgets():
            widget.setEnabled(False)
        self.hirer.setEnabled(False)
        self.hirer.new_button.hide()
        for label, text in ((self.hall_label, "Hall"), (self.date_label, "Date"),
                            (self.from_label, "From"), (self.to_label, "To"),
                            (self.hirer_label, "Hirer")):
            label.setText(text)  # their Alt+letters go to the buttons instead

    def set_read_only(self) -> None:
        """A cancelled, expired or completed booking: nothing can be changed."""
        self.lock_slot()
        for widget in (self.attendees, self.purpose, self.rate, self.extras,
                       self.discount_kind, self.discount_value, self.discount_reason,
                       self.discount_approver, self.notes):
            widget.setEnabled(False)

    # -- reading -------------------------------------------------------------------------

    def times(self) -> tuple[int, datetime, datetime]:
        """(hall id, start, end); ValidationError names the field."""
        hall_id = self.hall.hall_id()
        if hall_id is None:
            raise ValidationError("Choose the hall.", field="hall")
        start, end = self.slot.read()
        return hall_id, start, end

    def typed(self, field: str | None) -> bool:
        """Has the clerk put something in the input this error field is about?"""
        texts = {"date": self.slot.date.edit.text(), "start": self.slot.from_edit.text(),
                 "end": self.slot.to_edit.text(), "hirer": self.hirer.edit.text()}
        if field == "hall":
            return self.hall.hall_id() is not None
        return bool(texts.get(field or "", "x").strip())

    def hirer_id(self) -> int:
        hirer_id = self.hirer.hirer_id()
        if hirer_id is None:
            raise ValidationError("Choose the hirer: type part of the name, organisation, "
                                  "phone or postcode and press Enter, or add a new hirer "
                                  "(Alt+N).", field="hirer")
        return hirer_id

    def rate_type(self) -> RateType | None:
        # Qt hands enum item data back as plain strings.
        data = self.rate.currentData()
        return RateType(data) if data else None

    def discount_kind_chosen(self) -> DiscountKind | None:
        data = self.discount_kind.currentData()
        return DiscountKind(data) if data else None

    def discount(self) -> Discount | None:
        kind = self.discount_kind_chosen()
        if kind is None:
            return None
        text = self.discount_value.text()
        if kind is DiscountKind.PERCENT:
            value = parse_percent(text)
        elif kind is DiscountKind.AMOUNT:
            value = parse_pounds(text, field="discount_value", label="The discount")
        else:
            value = 0
        return Discount(kind, value, self.discount_reason.text(), self.discount_approver.text())

    def request(self) -> BookingRequest:
        hall_id, start, end = self.times()
        return BookingRequest(
            hall_id=hall_id, hirer_id=self.hirer_id(), start=start, end=end,
            purpose=self.purpose.text(), attendees=self.attendees.value(),
            rate_type=self.rate_type(), extras=self.extras_model.chosen(),
            discount=self.discount(), notes=self.notes.toPlainText(),
        )

    def change(self, had_discount: bool) -> BookingChange:
        discount = self.discount()
        return BookingChange(
            purpose=self.purpose.text(), attendees=self.attendees.value(),
            notes=self.notes.toPlainText(), rate_type=self.rate_type(),
            extras=self.extras_model.chosen(), discount=discount,
            remove_discount=discount is None and had_discount,
        )

    # -- slots ---------------------------------------------------------------------------

    def loading(self) -> _Loading:
        return _Loading(self)

    def _on_edited(self) -> None:
        if not self._loading:
            self.dirty = True
            self.edited.emit()

    def _on_touched(self) -> None:
        """Edits that change neither the availability nor the price."""
        if not self._loading:
            self.dirty = True

    def _on_hirer_chosen(self, _hirer_id: int | None = None) -> None:
        self.errors.clear(["hirer"])
        hirer_id = self.hirer.hirer_id()
        self._hirer_rate = None
        if hirer_id is not None:
            details = self.errors.run(lambda: self._services.hirers.get(hirer_id))
            if details:
                self._hirer_rate = HirerType(details.hirer_type).default_rate_type
        index = self.rate.findData(None)
        if index >= 0:
            suffix = f": {RATE_LABELS[self._hirer_rate].lower()}" if self._hirer_rate else ""
            self.rate.setItemText(index, f"From the hirer's type{suffix}")
        self._on_edited()

    def _on_discount_kind_changed(self) -> None:
        kind = self.discount_kind_chosen()
        self.discount_value.setEnabled(kind in (DiscountKind.PERCENT, DiscountKind.AMOUNT))
        self.discount_reason.setEnabled(kind is not None)
        self.discount_approver.setEnabled(kind is not None)
        self.discount_value.setPlaceholderText(
            {DiscountKind.PERCENT: "e.g. 25 (%)", DiscountKind.AMOUNT: "e.g. £20.00"}
            .get(kind, ""))
        if kind is None:
            self.errors.clear(["discount_value", "discount_reason", "discount_approved_by"])
        self._on_edited()


class _Loading:
    """Programmatic filling: no `edited` signals while it lasts."""

    def __init__(self, form: BookingForm) -> None:
        self._form = form

    def __enter__(self) -> None:
        self._form._loading = True

    def __exit__(self, *_exc: object) -> None:
        self._form._loading = False


def _wall_clock(moment: datetime) -> datetime:
    """London wall-clock (naive) for a naive-London or aware datetime."""
    return to_local(moment).replace(tzinfo=None) if moment.tzinfo else moment


def _value_text(discount: Discount) -> str:
    if discount.kind is DiscountKind.PERCENT:
        return format_percent(discount.value).rstrip("%")
    if discount.kind is DiscountKind.AMOUNT:
        return format_pence(discount.value)
    return ""

