"""The bookings list: find bookings by date, hall, hirer, status or money owed, and act on them.

A "Needs attention" panel above the list names the holds about to lapse and the
short-notice bookings with something still outstanding.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.booking import parse_booking_reference
from spacebank.domain.clock import local_day
from spacebank.domain.enums import BookingStatus
from spacebank.domain.errors import ApprovalRequiredError, SpacebankError, ValidationError
from spacebank.domain.money import format_pence
from spacebank.domain.typed_dates import parse_day
from spacebank.services.attention_service import AttentionItem
from spacebank.services.booking_dto import BookingFilter, BookingSummary
from spacebank.services.container import Services
from ui.actions import separator
from ui.bookings.attention_panel import AttentionPanel
from ui.bookings.background_call import BackgroundCall
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.booking_prompts import BookingPrompts
from ui.bookings.bookings_table_model import (
    ATTENDEES,
    BOOKING_ID_ROLE,
    DATE,
    HALL,
    HEADERS,
    HIRER,
    PURPOSE,
    REFERENCE,
    SORT_ROLE,
    STATUS,
    STATUS_LABELS,
    TIME,
    TOTAL,
    VENUE,
    BookingsTableModel,
    day_text,
    time_text,
)
from ui.bookings.list_actions import BookingListActions
from ui.bookings.move_dialog import MoveDialog
from ui.bookings.prefill import BookingPrefill
from ui.changes import Change, ChangeBus
from ui.documents.batch_dialog import CONFIRMATIONS, BatchDocumentsDialog, Selection
from ui.documents.pdf_preview_dialog import show_preview
from ui.form_parts import set_tab_order
from ui.hirers.hirer_lookup import HirerLookup
from ui.invoices.after_cancel import offer_credit_after_cancel
from ui.invoices.payment_dialog import PaymentDialog
from ui.service_call import Messages, call, show_refusal

#: Rows fetched per refresh; the list says when there are more.
LIST_LIMIT = 500
#: Typing in a date field waits this long before the list is read again.
TYPING_PAUSE_MS = 300
#: Holds lapse as time passes: the panel is read again this often while on screen.
ATTENTION_REFRESH_MS = 5 * 60 * 1000
#: Changes that alter what the list or the panel shows.
WATCHED = ("booking", "series", "invoice", "payment", "hirer", "hall", "venue", "settings")
DEFAULT_STATUSES = (BookingStatus.PROVISIONAL, BookingStatus.CONFIRMED, BookingStatus.COMPLETED)
OPEN_STATUSES = (BookingStatus.PROVISIONAL, BookingStatus.CONFIRMED)
_STATUS_MNEMONICS = {
    BookingStatus.PROVISIONAL: "&Provisional", BookingStatus.CONFIRMED: "&Confirmed",
    BookingStatus.COMPLETED: "Co&mpleted", BookingStatus.CANCELLED: "Cancell&ed",
    BookingStatus.EXPIRED: "E&xpired",
}


def range_day(text: str, today: date) -> date | None:
    """A typed date-range end: blank (open), "-7" (a week ago), "yesterday", or `parse_day`."""
    raw = text.strip().lower()
    if not raw:
        return None
    if raw.startswith("-") and raw[1:].isdigit():
        return today - timedelta(days=int(raw[1:]))
    if raw in ("yesterday", "yest"):
        return today - timedelta(days=1)
    return parse_day(raw, today)


class BookingsPage(QWidget):
    title = "Bookings"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._bus = bus
        self._stale = True
        self._halls_stale = True
        # After a change the list is read first; the panel is read off the UI thread (on
        # ten years of data with hundreds of items it takes ~100 ms) and shown when ready.
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh_list_then_panel)
        self._panel_timer = QTimer(self, singleShot=True, interval=0)
        self._panel_timer.timeout.connect(self.refresh_attention)
        self._attention_call = BackgroundCall(self)
        self._attention_call.finished.connect(self._on_attention_read)
        self._typing_timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing_timer.timeout.connect(self.refresh_list)
        self._attention_timer = QTimer(self, interval=ATTENTION_REFRESH_MS)
        self._attention_timer.timeout.connect(self._on_attention_due)
        self.model = BookingsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self._build()
        self._connect()
        bus.changed.connect(self._on_changed)

    # -- Page --------------------------------------------------------------------------

    def widget(self) -> QWidget:
        return self

    def actions_for_menu(self) -> list[QAction]:
        a = self.actions
        return [a.open, a.confirm, a.cancel, a.move, a.duplicate, separator(self),
                a.issue_invoice, a.record_payment, separator(self), a.find, a.show_list,
                a.show_attention, a.refresh]

    def focus_first(self) -> None:
        self.reference.setFocus()
        self.reference.selectAll()

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        filters = self._build_filters()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Bookings")
        # The service lists in time order; the proxy sorts only once a header is clicked.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        configure_booking_columns(self.table)
        self.actions = BookingListActions.build(self, self.table)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions(self.actions.on_selection())
        self.list_label = QLabel("&Bookings")
        self.list_label.setBuddy(self.table)
        bold = self.list_label.font()
        bold.setBold(True)
        self.list_label.setFont(bold)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("How many bookings are listed")
        self.list_error = _error_label("Bookings list problem")
        self.attention = AttentionPanel()
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_heading = QHBoxLayout()
        list_heading.addWidget(self.list_label)
        list_heading.addWidget(self.count_label, 1)
        list_layout.addLayout(list_heading)
        list_layout.addWidget(self.list_error)
        list_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.attention)
        self.splitter.addWidget(list_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        order = [self.reference, self.first_day, self.last_day, self.hall, self.hirer.edit,
                 self.hirer.new_button, self.any_hirer, *self.status_boxes.values(),
                 self.unpaid_only, self.table, self.attention.view]
        set_tab_order(order)

    def _build_filters(self) -> QGridLayout:
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Booking reference to open")
        self.reference.setPlaceholderText("BK-004217 or 4217")
        self.reference.setToolTip("Type a booking reference and press Enter to open it")
        self.first_day = QLineEdit("today")
        self.first_day.setAccessibleName("From date")
        self.last_day = QLineEdit("+28")
        self.last_day.setAccessibleName("To date")
        for field in (self.first_day, self.last_day):
            field.setPlaceholderText("any")
            field.setToolTip("Type today, sat, next tue, 12/4, +28 (days ahead) or -7 (days "
                             "ago); leave blank for no limit")
        self.dates_shown = QLabel()
        self.dates_shown.setAccessibleName("Dates as understood")
        self.dates_error = _error_label("Date problem")
        self.reference_error = _error_label("Reference problem")
        self.hall = QComboBox()
        self.hall.setAccessibleName("Hall or venue")
        self.hall.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.hall.setMinimumContentsLength(22)
        self.hirer = HirerLookup(self._services, self._bus, self,
                                 accessible_name="Hirer to list bookings for")
        self.any_hirer = QToolButton()
        self.any_hirer.setText("Any hirer")
        self.any_hirer.setAccessibleName("Any hirer")
        self.any_hirer.setToolTip("Stop filtering by hirer")
        self.status_boxes: dict[BookingStatus, QCheckBox] = {}
        for status, text in _STATUS_MNEMONICS.items():
            box = QCheckBox(text)
            box.setAccessibleName(f"Show {STATUS_LABELS[status].lower()} bookings")
            box.setChecked(status in DEFAULT_STATUSES)
            self.status_boxes[status] = box
        self.unpaid_only = QCheckBox("&Unpaid only")
        self.unpaid_only.setAccessibleName("Only bookings with money owed")
        self.unpaid_only.setToolTip("Bookings on an invoice with a balance, or confirmed and "
                                    "not yet invoiced")

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.addWidget(_buddy("&Reference", self.reference), 0, 0)
        grid.addWidget(self.reference, 0, 1)
        grid.addWidget(_buddy("Fr&om", self.first_day), 0, 2)
        grid.addWidget(self.first_day, 0, 3)
        grid.addWidget(_buddy("&To", self.last_day), 0, 4)
        grid.addWidget(self.last_day, 0, 5)
        grid.addWidget(_buddy("H&all", self.hall), 0, 6)
        grid.addWidget(self.hall, 0, 7)
        grid.addWidget(self.reference_error, 1, 1)
        dates_notes = QVBoxLayout()
        dates_notes.addWidget(self.dates_shown)
        dates_notes.addWidget(self.dates_error)
        grid.addLayout(dates_notes, 1, 3, 1, 3)
        grid.addWidget(_buddy("H&irer", self.hirer), 2, 0)
        hirer_row = QHBoxLayout()
        hirer_row.addWidget(self.hirer, 1)
        hirer_row.addWidget(self.any_hirer)
        grid.addLayout(hirer_row, 2, 1, 1, 7)
        grid.addWidget(QLabel("Status"), 3, 0)
        status_row = QHBoxLayout()
        for box in self.status_boxes.values():
            status_row.addWidget(box)
        status_row.addSpacing(24)
        status_row.addWidget(self.unpaid_only)
        status_row.addStretch(1)
        grid.addLayout(status_row, 3, 1, 1, 7)
        for column, stretch in ((1, 2), (3, 1), (5, 1), (7, 3)):
            grid.setColumnStretch(column, stretch)
        em = self.fontMetrics().horizontalAdvance("M")
        self.reference.setMinimumWidth(em * 10)
        for field in (self.first_day, self.last_day):
            field.setMinimumWidth(em * 7)
        return grid

    def _connect(self) -> None:
        a = self.actions
        a.open.triggered.connect(self._on_open)
        a.confirm.triggered.connect(self._on_confirm)
        a.cancel.triggered.connect(self._on_cancel)
        a.move.triggered.connect(self._on_move)
        a.duplicate.triggered.connect(self._on_duplicate)
        a.issue_invoice.triggered.connect(self._on_issue_invoice)
        a.record_payment.triggered.connect(self._on_record_payment)
        a.print_confirmation.triggered.connect(self._on_print_confirmation)
        a.print_invoice.triggered.connect(self._on_print_invoice)
        a.make_documents.triggered.connect(self._on_make_documents)
        a.find.triggered.connect(self.focus_first)
        a.show_list.triggered.connect(self.table.setFocus)
        a.show_attention.triggered.connect(self.attention.view.setFocus)
        a.refresh.triggered.connect(self.refresh)
        self.table.doubleClicked.connect(self._on_open)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.attention.open_booking_requested.connect(self._open_booking)
        self.reference.returnPressed.connect(self._on_reference_entered)
        for field in (self.first_day, self.last_day):
            field.textEdited.connect(self._on_dates_edited)
            field.returnPressed.connect(self.refresh_list)
        self.hall.currentIndexChanged.connect(self.refresh_list)
        self.hirer.hirer_chosen.connect(self.refresh_list)
        self.hirer.hirer_cleared.connect(self.refresh_list)
        self.any_hirer.clicked.connect(self._on_any_hirer)
        for box in (*self.status_boxes.values(), self.unpaid_only):
            box.toggled.connect(self.refresh_list)
        self._update_actions()

    # -- reading -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the halls (if changed), the list and the needs-attention panel again."""
        self._refresh_list_then_panel()
        self._panel_timer.stop()
        self.refresh_attention()

    def refresh_pending(self) -> bool:
        """True while a change is waiting to be read (for tests and the main window)."""
        return (self._stale or self._refresh_timer.isActive() or self._panel_timer.isActive()
                or self._attention_call.busy())

    def _refresh_list_then_panel(self) -> None:
        self._stale = False
        if self._halls_stale:
            self._load_halls()
        self.refresh_list()
        self._panel_timer.start()

    def refresh_list(self) -> None:
        self._typing_timer.stop()
        flt = self.current_filter()
        if flt is None:
            return
        selected = self.selected_ids()
        rows = call(self, lambda: self._services.bookings.list(flt), inline=self.list_error)
        if not isinstance(rows, list):
            return
        self.model.set_bookings(rows)
        self._select_ids(selected)
        if len(rows) >= flt.limit:
            self.count_label.setText(
                f"Showing the first {flt.limit} in date order — narrow the dates or filters "
                "to see the rest.")
        else:
            self.count_label.setText("No bookings match." if not rows else
                                     f"{len(rows)} booking{'s' if len(rows) != 1 else ''}.")
        self._update_actions()

    def refresh_attention(self) -> None:
        """Read the panel in the background; `_on_attention_read` shows it."""
        self._attention_call.start(self._services.attention.needs_attention)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._attention_call.wait()  # no read may outlive the page (or its database)
        super().closeEvent(event)

    def _on_attention_read(self, result: object) -> None:
        if isinstance(result, SpacebankError):
            self.attention.error.setText(result.user_message)
            self.attention.error.show()
            return
        self.attention.error.hide()
        self.attention.set_items(cast(list[AttentionItem], result), self._today())

    def current_filter(self) -> BookingFilter | None:
        """The filter the row describes, or None (with the reason shown) if a date is wrong."""
        today = self._today()
        try:
            first = range_day(self.first_day.text(), today)
            last = range_day(self.last_day.text(), today)
        except ValidationError as error:
            self._show_dates(None, None, error.user_message)
            return None
        if first is not None and last is not None and last < first:
            self._show_dates(first, last, "The To date is before the From date.")
            return None
        self._show_dates(first, last, "")
        # Index 0 is "All halls"; reading its data is skipped, not just ignored.
        place = self.hall.currentData() if self.hall.currentIndex() > 0 else ""
        kind, _, number = str(place).partition(":")
        return BookingFilter(
            first_day=first,
            last_day=last,
            hall_id=int(number) if kind == "hall" else None,
            venue_id=int(number) if kind == "venue" else None,
            hirer_id=self.hirer.hirer_id(),
            statuses=frozenset(s for s, box in self.status_boxes.items() if box.isChecked()),
            unpaid_only=self.unpaid_only.isChecked(),
            limit=LIST_LIMIT,
        )

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [int(index.data(BOOKING_ID_ROLE)) for index in rows]

    def selected_bookings(self) -> list[BookingSummary]:
        found = []
        for index in self.table.selectionModel().selectedRows():
            booking = self.model.booking_at(self.proxy.mapToSource(index).row())
            if booking is not None:
                found.append(booking)
        return sorted(found, key=lambda b: (b.start, b.id))

    def current_booking(self) -> BookingSummary | None:
        """The one selected booking (None when none or several are selected)."""
        chosen = self.selected_bookings()
        return chosen[0] if len(chosen) == 1 else None

    def select_booking(self, booking_id: int) -> bool:
        """Make one booking the current, selected row (False if it is not listed)."""
        return self._select_ids([booking_id])

    # -- slots: filters ----------------------------------------------------------------

    def _on_dates_edited(self) -> None:
        self._typing_timer.start()

    def _on_any_hirer(self) -> None:
        self.hirer.set_hirer(None)
        self.refresh_list()

    def _on_reference_entered(self) -> None:
        booking_id = parse_booking_reference(self.reference.text())
        if booking_id is None:
            self._show_error(self.reference_error,
                             "Type a booking reference such as BK-004217 or 4217.")
            return
        found = call(self, lambda: self._services.bookings.get(booking_id),
                     inline=self.reference_error)
        if found:
            self.select_booking(booking_id)
            self._open_booking(booking_id)

    # -- slots: actions ----------------------------------------------------------------

    def _on_open(self) -> None:
        booking = self.current_booking()
        if booking is not None:
            self._open_booking(booking.id)

    def _open_booking(self, booking_id: int) -> None:
        BookingDialog.ask_edit(self, self._services, self._bus, booking_id)

    def _on_confirm(self) -> None:
        held = [b for b in self.selected_bookings() if b.status is BookingStatus.PROVISIONAL]
        confirmed = [b.id for b in held if self._confirm_one(b)]
        if confirmed:
            self._bus.publish("booking", confirmed, initiator=self)

    def _confirm_one(self, booking: BookingSummary) -> bool:
        try:
            self._services.bookings.confirm(booking.id)
            return True
        except ApprovalRequiredError as error:
            manager = BookingPrompts.manager_name(self, f"{booking.reference}: "
                                                  f"{error.user_message}")
            if not manager:
                return False
        except SpacebankError as error:
            show_refusal(self, error, title=f"Cannot confirm {booking.reference}")
            return False
        return bool(call(self, lambda: self._services.bookings.confirm(
            booking.id, short_notice_approved_by=manager),
            title=f"Cannot confirm {booking.reference}"))

    def _on_cancel(self) -> None:
        booking = self.current_booking()
        if booking is None:
            return
        reason = BookingPrompts.cancel_reason(self, _describe(booking))
        if not reason:
            return
        done = call(self, lambda: self._services.bookings.cancel(booking.id, reason=reason),
                    title=f"Cannot cancel {booking.reference}")
        if done:
            self._bus.publish("booking", [booking.id], initiator=self)
            offer_credit_after_cancel(self, self._services, self._bus, booking.id,
                                      booking.reference, reason)

    def _on_move(self) -> None:
        booking = self.current_booking()
        if booking is not None:
            MoveDialog.ask(self, self._services, self._bus, booking.id)

    def _on_duplicate(self) -> None:
        booking = self.current_booking()
        if booking is None:
            return
        week = timedelta(days=7)
        BookingDialog.ask_new(self, self._services, self._bus, BookingPrefill(
            hall_id=booking.hall_id, start=booking.start + week, end=booking.end + week,
            attendees=booking.attendees, hirer_id=booking.hirer_id, purpose=booking.purpose))

    def _on_issue_invoice(self) -> None:
        chosen = self.selected_bookings()
        if not chosen:
            return
        total = sum(b.total_pence for b in chosen)
        what = _describe(chosen[0]) if len(chosen) == 1 else (
            f"{len(chosen)} bookings of {chosen[0].hirer_name}")
        if not Messages.confirm(self, "Issue invoice",
                                f"Issue an invoice for {what}, {format_pence(total)}?\n"
                                "An issued invoice can only be corrected by a credit note."):
            return
        invoice = call(self, lambda: self._services.invoices.issue([b.id for b in chosen]),
                       title="Cannot issue the invoice")
        if not invoice:
            return
        self._bus.publish("invoice", [invoice.id], initiator=self)
        Messages.info(self, "Invoice issued",
                      f"Invoice {invoice.number} to {invoice.bill_to_name} for "
                      f"{format_pence(invoice.gross_pence)}, due {invoice.due_on:%d %b %Y}.\n"
                      "It opens next, to print or save.")
        show_preview(self, lambda: self._services.documents.invoice_data(invoice.id))

    def _on_print_confirmation(self) -> None:
        booking = self.current_booking()
        if booking is not None:
            show_preview(self, lambda: self._services.documents.confirmation_data(booking.id))

    def _on_print_invoice(self) -> None:
        invoice_id = self._current_invoice_id("; it opens ready to print.")
        if invoice_id is not None:
            show_preview(self, lambda: self._services.documents.invoice_data(invoice_id))

    def _on_make_documents(self) -> None:
        ids = tuple(b.id for b in self.selected_bookings())
        if ids:
            BatchDocumentsDialog(self._services, self,
                                 selection=Selection(CONFIRMATIONS, ids)).exec()

    def _on_record_payment(self) -> None:
        invoice_id = self._current_invoice_id(", then record the payment against it.")
        if invoice_id is not None:
            PaymentDialog.ask(self, self._services, self._bus, invoice_id)

    def _current_invoice_id(self, then: str) -> int | None:
        """The live invoice of the current booking; if none, says how to issue one."""
        booking = self.current_booking()
        if booking is None:
            return None
        invoice = call(self, lambda: self._services.invoices.invoice_for_booking(booking.id))
        if invoice is None:
            Messages.info(self, "Not invoiced yet",
                          f"{booking.reference} is not on an invoice yet. Issue one first "
                          f"(Issue invoice, Ctrl+I){then}")
        return invoice.id if invoice else None

    # -- slots: changes ----------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if not change.concerns(*WATCHED):
            return
        if change.concerns("hall", "venue"):
            self._halls_stale = True
        self._stale = True
        if self.isVisible():
            self._refresh_timer.start()

    def _on_attention_due(self) -> None:
        if self.isVisible():
            self.refresh_attention()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._attention_timer.start()
        if self._stale:
            self._refresh_timer.start()

    def hideEvent(self, event) -> None:
        self._attention_timer.stop()
        super().hideEvent(event)

    # -- helpers -----------------------------------------------------------------------

    def _today(self) -> date:
        return local_day(self._services.ctx.now())

    def _load_halls(self) -> None:
        halls = call(self, self._services.venues.list_halls, inline=self.list_error)
        if not isinstance(halls, list):
            return
        self._halls_stale = False
        current = self.hall.currentData() if self.hall.currentIndex() > 0 else ""
        self.hall.blockSignals(True)
        self.hall.clear()
        self.hall.addItem("All halls", "")
        venue_seen: set[int] = set()
        for hall in halls:
            if hall.venue_id not in venue_seen:
                venue_seen.add(hall.venue_id)
                self.hall.addItem(f"{hall.venue_name} (all halls)", f"venue:{hall.venue_id}")
            self.hall.addItem(f"    {hall.name}", f"hall:{hall.id}")
        index = self.hall.findData(current) if current else 0
        self.hall.setCurrentIndex(max(index, 0))
        self.hall.blockSignals(False)

    def _select_ids(self, booking_ids: list[int]) -> bool:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = None
        for booking_id in booking_ids:
            row = self.model.row_of(booking_id)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, REFERENCE))
            selection.select(index, QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)
            first = first or index
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)
        return first is not None

    def _update_actions(self) -> None:
        chosen = self.selected_bookings()
        one = len(chosen) == 1
        a = self.actions
        a.open.setEnabled(one)
        a.duplicate.setEnabled(one)
        a.record_payment.setEnabled(one)
        a.print_confirmation.setEnabled(one)
        a.print_invoice.setEnabled(one)
        a.make_documents.setEnabled(bool(chosen))
        a.move.setEnabled(one and chosen[0].status in OPEN_STATUSES)
        a.cancel.setEnabled(one and chosen[0].status in OPEN_STATUSES)
        a.confirm.setEnabled(any(b.status is BookingStatus.PROVISIONAL for b in chosen))
        a.issue_invoice.setEnabled(bool(chosen))

    def _show_dates(self, first: date | None, last: date | None, problem: str) -> None:
        if problem:
            self._show_error(self.dates_error, problem)
        else:
            self.dates_error.hide()
        start = f"{first:%a} {first.day} {first:%b %Y}" if first else "the start"
        end = f"{last:%a} {last.day} {last:%b %Y}" if last else "onwards"
        self.dates_shown.setText(f"{start} – {end}" if last else f"{start} {end}")

    def _show_error(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()


def configure_booking_columns(table: QTableView, *, hall: int = 16, venue: int = 26,
                              hirer: int = 26) -> None:
    """Compact rows and fixed starting widths (the clerk may drag them): short columns fit
    a typical value, names get `hall`/`venue`/`hirer` characters, purpose the rest.

    Widths come from sample text, not from the rows: fitting 500 rows to their contents
    costs thousands of model calls on every refresh.
    """
    metrics = table.fontMetrics()
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
    header = table.horizontalHeader()
    header.setMinimumSectionSize(metrics.horizontalAdvance("M") * 3)
    padding = metrics.horizontalAdvance("M") * 2
    samples = {REFERENCE: "BK-000000", DATE: "Wed 30 Nov 2026", TIME: "00:00–00:00",
               ATTENDEES: "People", STATUS: "Hold to 30 Nov 00:00",
               TOTAL: "£00,000.00"}
    for column in range(len(HEADERS)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        text = samples.get(column, HEADERS[column])
        header.resizeSection(column, metrics.horizontalAdvance(text) + padding)
    for column, chars in ((HALL, hall), (VENUE, venue), (HIRER, hirer)):
        header.resizeSection(column, metrics.horizontalAdvance("n") * chars)
    header.setSectionResizeMode(PURPOSE, QHeaderView.ResizeMode.Stretch)


def _describe(b: BookingSummary) -> str:
    return (f"{b.reference}, {b.hall_name}, {day_text(b.start)} {time_text(b.start, b.end)} "
            f"for {b.hirer_name}")


def _buddy(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    # The mnemonic's width is left out of the size hint; a little room keeps "To" whole.
    label.setMinimumWidth(label.sizeHint().width() + label.fontMetrics().averageCharWidth())
    return label


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label
