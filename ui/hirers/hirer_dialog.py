"""Add or change a hirer: every contact field, with the service's objection beside the field."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.enums import HirerType
from spacebank.domain.errors import SpacebankError
from spacebank.services.container import Services
from spacebank.services.hirer_dto import HirerDetails, HirerInput
from spacebank.services.hirer_service import ORGANISATION_TYPES
from ui.changes import ChangeBus
from ui.form_parts import save_buttons, set_tab_order
from ui.hirers.hirer_lookup_model import HIRER_TYPE_LABELS
from ui.service_call import call, show_refusal

_ERROR_STYLE = "color: #b03a2e;"
_INVALID_STYLE = "border: 1px solid #c0392b;"
_TEXT_FIELDS = ("name", "organisation", "phone", "phone_alt", "email", "postcode")


class HirerDialog(QDialog):
    """The hirer form. Use `ask_new` / `ask_edit`; tests may drive an instance directly."""

    def __init__(self, parent: QWidget | None, services: Services, bus: ChangeBus, *,
                 hirer: HirerDetails | None = None, initial_name: str = "") -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        self._hirer = hirer
        #: What was saved, once Save succeeded.
        self.details: HirerDetails | None = None
        self.setWindowTitle(f"Hirer — {hirer.display_name}" if hirer else "New hirer")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 46)
        self._build()
        if hirer is not None:
            self._fill(hirer)
        else:
            self.fields["name"].setText(initial_name)
        self._on_type_changed()

    # -- asking ------------------------------------------------------------------------

    @classmethod
    def ask_new(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
                initial_name: str = "") -> HirerDetails | None:
        dialog = cls(parent, services, bus, initial_name=initial_name)
        return dialog.details if dialog.exec() == QDialog.DialogCode.Accepted else None

    @classmethod
    def ask_edit(cls, parent: QWidget | None, services: Services, bus: ChangeBus,
                 hirer_id: int) -> HirerDetails | None:
        hirer = call(parent, lambda: services.hirers.get(hirer_id), title="Cannot open hirer")
        if not hirer:
            return None
        dialog = cls(parent, services, bus, hirer=hirer)
        return dialog.details if dialog.exec() == QDialog.DialogCode.Accepted else None

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.type_combo = QComboBox()
        for hirer_type, label in HIRER_TYPE_LABELS.items():
            self.type_combo.addItem(label, hirer_type.value)
        self.type_combo.setAccessibleName("Hirer type")
        self.type_combo.setToolTip("Decides the usual rate: charities and resident associations "
                                   "pay the community rate, businesses the commercial rate")
        self.fields: dict[str, QLineEdit] = {}
        for name, accessible, placeholder in (
            ("name", "Name", "The person (the contact for an organisation)"),
            ("organisation", "Organisation", ""),
            ("phone", "Phone", "e.g. 020 7946 0000 or 07700 900123"),
            ("phone_alt", "Other phone", ""),
            ("email", "Email", "Leave empty if the hirer has none"),
            ("postcode", "Postcode", ""),
        ):
            edit = QLineEdit()
            edit.setAccessibleName(accessible)
            edit.setPlaceholderText(placeholder)
            self.fields[name] = edit
        postcode = self.fields["postcode"]
        postcode.setPlaceholderText("SE15 4QL")
        postcode.setMaximumWidth(postcode.fontMetrics().horizontalAdvance("SE15 4QL") * 2)
        self.address = self._text_box("Address", "Street, town — for letters and invoices", 3)
        self.notes = self._text_box("Notes", "Anything the next clerk should know", 3)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("hirer_type", "&Type", self.type_combo),
            ("name", "&Name", self.fields["name"]),
            ("organisation", "&Organisation", self.fields["organisation"]),
            ("phone", "&Phone", self.fields["phone"]),
            ("phone_alt", "Other p&hone", self.fields["phone_alt"]),
            ("email", "&Email", self.fields["email"]),
            ("address", "&Address", self.address),
            ("postcode", "Post&code", self.fields["postcode"]),
            ("notes", "No&tes", self.notes),
        )
        for name, text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            self._labels[name] = label
            form.addRow(label, self._with_error(name, widget))
        self.general_error = QLabel()
        self.general_error.setAccessibleName("Problem")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet(_ERROR_STYLE)
        self.general_error.hide()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        buttons, self.save_button = save_buttons(
            self, "Save the hirer (Ctrl+S or Enter)", self._on_save_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.type_combo.currentIndexChanged.connect(self._on_type_changed)
        order = [self.type_combo, *(self.fields[n] for n in ("name", "organisation", "phone",
                                                            "phone_alt", "email")),
                 self.address, self.fields["postcode"], self.notes]
        set_tab_order(order)

    def _text_box(self, name: str, placeholder: str, lines: int) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setAccessibleName(name)
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)
        height = box.fontMetrics().lineSpacing() * lines + 14
        box.setFixedHeight(height)
        return box

    def _with_error(self, name: str, widget: QWidget) -> QWidget:
        error = QLabel()
        error.setAccessibleName(f"Problem with {name.replace('_', ' ')}")
        error.setWordWrap(True)
        error.setStyleSheet(_ERROR_STYLE)
        error.hide()
        self.errors[name] = error
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        return holder

    def _fill(self, hirer: HirerDetails) -> None:
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(str(hirer.hirer_type))))
        for name in _TEXT_FIELDS:
            self.fields[name].setText(getattr(hirer, name))
        self.address.setPlainText(hirer.address)
        self.notes.setPlainText(hirer.notes)
        if hirer.anonymised_at is not None:
            self.note.setText("This record was anonymised (data protection) and can no longer "
                              "be changed.")
            self.note.show()
            for widget in (*self.fields.values(), self.address, self.notes):
                widget.setReadOnly(True)
            self.type_combo.setEnabled(False)
            self.save_button.setEnabled(False)

    # -- reading and saving ------------------------------------------------------------

    def hirer_type(self) -> HirerType:
        return HirerType(self.type_combo.currentData())

    def input(self) -> HirerInput:
        text = {name: edit.text() for name, edit in self.fields.items()}
        return HirerInput(hirer_type=self.hirer_type(), address=self.address.toPlainText(),
                          notes=self.notes.toPlainText(), **text)

    def _on_save_clicked(self) -> None:
        if not self.save_button.isEnabled():
            return
        self._clear_errors()
        data = self.input()
        hirers = self._services.hirers
        try:
            if self._hirer is None:
                saved = hirers.create(data)
            else:
                saved = hirers.update(self._hirer.id, data)
        except SpacebankError as error:
            self._show_error(error)
            return
        self.details = saved
        self._bus.publish("hirer", [saved.id], initiator=self)
        self.accept()

    def _show_error(self, error: SpacebankError) -> None:
        field = error.field if error.field in self.errors else None
        show_refusal(self, error, inline=self.errors[field] if field else self.general_error)
        widget = self._field_widget(field)
        if widget is not None:
            widget.setStyleSheet(_INVALID_STYLE)
            widget.setFocus()
        # The message may wrap over lines: grow rather than cut it off.
        self.layout().activate()
        wanted = self.sizeHint().height()
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def _clear_errors(self) -> None:
        for name, label in self.errors.items():
            label.clear()
            label.hide()
            widget = self._field_widget(name)
            if widget is not None:
                widget.setStyleSheet("")
        self.general_error.hide()

    def _field_widget(self, field: str | None) -> QWidget | None:
        if field is None:
            return None
        if field in self.fields:
            return self.fields[field]
        return {"hirer_type": self.type_combo, "address": self.address,
                "notes": self.notes}.get(field)

    def _on_type_changed(self) -> None:
        needs_organisation = self.hirer_type() in ORGANISATION_TYPES
        self._labels["organisation"].setText("&Organisation *" if needs_organisation
                                             else "&Organisation")
        self._labels["name"].setText("Contact &name" if needs_organisation else "&Name")
        self.fields["organisation"].setPlaceholderText(
            f"Required for a {HIRER_TYPE_LABELS[self.hirer_type()].lower()}"
            if needs_organisation else "If they book for a group or company")
