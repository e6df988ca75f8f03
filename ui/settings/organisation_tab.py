"""Who the council is on letters and invoices, and how hirers pay it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spacebank.services.settings_service import OrganisationDetails
from ui.field_errors import FieldErrors, error_label
from ui.form_parts import (
    MUTED_STYLE,
    add_field_row,
    buddy,
    line_edit,
    note,
    set_tab_order,
    text_block,
    with_problem,
)

LOGO_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.bmp *.svg);;All files (*)"


class FileChooser:
    """File dialogs behind classmethods, so tests can answer them."""

    @classmethod
    def logo(cls, parent: QWidget | None, current: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, "Choose the letterhead logo",
                                              current or str(Path.home()), LOGO_FILTER)
        return path or None

    @classmethod
    def database(cls, parent: QWidget | None, current: str) -> str | None:
        """An existing SQLite file, or a new file name (created at the next start)."""
        dialog_options = QFileDialog.Option.DontConfirmOverwrite
        path, _ = QFileDialog.getSaveFileName(
            parent, "Choose the database file", current or str(Path.home()),
            "SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)", "",
            dialog_options)
        return path or None


class OrganisationTab(QWidget):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLineEdit] = {}
        self.blocks: dict[str, QPlainTextEdit] = {}
        who = QGroupBox("Who we are")
        who_form = QFormLayout(who)
        pay = QGroupBox("Payments and terms")
        pay_form = QFormLayout(pay)
        rows = (
            (who_form, "name", "&Name", "Organisation name", "Southwark Community Halls"),
            (who_form, "address", "Add&ress", "Address", 3),
            (who_form, "postcode", "&Postcode", "Postcode", "SE1 2QH"),
            (who_form, "phone", "P&hone", "Phone", "020 7525 0000"),
            (who_form, "email", "&Email", "Email", "halls@example.gov.uk"),
            (who_form, "vat_number", "&VAT number", "VAT number", "GB123456789, or empty"),
            (pay_form, "bank_account_name", "Bank &account name", "Bank account name", ""),
            (pay_form, "sort_code", "Sor&t code", "Sort code", "12-34-56"),
            (pay_form, "account_number", "Acco&unt number", "Account number", "8 digits"),
            (pay_form, "payment_terms", "Pa&yment terms", "Payment terms", 3),
            (pay_form, "cancellation_terms", "&Cancellation terms", "Cancellation terms", 4),
        )
        for form, key, text, name, hint in rows:
            field: QWidget
            if isinstance(hint, int):
                field = self.blocks[key] = text_block(name, lines=hint)
            else:
                field = self.fields[key] = line_edit(name, hint)
            add_field_row(form, errors, text, field, key, name=name)
        self.logo = line_edit("Logo file", "Empty: the bundled logo")
        self.logo_button = QPushButton("Choose &file…")
        self.logo_button.setAccessibleName("Choose the logo file")
        self.logo_button.setAutoDefault(False)
        self.logo_preview = QLabel()
        self.logo_preview.setAccessibleName("Logo preview")
        self.logo_preview.setFixedHeight(self.fontMetrics().height() * 3)
        self.logo_preview.setWordWrap(True)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(self.logo_button)
        logo_problem = error_label("Logo problem")
        errors.add(logo_problem, "logo_path", focus=self.logo)
        who_form.addRow(buddy("&Logo", self.logo),
                        with_problem(logo_row, logo_problem, self.logo_preview))
        self.logo_button.clicked.connect(self._on_choose_logo)
        self.logo.textChanged.connect(self._show_logo)
        columns = QHBoxLayout()
        columns.addWidget(who, 1)
        columns.addWidget(pay, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(note("Printed on booking confirmations, invoices and credit notes.",
                              "About organisation details"))
        layout.addLayout(columns)
        layout.addStretch(1)
        order = [*(self.fields.get(k) or self.blocks[k] for k in (
            "name", "address", "postcode", "phone", "email", "vat_number")),
            self.logo, self.logo_button,
            *(self.fields.get(k) or self.blocks[k] for k in (
                "bank_account_name", "sort_code", "account_number", "payment_terms",
                "cancellation_terms"))]
        set_tab_order(order)

    def load(self, details: OrganisationDetails) -> None:
        for key, field in self.fields.items():
            field.setText(getattr(details, key))
        for key, block in self.blocks.items():
            block.setPlainText(getattr(details, key))
        self.logo.setText(details.logo_path)
        self._show_logo()

    def read(self) -> OrganisationDetails:
        values = {key: field.text() for key, field in self.fields.items()}
        values |= {key: block.toPlainText() for key, block in self.blocks.items()}
        return OrganisationDetails(**values, logo_path=self.logo.text())

    def first(self) -> QWidget:
        return self.fields["name"]

    def _on_choose_logo(self) -> None:
        chosen = FileChooser.logo(self, self.logo.text())
        if chosen:
            self.logo.setText(chosen)

    def _show_logo(self) -> None:
        path = self.logo.text().strip()
        if not path:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("The bundled logo is used.")
            self.logo_preview.setStyleSheet(MUTED_STYLE)
            return
        image = QPixmap(path) if Path(path).is_file() else QPixmap()
        if image.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("There is no image at that path; check it before "
                                      "printing documents.")
            self.logo_preview.setStyleSheet("color: #b03a2e;")
            return
        self.logo_preview.setStyleSheet("")
        self.logo_preview.setPixmap(image.scaledToHeight(
            self.logo_preview.height(), Qt.TransformationMode.SmoothTransformation))
