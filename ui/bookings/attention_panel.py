"""The "Needs attention" panel: holds about to lapse and short-notice loose ends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spacebank.services.attention_service import MAX_ITEMS, AttentionItem
from ui.bookings.attention_model import DUE, EVENT, HALL, HIRER, REASON, REFERENCE, AttentionModel
from ui.bookings.bookings_table_model import BOOKING_ID_ROLE


class AttentionPanel(QWidget):
    """Counts and rows; Enter or a double-click asks for the booking to be opened."""

    open_booking_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AttentionModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Bookings that need attention")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        padding = metrics.horizontalAdvance("M") * 2
        for column, sample in ((DUE, "Tomorrow 00:00"), (REFERENCE, "BK-000000"),
                               (EVENT, "Wed 30 Nov 00:00–00:00")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + padding)
        letter = metrics.horizontalAdvance("n")
        for column, chars in ((HALL, 26), (HIRER, 20)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, letter * chars)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(letter * 4)
        self.view.activated.connect(self._on_activated)
        self.heading = QLabel("Nee&ds attention")
        self.heading.setBuddy(self.view)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.counts_label = QLabel()
        self.counts_label.setAccessibleName("Needs attention counts")
        self.counts_label.setWordWrap(True)
        self.error = QLabel()
        self.error.setAccessibleName("Needs attention problem")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading)
        heading_row.addWidget(self.counts_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading_row)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        self.set_items(())

    def set_items(self, items: Sequence[AttentionItem], today: date | None = None) -> None:
        current = self.current_booking_id()
        self.model.set_items(items, today)
        holds, short = self.model.counts()
        if not items:
            self.counts_label.setText("Nothing right now: no holds lapse within 48 hours and "
                                      "every booking inside the notice period is settled.")
        else:
            shorts = (f"{short} or more bookings" if short >= MAX_ITEMS
                      else _count(short, "booking", "bookings"))
            self.counts_label.setText(
                f"{_count(holds, 'hold lapses', 'holds lapse')} within 48 hours · "
                f"{shorts} inside the notice period with something outstanding. "
                "Enter opens the booking."
            )
        self._select(current)

    def current_booking_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(BOOKING_ID_ROLE) if index.isValid() else None

    def _select(self, booking_id: int | None) -> None:
        row = self.model.row_of(booking_id) if booking_id is not None else None
        if row is not None:
            self.view.selectRow(row)

    def _on_activated(self, index: QModelIndex) -> None:
        booking_id = index.data(BOOKING_ID_ROLE)
        if booking_id is not None:
            self.open_booking_requested.emit(int(booking_id))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
