"""Windows never open larger than the screen (the offscreen screen is 800×800)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from spacebank.services.container import Services
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.prefill import BookingPrefill
from ui.changes import ChangeBus
from ui.screen_fit import grow_to_fit, resize_to_fit


def test_a_window_is_shrunk_to_the_screen_but_never_grown(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    resize_to_fit(window, 5000, 5000)
    assert window.width() <= room.width() * 0.9 and window.height() <= room.height() * 0.9
    resize_to_fit(window, 300, 200)
    assert (window.width(), window.height()) == (300, 200)


def test_the_booking_dialog_fits_the_screen(qtbot: QtBot, services: Services,
                                            bus: ChangeBus) -> None:
    dialog: QDialog = BookingDialog(None, services, bus, prefill=BookingPrefill())
    qtbot.addWidget(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()


@pytest.mark.qt_log_ignore(r"This plugin does not support")
def test_a_shown_window_grows_to_fit_a_wrapped_problem(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    problem = QLabel()
    problem.setWordWrap(True)
    layout.addWidget(QLineEdit())
    layout.addWidget(problem)
    window.resize(240, 60)
    window.show()
    before = window.height()
    problem.setText("A refund of £500.00 is more than the £80.00 paid on invoice "
                    "SB-2026-000001; check the amount and try again. " * 2)
    grow_to_fit(window)
    assert window.width() == 240 and window.height() > before
    taller = window.height()
    problem.setText("Short.")
    grow_to_fit(window)
    assert window.height() == taller  # never shrinks
