"""The series dialog on real services: new times from a date, cancel from a date, clashes."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from pytestqt.qtbot import QtBot

from spacebank.domain.enums import BookingStatus, Frequency
from spacebank.services.booking_dto import BookingFilter, BookingRequest, SeriesRequest
from spacebank.services.container import Services
from tests.factories import World
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.booking_prompts import BookingPrompts
from ui.bookings.series_dialog import SeriesDialog
from ui.changes import ChangeBus

FIRST_TUE = date(2026, 12, 8)  # outside the 14-day notice period from Sat 21 Nov
DATES = [date(2026, 12, 8), date(2026, 12, 15), date(2026, 12, 22), date(2026, 12, 29)]
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


@pytest.fixture
def series_ids(services: Services, ui_world: World) -> list[int]:
    """A weekly Tuesday 18:00–20:00 series of four dates; its booking ids by date."""
    made = services.series.create(SeriesRequest(
        hall_id=ui_world.half_a_id, hirer_id=ui_world.charity_id, frequency=Frequency.WEEKLY,
        first_date=FIRST_TUE, start_time=time(18), end_time=time(20), purpose="Toddler group",
        attendees=25, count=4))
    return list(made.booking_ids)


def open_dialog(qtbot: QtBot, services: Services, bus: ChangeBus, booking_id: int
                ) -> SeriesDialog:
    dialog = SeriesDialog(None, services, bus, services.bookings.get(booking_id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown(services: Services, world: World) -> list[tuple[date, int, BookingStatus]]:
    """(day, start hour, status) of every booking in the series' hall over its dates."""
    found = services.bookings.list(BookingFilter(
        first_day=DATES[0], last_day=DATES[-1], hall_id=world.half_a_id))
    return [(b.start.date(), b.start.hour, b.status) for b in found]


def retype(qtbot: QtBot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_new_times_from_the_second_date_leave_the_first_alone(
    qtbot: QtBot, services: Services, bus: ChangeBus, ui_world: World, series_ids: list[int]
) -> None:
    dialog = open_dialog(qtbot, services, bus, series_ids[1])
    assert dialog.slot.date.shown.text() == "Tue 15 Dec 2026"
    retype(qtbot, dialog.slot.from_edit, "17")
    retype(qtbot, dialog.slot.to_edit, "19")
    with qtbot.waitSignal(bus.changed):
        dialog.change_button.click()
    assert dialog.result is not None and len(dialog.result.booking_ids) == 3
    assert shown(services, ui_world) == [(DATES[0], 18, BookingStatus.CONFIRMED)] + [
        (day, 17, BookingStatus.CONFIRMED) for day in DATES[1:]]


def test_a_clash_on_any_date_changes_none_and_says_which(
    qtbot: QtBot, services: Services, bus: ChangeBus, ui_world: World, series_ids: list[int]
) -> None:
    services.bookings.book(BookingRequest(
        hall_id=ui_world.half_a_id, hirer_id=ui_world.hirer_id,
        start=datetime(2026, 12, 22, 15), end=datetime(2026, 12, 22, 17), purpose="Party",
        attendees=20))
    dialog = open_dialog(qtbot, services, bus, series_ids[0])
    retype(qtbot, dialog.slot.from_edit, "16")
    dialog.change_button.click()
    assert dialog.result is None and dialog.isVisible()
    assert "22 Dec" in dialog.times_error.text()
    assert [hour for _, hour, _ in shown(services, ui_world)] == [18, 18, 15, 18, 18]  # unchanged


def test_cancel_from_a_date_asks_why_and_cancels_the_rest(
    qtbot: QtBot, services: Services, bus: ChangeBus, ui_world: World, series_ids: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def reason(cls, parent, what):  # type: ignore[no-untyped-def]
        asked.append(what)
        return "Group has closed"

    monkeypatch.setattr(BookingPrompts, "cancel_reason", classmethod(reason))
    dialog = open_dialog(qtbot, services, bus, series_ids[0])
    retype(qtbot, dialog.slot.date.edit, "22/12")
    dialog.cancel_button.click()
    assert asked == ["every open date of this series from Tue 22 Dec 2026 on"]
    assert [status for _, _, status in shown(services, ui_world)] == [
        BookingStatus.CONFIRMED, BookingStatus.CONFIRMED, BookingStatus.CANCELLED,
        BookingStatus.CANCELLED]


def test_a_bad_from_date_is_shown_by_the_field_and_nothing_is_asked(
    qtbot: QtBot, services: Services, bus: ChangeBus, ui_world: World, series_ids: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(BookingPrompts, "cancel_reason", classmethod(
        lambda cls, parent, what: pytest.fail("asked for a reason")))
    dialog = open_dialog(qtbot, services, bus, series_ids[0])
    retype(qtbot, dialog.slot.date.edit, "someday")
    dialog.cancel_button.click()
    assert dialog.date_error.isVisibleTo(dialog) and dialog.date_error.text()
    assert all(status is BookingStatus.CONFIRMED for _, _, status in shown(services, ui_world))


def test_the_booking_dialog_offers_series_only_for_a_series_booking(
    qtbot: QtBot, services: Services, bus: ChangeBus, ui_world: World, series_ids: list[int]
) -> None:
    one_off = services.bookings.book(BookingRequest(
        hall_id=ui_world.main_hall_id, hirer_id=ui_world.hirer_id,
        start=datetime(2026, 12, 12, 14), end=datetime(2026, 12, 12, 16), purpose="Party",
        attendees=20))
    for booking_id, offered in ((series_ids[0], True), (one_off.id, False)):
        dialog = BookingDialog(None, services, bus, details=services.bookings.get(booking_id))
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.series_button.isVisible() is offered
        dialog.reject()
