"""Small questions the bookings list asks (behind classmethods, so tests can answer them)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class CancelReasonDialog(QDialog):
    """Asks why a booking is being cancelled; OK stays disabled until a reason is typed."""

    def __init__(self, parent: QWidget | None, what: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cancel booking")
        question = QLabel(f"Cancel {what}?")
        question.setWordWrap(True)
        bold = question.font()
        bold.setBold(True)
        question.setFont(bold)
        intro = QLabel("The reason is kept with the booking and in the audit log. Refunds "
                       "are recorded separately.")
        intro.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Cancellation reason")
        self.reason.setPlaceholderText("e.g. Hirer's event postponed")
        self.reason.setMaxLength(400)
        label = QLabel("&Reason")
        label.setBuddy(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.ok_button = buttons.addButton("Cancel &booking",
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 72)


class BookingPrompts:
    @classmethod
    def cancel_reason(cls, parent: QWidget | None, what: str) -> str | None:
        """The reason typed for cancelling `what` ("BK-000123, Main Hall …"), or None."""
        dialog = CancelReasonDialog(parent, what)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason.text().strip() or None

    @classmethod
    def manager_name(cls, parent: QWidget | None, message: str) -> str | None:
        """The approving manager's name for a short-notice confirmation, or None."""
        name, ok = QInputDialog.getText(
            parent, "Manager's approval", f"{message}\n\nApproving manager's name:")
        return name.strip() or None if ok else None
