"""The booking dialog's buttons and keyboard shortcuts, built in one place.

New booking: Hold (Ctrl+Enter) and Confirm booking (Ctrl+Shift+Enter); on the Series
tab, Create series and Create, skipping clashing dates. An existing booking: Save
changes, Confirm hold, Move…, Cancel booking…. Enter alone never saves.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ui.bookings.keyboard import no_default_buttons


def _button(text: str, name: str, tip: str) -> QPushButton:
    made = QPushButton(text)
    made.setAccessibleName(name)
    made.setToolTip(tip)
    return made


class BookingButtons(QObject):
    def __init__(self, dialog: QWidget, *, new: bool) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self.hold = _button("Ho&ld", "Hold", "Pencil a provisional hold (Ctrl+Enter)")
        self.confirm = _button("Confir&m booking", "Confirm booking",
                               "Book it confirmed now (Ctrl+Shift+Enter)")
        self.create_series = _button("Create series", "Create series",
                                     "Save every date; refused if any date clashes "
                                     "(Ctrl+Enter)")
        self.skip = _button("Create, s&kipping clashing dates",
                            "Create series skipping clashing dates",
                            "Save the free dates only (Ctrl+Shift+Enter)")
        self.save = _button("&Save changes", "Save changes", "Save the changes (Ctrl+Enter)")
        self.confirm_hold = _button("Confirm &hold", "Confirm hold",
                                    "Turn the hold into a confirmed booking "
                                    "(Ctrl+Shift+Enter)")
        self.move = _button("&Move…", "Move", "Another date, time or hall")
        self.cancel_booking = _button("Cancel booki&ng…", "Cancel booking",
                                      "Cancel the booking (a reason is required)")
        self.series = _button("Se&ries…", "Series",
                              "New times for the whole series, or cancel it, from a date")
        self.print_letter = _button("Prin&t…", "Print confirmation",
                                    "Preview the confirmation letter, to print or save "
                                    "(Ctrl+P)")
        self.close = _button("Cancel" if new else "Close", "Close",
                             "Close without saving (Esc)")
        #: The buttons this dialog shows, left to right (and in Tab order).
        self.shown = ([self.hold, self.confirm, self.create_series, self.skip, self.close]
                      if new else
                      [self.save, self.confirm_hold, self.move, self.cancel_booking,
                       self.series, self.print_letter, self.close])
        no_default_buttons(*self.shown)
        self.row = QHBoxLayout()
        self.row.addStretch(1)
        for made in self.shown:
            self.row.addWidget(made)

    def shortcut(self, text: str, keys: list[str], slot: Callable[[], None]) -> QAction:
        """A dialog-wide shortcut (it works whichever field has the focus)."""
        action = QAction(text, self._dialog)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self._dialog.addAction(action)
        return action
