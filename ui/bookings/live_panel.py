"""Is the slot free, and what will it cost: updated as the clerk types."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spacebank.domain.money import format_pence
from spacebank.domain.pricing import Quote
from spacebank.services.booking_dto import SlotCheck
from ui.bookings.charge_lines_model import DESCRIPTION, ChargeLinesModel
from ui.console.formatting import day_text, span_text
from ui.form_parts import MUTED_STYLE

FREE_STYLE = "color: #1e7b34; font-weight: bold;"
PROBLEM_STYLE = "color: #b03a2e;"


class LivePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = QLabel()
        self.verdict.setAccessibleName("Availability")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.charges_model = ChargeLinesModel(self)
        self.charges = QTableView()
        self.charges.setModel(self.charges_model)
        self.charges.setAccessibleName("Charges")
        self.charges.verticalHeader().hide()
        self.charges.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.charges.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.charges.setTabKeyNavigation(False)
        self.charges.setWordWrap(True)
        # Rows grow to fit a wrapped description (a discount's reason can be long).
        self.charges.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        header = self.charges.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.total = QLabel()
        self.total.setAccessibleName("Total price")
        self.total.setTextFormat(Qt.TextFormat.PlainText)
        font = self.total.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.total.setFont(font)
        self.deposit = QLabel()
        self.deposit.setAccessibleName("Deposit")
        self.deposit.setWordWrap(True)
        self.price_note = QLabel()
        self.price_note.setAccessibleName("Price note")
        self.price_note.setWordWrap(True)
        self.price_note.setStyleSheet(MUTED_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.charges, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.deposit)
        layout.addWidget(self.price_note)
        self.show_waiting("Type the date and times to check the hall.")
        self.show_no_price("")

    # -- availability ------------------------------------------------------------------

    def show_waiting(self, text: str) -> None:
        self.verdict.setText(text)
        self.verdict.setStyleSheet(MUTED_STYLE)

    def show_check(self, check: SlotCheck, hall_name: str, *, new: bool = False) -> None:
        """The verdict; for a new booking, also how long a hold taken now would last."""
        when = f"{day_text(check.start.date())} {span_text(check.start, check.end)}"
        if check.free:
            text = f"✔ {hall_name} is free {when}."
            if new and check.hold_until is not None:
                until = check.hold_until
                text += f"\nA hold now lasts until {day_text(until.date())} {until:%H:%M}."
            self.verdict.setText(text)
            self.verdict.setStyleSheet(FREE_STYLE)
            return
        lines = [f"✖ {hall_name} cannot be booked {when}:"]
        lines += [f"• {problem.message}" for problem in check.problems]
        self.verdict.setText("\n".join(lines))
        self.verdict.setStyleSheet(PROBLEM_STYLE)

    def problems_text(self) -> str:
        return self.verdict.text()

    # -- price ---------------------------------------------------------------------------

    def show_quote(self, quote: Quote) -> None:
        self.charges_model.set_rows(quote.lines)
        text = f"Total {format_pence(quote.total_pence)}"
        if quote.vat_pence:
            text += f" (including VAT {format_pence(quote.vat_pence)})"
        self.total.setText(text)
        self.deposit.setText(
            f"Deposit {format_pence(quote.deposit_pence)}, refundable, paid separately"
            if quote.deposit_pence else "No deposit for this rate")
        self.price_note.clear()
        self.price_note.hide()

    def show_no_price(self, text: str) -> None:
        self.charges_model.set_rows(())
        self.total.setText("Total —")
        self.deposit.clear()
        self.price_note.setText(text)
        self.price_note.setVisible(bool(text))
