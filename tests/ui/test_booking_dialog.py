"""The booking dialog on real services: holds, clashes, live price, approval, series, edits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from spacebank.domain.enums import BookingStatus, DiscountKind, Frequency
from spacebank.domain.errors import SpacebankError
from spacebank.domain.money import format_pence
from spacebank.domain.pricing import Discount
from spacebank.services.booking_dto import BookingFilter, BookingRequest, SeriesRequest
from spacebank.services.container import Services
from tests.factories import World
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.booking_prompts import BookingPrompts
from ui.bookings.booking_texts import saved_text
from ui.bookings.charge_lines_model import ChargeLinesModel
from ui.bookings.extras_model import NAME, QUANTITY, ExtrasModel
from ui.bookings.hall_choice import HallChoiceModel
from ui.bookings.move_dialog import MoveDialog
from ui.bookings.occurrence_model import OccurrenceModel
from ui.bookings.prefill import BookingPrefill
from ui.changes import Change, ChangeBus

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

SAT = date(2026, 12, 12)  # three weeks after "now" (Sat 21 Nov 2026 10:00): no notice rule


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def changes(bus: ChangeBus) -> list[Change]:
    seen: list[Change] = []
    bus.changed.connect(seen.append)
    return seen


def saved_bookings(services: Services) -> list:
    return services.bookings.list(BookingFilter(first_day=date(2026, 11, 1),
                                                last_day=date(2027, 12, 31)))


def show(qtbot: QtBot, dialog: QWidget) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def new_dialog(qtbot: QtBot, services: Services, bus: ChangeBus, **prefill: object
               ) -> BookingDialog:
    dialog = BookingDialog(None, services, bus, prefill=BookingPrefill(**prefill))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    return dialog


def party(world: World, **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {"hall_id": world.half_b_id, "start": at(SAT, 14),
                                 "end": at(SAT, 18), "attendees": 40, "hirer_id": world.hirer_id}
    values.update(overrides)
    return values


def wait_live(qtbot: QtBot, dialog: BookingDialog) -> None:
    """The edit started the debounce; run it now rather than wait for it."""
    assert dialog._live.isActive()
    dialog.flush()
    qtbot.waitUntil(lambda: not dialog.previewer.busy())  # a series is checked off-thread


def refused(action: Callable[[], object]) -> SpacebankError:
    with pytest.raises(SpacebankError) as caught:
        action()
    return caught.value


# -- taking a booking -------------------------------------------------------------------


def test_hold_is_saved_and_published(qtbot: QtBot, services: Services, ui_world: World,
                                     bus: ChangeBus) -> None:
    seen = changes(bus)
    dialog = new_dialog(qtbot, services, bus, **party(ui_world))
    assert QApplication.focusWidget() is dialog.form.purpose  # all else was prefilled
    qtbot.keyClicks(dialog.form.purpose, "Birthday party")
    qtbot.mouseClick(dialog.hold_button, Qt.MouseButton.LeftButton)

    held = dialog.saved
    assert held is not None and held.status is BookingStatus.PROVISIONAL
    assert held.hold_expires_at is not None
    assert [(b.id, b.purpose) for b in saved_bookings(services)] == [(held.id, "Birthday party")]
    assert seen == [Change("booking", frozenset({held.id}), dialog)]
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "until Sat 28 Nov 2026 10:00" in saved_text(held)


def test_a_clash_is_refused_next_to_the_start_field(qtbot: QtBot, services: Services,
                                                    ui_world: World, bus: ChangeBus) -> None:
    services.bookings.book(BookingRequest(
        hall_id=ui_world.main_hall_id, hirer_id=ui_world.charity_id, start=at(SAT, 10),
        end=at(SAT, 13), purpose="Toddler group", attendees=30))
    seen = changes(bus)
    dialog = new_dialog(qtbot, services, bus,
                        **party(ui_world, hall_id=ui_world.half_a_id, start=at(SAT, 12),
                                end=at(SAT, 16)))
    qtbot.keyClicks(dialog.form.purpose, "Party")
    request = dialog.form.request()
    expected = refused(lambda: services.bookings.hold(request)).user_message
    dialog.hold_button.click()

    assert dialog.form.errors.message("start") == expected
    assert "BK-000001" in expected and dialog.form.start_error.isVisible()
    assert dialog.saved is None and dialog.isVisible()
    assert len(saved_bookings(services)) == 1 and seen == []
    assert QApplication.focusWidget() is dialog.form.slot.from_edit
    # The live panel listed the same problem before the clerk even pressed Hold.
    assert expected in dialog.live.problems_text()


def test_live_price_is_the_services_quote(qtbot: QtBot, services: Services, ui_world: World,
                                          bus: ChangeBus) -> None:
    dialog = new_dialog(qtbot, services, bus, **party(ui_world))
    quote = services.bookings.quote(dialog.form.request())
    assert dialog.live.charges_model.rows() == quote.lines
    assert dialog.live.total.text() == f"Total {format_pence(quote.total_pence)}"
    assert format_pence(quote.deposit_pence) in dialog.live.deposit.text()

    # Tick "Kitchen use" and make it two: the price follows after the debounce.
    model = dialog.form.extras_model
    model.setData(model.index(0, NAME), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(0, QUANTITY), 2)
    assert dialog.live.total.text() == f"Total {format_pence(quote.total_pence)}"  # not yet
    with_kitchen = services.bookings.quote(dialog.form.request())
    qtbot.waitUntil(lambda: dialog.live.total.text()
                    == f"Total {format_pence(with_kitchen.total_pence)}")
    assert dialog.form.request().extras == ((ui_world.kitchen_extra_id, 2),)
    assert with_kitchen.total_pence == quote.total_pence + 2 * 2500
    assert dialog.live.total.text() == f"Total {format_pence(with_kitchen.total_pence)}"


def test_times_typed_like_the_console(qtbot: QtBot, services: Services, ui_world: World,
                                      bus: ChangeBus) -> None:
    dialog = new_dialog(qtbot, services, bus, hall_id=ui_world.half_b_id,
                        hirer_id=ui_world.hirer_id)
    slot = dialog.form.slot
    assert QApplication.focusWidget() is slot.date.edit
    assert dialog.form.errors.message("date") == ""  # blank is not a mistake (yet)
    assert "Type the hall, date and times" in dialog.live.verdict.text()
    qtbot.keyClicks(slot.date.edit, "sat")
    assert slot.date.shown.text() == "Sat 21 Nov 2026 (today)"
    slot.date.edit.clear()
    qtbot.keyClicks(slot.date.edit, "12/12")
    qtbot.keyClicks(slot.from_edit, "2pm")
    qtbot.keyClicks(slot.to_edit, "6")
    assert slot.date.shown.text() == "Sat 12 Dec 2026" and slot.length.text() == "(4 h)"
    assert dialog.form.times()[1:] == (at(SAT, 14), at(SAT, 18))
    wait_live(qtbot, dialog)
    assert "is free Sat 12 Dec 2026 14:00–18:00" in dialog.live.verdict.text()
    # Seven days from now (Sat 21 Nov 10:00), before the 14-day notice deadline.
    assert "A hold now lasts until Sat 28 Nov 2026 10:00." in dialog.live.verdict.text()
    qtbot.keyClicks(slot.to_edit, "x")
    wait_live(qtbot, dialog)
    assert "is not a time" in dialog.form.errors.message("end")


def test_short_notice_confirm_needs_a_managers_name(qtbot: QtBot, services: Services,
                                                    ui_world: World, bus: ChangeBus) -> None:
    soon = date(2026, 11, 28)  # a week away: inside the 14-day notice period
    dialog = new_dialog(qtbot, services, bus,
                        **party(ui_world, start=at(soon, 14), end=at(soon, 18)))
    qtbot.keyClicks(dialog.form.purpose, "Wake")
    assert not dialog.approval_row.isVisible()
    expected = refused(lambda: services.bookings.book(dialog.form.request())).user_message
    qtbot.keyClick(dialog, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    assert dialog.approval_row.isVisible()
    assert dialog.form.errors.message("short_notice_approved_by") == expected
    assert QApplication.focusWidget() is dialog.approver
    assert dialog.saved is None and saved_bookings(services) == []

    qtbot.keyClicks(dialog.approver, "M. Patel")
    dialog.confirm_button.click()
    booked = dialog.saved
    assert booked is not None and booked.status is BookingStatus.CONFIRMED
    assert booked.short_notice_approved_by == "M. Patel"


def test_discount_problems_show_next_to_the_discount(qtbot: QtBot, services: Services,
                                                     ui_world: World, bus: ChangeBus) -> None:
    dialog = new_dialog(qtbot, services, bus, **party(ui_world))
    form = dialog.form
    form.discount_kind.setCurrentIndex(form.discount_kind.findData(DiscountKind.PERCENT))
    qtbot.keyClicks(form.discount_value, "25")
    qtbot.keyClicks(form.discount_reason, "Resident priority")
    wait_live(qtbot, dialog)
    needs = refused(lambda: Discount(DiscountKind.PERCENT, 2500, "x", "").validated())
    assert form.errors.message("discount_approved_by") == needs.user_message
    qtbot.keyClicks(form.discount_approver, "A. Manager")
    wait_live(qtbot, dialog)
    assert form.errors.message("discount_approved_by") == ""
    assert dialog.live.total.text() == "Total £120.00"  # 4 h at £40, less 25%
    form.discount_value.setText("12.345")
    form.discount_value.textEdited.emit("12.345")
    wait_live(qtbot, dialog)
    assert "two decimal places" in form.errors.message("discount_value")


def test_hirer_is_required(qtbot: QtBot, services: Services, ui_world: World,
                           bus: ChangeBus) -> None:
    dialog = new_dialog(qtbot, services, bus, **party(ui_world, hirer_id=None))
    assert "Choose the hirer" in dialog.live.price_note.text()
    dialog.form.purpose.setText("Party")
    dialog.hold_button.click()
    assert "Choose the hirer" in dialog.form.errors.message("hirer")
    assert dialog.saved is None


# -- series ---------------------------------------------------------------------------------


def test_series_preview_shows_a_clash_before_saving_and_skip_creates_the_rest(
        qtbot: QtBot, services: Services, ui_world: World, bus: ChangeBus) -> None:
    in_the_way = services.bookings.book(BookingRequest(
        hall_id=ui_world.main_hall_id, hirer_id=ui_world.hirer_id, start=at(date(2026, 12, 19), 9),
        end=at(date(2026, 12, 19), 12), purpose="Rehearsal", attendees=30))
    seen = changes(bus)
    dialog = new_dialog(qtbot, services, bus,
                        **party(ui_world, hall_id=ui_world.half_a_id, start=at(SAT, 18),
                                end=at(SAT, 20), hirer_id=ui_world.charity_id, attendees=25))
    dialog.form.slot.from_edit.setText("10")
    dialog.form.slot.to_edit.setText("12")
    qtbot.keyClicks(dialog.form.purpose, "Toddler group")
    qtbot.keyClick(dialog, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.currentWidget() is dialog.series
    assert dialog.create_series_button.isVisible() and not dialog.hold_button.isVisible()
    dialog.series.count.setValue(3)  # Sat 12, 19 and 26 Dec (Boxing Day: closed)
    wait_live(qtbot, dialog)

    rows = dialog.series.preview_model.rows()
    assert [r.day for r in rows] == [SAT, date(2026, 12, 19), date(2026, 12, 26)]
    assert [r.free for r in rows] == [True, False, False]
    model = dialog.series.preview_model
    assert model.index(0, 3).data() == "OK"
    assert in_the_way.reference in model.index(1, 3).data()
    assert "bank holiday" in model.index(2, 3).data()
    assert "2 of 3 dates cannot be booked" in dialog.series.summary.text()
    assert saved_bookings(services) == [services.bookings.list(BookingFilter())[0]]

    dialog.create_series_button.click()  # refused, listing the clashes; nothing saved
    assert not dialog.hold_button.isEnabled()  # saved off the UI thread, meanwhile disabled
    qtbot.waitUntil(lambda: not dialog.saver.busy())
    assert "2 of 3 dates cannot be booked" in dialog.form.errors.message("first_date")
    assert dialog.saved is None and len(saved_bookings(services)) == 1 and seen == []

    qtbot.keyClick(dialog, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not dialog.saver.busy())
    assert dialog.saved is not None and dialog.saved.start == at(SAT, 10).astimezone(
        dialog.saved.start.tzinfo)
    created = [b for b in saved_bookings(services) if b.id != in_the_way.id]
    assert [(b.start.date(), b.status) for b in created] == [(SAT, BookingStatus.CONFIRMED)]
    assert [c.kind for c in seen] == ["series"]
    assert seen[0].ids == frozenset({created[0].series_id})


def test_series_as_holds_for_a_count(qtbot: QtBot, services: Services, ui_world: World,
                                     bus: ChangeBus) -> None:
    dialog = new_dialog(qtbot, services, bus,
                        **party(ui_world, start=at(date(2027, 1, 5), 18),
                                end=at(date(2027, 1, 5), 20), attendees=20))
    qtbot.keyClicks(dialog.form.purpose, "Yoga")
    dialog.tabs.setCurrentWidget(dialog.series)
    dialog.series.confirm.setCurrentIndex(1)  # a provisional hold
    dialog.series.count.setValue(4)
    wait_live(qtbot, dialog)
    preview = services.series.preview(dialog._series_request())
    assert dialog.series.preview_model.rows() == preview.occurrences
    assert format_pence(preview.quote_per_date.total_pence) in dialog.series.summary.text()
    dialog.create_series_button.click()
    qtbot.waitUntil(lambda: dialog.saved is not None)
    created = saved_bookings(services)
    assert len(created) == 4
    assert {b.status for b in created} == {BookingStatus.PROVISIONAL}
    assert [b.start.date() for b in created][1] == date(2027, 1, 12)


# -- an existing booking ------------------------------------------------------------------------


def held(services: Services, world: World, **overrides: object):
    values: dict[str, object] = {"hall_id": world.half_b_id, "hirer_id": world.hirer_id,
                                 "start": at(SAT, 14), "end": at(SAT, 18),
                                 "purpose": "Birthday party", "attendees": 40}
    values.update(overrides)
    return services.bookings.hold(BookingRequest(**values))  # type: ignore[arg-type]


def edit_dialog(qtbot: QtBot, services: Services, bus: ChangeBus, booking_id: int
                ) -> BookingDialog:
    dialog = BookingDialog(None, services, bus, details=services.bookings.get(booking_id))
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    return dialog


def test_edit_changes_attendees(qtbot: QtBot, services: Services, ui_world: World,
                                bus: ChangeBus) -> None:
    booking = held(services, ui_world, discount=Discount(DiscountKind.PERCENT, 2500,
                                                         "Resident priority", "A. Manager"))
    seen = changes(bus)
    dialog = edit_dialog(qtbot, services, bus, booking.id)
    assert booking.reference in dialog.header.text() and "expires" in dialog.header.text()
    assert not dialog.form.hall.isEnabled() and not dialog.form.slot.from_edit.isEnabled()
    assert dialog.live.total.text() == f"Total {format_pence(booking.total_pence)}"
    dialog.form.attendees.selectAll()
    qtbot.keyClicks(dialog.form.attendees.lineEdit(), "55")
    wait_live(qtbot, dialog)
    assert dialog.live.total.text() == f"Total {format_pence(booking.total_pence)}"
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    after = services.bookings.get(booking.id)
    assert after.attendees == 55 and after.version == booking.version + 1
    assert after.discount == booking.discount  # kept, not dropped by the edit
    assert dialog.saved == after
    assert seen == [Change("booking", frozenset({booking.id}), dialog)]


def test_edit_too_many_people_is_refused_next_to_attendees(
        qtbot: QtBot, services: Services, ui_world: World, bus: ChangeBus) -> None:
    booking = held(services, ui_world)
    dialog = edit_dialog(qtbot, services, bus, booking.id)
    dialog.form.attendees.setValue(70)  # the half holds 60
    dialog.save_button.click()
    assert "holds 60 people" in dialog.form.errors.message("attendees")
    assert services.bookings.get(booking.id).attendees == 40


def test_confirm_hold(qtbot: QtBot, services: Services, ui_world: World,
                      bus: ChangeBus) -> None:
    booking = held(services, ui_world)
    dialog = edit_dialog(qtbot, services, bus, booking.id)
    assert dialog.confirm_hold_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert services.bookings.get(booking.id).status is BookingStatus.CONFIRMED
    assert dialog.saved is not None and dialog.saved.status is BookingStatus.CONFIRMED


def test_cancel_requires_a_reason(qtbot: QtBot, services: Services, ui_world: World,
                                  bus: ChangeBus, monkeypatch: pytest.MonkeyPatch) -> None:
    booking = held(services, ui_world)
    seen = changes(bus)
    dialog = edit_dialog(qtbot, services, bus, booking.id)
    answers = iter([None, "", "Event postponed"])
    monkeypatch.setattr(BookingPrompts, "cancel_reason",
                        classmethod(lambda cls, parent, what: next(answers)))

    dialog.cancel_booking_button.click()  # the clerk closed the prompt
    assert services.bookings.get(booking.id).status is BookingStatus.PROVISIONAL
    dialog.cancel_booking_button.click()  # no reason: the service refuses
    assert dialog.form.errors.message(None) == "Cancellation reason is required."
    assert services.bookings.get(booking.id).status is BookingStatus.PROVISIONAL
    assert seen == []
    dialog.cancel_booking_button.click()
    after = services.bookings.get(booking.id)
    assert after.status is BookingStatus.CANCELLED and after.cancel_reason == "Event postponed"
    assert seen == [Change("booking", frozenset({booking.id}), dialog)]


def test_move_from_the_booking(qtbot: QtBot, services: Services, ui_world: World,
                               bus: ChangeBus, monkeypatch: pytest.MonkeyPatch) -> None:
    booking = held(services, ui_world)
    dialog = edit_dialog(qtbot, services, bus, booking.id)

    def fake_move(cls, parent, services_, bus_, booking_id):
        return services_.bookings.move(booking_id, start=at(SAT, 15), end=at(SAT, 19))

    monkeypatch.setattr(MoveDialog, "ask", classmethod(fake_move))
    dialog.move_button.click()
    assert "15:00–19:00" in dialog.header.text()
    assert dialog.form.slot.from_edit.text() == "15:00"
    qtbot.keyClicks(dialog.form.purpose, "!")
    dialog.save_button.click()  # with the moved booking's version: no "changed elsewhere"
    assert services.bookings.get(booking.id).purpose == "Birthday party!"


def test_a_cancelled_booking_is_read_only(qtbot: QtBot, services: Services, ui_world: World,
                                          bus: ChangeBus) -> None:
    booking = held(services, ui_world)
    services.bookings.cancel(booking.id, reason="Changed plans")
    dialog = edit_dialog(qtbot, services, bus, booking.id)
    assert "Cancelled by test.clerk: Changed plans" in dialog.header.text()
    assert not dialog.form.purpose.isEnabled() and not dialog.save_button.isEnabled()
    assert not dialog.confirm_hold_button.isVisible()


# -- entry points, keyboard, models -----------------------------------------------------------


def close_when_shown(action: Callable[[BookingDialog], None]) -> None:
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BookingDialog)
        action(dialog)
    QTimer.singleShot(0, act)


def test_ask_new_and_ask_edit(qtbot: QtBot, services: Services, ui_world: World,
                              bus: ChangeBus) -> None:
    def hold(dialog: BookingDialog) -> None:
        dialog.form.purpose.setText("Party")
        dialog.hold_button.click()

    close_when_shown(hold)
    made = BookingDialog.ask_new(None, services, bus, BookingPrefill(**party(ui_world)))  # type: ignore[arg-type]
    assert made is not None and made.purpose == "Party"
    close_when_shown(lambda dialog: dialog.close_button.click())
    assert BookingDialog.ask_edit(None, services, bus, made.id) is None


def test_canonical_call_by_keyboard(qtbot: QtBot, services: Services, ui_world: World,
                                    bus: ChangeBus) -> None:
    """Console prefill (hall, Saturday 14–18, 60 people); hirer, purpose and Hold typed."""
    dialog = new_dialog(qtbot, services, bus, hall_id=ui_world.half_b_id, start=at(SAT, 14),
                        end=at(SAT, 18), attendees=60)
    keystrokes = 0

    def type_text(text: str) -> None:
        nonlocal keystrokes
        qtbot.keyClicks(QApplication.focusWidget(), text)
        keystrokes += len(text)

    def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
              ) -> None:
        nonlocal keystrokes
        qtbot.keyClick(QApplication.focusWidget(), key, modifiers)
        keystrokes += 1

    assert QApplication.focusWidget() is dialog.form.hirer.edit
    type_text("zoe")
    press(Qt.Key.Key_Return)  # takes the first match and moves on
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.purpose)
    type_text("Party")
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Hold

    assert dialog.saved is not None
    assert (dialog.saved.hirer_id, dialog.saved.status) == (ui_world.hirer_id,
                                                            BookingStatus.PROVISIONAL)
    assert keystrokes == 10


def test_enter_moves_to_the_next_field_not_save(qtbot: QtBot, services: Services,
                                                ui_world: World, bus: ChangeBus) -> None:
    dialog = new_dialog(qtbot, services, bus, **party(ui_world))
    dialog.form.slot.date.edit.setFocus()
    qtbot.keyClick(dialog.form.slot.date.edit, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is dialog.form.slot.from_edit
    assert dialog.saved is None and dialog.isVisible()


def test_keyboard_letters_are_unique(qtbot: QtBot, services: Services, ui_world: World,
                                     bus: ChangeBus) -> None:
    def letters(dialog: BookingDialog) -> list[str]:
        found = []
        texts = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.buddy()]
        texts += [w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisible()]
        texts += [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        for text in texts:
            at_ = text.replace("&&", "").find("&")
            if at_ >= 0:
                found.append(text.replace("&&", "")[at_ + 1].lower())
        return found

    new = new_dialog(qtbot, services, bus, **party(ui_world))
    for tab in (new.live, new.series):
        new.tabs.setCurrentWidget(tab)
        assert len(letters(new)) == len(set(letters(new))), letters(new)
    editing = edit_dialog(qtbot, services, bus, held(services, ui_world).id)
    assert len(letters(editing)) == len(set(letters(editing))), letters(editing)


def test_every_input_has_an_accessible_name(qtbot: QtBot, services: Services, ui_world: World,
                                            bus: ChangeBus) -> None:
    dialog = new_dialog(qtbot, services, bus, **party(ui_world))
    dialog.tabs.setCurrentWidget(dialog.series)
    unnamed = [w for w in dialog.findChildren(QWidget)
               if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible()
               and not w.accessibleName() and w.metaObject().className() not in (
                   "QTabBar", "QScrollBar", "QCalendarWidget")
               and not isinstance(w.parent(), QAbstractSpinBox)]  # named on the spin box
    assert [w.metaObject().className() for w in unnamed] == []


def test_models_pass_the_model_tester(qtmodeltester, services: Services, ui_world: World,
                                      bus: ChangeBus) -> None:
    halls = HallChoiceModel()
    halls.set_halls(services.venues.list_halls())
    qtmodeltester.check(halls)
    assert halls.rowCount() == 7  # two venue headings and five halls
    assert not halls.flags(halls.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable

    extras = ExtrasModel()
    extras.set_rows(services.venues.list_extras())
    extras.set_chosen([(ui_world.kitchen_extra_id, 3)])
    qtmodeltester.check(extras)
    assert extras.index(0, QUANTITY).data() == "3"

    charges = ChargeLinesModel()
    charges.set_rows(services.bookings.quote(BookingRequest(
        hall_id=ui_world.half_b_id, hirer_id=ui_world.hirer_id, start=at(SAT, 14),
        end=at(SAT, 18), purpose="Party", attendees=40,
        extras=((ui_world.kitchen_extra_id, 1),))).lines)
    qtmodeltester.check(charges)
    assert charges.index(1, 2).data() == "£25.00"

    dates = OccurrenceModel()
    dates.set_occurrences(services.series.preview(SeriesRequest(
        hall_id=ui_world.half_b_id, hirer_id=ui_world.hirer_id,
        frequency=Frequency.WEEKLY,
        first_date=SAT, start_time=at(SAT, 10).time(), end_time=at(SAT, 12).time(),
        purpose="Class", attendees=10, count=3)).occurrences)
    qtmodeltester.check(dates)
    assert dates.index(2, 3).data().startswith("Peckham Community Centre is closed")


def test_hirer_chosen_in_the_console_leaves_purpose_and_hold(
        qtbot: QtBot, services: Services, ui_world: World, bus: ChangeBus) -> None:
    dialog = new_dialog(qtbot, services, bus, **party(ui_world, attendees=60))
    qtbot.keyClicks(QApplication.focusWidget(), "Party")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved is not None  # 5 letters and Ctrl+Enter: 6 keystrokes


def test_ctrl_tab_switches_tabs_from_anywhere(qtbot: QtBot, services: Services,
                                              ui_world: World, bus: ChangeBus) -> None:
    dialog = new_dialog(qtbot, services, bus, **party(ui_world))
    for widget in (dialog.form.notes, dialog.form.purpose, dialog.form.extras):
        widget.setFocus()
        before = dialog.tabs.currentIndex()
        qtbot.keyClick(widget, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert dialog.tabs.currentIndex() == 1 - before
    qtbot.keyClick(dialog.form.purpose, Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dialog.tabs.currentIndex() == 0  # three steps forward from 0, one back


def test_extras_by_keyboard(qtbot: QtBot, services: Services, ui_world: World,
                            bus: ChangeBus) -> None:
    dialog = new_dialog(qtbot, services, bus, **party(ui_world))
    view = dialog.form.extras
    view.setFocus(Qt.FocusReason.TabFocusReason)
    view.setCurrentIndex(view.model().index(0, NAME))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.form.extras_model.chosen() == ((ui_world.kitchen_extra_id, 1),)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.form.extras_model.chosen() == ()


def test_date_picker(qtbot: QtBot, services: Services, ui_world: World,
                     bus: ChangeBus) -> None:
    dialog = new_dialog(qtbot, services, bus, **party(ui_world))
    day = dialog.form.slot.date
    qtbot.keyClick(day.edit, Qt.Key.Key_F4)
    assert day.calendar.isVisible() and day.calendar.selectedDate().day() == 12
    day.calendar.activated.emit(day.calendar.selectedDate().addDays(7))
    assert not day.calendar.isVisible()
    assert day.shown.text() == "Sat 19 Dec 2026"
    assert dialog._live.isActive()


def test_hirer_picked_from_the_list_then_purpose(qtbot: QtBot, services: Services,
                                                ui_world: World, bus: ChangeBus) -> None:
    """The clerk waits for the matches, arrows to the second one and presses Enter."""
    dialog = new_dialog(qtbot, services, bus, **party(ui_world, hirer_id=None))
    lookup = dialog.form.hirer
    qtbot.keyClicks(lookup.edit, "o")  # O'Brien-Smith; Peckham Toddler Group (Łucja Żółć)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    popup = QApplication.activePopupWidget()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.purpose)
    assert lookup.hirer_id() is not None
    assert "From the hirer's type: " in dialog.form.rate.itemText(0)
