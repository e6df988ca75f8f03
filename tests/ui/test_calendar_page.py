"""The calendar on real services: blocks where bookings are, keys, dialogs, refreshes."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from spacebank.domain.enums import BookingStatus
from spacebank.services.booking_dto import BookingDetails, BookingRequest
from spacebank.services.container import Services
from spacebank.services.venue_dto import ClosureInput
from tests.factories import World
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.move_dialog import MoveDialog
from ui.bookings.prefill import BookingPrefill
from ui.calendar.calendar_page import CalendarPage
from ui.calendar.layout import ShadeKind
from ui.calendar.month_model import HOLIDAY_ROLE
from ui.calendar.period import ViewMode
from ui.calendar.time_grid_view import TimeGridView
from ui.changes import ChangeBus

TODAY = date(2026, 11, 21)  # the test clock: Saturday 10:00 London
SAT = date(2026, 12, 12)  # outside the notice period
#: The offscreen platform says what it cannot do; those are not our warnings.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


def book(services: Services, hall_id: int, hirer_id: int, start: datetime, end: datetime,
         purpose: str = "Birthday party") -> BookingDetails:
    return services.bookings.book(BookingRequest(
        hall_id=hall_id, hirer_id=hirer_id, start=start, end=end, purpose=purpose,
        attendees=20))


@pytest.fixture
def page(qtbot, services: Services, ui_world: World, bus: ChangeBus) -> CalendarPage:
    calendar = CalendarPage(services, bus)
    qtbot.addWidget(calendar)
    calendar.resize(1200, 800)
    calendar.show()
    qtbot.waitExposed(calendar)
    calendar.focus_first()
    return calendar


@pytest.fixture
def dialogs(monkeypatch) -> dict[str, list]:
    """The booking and move dialogs replaced by recorders that change nothing."""
    calls: dict[str, list] = {"new": [], "edit": [], "move": [], "drop": []}
    monkeypatch.setattr(BookingDialog, "ask_new", classmethod(
        lambda cls, parent, services, bus, prefill: calls["new"].append(prefill)))
    monkeypatch.setattr(BookingDialog, "ask_edit", classmethod(
        lambda cls, parent, services, bus, booking_id: calls["edit"].append(booking_id)))
    def move(cls, parent, services, bus, booking_id, target=None):  # type: ignore[no-untyped-def]
        calls["move"].append(booking_id)
        if target is not None:
            calls["drop"].append(target)

    monkeypatch.setattr(MoveDialog, "ask", classmethod(move))
    return calls


def test_a_booking_is_a_block_in_its_hall_column_and_rows(
    page: CalendarPage, services: Services, ui_world: World
) -> None:
    party = book(services, ui_world.half_a_id, ui_world.hirer_id, datetime(2026, 12, 12, 14),
                 datetime(2026, 12, 12, 16))
    page.show_period(ViewMode.DAY, SAT)
    view = page.grid_view
    grid = view.grid()
    assert [c.hall_id for c in grid.columns] == [  # venues by name, halls as listed
        ui_world.other_hall_id, ui_world.small_hall_id, ui_world.main_hall_id,
        ui_world.half_a_id, ui_world.half_b_id]
    assert [g.title for g in grid.groups] == ["Dulwich Library Hall",
                                              "Peckham Community Centre"]
    block = grid.block_of(party.id)
    assert block is not None
    assert grid.columns[block.column].hall_id == ui_world.half_a_id
    assert (block.start, block.end) == (14 * 60, 16 * 60)
    rect = view.block_rects()[party.id]
    top = view.cell_rect(block.column, grid.axis.row_of_minute(14 * 60))
    bottom = view.cell_rect(block.column, grid.axis.row_of_minute(16 * 60 - 15))
    assert top.left() <= rect.left() < rect.right() <= top.right()
    assert rect.top() == pytest.approx(top.top(), abs=1.5)
    assert rect.bottom() == pytest.approx(bottom.bottom(), abs=1.5)
    assert view.booking_at(rect.center().toPoint()) == party.id
    assert view.booking_at(top.center().toPoint() - QPoint(0, int(top.height() * 2))) is None


def test_cancelled_bookings_hidden_until_ticked(
    page: CalendarPage, services: Services, ui_world: World
) -> None:
    gone = book(services, ui_world.small_hall_id, ui_world.hirer_id, datetime(2026, 12, 12, 10),
                datetime(2026, 12, 12, 12))
    services.bookings.cancel(gone.id, reason="Rained off")
    page.show_period(ViewMode.DAY, SAT)
    assert page.grid_view.grid().block_of(gone.id) is None
    page._cancelled_box.click()
    block = page.grid_view.grid().block_of(gone.id)
    assert block is not None and block.booking.status is BookingStatus.CANCELLED
    assert page.actions.show_cancelled.isChecked()
    page.actions.show_cancelled.trigger()
    assert page.grid_view.grid().block_of(gone.id) is None
    assert not page._cancelled_box.isChecked()


def test_closures_and_bank_holidays_are_marked(
    page: CalendarPage, services: Services, ui_world: World
) -> None:
    services.venues.add_closure(ClosureInput(
        venue_id=ui_world.venue_id, hall_id=ui_world.main_hall_id,
        start=datetime(2026, 12, 12, 9), end=datetime(2026, 12, 12, 13),
        reason="Floor sanding"))
    page.show_period(ViewMode.DAY, SAT)
    grid = page.grid_view.grid()
    for hall_id in (ui_world.main_hall_id, ui_world.half_b_id):  # a half shuts with the hall
        shade = grid.shade_at(grid.column_of(hall_id, SAT), 10 * 60)  # type: ignore[arg-type]
        assert shade is not None and shade.kind is ShadeKind.CLOSURE
        assert shade.label == "Closed: Floor sanding"
    assert grid.shade_at(grid.column_of(ui_world.small_hall_id, SAT), 10 * 60) is None  # type: ignore[arg-type]

    xmas = date(2026, 12, 25)
    page.show_period(ViewMode.DAY, xmas)
    grid = page.grid_view.grid()
    for index in range(len(grid.columns)):
        shade = grid.shade_at(index, 12 * 60)
        assert shade is not None and shade.kind is ShadeKind.HOLIDAY
        assert shade.label == "Bank holiday: Christmas Day"
    assert "Christmas Day (bank holiday)" in page._title_label.text()
    page.show_period(ViewMode.MONTH, xmas)
    model = page.month_model
    assert model.index_of(xmas).data(HOLIDAY_ROLE) == "Christmas Day"


def test_arrows_page_keys_and_t_move_the_cursor_and_period(
    page: CalendarPage, qtbot, ui_world: World
) -> None:
    view = page.grid_view
    assert page.mode is ViewMode.DAY and page.anchor == TODAY
    assert view.cursor_cell()[0] == 0
    assert view.cursor_minute() == 10 * 60  # "now" on the test clock
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.cursor_cell()[0] == 1
    assert view.cursor_minute() == 10 * 60 + 15
    second = view.grid().columns[1].hall_id
    assert view.cursor_place() == (second, TODAY, 10 * 60 + 15)
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.cursor_minute() == 23 * 60 - 15
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.cursor_minute() == 9 * 60
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert page.anchor == date(2026, 11, 22)
    assert view.cursor_place() == (second, date(2026, 11, 22), 9 * 60)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert page.anchor == date(2026, 11, 22)
    qtbot.keyClick(view, Qt.Key.Key_T)
    assert page.anchor == TODAY
    assert view.cursor_minute() == 10 * 60
    assert "free — Enter starts a booking" in page._cursor_label.text()


def test_enter_on_free_time_starts_a_booking_there(
    page: CalendarPage, qtbot, ui_world: World, dialogs: dict[str, list]
) -> None:
    page.show_period(ViewMode.DAY, SAT)
    view = page.grid_view
    assert view.place_cursor(ui_world.small_hall_id, SAT, 14 * 60)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert dialogs["new"] == [BookingPrefill(hall_id=ui_world.small_hall_id,
                                             start=datetime(2026, 12, 12, 14),
                                             end=datetime(2026, 12, 12, 15))]
    for _ in range(9):  # 14:00 … 16:15 selected with Shift+Down
        qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert dialogs["new"][-1] == BookingPrefill(hall_id=ui_world.small_hall_id,
                                                start=datetime(2026, 12, 12, 14),
                                                end=datetime(2026, 12, 12, 16, 30))
    assert dialogs["edit"] == [] and dialogs["move"] == []


def test_enter_and_m_on_a_booking_open_and_move_it(
    page: CalendarPage, qtbot, services: Services, ui_world: World, dialogs: dict[str, list]
) -> None:
    party = book(services, ui_world.main_hall_id, ui_world.hirer_id, datetime(2026, 12, 12, 18),
                 datetime(2026, 12, 12, 20))
    page.show_period(ViewMode.DAY, SAT)
    view = page.grid_view
    view.place_cursor(ui_world.main_hall_id, SAT, 17 * 60 + 45)  # the set-up buffer
    assert view.cursor_block() is not None
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert dialogs["edit"] == [party.id]
    assert dialogs["move"] == [party.id]
    assert dialogs["new"] == []
    assert "Enter opens it, M moves it" in page._cursor_label.text()
    # M on free time explains instead of opening anything.
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert dialogs["move"] == [party.id]
    assert "Put the cursor on a booking" in page._cursor_label.text()


def test_mouse_click_selects_and_double_click_opens(
    page: CalendarPage, qtbot, services: Services, ui_world: World, dialogs: dict[str, list]
) -> None:
    party = book(services, ui_world.other_hall_id, ui_world.hirer_id, datetime(2026, 12, 12, 11),
                 datetime(2026, 12, 12, 13))
    page.show_period(ViewMode.DAY, SAT)
    view = page.grid_view
    centre = view.block_rects()[party.id].center().toPoint()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert view.cursor_block().booking_id == party.id  # type: ignore[union-attr]
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert dialogs["edit"] == [party.id]


def test_a_new_booking_elsewhere_appears_after_the_bus_says_so(
    page: CalendarPage, qtbot, services: Services, ui_world: World, bus: ChangeBus
) -> None:
    page.show_period(ViewMode.DAY, SAT)
    party = book(services, ui_world.half_b_id, ui_world.charity_id, datetime(2026, 12, 12, 9),
                 datetime(2026, 12, 12, 11), purpose="Toddler group")
    assert page.grid_view.grid().block_of(party.id) is None  # not until told
    bus.publish("hirer", [ui_world.hirer_id])
    qtbot.wait(10)
    assert page.grid_view.grid().block_of(party.id) is None  # hirers do not concern it
    bus.publish("booking", [party.id])
    qtbot.waitUntil(lambda: page.grid_view.grid().block_of(party.id) is not None)


def test_a_booking_made_in_the_dialog_appears(
    page: CalendarPage, qtbot, services: Services, ui_world: World, monkeypatch, bus: ChangeBus
) -> None:
    def ask_new(cls, parent, services_, bus_, prefill: BookingPrefill) -> BookingDetails:
        made = book(services_, prefill.hall_id, ui_world.hirer_id, prefill.start, prefill.end)
        bus_.publish("booking", [made.id], initiator=object())
        return made

    monkeypatch.setattr(BookingDialog, "ask_new", classmethod(ask_new))
    page.show_period(ViewMode.DAY, SAT)
    view = page.grid_view
    view.place_cursor(ui_world.other_hall_id, SAT, 19 * 60)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    block = view.cursor_block()
    assert block is not None and block.booking.start.hour == 19
    assert block.booking.hall_id == ui_world.other_hall_id


def test_week_of_one_hall_and_of_a_venue(page: CalendarPage, ui_world: World) -> None:
    page.set_venue(ui_world.venue_id, ui_world.half_a_id)
    page.show_period(ViewMode.WEEK, SAT)
    grid = page.grid_view.grid()
    assert [c.day for c in grid.columns] == [date(2026, 12, 7 + i) for i in range(7)]
    assert {c.hall_id for c in grid.columns} == {ui_world.half_a_id}
    assert "Main Hall (north half), Peckham Community Centre" in page._title_label.text()
    page.set_venue(ui_world.venue_id)
    grid = page.grid_view.grid()
    assert len(grid.columns) == 7 * 4
    assert [g.title for g in grid.groups][:2] == ["Mon 7 Dec", "Tue 8 Dec"]
    # Asking for a week with every venue picks the venue under the cursor.
    page.set_venue(None)
    assert page.mode is ViewMode.DAY
    page.grid_view.place_cursor(ui_world.other_hall_id, SAT, 12 * 60)
    page.actions.week_view.trigger()
    assert page.mode is ViewMode.WEEK
    assert {c.hall_id for c in page.grid_view.grid().columns} == {ui_world.other_hall_id}
    assert page._venue_combo.currentData() == ui_world.other_venue_id


def test_month_overview_shades_days_and_enter_opens_one(
    page: CalendarPage, qtbot, services: Services, ui_world: World, qtmodeltester
) -> None:
    book(services, ui_world.other_hall_id, ui_world.hirer_id, datetime(2026, 12, 12, 9),
         datetime(2026, 12, 12, 16))
    page.set_venue(ui_world.other_venue_id)
    page.actions.month_view.trigger()
    assert page.mode is ViewMode.MONTH
    model = page.month_model
    qtmodeltester.check(model)
    view = page.month_view
    assert view.current_day() == TODAY
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert page.anchor == date(2026, 12, 21)
    assert "December 2026" in page._title_label.text()
    index = model.index_of(SAT)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "12"
    assert "50% booked: 7.0 of 14.0 open hours, 1 booking" in index.data(
        Qt.ItemDataRole.ToolTipRole)
    view.set_current_day(SAT)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert page.mode is ViewMode.DAY and page.anchor == SAT
    assert page.grid_view.hasFocus()


def test_view_keys_switch_views_while_the_calendar_has_the_focus(
    page: CalendarPage, qtbot
) -> None:
    page.activateWindow()
    qtbot.waitActive(page)
    page.focus_first()
    qtbot.keyClick(page.grid_view, Qt.Key.Key_W)
    assert page.mode is ViewMode.WEEK
    qtbot.keyClick(page.grid_view, Qt.Key.Key_O)
    assert page.mode is ViewMode.MONTH and page.month_view.hasFocus()
    qtbot.keyClick(page.month_view, Qt.Key.Key_D)
    assert page.mode is ViewMode.DAY and page.grid_view.hasFocus()
    qtbot.keyClick(page.grid_view, Qt.Key.Key_C)
    assert page.actions.show_cancelled.isChecked()
    # In the venue picker the same letters search venues instead.
    page._venue_combo.setFocus()
    qtbot.keyClick(page._venue_combo, Qt.Key.Key_D)
    assert page.mode is ViewMode.DAY
    assert page._venue_combo.currentText() == "Dulwich Library Hall"
    assert [a.shortcut().toString() for a in page.actions.all()] == [
        "D", "W", "O", "T", "PgUp", "PgDown", "Return", "M", "C"]


# -- drag to move -------------------------------------------------------------------------


def drag(view, start: QPoint, end: QPoint, *, escape: bool = False) -> None:
    """Press, move in steps and release on the viewport, as a mouse would."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    def send(kind: QEvent.Type, point: QPoint, buttons: Qt.MouseButton) -> None:
        local = QPointF(point)
        global_ = QPointF(view.viewport().mapToGlobal(point))
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else \
            Qt.MouseButton.LeftButton
        QApplication.sendEvent(view.viewport(), QMouseEvent(
            kind, local, global_, button, buttons, Qt.KeyboardModifier.NoModifier))

    held = Qt.MouseButton.LeftButton
    send(QEvent.Type.MouseButtonPress, start, held)
    for step in range(1, 6):
        send(QEvent.Type.MouseMove, start + (end - start) * step / 5, held)
    if escape:
        from PySide6.QtTest import QTest
        QTest.keyClick(view, Qt.Key.Key_Escape)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


@pytest.fixture
def reading_room_party(page: CalendarPage, services: Services, ui_world: World
                       ) -> tuple[BookingDetails, TimeGridView]:
    """A party in the Reading Room 11:00–13:00 on SAT, shown in the day view."""
    party = book(services, ui_world.other_hall_id, ui_world.hirer_id, datetime(2026, 12, 12, 11),
                 datetime(2026, 12, 12, 13))
    page.show_period(ViewMode.DAY, SAT)
    return party, page.grid_view


def test_dragging_a_booking_proposes_the_new_hall_and_time_to_the_move_dialog(
    reading_room_party: tuple[BookingDetails, TimeGridView], ui_world: World,
    dialogs: dict[str, list]
) -> None:
    party, view = reading_room_party
    grid = view.grid()
    block = grid.block_of(party.id)
    assert block is not None
    grip = view.cell_rect(block.column, grid.axis.row_of_minute(11 * 60 + 30)).center()
    target_column = grid.column_of(ui_world.half_b_id, SAT)
    assert target_column is not None
    # Held half an hour into the booking, dropped on 15:30 of the south half: starts 15:00.
    drop = view.cell_rect(target_column, grid.axis.row_of_minute(15 * 60 + 30)).center()
    drag(view, grip.toPoint(), drop.toPoint())
    assert dialogs["move"] == [party.id]
    assert dialogs["drop"] == [BookingPrefill(hall_id=ui_world.half_b_id,
                                              start=datetime(2026, 12, 12, 15),
                                              end=datetime(2026, 12, 12, 17))]


def test_escape_or_dropping_in_place_moves_nothing(
    reading_room_party: tuple[BookingDetails, TimeGridView], dialogs: dict[str, list]
) -> None:
    party, view = reading_room_party
    centre = view.block_rects()[party.id].center().toPoint()
    far = centre + QPoint(0, 200)
    drag(view, centre, far, escape=True)
    drag(view, centre, centre + QPoint(0, 3))  # a wobble is a click, not a move
    assert dialogs["move"] == [] and dialogs["drop"] == []


def test_a_drop_on_a_clash_is_refused_with_the_services_message(
    page: CalendarPage, qtbot, services: Services, ui_world: World,
    reading_room_party: tuple[BookingDetails, TimeGridView]
) -> None:
    party, view = reading_room_party
    book(services, ui_world.half_b_id, ui_world.charity_id, datetime(2026, 12, 12, 15),
         datetime(2026, 12, 12, 17), purpose="Toddler group")
    page.show_period(ViewMode.DAY, SAT)  # read again: the clash is now shown too
    grid = view.grid()
    start = view.block_rects()[party.id].center().toPoint()
    column = grid.column_of(ui_world.half_b_id, SAT)
    drop = view.cell_rect(column, grid.axis.row_of_minute(16 * 60)).center().toPoint()
    seen: list[str] = []

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, MoveDialog)
            qtbot.waitUntil(dialog.isActiveWindow)
            seen.append(dialog.verdict.text())
            qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            seen.append(" ".join(label.text() for label in (
                dialog.hall_error, dialog.date_error, dialog.start_error, dialog.end_error,
                dialog.general_error)))
        finally:
            if dialog is not None:
                dialog.reject()

    QTimer.singleShot(0, in_dialog)
    drag(view, start, drop)
    assert len(seen) == 2 and all("already held" in text and "BK-000002" in text
                                  for text in seen), seen
    moved = services.bookings.get(party.id)
    assert (moved.hall_id, moved.start.hour) == (ui_world.other_hall_id, 11)


def test_a_drop_confirmed_in_the_move_dialog_moves_the_booking(
    page: CalendarPage, qtbot, services: Services, ui_world: World,
    reading_room_party: tuple[BookingDetails, TimeGridView]
) -> None:
    party, view = reading_room_party
    grid = view.grid()
    start = view.block_rects()[party.id].center().toPoint()
    column = grid.column_of(ui_world.half_b_id, SAT)
    drop = view.cell_rect(column, grid.axis.row_of_minute(19 * 60)).center().toPoint()

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MoveDialog)
        qtbot.waitUntil(dialog.isActiveWindow)  # the shortcut needs the dialog active
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, in_dialog)
    drag(view, start, drop)
    moved = services.bookings.get(party.id)
    assert moved.hall_id == ui_world.half_b_id
    # Held by its middle (12:00) and dropped on 19:00: it keeps its grip, so 18:00–20:00.
    assert (moved.start.hour, moved.end.hour) == (18, 20)  # December: London is UTC
    block = page.grid_view.grid().block_of(party.id)
    assert block is not None and page.grid_view.grid().columns[block.column].hall_id == \
        ui_world.half_b_id
