"""The phone console on real services: the question, the free halls, nearest free times."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from spacebank.services.booking_dto import BookingRequest, SlotQuery
from spacebank.services.container import Services
from tests.factories import World
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.prefill import BookingPrefill
from ui.changes import ChangeBus
from ui.console.console_page import MAX_NEAREST_HALLS, ConsolePage
from ui.console.free_window_model import FreeWindowTableModel, NearestFree
from ui.console.hall_option_model import HallOptionTableModel

SATURDAY = date(2026, 11, 21)  # "today" on the test clock (10:00 UTC = 10:00 London)
#: The offscreen platform says what it cannot do (size hints, raise, keyboard grabs for
#: pop-ups); those are not our warnings.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


class Keys:
    """Keyboard input as a clerk gives it, counted: each character or key (chord) is one.

    Keys go where a real key press would: the open pop-up list, else the focus widget.
    """

    def __init__(self, qtbot) -> None:
        self._qtbot = qtbot
        self.count = 0
        self.log: list[str] = []

    def target(self) -> QWidget:
        widget = QApplication.activePopupWidget() or QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        for ch in text:
            self._qtbot.keyClicks(self.target(), ch)
            self.count += 1
            self.log.append(ch)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
              ) -> None:
        self._qtbot.keyClick(self.target(), key, modifier)
        self.count += 1
        self.log.append(f"<{modifier.name if modifier else ''}{key.name}>")


@pytest.fixture
def booked(monkeypatch) -> list[BookingPrefill]:
    """BookingDialog.ask_new replaced: records the prefill and books nothing."""
    prefills: list[BookingPrefill] = []

    def fake_ask_new(cls, parent, services, bus, prefill):
        prefills.append(prefill)
        return None

    monkeypatch.setattr(BookingDialog, "ask_new", classmethod(fake_ask_new))
    return prefills


@pytest.fixture
def page(qtbot, on_desk, services: Services, ui_world: World, bus: ChangeBus) -> ConsolePage:
    widget = ConsolePage(services, bus)
    on_desk(widget, size=(1360, 860))
    widget.focus_first()
    qtbot.waitUntil(lambda: widget.query_row.date_edit.hasFocus())
    return widget


def ask(qtbot, page: ConsolePage, day: str, start: str, end: str, attendees: int) -> None:
    row = page.query_row
    row.date_edit.clear()
    qtbot.keyClicks(row.date_edit, day)
    row.from_edit.clear()
    qtbot.keyClicks(row.from_edit, start)
    row.to_edit.clear()
    qtbot.keyClicks(row.to_edit, end)
    row.attendees.setValue(attendees)
    row.flush()


def result_ids(page: ConsolePage) -> list[int]:
    return page.results_model.hall_ids()


def nearest_hall_ids(page: ConsolePage) -> set[int]:
    model = page.nearest_model
    return {model.row_at(r).hall_id for r in range(model.rowCount())}


def hold(services: Services, world: World, hall_id: int, start: datetime, end: datetime,
         attendees: int = 30) -> int:
    request = BookingRequest(hall_id=hall_id, hirer_id=world.hirer_id, start=start, end=end,
                             purpose="Birthday party", attendees=attendees)
    return services.bookings.hold(request).id


# -- the canonical phone call ----------------------------------------------------------


def test_canonical_phone_call_by_keyboard_only(qtbot, page, ui_world, booked) -> None:
    """"A hall for 60 with a kitchen, Saturday 14:00–18:00, provisional hold for Zoë"."""
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Caller
    keys.type("zoe")
    keys.press(Qt.Key.Key_Return)  # takes the first match and moves on to Date
    assert page.lookup.hirer_id() == ui_world.hirer_id
    assert page.query_row.date_edit.hasFocus()
    keys.type("sat")
    keys.press(Qt.Key.Key_Tab)
    keys.type("14")
    keys.press(Qt.Key.Key_Tab)
    keys.type("18")
    keys.press(Qt.Key.Key_Tab)
    keys.type("60")
    keys.press(Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # Kitchen
    kitchen = page.query_row.chips[next(iter(page.query_row.chips))]
    qtbot.waitUntil(kitchen.isChecked)  # a mnemonic clicks after Qt's 100 ms animation
    keys.press(Qt.Key.Key_Down)  # into the free halls
    assert page.results.hasFocus()
    keys.press(Qt.Key.Key_Return)  # book the selected (best) hall

    assert page.query_row.date_shown.text() == "Sat 21 Nov 2026 (today)"
    assert booked == [BookingPrefill(
        hall_id=ui_world.half_b_id,  # the south half: 60 people, a kitchen, free then
        start=datetime(2026, 11, 21, 14, 0), end=datetime(2026, 11, 21, 18, 0),
        attendees=60, hirer_id=ui_world.hirer_id,
    )]
    print(f"\ncanonical phone call: {keys.count} keystrokes: {' '.join(keys.log)}")
    assert keys.count <= 30
    assert keys.count == 20


def test_canonical_phone_call_end_to_end_with_the_real_dialog(qtbot, page, services,
                                                               ui_world) -> None:
    """The same call through the real booking dialog: a purpose, then Hold (Ctrl+Enter)."""
    from spacebank.domain.enums import BookingStatus
    from spacebank.services.booking_dto import BookingFilter

    keys = Keys(qtbot)
    seen: list[str] = []

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, BookingDialog)
            qtbot.waitUntil(dialog.isActiveWindow)  # keys go to the dialog once it is up
            keys.type("party")
            keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Hold
        finally:
            if dialog is not None and dialog.isVisible():  # never leave it blocking
                seen.append("still open")
                dialog.reject()

    keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    keys.type("zoe")
    keys.press(Qt.Key.Key_Return)
    keys.type("sat")
    keys.press(Qt.Key.Key_Tab)
    keys.type("14")
    keys.press(Qt.Key.Key_Tab)
    keys.type("18")
    keys.press(Qt.Key.Key_Tab)
    keys.type("60")
    keys.press(Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.query_row.chips[next(iter(page.query_row.chips))].isChecked)
    keys.press(Qt.Key.Key_Down)
    QTimer.singleShot(0, in_dialog)
    keys.press(Qt.Key.Key_Return)

    assert seen == []
    [held] = services.bookings.list(BookingFilter(first_day=SATURDAY, last_day=SATURDAY))
    assert (held.hall_id, held.hirer_id, held.status, held.attendees) == (
        ui_world.half_b_id, ui_world.hirer_id, BookingStatus.PROVISIONAL, 60)
    assert (held.start.hour, held.end.hour) == (14, 18)
    assert page.status.isVisible() and held.reference in page.status.text()
    print(f"\nwhole call with the booking dialog: {keys.count} keystrokes")
    assert keys.count <= 30


# -- finding free halls ----------------------------------------------------------------


def test_query_lists_exactly_the_free_halls_ranked(qtbot, page, services, ui_world) -> None:
    ask(qtbot, page, "sat", "14", "18", 40)
    w = ui_world
    # Snuggest first: the Reading Room (40), the halves (60), then the Main Hall (120).
    assert result_ids(page) == [w.other_hall_id, w.half_a_id, w.half_b_id, w.main_hall_id]
    assert page.nearest_model.rowCount() == 0
    assert "4 halls free" in page.summary.text()
    assert page.results_model.index(0, 5).data() == "£60.00"  # community £15/h × 4 h

    hold(services, w, w.other_hall_id, datetime(2026, 11, 21, 14), datetime(2026, 11, 21, 18))
    hold(services, w, w.half_a_id, datetime(2026, 11, 21, 13), datetime(2026, 11, 21, 15))
    page.refresh()
    # A half taken blocks the whole Main Hall too; the other half stays free.
    assert result_ids(page) == [w.half_b_id]
    expected = {
        h for h in (w.other_hall_id, w.half_a_id, w.half_b_id, w.main_hall_id, w.small_hall_id)
        if services.availability.check(h, datetime(2026, 11, 21, 14), datetime(2026, 11, 21, 18),
                                       attendees=40).free
    }
    assert set(result_ids(page)) == expected
    assert nearest_hall_ids(page) == {w.other_hall_id, w.half_a_id, w.main_hall_id}
    reading = [page.nearest_model.row_at(r) for r in range(page.nearest_model.rowCount())
               if page.nearest_model.row_at(r).hall_id == w.other_hall_id]
    assert reading[0].window.start.replace(tzinfo=None) == datetime(2026, 11, 21, 18, 0)
    assert len(reading) == 3


def test_empty_state_when_nothing_is_free(qtbot, page, services, ui_world) -> None:
    w = ui_world
    hold(services, w, w.main_hall_id, datetime(2026, 11, 28, 14), datetime(2026, 11, 28, 18))
    ask(qtbot, page, "28/11", "14", "18", 60)
    page.query_row.chips[next(iter(page.query_row.chips))].setChecked(True)  # kitchen
    page.query_row.flush()
    assert result_ids(page) == []
    assert page.result_stack.currentWidget() is page.empty
    assert page.empty.text() == ("No hall is free for 60 people with kitchen then — see "
                                 "nearest free times below.")
    assert nearest_hall_ids(page) == {w.main_hall_id, w.half_b_id}


def test_bad_date_shows_inline_message_and_no_results(qtbot, page) -> None:
    ask(qtbot, page, "blursday", "14", "18", 10)
    assert page.problem.isVisible()
    assert "not a date I understand" in page.problem.text()
    assert page.query_row.date_shown.text() == "?"
    assert page.results_model.rowCount() == 0
    assert page.shown_query() is None
    assert page.query_row.date_edit.styleSheet()  # outlined

    ask(qtbot, page, "sat", "18", "14", 10)  # the service's TimeError, inline too
    assert page.problem.text() == "The end time must be after the start time."
    assert page.query_row.to_edit.styleSheet() and not page.query_row.date_edit.styleSheet()

    ask(qtbot, page, "today", "9", "11", 10)  # 09:00 has passed (the clock says 10:00)
    assert "in the past" in page.problem.text()
    assert page.results_model.rowCount() == 0

    ask(qtbot, page, "sat", "14", "18", 10)
    assert not page.problem.isVisible()
    assert page.results_model.rowCount() == 5


def test_facility_filter(qtbot, page, ui_world) -> None:
    from spacebank.domain.enums import Facility

    ask(qtbot, page, "sat", "14", "18", 40)
    chips = page.query_row.chips
    chips[Facility.STAGE].setChecked(True)
    page.query_row.flush()
    assert result_ids(page) == [ui_world.main_hall_id]
    chips[Facility.STAGE].setChecked(False)
    chips[Facility.KITCHEN].setChecked(True)
    page.query_row.flush()
    assert result_ids(page) == [ui_world.other_hall_id, ui_world.half_b_id,
                                ui_world.main_hall_id]
    chips[Facility.HEARING_LOOP].setChecked(True)
    page.query_row.flush()
    assert result_ids(page) == []
    assert page.empty.text().startswith("No hall takes 40 people with kitchen, hearing loop")


def test_results_follow_typing_after_a_pause(qtbot, page) -> None:
    row = page.query_row
    for edit, text in ((row.date_edit, "sat"), (row.from_edit, "2pm"), (row.to_edit, "6pm")):
        qtbot.keyClicks(edit, text)
    assert page.results_model.rowCount() == 0  # not per keystroke
    qtbot.waitUntil(lambda: page.results_model.rowCount() == 5, timeout=2000)
    assert page.shown_query().start.hour == 14


def test_results_refresh_on_a_bus_change(qtbot, page, services, ui_world, bus) -> None:
    ask(qtbot, page, "sat", "14", "18", 40)
    assert ui_world.other_hall_id in result_ids(page)
    booking_id = hold(services, ui_world, ui_world.other_hall_id,
                      datetime(2026, 11, 21, 12), datetime(2026, 11, 21, 16))
    assert ui_world.other_hall_id in result_ids(page)  # nobody said anything yet
    bus.publish("invoice", [1])
    assert ui_world.other_hall_id in result_ids(page)
    bus.publish("booking", [booking_id])
    qtbot.waitUntil(lambda: ui_world.other_hall_id not in result_ids(page), timeout=2000)
    assert ui_world.other_hall_id in nearest_hall_ids(page)


def test_new_hall_appears_after_a_hall_change(qtbot, page, services, ui_world, bus) -> None:
    from spacebank.services.venue_dto import HallInput

    ask(qtbot, page, "sat", "14", "18", 100)
    assert result_ids(page) == [ui_world.main_hall_id]
    hall = services.venues.create_hall(HallInput(venue_id=ui_world.other_venue_id,
                                                 name="Big Room", capacity=100))
    bus.publish("hall", [hall.id])
    qtbot.waitUntil(lambda: hall.id in result_ids(page), timeout=2000)
    row = result_ids(page).index(hall.id)
    assert page.results_model.index(row, 5).data() == "—"  # no community rate set yet


# -- booking from the lists ------------------------------------------------------------


def test_enter_on_a_nearest_free_time_books_that_window(qtbot, page, services, ui_world,
                                                        booked) -> None:
    w = ui_world
    hold(services, w, w.other_hall_id, datetime(2026, 11, 21, 14), datetime(2026, 11, 21, 18))
    ask(qtbot, page, "sat", "14", "18", 40)
    page.query_row.chips[next(iter(page.query_row.chips))].setChecked(True)  # kitchen
    page.query_row.flush()
    page.lookup.set_hirer(w.charity_id)
    rows = [page.nearest_model.row_at(r) for r in range(page.nearest_model.rowCount())]
    first = next(r for r in rows if r.hall_id == w.other_hall_id)
    page.nearest.setFocus()
    page.nearest.setCurrentIndex(page.nearest_model.index(rows.index(first), 0))
    qtbot.keyClick(page.nearest, Qt.Key.Key_Return)
    assert booked == [BookingPrefill(hall_id=w.other_hall_id, start=first.window.start,
                                     end=first.window.start + timedelta(hours=4),
                                     attendees=40, hirer_id=w.charity_id)]
    assert first.window.start.hour == 18


def test_double_click_and_ctrl_b_book_the_selected_hall(qtbot, page, ui_world, booked) -> None:
    ask(qtbot, page, "sat", "14", "18", 40)
    page.results.setCurrentIndex(page.results_model.index(1, 0))
    page.results.setFocus()
    qtbot.keyClick(page.results, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert [p.hall_id for p in booked] == [ui_world.half_a_id]
    assert booked[0].hirer_id is None
    rect = page.results.visualRect(page.results_model.index(0, 0))
    # QTest sends only the double-click event; a view wants the press before it.
    qtbot.mousePress(page.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [p.hall_id for p in booked] == [ui_world.half_a_id, ui_world.other_hall_id]


def test_a_second_enter_while_the_dialog_opens_is_ignored(qtbot, page, monkeypatch) -> None:
    opened: list[int] = []

    def ask_new(cls, parent, services, bus, prefill):
        opened.append(prefill.hall_id)
        page.results.activated.emit(page.results_model.index(0, 0))  # a key on its way
        return None

    monkeypatch.setattr(BookingDialog, "ask_new", classmethod(ask_new))
    ask(qtbot, page, "sat", "14", "18", 40)
    page.results.activated.emit(page.results_model.index(0, 0))
    assert len(opened) == 1
    page.results.activated.emit(page.results_model.index(0, 0))  # and later it works again
    assert len(opened) == 2


def test_status_line_after_a_booking_was_made(qtbot, page, services, ui_world,
                                              monkeypatch) -> None:
    def ask_new(cls, parent, services_, bus, prefill):
        return services_.bookings.hold(BookingRequest(
            hall_id=prefill.hall_id, hirer_id=ui_world.hirer_id, start=prefill.start,
            end=prefill.end, purpose="Party", attendees=prefill.attendees))

    monkeypatch.setattr(BookingDialog, "ask_new", classmethod(ask_new))
    ask(qtbot, page, "sat", "14", "18", 40)
    page.results.activated.emit(page.results_model.index(0, 0))
    assert "Reading Room" in page.status.text() and "14:00–18:00" in page.status.text()


# -- keyboard --------------------------------------------------------------------------


def test_keyboard_moves_between_question_and_results(qtbot, page) -> None:
    ask(qtbot, page, "sat", "14", "18", 40)
    row = page.query_row
    row.near_edit.setFocus()
    qtbot.keyClick(row.near_edit, Qt.Key.Key_Down)
    assert page.results.hasFocus() and page.results.currentIndex().row() == 0
    qtbot.keyClick(page.results, Qt.Key.Key_Up)
    assert row.date_edit.hasFocus()
    row.attendees.setFocus()
    qtbot.keyClick(row.attendees, Qt.Key.Key_Down)  # not 39: Down means "to the results"
    assert page.results.hasFocus() and row.attendees.value() == 40
    qtbot.keyClick(page.results, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert row.date_edit.hasFocus() and row.date_edit.selectedText() == "sat"


def test_tab_order_follows_the_question(qtbot, page) -> None:
    row = page.query_row
    expected = [row.from_edit, row.to_edit, row.attendees, *row.chips.values(),
                row.more_button, row.near_edit, page.results]
    ask(qtbot, page, "sat", "14", "18", 40)
    row.date_edit.setFocus()
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget


def test_actions_have_shortcuts_and_tips(page) -> None:
    actions = {a.text().replace("&", ""): a for a in page.actions_for_menu()}
    assert actions["New query"].shortcut().toString() == "Ctrl+L"
    assert actions["Book selected hall…"].shortcut().toString() == "Ctrl+B"
    assert actions["New hirer…"].shortcut().toString() == "Ctrl+Shift+N"
    assert all(a.statusTip() for a in actions.values())


def test_new_call_clears_caller_and_question(qtbot, page, ui_world) -> None:
    ask(qtbot, page, "sat", "14", "18", 40)
    page.lookup.set_hirer(ui_world.hirer_id)
    qtbot.keyClick(page.results, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert page.lookup.hirer_id() is None
    assert page.query_row.date_edit.text() == ""
    assert page.results_model.rowCount() == 0
    assert page.lookup.edit.hasFocus()


def test_calendar_picker_sets_the_date(qtbot, page) -> None:
    row = page.query_row
    qtbot.keyClick(row.date_edit, Qt.Key.Key_F4)
    qtbot.waitUntil(row.calendar.isVisible)
    row.calendar.activated.emit(QDate(2026, 12, 12))
    assert row.date_edit.text() == "12/12/2026"
    assert row.date_shown.text() == "Sat 12 Dec 2026"
    assert not row.calendar.isVisible()


def test_nearest_free_times_are_bounded(qtbot, page, services, ui_world, monkeypatch) -> None:
    calls: list[int] = []
    real = services.availability.next_free

    def counting(hall_id, **kwargs):
        calls.append(hall_id)
        assert kwargs["count"] == 3 and kwargs["days"] == 7
        return real(hall_id, **kwargs)

    monkeypatch.setattr(services.availability, "next_free", counting)
    monkeypatch.setattr("ui.console.console_page.MAX_NEAREST_HALLS", 2)
    ask(qtbot, page, "today", "9", "23", 1)  # refused (past): nothing asked
    assert calls == []
    hold(services, ui_world, ui_world.main_hall_id, datetime(2026, 11, 22, 12),
         datetime(2026, 11, 22, 13))
    ask(qtbot, page, "sun", "12", "13", 10)
    assert len(calls) == 2 and MAX_NEAREST_HALLS == 8
    assert "the first 2 of 3" in page.nearest_note.text()


# -- models ----------------------------------------------------------------------------


def test_models_pass_the_model_tester(qtmodeltester, services, ui_world) -> None:
    options = services.availability.free_halls(SlotQuery(
        start=datetime(2026, 11, 21, 14), end=datetime(2026, 11, 21, 18), attendees=10))
    halls = HallOptionTableModel()
    halls.set_options(options, near_given=True)
    qtmodeltester.check(halls)
    assert halls.rowCount() == 5
    windows = services.availability.next_free(ui_world.main_hall_id, minutes=60,
                                              after=datetime(2026, 11, 21, 14), count=3)
    free = FreeWindowTableModel()
    free.set_rows([NearestFree("Main Hall", "Peckham", w, 60) for w in windows])
    qtmodeltester.check(free)
    assert free.index(0, 4).data() == "14:00–15:00"
    free.clear()
    qtmodeltester.check(free)
