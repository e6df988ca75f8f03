"""A venue's key holders: the list, and the small form that adds or changes one.

Key holders are saved at once (each add, change or removal is its own action), apart
from the venue form's Save.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from spacebank.services.container import Services
from spacebank.services.venue_dto import KeyHolderDetails, KeyHolderInput
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
from ui.service_call import Messages, call

NAME, PHONE, ROLE = range(3)
HEADERS = ("Name", "Phone", "Role")
KEY_HOLDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class KeyHoldersModel(RowTableModel[KeyHolderDetails]):
    id_role = KEY_HOLDER_ID_ROLE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent)

    def cell(self, holder: KeyHolderDetails, column: int) -> str:
        return (holder.name, holder.phone, holder.role)[column]

    def tooltip(self, holder: KeyHolderDetails, column: int) -> str:
        return self.cell(holder, column)


class KeyHolderDialog(QDialog):
    """Name, phone and role of one key holder; saves through the venue service."""

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus, *,
                 venue_id: int, holder: KeyHolderDetails | None = None,
                 initiator: object | None = None) -> None:
        super().__init__(parent)
        self._services, self._bus = services, bus
        self._venue_id, self._holder = venue_id, holder
        self._initiator = initiator
        self.saved: KeyHolderDetails | None = None
        self.setWindowTitle(f"Key holder — {holder.name}" if holder else "New key holder")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)
        self.name = line_edit("Key holder's name", "e.g. Sam Patel")
        self.phone = line_edit("Key holder's phone", "e.g. 07700 900123")
        self.role = line_edit("Role", "Caretaker, resident association, contractor…")
        self.general_error = error_label("Key holder problem")
        self.errors = FieldErrors(self.general_error)
        form = QFormLayout()
        for text, field, key in (("&Name", self.name, "name"), ("&Phone", self.phone, "phone"),
                                 ("&Role", self.role, "role")):
            add_field_row(form, self.errors, text, field, key)
        buttons, self.save_button = save_buttons(
            self, "Save the key holder (Ctrl+S)", self._on_save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        if holder is not None:
            self.name.setText(holder.name)
            self.phone.setText(holder.phone)
            self.role.setText(holder.role)

    @classmethod
    def ask_new(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
                venue_id: int, initiator: object | None = None) -> KeyHolderDetails | None:
        dialog = cls(parent, services, bus, venue_id=venue_id, initiator=initiator)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def ask_edit(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
                 holder: KeyHolderDetails, initiator: object | None = None
                 ) -> KeyHolderDetails | None:
        dialog = cls(parent, services, bus, venue_id=holder.venue_id, holder=holder,
                     initiator=initiator)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _on_save(self) -> None:
        self.errors.clear()
        data = KeyHolderInput(name=self.name.text(), phone=self.phone.text(),
                              role=self.role.text())
        venues = self._services.venues
        holder = self._holder
        saved = self.errors.run(
            (lambda: venues.update_key_holder(holder.id, data)) if holder is not None
            else (lambda: venues.add_key_holder(self._venue_id, data)), focus=True)
        if not saved:
            return
        self.saved = saved
        self._bus.publish("venue", (self._venue_id,), self._initiator)
        self.accept()


class KeyHoldersBox(QWidget):
    """The list with Add, Change and Remove; changes are saved straight away."""

    changed = Signal()

    def __init__(self, services: Services, bus: ChangeBus, *,
                 initiator: object | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._bus = services, bus
        self._initiator = initiator
        self._venue_id: int | None = None
        self.model = KeyHoldersModel(self)
        self.view = table("Key holders")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.view.setMinimumHeight(self.view.verticalHeader().defaultSectionSize() * 4)
        self.add_button = push_button("&Add key holder…", "Add key holder",
                                      "Add someone who opens and locks the venue")
        self.edit_button = push_button("Chan&ge…", "Change key holder",
                                       "Change the chosen key holder (Enter in the list)")
        self.remove_button = push_button("R&emove", "Remove key holder",
                                         "Remove the chosen key holder (Delete in the list)")
        self.unsaved_note = note("Save the new venue first; then add its key holders.",
                                 "Key holders need a saved venue")
        self.error = error_label("Key holders problem")
        open_action = make_action(self.view, "Change key holder…", ("Return", "Enter"),
                                  "Change the chosen key holder")
        remove_action = make_action(self.view, "Remove key holder", ("Delete",),
                                    "Remove the chosen key holder")
        open_action.triggered.connect(self._on_edit)
        remove_action.triggered.connect(self._on_remove)
        self.view.doubleClicked.connect(lambda _index: self._on_edit())
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.remove_button.clicked.connect(self._on_remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.unsaved_note)
        layout.addWidget(self.view)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def set_venue(self, venue_id: int | None, holders: Sequence[KeyHolderDetails]) -> None:
        self._venue_id = venue_id
        self.model.set_rows(holders)
        self.error.hide()
        for widget in (self.view, self.add_button, self.edit_button, self.remove_button):
            widget.setEnabled(venue_id is not None)
        self.unsaved_note.setVisible(venue_id is None)

    def tab_chain(self) -> list[QWidget]:
        return [self.view, self.add_button, self.edit_button, self.remove_button]

    def _chosen(self) -> KeyHolderDetails | None:
        return self.model.row_at(self.view.currentIndex().row())

    def _on_add(self) -> None:
        if self._venue_id is None:
            return
        added = KeyHolderDialog.ask_new(self, self._services, self._bus, self._venue_id,
                                        self._initiator)
        if added:
            self._reload(select=added.id)

    def _on_edit(self) -> None:
        holder = self._chosen()
        if holder is None:
            self._say("Choose a key holder in the list first.")
            return
        changed = KeyHolderDialog.ask_edit(self, self._services, self._bus, holder,
                                           self._initiator)
        if changed:
            self._reload(select=changed.id)

    def _on_remove(self) -> None:
        holder = self._chosen()
        if holder is None or self._venue_id is None:
            self._say("Choose a key holder in the list first.")
            return
        if not Messages.confirm(self, "Remove key holder",
                                f"Remove {holder.name} ({holder.phone}) as a key holder?"):
            return
        venue_id = self._venue_id
        if call(self, lambda: self._services.venues.remove_key_holder(holder.id),
                inline=self.error) is None:
            self._bus.publish("venue", (venue_id,), self._initiator)
            self._reload(select=None)

    def _reload(self, select: int | None) -> None:
        if self._venue_id is None:
            return
        venue_id = self._venue_id
        venue = call(self, lambda: self._services.venues.get_venue(venue_id), inline=self.error)
        if not venue:
            return
        self.model.set_rows(venue.key_holders)
        select_row_of(self.view, self.model, select)
        self.view.setFocus()
        self.changed.emit()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

