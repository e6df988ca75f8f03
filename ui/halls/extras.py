"""Extras a hirer can add to a booking (kitchen use, PA system…): list, add, change, withdraw.

Extras belong to no venue; a change is published as a "venue" change (the catalogue)
with no ids, so booking forms read their extras again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.errors import MoneyError
from spacebank.domain.money import format_pence, parse_pounds
from spacebank.services.container import Services
from spacebank.services.venue_dto import ExtraDetails, ExtraInput
from ui.actions import make_action
from ui.changes import ChangeBus
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import (
    add_field_row,
    line_edit,
    note,
    push_button,
    save_buttons,
    table,
)
from ui.row_table_model import RowTableModel, select_row_of
from ui.service_call import call

NAME, PRICE, STATE = range(3)
HEADERS = ("Extra", "Price", "Offered")
EXTRA_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_GREY = QColor("#80868b")


class ExtrasModel(RowTableModel[ExtraDetails]):
    id_role = EXTRA_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent, right_aligned=(PRICE,), align_headers=True)

    def cell(self, extra: ExtraDetails, column: int) -> str:
        state = "Yes" if extra.active else "Withdrawn"
        return (extra.name, format_pence(extra.price_pence), state)[column]

    def foreground(self, extra: ExtraDetails, column: int) -> QColor | None:
        return None if extra.active else _GREY


class ExtraDialog(QDialog):
    """Name, price and whether it is offered; saves through the venue service."""

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus, *,
                 extra: ExtraDetails | None = None, initiator: object | None = None) -> None:
        super().__init__(parent)
        self._services, self._bus, self._extra = services, bus, extra
        self._initiator = initiator
        self.saved: ExtraDetails | None = None
        self.setWindowTitle(f"Extra — {extra.name}" if extra else "New extra")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)
        self.name = line_edit("Extra's name", "e.g. Kitchen use")
        self.price = line_edit("Extra's price", "£0.00", chars=12)
        self.offered = QCheckBox("&Offered on new bookings")
        self.offered.setAccessibleName("Offered on new bookings")
        self.offered.setChecked(extra.active if extra else True)
        self.general_error = error_label("Extra problem")
        self.errors = FieldErrors(self.general_error)
        form = QFormLayout()
        for text, field, key in (("&Name", self.name, "name"),
                                 ("&Price", self.price, "price_pence")):
            add_field_row(form, self.errors, text, field, key)
        form.addRow("", self.offered)
        buttons, self.save_button = save_buttons(
            self, "Save the extra (Ctrl+S)", self._on_save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note("Bookings already taken keep the price they were quoted.",
                              "About extras' prices"))
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        if extra is not None:
            self.name.setText(extra.name)
            self.price.setText(format_pence(extra.price_pence))

    @classmethod
    def ask_new(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
                initiator: object | None = None) -> ExtraDetails | None:
        dialog = cls(parent, services, bus, initiator=initiator)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def ask_edit(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
                 extra: ExtraDetails, initiator: object | None = None) -> ExtraDetails | None:
        dialog = cls(parent, services, bus, extra=extra, initiator=initiator)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _read(self) -> ExtraInput:
        price = self.price.text().strip()
        if not price:
            raise MoneyError("Type the price, e.g. 25 or 12.50 (0 for free).",
                             field="price_pence")
        return ExtraInput(name=self.name.text(),
                          price_pence=parse_pounds(price, field="price_pence", label="Price"),
                          active=self.offered.isChecked())

    def _on_save(self) -> None:
        self.errors.clear()
        data = self.errors.run(self._read, focus=True)
        if not data:
            return
        venues, extra = self._services.venues, self._extra
        saved = self.errors.run(
            (lambda: venues.update_extra(extra.id, data)) if extra is not None
            else (lambda: venues.create_extra(data)), focus=True)
        if not saved:
            return
        self.saved = saved
        self._bus.publish("venue", (), self._initiator)
        self.accept()


class ExtrasPanel(QWidget):
    """The extras tab of the halls page."""

    changed = Signal()

    def __init__(self, services: Services, bus: ChangeBus, *, initiator: object,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._bus, self._initiator = services, bus, initiator
        self.model = ExtrasModel(self)
        self.view = table("Extras")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        digit = self.view.fontMetrics().horizontalAdvance("0")
        header.resizeSection(PRICE, digit * 12)
        header.resizeSection(STATE, digit * 12)
        self.new_button = push_button("&New extra…", "New extra",
                                      "Add an extra hirers can book (Ctrl+Shift+X)")
        self.edit_button = push_button("C&hange…", "Change extra",
                                       "Change the chosen extra's name or price (Enter)")
        self.toggle_button = push_button("&Withdraw", "Withdraw or offer the extra",
                                         "Stop offering the chosen extra on new bookings, or "
                                         "offer it again")
        self.error = error_label("Extras problem")
        open_action = make_action(self.view, "Change extra…", ("Return", "Enter"),
                                  "Change the chosen extra")
        open_action.triggered.connect(self.edit_chosen)
        self.view.doubleClicked.connect(lambda _index: self.edit_chosen())
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.new_button.clicked.connect(self.add_extra)
        self.edit_button.clicked.connect(self.edit_chosen)
        self.toggle_button.clicked.connect(self._on_toggle)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note("Extras are offered in every venue. Withdrawn extras stay on "
                              "the bookings that have them.", "About extras"))
        em = self.fontMetrics().horizontalAdvance("M")
        self.view.setFixedWidth(em * 44)
        layout.addWidget(self.view, 1, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._update_buttons()

    def refresh(self, select: int | None = None) -> None:
        chosen = self._chosen()
        keep = select if select is not None else (chosen.id if chosen else None)
        extras = call(self, lambda: self._services.venues.list_extras(include_inactive=True),
                      inline=self.error)
        if isinstance(extras, list):
            self.model.set_rows(extras)
        select_row_of(self.view, self.model, keep, or_first=True)
        self._update_buttons()

    def add_extra(self) -> None:
        added = ExtraDialog.ask_new(self, self._services, self._bus, self._initiator)
        if added:
            self.refresh(select=added.id)
            self.view.setFocus()

    def edit_chosen(self) -> None:
        extra = self._chosen()
        if extra is None:
            return
        changed = ExtraDialog.ask_edit(self, self._services, self._bus, extra, self._initiator)
        if changed:
            self.refresh(select=changed.id)

    def _on_toggle(self) -> None:
        extra = self._chosen()
        if extra is None:
            return
        data = ExtraInput(name=extra.name, price_pence=extra.price_pence,
                          active=not extra.active)
        saved = call(self, lambda: self._services.venues.update_extra(extra.id, data),
                     inline=self.error)
        if saved:
            self._bus.publish("venue", (), self._initiator)
            self.refresh(select=extra.id)

    def _chosen(self) -> ExtraDetails | None:
        return self.model.row_at(self.view.currentIndex().row())

    def _update_buttons(self, *_args: object) -> None:
        extra = self._chosen()
        self.edit_button.setEnabled(extra is not None)
        self.toggle_button.setEnabled(extra is not None)
        self.toggle_button.setText("&Offer again" if extra and not extra.active
                                   else "&Withdraw")
