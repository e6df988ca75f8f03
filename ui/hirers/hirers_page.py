"""The hirers directory (type to find) and one hirer's details, bookings, invoices and balance."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.clock import local_day
from spacebank.domain.money import format_pence
from spacebank.services.booking_dto import BookingFilter
from spacebank.services.container import Services
from spacebank.services.hirer_dto import HirerDetails
from spacebank.services.invoice_dto import HirerBalance, InvoiceDetails, InvoiceSummary
from ui.actions import make_action, separator
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.bookings_page import configure_booking_columns
from ui.bookings.bookings_table_model import (
    BOOKING_ID_ROLE,
    HIRER,
    SORT_ROLE,
    BookingsTableModel,
)
from ui.bookings.prefill import BookingPrefill
from ui.changes import Change, ChangeBus
from ui.documents.pdf_preview_dialog import show_preview
from ui.form_parts import buddy, set_tab_order, table, value_label
from ui.hirers.hirer_dialog import HirerDialog
from ui.hirers.hirer_directory_model import (
    HIRER_ID_ROLE,
    NAME,
    PHONE,
    POSTCODE,
    TYPE,
    HirerDirectoryModel,
)
from ui.hirers.hirer_invoices_model import STATE, HirerInvoicesModel
from ui.hirers.hirer_lookup_model import hirer_type_label
from ui.invoices.credit_note_dialog import CreditNoteDialog
from ui.invoices.invoice_prints import print_credit_note, print_receipt
from ui.invoices.payment_dialog import PaymentDialog
from ui.invoices.refund_dialog import RefundDialog
from ui.service_call import Messages, call

PAGE_SIZE = 200
SEARCH_LIMIT = 50
TYPING_PAUSE_MS = 150
#: Arrowing through the directory reads a hirer's details once the cursor rests.
DETAIL_PAUSE_MS = 80
BOOKINGS_LIMIT = 500
INVOICES_LIMIT = 200
#: (label, days back from today; 0 for everything).
BOOKING_PERIODS = (
    ("Last 3 months and upcoming", 92),
    ("Last 12 months and upcoming", 366),
    ("All bookings (oldest first)", 0),
)


class SaveFile:
    """The save-file question, behind a classmethod so tests can answer it."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, suggested: str,
            file_filter: str = "JSON files (*.json)") -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return Path(path) if path else None


class HirersPage(QWidget):
    title = "Hirers"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        self._hirer: HirerDetails | None = None
        #: The chosen invoice's payments and credit notes, read when the choice changes.
        self._invoice_details: InvoiceDetails | None = None
        self._directory_stale = True
        self._detail_stale = False
        self._next_offset = 0
        self._typing_timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing_timer.timeout.connect(self.refresh_directory)
        self._detail_timer = QTimer(self, singleShot=True, interval=DETAIL_PAUSE_MS)
        self._detail_timer.timeout.connect(self._on_detail_due)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh_stale)
        self.directory_model = HirerDirectoryModel(self)
        self.bookings_model = BookingsTableModel(self)
        self.bookings_proxy = QSortFilterProxyModel(self)
        self.bookings_proxy.setSourceModel(self.bookings_model)
        self.bookings_proxy.setSortRole(SORT_ROLE)
        self.invoices_model = HirerInvoicesModel(self)
        self._build()
        self._connect()
        self._show_hirer(None)
        bus.changed.connect(self._on_changed)

    # -- Page --------------------------------------------------------------------------

    def widget(self) -> QWidget:
        return self

    def actions_for_menu(self) -> list[QAction]:
        return [self.new_action, self.edit_action, self.book_action, separator(self),
                self.pay_action, self.print_invoice_action, self.credit_action,
                self.refund_action, self.print_receipt_action, self.print_credit_note_action,
                separator(self), self.export_action, self.find_action,
                self.refresh_action]

    def focus_first(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self._build_actions()
        left = self._build_directory()
        right = self._build_detail()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        em = self.fontMetrics().horizontalAdvance("M")
        left.setMinimumWidth(em * 26)
        splitter.setSizes([em * 34, em * 66])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        order = [self.filter, self.directory, self.more_button, self.new_button,
                 self.edit_button, self.book_button, self.export_button, self.tabs,
                 self.period, self.bookings, self.invoices, self.print_invoice_button,
                 self.print_receipt_button, self.print_credit_note_button, self.credit_button,
                 self.refund_button, self.pay_button]
        set_tab_order(order)

    def _build_actions(self) -> None:
        self.new_action = make_action(self, "&New hirer…", ("Ctrl+N",), "Add a hirer")
        self.edit_action = make_action(self, "&Edit hirer…", ("Ctrl+E",),
                                       "Change the chosen hirer's details")
        self.book_action = make_action(self, "New &booking for this hirer…", ("Ctrl+B",),
                                       "Take a booking for the chosen hirer")
        self.pay_action = make_action(self, "Record &payment…", ("Ctrl+Shift+P",),
                                      "Record money received against the chosen invoice")
        self.print_invoice_action = make_action(
            self, "Print in&voice…", ("Ctrl+P",),
            "Preview the chosen invoice, to print or save it as PDF")
        self.credit_action = make_action(
            self, "Issue &credit note…", ("Ctrl+Shift+C",),
            "Credit the chosen invoice in full or in part, then print the credit note")
        self.refund_action = make_action(
            self, "Record ref&und…", ("Ctrl+Shift+U",),
            "Record money given back to the hirer against the chosen invoice")
        self.print_receipt_action = make_action(
            self, "Print receip&t…", ("Ctrl+Shift+T",),
            "Preview the receipt (or refund advice) for a payment on the chosen invoice")
        self.print_credit_note_action = make_action(
            self, "Print credit n&ote…", ("Ctrl+Shift+O",),
            "Preview a credit note issued against the chosen invoice")
        self.export_action = make_action(self, "E&xport personal data…", ("Ctrl+Shift+E",),
                                         "Save everything held about the hirer (subject "
                                         "access request) as a JSON file")
        self.find_action = make_action(self, "&Find hirer", ("Ctrl+F",),
                                       "Type part of a name, organisation, phone or postcode")
        self.refresh_action = make_action(self, "&Refresh", ("F5",), "Read the hirers again")

    def _build_directory(self) -> QWidget:
        self.filter = QLineEdit()
        self.filter.setAccessibleName("Find hirer")
        self.filter.setPlaceholderText("Name, organisation, phone or postcode")
        self.filter.setClearButtonEnabled(True)
        self.directory = table("Hirers", tab_leaves=False, highlight_sections=True)
        self.directory.setModel(self.directory_model)
        self.directory.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.directory.horizontalHeader()
        metrics = self.directory.fontMetrics()
        padding = metrics.horizontalAdvance("nn")
        for column, widest in ((TYPE, "Council service"), (PHONE, "+44 7700 900000"),
                               (POSTCODE, "SE16 5WW")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(widest) + padding)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.directory_count = QLabel()
        self.directory_count.setAccessibleName("How many hirers are listed")
        self.directory_count.setWordWrap(True)
        self.more_button = QPushButton("Show &more")
        self.more_button.setAccessibleName("Show more hirers")
        self.more_button.setAutoDefault(False)
        self.directory_error = _error_label("Hirers list problem")
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buddy("F&ind hirer", self.filter))
        layout.addWidget(self.filter)
        layout.addWidget(self.directory_error)
        layout.addWidget(self.directory, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.directory_count, 1)
        footer.addWidget(self.more_button)
        layout.addLayout(footer)
        return box

    def _build_detail(self) -> QWidget:
        self.heading = QLabel()
        self.heading.setAccessibleName("Hirer")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.heading.setFont(font)
        self.subheading = QLabel()
        self.subheading.setAccessibleName("Hirer type")
        self.new_button = _action_button(self.new_action)
        self.edit_button = _action_button(self.edit_action)
        self.book_button = _action_button(self.book_action)
        self.export_button = _action_button(self.export_action)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.book_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.contact = {key: value_label(name) for key, name in (
            ("name", "Contact name"), ("organisation", "Organisation"), ("phone", "Phone"),
            ("phone_alt", "Other phone"), ("email", "Email"), ("address", "Address"),
            ("postcode", "Postcode"), ("notes", "Notes"))}
        contact_form = QFormLayout()
        for key, label in (("name", "Contact"), ("organisation", "Organisation"),
                           ("phone", "Phone"), ("phone_alt", "Other phone"), ("email", "Email")):
            contact_form.addRow(label, self.contact[key])
        address_form = QFormLayout()
        for key, label in (("address", "Address"), ("postcode", "Postcode"),
                           ("notes", "Notes")):
            address_form.addRow(label, self.contact[key])
        self.balance = QLabel()
        self.balance.setAccessibleName("Balance")
        self.balance.setWordWrap(True)
        self.balance.setTextFormat(Qt.TextFormat.RichText)
        self.detail_error = _error_label("Hirer details problem")
        facts = QGridLayout()
        facts.addLayout(contact_form, 0, 0)
        facts.addLayout(address_form, 0, 1)
        facts.setColumnStretch(0, 1)
        facts.setColumnStretch(1, 1)

        self.period = QComboBox()
        self.period.setAccessibleName("Which bookings to list")
        for label, days in BOOKING_PERIODS:
            self.period.addItem(label, days)
        self.bookings = table("The hirer's bookings", tab_leaves=False, highlight_sections=True)
        self.bookings.setModel(self.bookings_proxy)
        # The service lists in time order; the proxy sorts only once a header is clicked.
        self.bookings.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.bookings.setSortingEnabled(True)
        configure_booking_columns(self.bookings, hall=12, venue=12)
        self.bookings.setColumnHidden(HIRER, True)  # always this hirer
        self.bookings_count = QLabel()
        self.bookings_count.setAccessibleName("How many bookings are listed")
        bookings_tab = QWidget()
        bookings_layout = QVBoxLayout(bookings_tab)
        period_row = QHBoxLayout()
        period_row.addWidget(buddy("Sho&w", self.period))
        period_row.addWidget(self.period)
        period_row.addWidget(self.bookings_count, 1)
        bookings_layout.addLayout(period_row)
        bookings_layout.addWidget(self.bookings, 1)
        self.open_booking_action = make_action(self.bookings, "Open booking…",
                                               ("Return", "Enter"), "Open the chosen booking")

        self.invoices = table("The hirer's invoices", tab_leaves=False, highlight_sections=True)
        self.invoices.setModel(self.invoices_model)
        header = self.invoices.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.Stretch)
        self.invoice_pay_action = make_action(self.invoices, "Record payment…",
                                              ("Return", "Enter"),
                                              "Record a payment against the chosen invoice")
        self.pay_button = _action_button(self.pay_action)
        self.print_invoice_button = _action_button(self.print_invoice_action)
        self.credit_button = _action_button(self.credit_action)
        self.refund_button = _action_button(self.refund_action)
        self.print_receipt_button = _action_button(self.print_receipt_action)
        self.print_credit_note_button = _action_button(self.print_credit_note_action)
        self.invoices_count = QLabel()
        self.invoices_count.setAccessibleName("How many invoices are listed")
        invoices_tab = QWidget()
        invoices_layout = QVBoxLayout(invoices_tab)
        invoices_layout.addWidget(self.invoices, 1)
        invoices_footer = QHBoxLayout()
        invoices_footer.addWidget(self.invoices_count, 1)
        for button in (self.print_invoice_button, self.print_receipt_button,
                       self.print_credit_note_button, self.credit_button, self.refund_button,
                       self.pay_button):
            invoices_footer.addWidget(button)
        invoices_layout.addLayout(invoices_footer)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Bookings and invoices")
        self.tabs.addTab(bookings_tab, "Boo&kings")
        self.tabs.addTab(invoices_tab, "In&voices")

        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addLayout(buttons)
        layout.addWidget(self.detail_error)
        layout.addLayout(facts)
        layout.addWidget(self.balance)
        layout.addWidget(self.tabs, 1)
        return box

    def _connect(self) -> None:
        self.new_action.triggered.connect(self._on_new_hirer)
        self.edit_action.triggered.connect(self._on_edit_hirer)
        self.book_action.triggered.connect(self._on_new_booking)
        self.pay_action.triggered.connect(self._on_record_payment)
        self.print_invoice_action.triggered.connect(self._on_print_invoice)
        self.credit_action.triggered.connect(self._on_issue_credit_note)
        self.refund_action.triggered.connect(self._on_record_refund)
        self.print_receipt_action.triggered.connect(self._on_print_receipt)
        self.print_credit_note_action.triggered.connect(self._on_print_credit_note)
        self.invoice_pay_action.triggered.connect(self._on_record_payment)
        self.export_action.triggered.connect(self._on_export)
        self.find_action.triggered.connect(self.focus_first)
        self.refresh_action.triggered.connect(self.refresh)
        self.open_booking_action.triggered.connect(self._on_open_booking)
        self.bookings.doubleClicked.connect(self._on_open_booking)
        self.invoices.doubleClicked.connect(self._on_record_payment)
        self.filter.textChanged.connect(lambda _text: self._typing_timer.start())
        self.filter.returnPressed.connect(self._on_filter_return)
        self.more_button.clicked.connect(self._on_more)
        self.directory.selectionModel().currentRowChanged.connect(
            lambda *_: self._detail_timer.start())
        self.invoices.selectionModel().currentRowChanged.connect(self._on_invoice_chosen)
        self.period.currentIndexChanged.connect(self._load_bookings)

    # -- reading -----------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_directory()
        self.refresh_detail()

    def refresh_directory(self) -> None:
        """Search for the typed text, or list the first page of hirers by name."""
        self._typing_timer.stop()
        self._directory_stale = False
        text = self.filter.text().strip()
        if text:
            found = call(self, lambda: self._services.hirers.search(text, limit=SEARCH_LIMIT),
                         inline=self.directory_error)
        else:
            found = call(self, lambda: self._services.hirers.list_page(0, PAGE_SIZE),
                         inline=self.directory_error)
        if not isinstance(found, list):
            return
        keep = self._hirer.id if self._hirer else None
        self.directory_model.set_rows(found)
        self._next_offset = 0 if text else len(found)
        self._show_directory_count(text, len(found))
        if keep is not None:
            self._select_hirer_row(keep)
        else:
            self._show_hirer(None)  # the empty-state text depends on the list

    def refresh_detail(self) -> None:
        self._detail_stale = False
        if self._hirer is not None:
            self.show_hirer(self._hirer.id)

    def show_hirer(self, hirer_id: int | None) -> None:
        """Read and show one hirer's details, bookings, invoices and balance."""
        if hirer_id is None:
            self._show_hirer(None)
            return
        details = call(self, lambda: self._services.hirers.get(hirer_id),
                       inline=self.detail_error)
        self._show_hirer(details or None)

    def current_invoice(self) -> InvoiceSummary | None:
        index = self.invoices.currentIndex()
        return self.invoices_model.row_at(index.row()) if index.isValid() else None

    def hirer_id(self) -> int | None:
        return self._hirer.id if self._hirer else None

    # -- slots -------------------------------------------------------------------------

    def _on_filter_return(self) -> None:
        self.refresh_directory()
        if self.directory_model.rowCount():
            self.directory.setFocus()
            self.directory.selectRow(0)

    def _on_more(self) -> None:
        more = call(self, lambda: self._services.hirers.list_page(self._next_offset, PAGE_SIZE),
                    inline=self.directory_error)
        if isinstance(more, list):
            self.directory_model.append_hirers(more)
            self._next_offset += len(more)
            self._show_directory_count("", self.directory_model.rowCount(),
                                       ended=len(more) < PAGE_SIZE)

    def _on_detail_due(self) -> None:
        index = self.directory.currentIndex()
        hirer_id = index.data(HIRER_ID_ROLE) if index.isValid() else None
        if hirer_id != self.hirer_id():
            self.show_hirer(hirer_id)

    def _on_new_hirer(self) -> None:
        details = HirerDialog.ask_new(self, self._services, self._bus)
        if details:
            self._show_hirer(details)
            self.refresh_directory()
            self._select_hirer_row(details.id)

    def _on_edit_hirer(self) -> None:
        if self._hirer is not None:
            HirerDialog.ask_edit(self, self._services, self._bus, self._hirer.id)

    def _on_new_booking(self) -> None:
        if self._hirer is not None:
            BookingDialog.ask_new(self, self._services, self._bus,
                                  BookingPrefill(hirer_id=self._hirer.id))

    def _on_open_booking(self) -> None:
        index = self.bookings.currentIndex()
        booking_id = index.data(BOOKING_ID_ROLE) if index.isValid() else None
        if booking_id is not None:
            BookingDialog.ask_edit(self, self._services, self._bus, int(booking_id))

    def _on_record_payment(self) -> None:
        invoice = self.current_invoice()
        if invoice is None:
            self.tabs.setCurrentIndex(1)
            self.invoices.setFocus()
            return
        PaymentDialog.ask(self, self._services, self._bus, invoice.id)

    def _on_issue_credit_note(self) -> None:
        invoice = self._chosen_invoice()
        if invoice is not None:
            CreditNoteDialog.ask(self, self._services, self._bus, invoice.id)

    def _on_record_refund(self) -> None:
        invoice = self._chosen_invoice()
        if invoice is not None:
            RefundDialog.ask(self, self._services, self._bus, invoice.id)

    def _on_print_receipt(self) -> None:
        invoice = self._chosen_invoice()
        if invoice is not None:
            print_receipt(self, self._services, invoice.id)

    def _on_print_credit_note(self) -> None:
        invoice = self._chosen_invoice()
        if invoice is not None:
            print_credit_note(self, self._services, invoice.id)

    def _chosen_invoice(self) -> InvoiceSummary | None:
        """The chosen invoice, or None after taking the clerk to the invoices list."""
        invoice = self.current_invoice()
        if invoice is None:
            self.tabs.setCurrentIndex(1)
            self.invoices.setFocus()
        return invoice

    def _on_invoice_chosen(self, *_: QModelIndex) -> None:
        invoice = self.current_invoice()
        self._invoice_details = None
        if invoice is not None:
            details = call(self, lambda: self._services.invoices.get_invoice(invoice.id),
                           inline=self.detail_error)
            self._invoice_details = details or None
        self._update_actions()

    def _on_print_invoice(self) -> None:
        invoice = self.current_invoice()
        if invoice is None:
            self.tabs.setCurrentIndex(1)
            self.invoices.setFocus()
            return
        show_preview(self, lambda: self._services.documents.invoice_data(invoice.id))

    def _on_export(self) -> None:
        if self._hirer is None:
            return
        hirer = self._hirer
        path = SaveFile.ask(self, "Export personal data",
                            f"personal-data-hirer-{hirer.id}-{self._today():%Y-%m-%d}.json")
        if path is None:
            return
        export = call(self, lambda: self._services.privacy.subject_access(hirer.id),
                      title="Cannot export the personal data")
        if not export:
            return
        try:
            path.write_text(export.to_json(), encoding="utf-8")
        except OSError as error:
            Messages.warn(self, "Cannot save the file", f"{path} could not be written: "
                          f"{error.strerror or error}.")
            return
        Messages.info(self, "Personal data exported",
                      f"Everything held about {hirer.display_name} was saved to {path}.")

    def _on_changed(self, change: Change) -> None:
        if change.concerns("hirer"):
            self._directory_stale = True
            self._detail_stale = True
        if change.concerns("booking", "series", "invoice", "payment", "hall", "venue"):
            self._detail_stale = True
        if (self._directory_stale or self._detail_stale) and self.isVisible():
            self._refresh_timer.start()

    def _refresh_stale(self) -> None:
        if self._directory_stale:
            self.refresh_directory()
        if self._detail_stale:
            self.refresh_detail()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._directory_stale or self._detail_stale:
            self._refresh_timer.start()

    # -- showing -----------------------------------------------------------------------

    def _show_hirer(self, hirer: HirerDetails | None) -> None:
        self._hirer = hirer
        self.detail_error.hide()
        if hirer is None:
            empty = not self.directory_model.rowCount() and not self.filter.text().strip()
            self.heading.setText("No hirers yet" if empty else "No hirer chosen")
            self.subheading.setText(
                "New hirer… (Ctrl+N) adds the first one." if empty else
                "Choose a hirer on the left (type to find them), or New hirer… (Ctrl+N).")
            for label in self.contact.values():
                label.setText("")
            self.balance.setText("")
            self.bookings_model.set_bookings(())
            self.invoices_model.set_invoices(())
            self.bookings_count.setText("")
            self.invoices_count.setText("")
        else:
            self.heading.setText(hirer.display_name)
            anonymised = " · anonymised (read-only)" if hirer.anonymised_at else ""
            self.subheading.setText(f"{hirer_type_label(hirer.hirer_type)}{anonymised}")
            for key, label in self.contact.items():
                label.setText(getattr(hirer, key) or "—")
            self._load_bookings()
            self._load_invoices()
        self._update_actions()

    def _load_bookings(self) -> None:
        if self._hirer is None:
            return
        days = int(self.period.currentData() or 0)
        first = self._today() - timedelta(days=days) if days else None
        hirer_id = self._hirer.id
        rows = call(self, lambda: self._services.bookings.list(BookingFilter(
            hirer_id=hirer_id, first_day=first, limit=BOOKINGS_LIMIT)), inline=self.detail_error)
        if not isinstance(rows, list):
            return
        self.bookings_model.set_bookings(rows)
        more = " (the first shown; choose a shorter period)" if len(rows) >= BOOKINGS_LIMIT else ""
        self.bookings_count.setText(f"{len(rows)} booking{'s' if len(rows) != 1 else ''}{more}")
        self.tabs.setTabText(0, f"Boo&kings ({len(rows)})")

    def _load_invoices(self) -> None:
        assert self._hirer is not None
        hirer_id = self._hirer.id
        invoices = call(self, lambda: self._services.invoices.list_invoices(
            hirer_id=hirer_id, limit=INVOICES_LIMIT), inline=self.detail_error)
        balance = call(self, lambda: self._services.invoices.hirer_balance(hirer_id),
                       inline=self.detail_error)
        if not isinstance(invoices, list) or not isinstance(balance, HirerBalance):
            return
        current = self.current_invoice()
        self._invoice_details = None
        self.invoices_model.set_invoices(invoices, self._today())
        row = self.invoices_model.row_of(current.id) if current is not None else None
        if row is None:  # else the first with money owed, ready for Record payment
            row = next((i for i, inv in enumerate(invoices) if inv.outstanding_pence > 0), None)
        if row is not None:
            self.invoices.setCurrentIndex(self.invoices_model.index(row, 0))
        if self._invoice_details is None and self.current_invoice() is not None:
            self._on_invoice_chosen()  # the same row again: read its payments afresh
        newest = f", the newest {INVOICES_LIMIT} shown" if len(invoices) >= INVOICES_LIMIT else ""
        self.invoices_count.setText(
            f"{len(invoices)} invoice{'s' if len(invoices) != 1 else ''}{newest}")
        self.tabs.setTabText(1, f"In&voices ({len(invoices)})")
        self.balance.setText(_balance_html(balance))

    def _show_directory_count(self, text: str, count: int, *, ended: bool | None = None) -> None:
        if text:
            more = f" (the first {SEARCH_LIMIT}; type more to narrow)" if count >= SEARCH_LIMIT \
                else ""
            self.directory_count.setText(
                f"{count} hirer{'s match' if count != 1 else ' matches'} “{text}”{more}"
                if count
                else f"No hirer matches “{text}”. New hirer… (Ctrl+N) adds one.")
            self.more_button.setEnabled(False)
            return
        finished = ended if ended is not None else count < PAGE_SIZE
        self.directory_count.setText(
            f"{count} hirer{'s' if count != 1 else ''}, by name"
            + ("" if finished else " — Show more for the next ones"))
        self.more_button.setEnabled(not finished)

    def _select_hirer_row(self, hirer_id: int) -> None:
        row = self.directory_model.row_of(hirer_id)
        if row is None:
            return
        # The current-row signal only restarts the detail timer, which sees the same hirer.
        self.directory.selectionModel().setCurrentIndex(
            self.directory_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def _update_actions(self, *_: QModelIndex) -> None:
        chosen = self._hirer is not None
        editable = chosen and self._hirer is not None and self._hirer.anonymised_at is None
        self.edit_action.setEnabled(editable)
        self.book_action.setEnabled(editable)
        self.export_action.setEnabled(chosen)
        invoice = self.current_invoice() if chosen else None
        self.pay_action.setEnabled(invoice is not None)
        self.print_invoice_action.setEnabled(invoice is not None)
        self.credit_action.setEnabled(
            invoice is not None and invoice.gross_pence > 0
            and invoice.credited_pence < invoice.gross_pence)
        self.refund_action.setEnabled(invoice is not None and invoice.paid_pence > 0)
        details = self._invoice_details
        if invoice is None or details is None or details.id != invoice.id:
            details = None
        self.print_receipt_action.setEnabled(details is not None and bool(details.payments))
        self.print_credit_note_action.setEnabled(invoice is not None
                                                 and invoice.credited_pence > 0)

    def _today(self) -> date:
        return local_day(self._services.ctx.now())


def _balance_html(balance: HirerBalance) -> str:
    outstanding = balance.outstanding_pence
    colour = "#b00020" if outstanding > 0 else "#1b5e20"
    owed = (f"owes <b style='color:{colour}'>{format_pence(outstanding)}</b>" if outstanding > 0
            else f"<b style='color:{colour}'>is owed {format_pence(-outstanding)}</b>"
            if outstanding < 0 else f"<b style='color:{colour}'>owes nothing</b>")
    credited = (f" · credited {format_pence(balance.credited_pence)}"
                if balance.credited_pence else "")
    return (f"Balance: {owed} — invoiced {format_pence(balance.invoiced_pence)}{credited} · "
            f"paid {format_pence(balance.paid_pence)}")


def _action_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
    return button


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label
