"""Moving a booking: prefilled, checked live without clashing with itself, clash refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spacebank.domain.errors import SpacebankError
from spacebank.services.booking_dto import BookingDetails, BookingRequest
from spacebank.services.container import Services
from tests.factories import World
from ui.bookings.move_dialog import MoveDialog
from ui.changes import Change, ChangeBus

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

SAT = date(2026, 12, 12)


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def book(services: Services, hall_id: int, hirer_id: int, start: datetime, end: datetime
         ) -> BookingDetails:
    return services.bookings.hold(BookingRequest(hall_id=hall_id, hirer_id=hirer_id,
                                                 start=start, end=end, purpose="Party",
                                                 attendees=30))


@pytest.fixture
def booking(services: Services, ui_world: World) -> BookingDetails:
    return book(services, ui_world.half_b_id, ui_world.hirer_id, at(SAT, 14), at(SAT, 18))


def move_dialog(qtbot: QtBot, services: Services, bus: ChangeBus, booking_id: int
                ) -> MoveDialog:
    dialog = MoveDialog(None, services, bus, services.bookings.get(booking_id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def retype(qtbot: QtBot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_prefilled_and_free_of_itself(qtbot: QtBot, services: Services, ui_world: World,
                                      bus: ChangeBus, booking: BookingDetails) -> None:
    dialog = move_dialog(qtbot, services, bus, booking.id)
    assert dialog.hall.hall_id() == ui_world.half_b_id
    assert dialog.slot.read() == (at(SAT, 14), at(SAT, 18))
    assert QApplication.focusWidget() is dialog.slot.date.edit
    # Its own slot does not clash with itself.
    assert dialog.verdict.text().startswith("✔ Main Hall (south half) is free")
    assert dialog.price.text() == "Price after the move: £160.00 (now £160.00)"


def test_move_to_another_time_and_hall(qtbot: QtBot, services: Services, ui_world: World,
                                       bus: ChangeBus, booking: BookingDetails) -> None:
    seen: list[Change] = []
    bus.changed.connect(seen.append)
    dialog = move_dialog(qtbot, services, bus, booking.id)
    retype(qtbot, dialog.slot.date.edit, "sun")  # Sun 22 Nov: inside the notice period
    retype(qtbot, dialog.slot.from_edit, "10")
    retype(qtbot, dialog.slot.to_edit, "1")
    dialog.hall.set_hall_id(ui_world.other_hall_id)
    qtbot.waitUntil(lambda: "Reading Room is free Sun 22 Nov 2026 10:00–13:00"
                    in dialog.verdict.text())
    assert "(now £160.00)" in dialog.price.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    moved = services.bookings.get(booking.id)
    assert (moved.hall_id, moved.start.hour, moved.end.hour) == (ui_world.other_hall_id, 10, 13)
    assert moved.start.date() == date(2026, 11, 22)
    assert dialog.result_details == moved and moved.version > booking.version
    assert seen == [Change("booking", frozenset({booking.id}), dialog)]


def test_a_clash_is_refused_with_the_services_message(
        qtbot: QtBot, services: Services, ui_world: World, bus: ChangeBus,
        booking: BookingDetails) -> None:
    other = book(services, ui_world.main_hall_id, ui_world.charity_id, at(SAT, 9), at(SAT, 11))
    seen: list[Change] = []
    bus.changed.connect(seen.append)
    dialog = move_dialog(qtbot, services, bus, booking.id)
    retype(qtbot, dialog.slot.from_edit, "10")
    retype(qtbot, dialog.slot.to_edit, "12")
    dialog.refresh_now()
    assert other.reference in dialog.verdict.text()
    with pytest.raises(SpacebankError) as caught:
        services.bookings.move(booking.id, start=at(SAT, 10), end=at(SAT, 12))
    dialog.move_button.click()

    assert dialog.errors.message("start") == caught.value.user_message
    assert dialog.start_error.isVisible() and dialog.isVisible()
    assert dialog.result_details is None and seen == []
    assert services.bookings.get(booking.id).start.hour == 14


def test_typing_mistakes_show_by_the_field(qtbot: QtBot, services: Services, ui_world: World,
                                           bus: ChangeBus, booking: BookingDetails) -> None:
    dialog = move_dialog(qtbot, services, bus, booking.id)
    retype(qtbot, dialog.slot.date.edit, "someday")
    dialog.refresh_now()
    assert "not a date I understand" in dialog.errors.message("date")
    dialog.move_button.click()
    assert "not a date I understand" in dialog.errors.message("date")
    assert services.bookings.get(booking.id).version == booking.version


def test_ask(qtbot: QtBot, services: Services, ui_world: World, bus: ChangeBus,
             booking: BookingDetails) -> None:
    def move_an_hour_later() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MoveDialog)
        dialog.slot.from_edit.setText("15")
        dialog.slot.to_edit.setText("19")
        dialog.move_button.click()

    QTimer.singleShot(0, move_an_hour_later)
    moved = MoveDialog.ask(None, services, bus, booking.id)
    assert moved is not None and moved.start.hour == 15

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert MoveDialog.ask(None, services, bus, booking.id) is None
