"""The managers' halls page: venues, opening hours, halls, rates, extras and closures."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication

from spacebank.domain.enums import BookingStatus, RateType, TimeBand
from spacebank.services.booking_dto import BookingRequest
from spacebank.services.container import Services
from spacebank.services.venue_dto import ClosureInput, HallInput, KeyHolderInput
from tests.factories import World
from ui.changes import ChangeBus
from ui.halls.catalogue_tree_model import HALL, NODE_ROLE, VENUE
from ui.halls.closure_dialog import ClosureDialog
from ui.halls.halls_page import CLOSURES_TAB, HALL_FORM, VENUE_FORM, HallsPage
from ui.halls.key_holders import KeyHolderDialog
from ui.halls.rates_model import PENCE_ROLE
from ui.service_call import Messages

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(on_desk, services: Services, ui_world: World, bus: ChangeBus) -> HallsPage:
    widget = HallsPage(services, bus)
    on_desk(widget, size=(1360, 860))
    return widget


@pytest.fixture
def confirm_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def answer(_parent, _title, text):
        asked.append(text)
        return True

    monkeypatch.setattr(Messages, "confirm", answer)
    return asked


def choose(page: HallsPage, kind: str, item_id: int) -> None:
    page.tree.setFocus()
    page.tree.setCurrentIndex(page.tree_model.index_of(kind, item_id))


def save(qtbot, page: HallsPage) -> None:
    widget = QApplication.focusWidget() or page.tree
    qtbot.keyClick(widget, Qt.Key.Key_S, CTRL)


def retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def tree_rows(page: HallsPage) -> list[tuple[int, str]]:
    """(depth, name) of every row, depth first."""
    model = page.tree_model
    rows: list[tuple[int, str]] = []

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            rows.append((depth, index.data()))
            walk(index, depth + 1)

    walk(QModelIndex(), 0)
    return rows


# -- the catalogue ---------------------------------------------------------------------------


def test_venues_with_halls_and_halves_indented(page: HallsPage, qtmodeltester) -> None:
    assert tree_rows(page) == [
        (0, "Dulwich Library Hall"), (1, "Reading Room"),
        (0, "Peckham Community Centre"), (1, "Garden Room"), (1, "Main Hall"),
        (2, "Main Hall (north half)"), (2, "Main Hall (south half)"),
    ]
    qtmodeltester.check(page.tree_model)
    assert page.stack.currentIndex() == 0  # nothing chosen yet: the empty-state note


def test_menu_actions_have_shortcuts_and_tips(page: HallsPage) -> None:
    shortcuts = {a.text(): a.shortcut().toString() for a in page.actions_for_menu()
                 if not a.isSeparator()}
    assert shortcuts == {
        "New &venue…": "Ctrl+Shift+N", "New &hall…": "Ctrl+N", "&Save": "Ctrl+S",
        "&Deactivate": "Ctrl+Shift+D", "Add &closure…": "Ctrl+Shift+C",
        "New e&xtra…": "Ctrl+Shift+X", "Go to the venues &list": "Ctrl+L",
        "Re&fresh": "F5",
    }
    assert all(a.statusTip() for a in page.actions_for_menu() if not a.isSeparator())


# -- venues and opening hours ----------------------------------------------------------------


def test_closing_before_opening_is_shown_beside_that_weekday(qtbot, page, services, ui_world,
                                                             changes) -> None:
    choose(page, VENUE, ui_world.venue_id)
    assert page.stack.currentIndex() == VENUE_FORM
    hours = page.venue_editor.hours
    assert (hours.opens[1].text(), hours.closes[1].text()) == ("09:00", "23:00")
    retype(qtbot, hours.opens[1], "18")
    retype(qtbot, hours.closes[1], "10")
    save(qtbot, page)

    tuesday = hours.errors[1]
    assert tuesday.isVisible()
    assert tuesday.text() == "Tuesday: closing time must be after opening time."
    assert not hours.errors[0].isVisible() and not page.venue_editor.general_error.isVisible()
    assert hours.opens[1].hasFocus()
    assert services.venues.get_venue(ui_world.venue_id).opening_hours[1] == (540, 1380)
    assert changes == []

    retype(qtbot, hours.closes[1], "22:30")
    hours.closed[6].setFocus()
    qtbot.keyClick(hours.closed[6], Qt.Key.Key_Space)  # Sunday: closed
    save(qtbot, page)
    assert not tuesday.isVisible()
    saved = services.venues.get_venue(ui_world.venue_id).opening_hours
    assert saved[1] == (18 * 60, 22 * 60 + 30) and 6 not in saved
    assert [(c.kind, c.ids) for c in changes] == [("venue", frozenset({ui_world.venue_id}))]
    assert page.saved_note.text() == "Saved."
    assert hours.opens[1].text() == "18:00" and hours.closed[6].isChecked()


def test_typed_nonsense_time_is_named_by_its_weekday(qtbot, page, services, ui_world) -> None:
    choose(page, VENUE, ui_world.venue_id)
    hours = page.venue_editor.hours
    retype(qtbot, hours.closes[4], "late")
    save(qtbot, page)
    assert hours.errors[4].text() == "Friday: “late” is not a time; try 14, 2pm or 14:30."
    retype(qtbot, hours.closes[4], "midnight")
    save(qtbot, page)
    assert services.venues.get_venue(ui_world.venue_id).opening_hours[4] == (540, 1440)
    assert hours.closes[4].text() == "24:00"


def test_venue_details_facilities_and_bank_holidays(qtbot, page, services, ui_world) -> None:
    choose(page, VENUE, ui_world.other_venue_id)
    editor = page.venue_editor
    retype(qtbot, editor.postcode, "se22 8hj")
    editor.facilities.boxes[next(iter(editor.facilities.boxes))].setChecked(True)
    editor.bank_holidays.setFocus()
    qtbot.keyClick(editor.bank_holidays, Qt.Key.Key_Space)
    assert page.heading.text().endswith(" *")
    save(qtbot, page)
    venue = services.venues.get_venue(ui_world.other_venue_id)
    assert venue.postcode == "SE22 8HJ" and venue.open_on_bank_holidays
    assert {f.value for f in venue.facilities} == {"kitchen"}
    assert not page.heading.text().endswith(" *")


def test_new_venue_then_refused_name(qtbot, page, services, changes) -> None:
    qtbot.keyClick(page.tree, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    editor = page.venue_editor
    assert page.stack.currentIndex() == VENUE_FORM and editor.name.hasFocus()
    assert page.heading.text() == "New venue"
    assert not editor.key_holders.add_button.isEnabled()
    qtbot.keyClicks(editor.name, "peckham community centre")
    save(qtbot, page)
    name_error = editor.errors.label_for("name")
    assert name_error.isVisible()
    assert name_error.text() == "There is already a venue called “Peckham Community Centre”."

    retype(qtbot, editor.name, "Nunhead Hall")
    retype(qtbot, editor.hours.opens[0], "8")
    save(qtbot, page)
    created = next(v for v in services.venues.list_venues() if v.name == "Nunhead Hall")
    assert services.venues.get_venue(created.id).opening_hours[0] == (480, 1380)
    assert page.tree.currentIndex().data(NODE_ROLE) == (VENUE, created.id)
    assert editor.key_holders.add_button.isEnabled()
    assert changes[-1].kind == "venue" and changes[-1].ids == frozenset({created.id})


def test_key_holders_add_change_and_remove(qtbot, page, services, ui_world, changes,
                                           confirm_yes, activate) -> None:
    choose(page, VENUE, ui_world.venue_id)
    box = page.venue_editor.key_holders

    def fill(name: str, phone: str) -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, KeyHolderDialog)
        form.name.setText(name)
        form.phone.setText(phone)
        form.role.setText("Caretaker")
        form.save_button.click()
        if form.isVisible():  # refused: show why, then give up
            fill.refused = form.errors.message("phone")  # type: ignore[attr-defined]
            form.reject()

    QTimer.singleShot(0, lambda: fill("Sam Patel", "12"))
    box.add_button.click()
    assert fill.refused == "Key holder's phone “12” has no number to ring."  # type: ignore[attr-defined]
    QTimer.singleShot(0, lambda: fill("Sam Patel", "07700 900555"))
    box.add_button.click()
    qtmodeltester_rows = [box.model.row_at(r).name for r in range(box.model.rowCount())]
    assert qtmodeltester_rows == ["Sam Patel"]
    assert [h.phone for h in services.venues.get_venue(ui_world.venue_id).key_holders] == [
        "07700 900555"]

    activate(page)
    box.view.setFocus()
    box.view.setCurrentIndex(box.model.index(0, 0))
    QTimer.singleShot(0, lambda: fill("Sam Patel-Jones", "07700 900556"))
    qtbot.keyClick(box.view, Qt.Key.Key_Return)
    assert services.venues.get_venue(ui_world.venue_id).key_holders[0].name == "Sam Patel-Jones"

    activate(page)
    box.view.setFocus()
    qtbot.keyClick(box.view, Qt.Key.Key_Delete)
    assert confirm_yes == ["Remove Sam Patel-Jones (07700 900556) as a key holder?"]
    assert services.venues.get_venue(ui_world.venue_id).key_holders == ()
    assert box.model.rowCount() == 0
    assert {c.kind for c in changes} == {"venue"} and all(c.initiator is page for c in changes)


# -- halls and rates -------------------------------------------------------------------------


def test_create_a_hall_as_a_half_of_the_main_hall(qtbot, page, services, ui_world,
                                                  changes) -> None:
    choose(page, HALL, ui_world.main_hall_id)
    qtbot.keyClick(page.tree, Qt.Key.Key_N, CTRL)
    editor = page.hall_editor
    assert page.stack.currentIndex() == HALL_FORM and editor.name.hasFocus()
    assert page.heading.text() == "New hall in Peckham Community Centre"
    qtbot.keyClicks(editor.name, "Main Hall (stage end)")
    save(qtbot, page)  # capacity left blank: the service says what it needs
    assert editor.errors.message("capacity") == "Capacity must be between 1 and 2,000 people."
    assert editor.capacity.hasFocus()

    qtbot.keyClicks(editor.capacity, "40")
    parents = [editor.parent_combo.itemText(i) for i in range(editor.parent_combo.count())]
    assert parents == ["On its own", "Part of Garden Room", "Part of Main Hall"]
    editor.parent_combo.setFocus()
    editor.parent_combo.setCurrentIndex(editor.parent_combo.findData(ui_world.main_hall_id))
    retype(qtbot, editor.deposit, "£75")
    save(qtbot, page)

    created = next(h for h in services.venues.list_halls() if h.name == "Main Hall (stage end)")
    assert (created.parent_id, created.capacity, created.deposit_pence) == (
        ui_world.main_hall_id, 40, 7500)
    assert (2, "Main Hall (stage end)") in tree_rows(page)
    parent_index = page.tree_model.parent(page.tree_model.index_of(HALL, created.id))
    assert parent_index.data(NODE_ROLE) == (HALL, ui_world.main_hall_id)
    assert page.tree.currentIndex().data(NODE_ROLE) == (HALL, created.id)
    assert ("hall", frozenset({created.id})) in [(c.kind, c.ids) for c in changes]
    assert page.hall_editor.parts.text() == "—"


def test_rate_typed_in_pounds_is_saved_in_pence(qtbot, page, services, ui_world,
                                                qtmodeltester) -> None:
    choose(page, HALL, ui_world.small_hall_id)
    view, model = page.hall_editor.rates, page.hall_editor.rates_model
    qtmodeltester.check(model)
    cell = model.index(0, 0)  # community, weekday daytime
    assert cell.data() == "£10.00"
    view.setFocus()
    view.setCurrentIndex(cell)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "£12.50")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cell.data() == "£12.50")  # the delegate commits on a queued call
    assert page.heading.text().endswith(" *")
    save(qtbot, page)

    rates = services.venues.rates_for_hall(ui_world.small_hall_id)
    assert rates[(RateType.COMMUNITY, TimeBand.WEEKDAY_DAYTIME)] == 1250
    assert rates[(RateType.COMMUNITY, TimeBand.EVENING_WEEKEND)] == 1500
    assert model.index(0, 0).data() == "£12.50"
    assert model.index(0, 0).data(PENCE_ROLE) == 1250
    assert not model.is_dirty()


def test_bad_rates_are_named_beside_the_grid(qtbot, page, services, ui_world) -> None:
    choose(page, HALL, ui_world.small_hall_id)
    model = page.hall_editor.rates_model
    model.setData(model.index(1, 1), "12.505")
    save(qtbot, page)
    problem = page.hall_editor.errors.message("rate.private.evening_weekend")
    assert problem == ("Private rate, evenings and weekends, “12.505” has more than two "
                       "decimal places.")
    model.setData(model.index(1, 1), "1500")
    save(qtbot, page)
    assert page.hall_editor.errors.message("pence_per_hour") == (
        "Hourly rate of £1,500.00 is more than the £1,000.00 an hour limit; check the figure.")
    rates = services.venues.rates_for_hall(ui_world.small_hall_id)
    assert rates[(RateType.PRIVATE, TimeBand.EVENING_WEEKEND)] == 4000


def test_deactivate_and_reactivate_a_hall(qtbot, page, services, ui_world, confirm_yes,
                                          changes) -> None:
    choose(page, HALL, ui_world.small_hall_id)
    assert page.actions.deactivate.text() == "&Deactivate"
    qtbot.keyClick(page.tree, Qt.Key.Key_D, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert confirm_yes and confirm_yes[0].startswith("Take Garden Room out of use?")
    assert not services.venues.get_hall(ui_world.small_hall_id).hall.active
    assert page.tree_model.index_of(HALL, ui_world.small_hall_id).data() == (
        "Garden Room (out of use)")
    assert page.actions.deactivate.text() == "&Reactivate"
    page.actions.deactivate.trigger()
    assert services.venues.get_hall(ui_world.small_hall_id).hall.active
    assert [(c.kind, c.ids) for c in changes] == [("hall", {ui_world.small_hall_id})] * 2


def test_unsaved_edits_are_kept_unless_discarded(qtbot, page, ui_world, monkeypatch) -> None:
    choose(page, HALL, ui_world.small_hall_id)
    retype(qtbot, page.hall_editor.name, "Garden Studio")
    monkeypatch.setattr(Messages, "confirm", lambda *_args: False)
    page.tree.setCurrentIndex(page.tree_model.index_of(HALL, ui_world.main_hall_id))
    assert page.tree.currentIndex().data(NODE_ROLE) == (HALL, ui_world.small_hall_id)
    assert page.hall_editor.name.text() == "Garden Studio"
    monkeypatch.setattr(Messages, "confirm", lambda *_args: True)
    page.tree.setCurrentIndex(page.tree_model.index_of(HALL, ui_world.main_hall_id))
    assert page.hall_editor.name.text() == "Main Hall"


def test_changes_from_elsewhere_refresh_the_tree(page, services, ui_world, bus) -> None:
    services.venues.update_hall(ui_world.other_hall_id, HallInput(
        venue_id=ui_world.other_venue_id, name="Reading Room East", capacity=40))
    bus.publish("hall", (ui_world.other_hall_id,), initiator=object())
    assert page.tree_model.index_of(HALL, ui_world.other_hall_id).data() == "Reading Room East"


# -- closures and extras ---------------------------------------------------------------------


def test_closure_over_a_booking_lists_it_as_affected(qtbot, page, services, ui_world,
                                                     changes, qtmodeltester, on_desk) -> None:
    booking = services.bookings.hold(BookingRequest(
        hall_id=ui_world.half_a_id, hirer_id=ui_world.hirer_id,
        start=datetime(2026, 12, 12, 14), end=datetime(2026, 12, 12, 18),
        purpose="Birthday party", attendees=40))
    choose(page, HALL, ui_world.main_hall_id)
    dialog = ClosureDialog(page, services, page._bus, venue_id=ui_world.venue_id,
                           hall_id=ui_world.main_hall_id, initiator=page)
    on_desk(dialog)
    assert dialog.where.currentText().strip() == "Main Hall"
    qtbot.keyClicks(dialog.from_date, "12/12")
    qtbot.keyClicks(dialog.from_time, "9am")
    qtbot.keyClicks(dialog.until_date, "13/12")
    assert dialog.preview.text() == "Closed from Sat 12 Dec 2026 09:00 until Sun 13 Dec 2026 24:00"
    qtbot.keyClick(dialog.reason, Qt.Key.Key_S, CTRL)
    assert dialog.errors.message("reason") == "Reason is required."
    qtbot.keyClicks(dialog.reason, "Roof repairs")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_S, CTRL)

    assert dialog.added is not None
    affected = dialog.affected_model
    qtmodeltester.check(affected)
    assert affected.rowCount() == 1
    row = [affected.index(0, c).data() for c in range(affected.columnCount())]
    assert row == [booking.reference, "Main Hall (north half)", "Sat 12 Dec 2026 14:00–18:00",
                   "Provisional", "Zoë O'Brien-Smith", "07700 900123"]
    assert "1 booking falls in it" in dialog.outcome.text()
    assert not dialog.add_button.isVisible() and dialog.close_button.text() == "Close"
    assert services.bookings.get(booking.id).status is BookingStatus.PROVISIONAL
    assert [(c.kind, c.ids) for c in changes] == [
        ("closure", frozenset({dialog.added.closure.id}))]


def test_add_closure_action_and_remove_from_the_list(qtbot, page, services, ui_world,
                                                     monkeypatch, confirm_yes,
                                                     qtmodeltester) -> None:
    asked: list[tuple[int | None, int | None]] = []

    def fake_ask(_parent, services_, bus_, *, venue_id=None, hall_id=None, initiator=None):
        asked.append((venue_id, hall_id))
        return services_.venues.add_closure(ClosureInput(
            venue_id=venue_id, hall_id=None, start=datetime(2026, 12, 24, 0),
            end=datetime(2026, 12, 27, 0), reason="Christmas"))

    monkeypatch.setattr(ClosureDialog, "ask", classmethod(
        lambda cls, *args, **kwargs: fake_ask(*args, **kwargs)))
    choose(page, VENUE, ui_world.venue_id)
    qtbot.keyClick(page.tree, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert asked == [(ui_world.venue_id, None)]

    page.tabs.setCurrentIndex(CLOSURES_TAB)
    panel = page.closures
    qtmodeltester.check(panel.model)
    assert panel.venue_filter.currentData() == ui_world.venue_id
    row = [panel.model.index(0, c).data() for c in range(panel.model.columnCount())]
    assert row == ["Thu 24 Dec 2026 00:00", "Sat 26 Dec 2026 24:00",
                   "Peckham Community Centre (whole venue)", "Christmas", "test.clerk"]
    assert panel.count.text() == "1 upcoming closure"
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert "Christmas" in confirm_yes[0]
    assert services.venues.list_closures() == [] and panel.model.rowCount() == 0


def test_extras_add_and_withdraw(qtbot, page, services, ui_world, changes,
                                 qtmodeltester) -> None:
    def fill() -> None:
        form = QApplication.activeModalWidget()
        form.name.setText("Tea urn")
        form.price.setText("£7.50")
        form.save_button.click()

    QTimer.singleShot(0, fill)
    qtbot.keyClick(page.tree, Qt.Key.Key_X, CTRL | Qt.KeyboardModifier.ShiftModifier)
    extras = {e.name: e for e in services.venues.list_extras(include_inactive=True)}
    assert extras["Tea urn"].price_pence == 750
    panel = page.extras
    qtmodeltester.check(panel.model)
    assert panel.view.currentIndex().data() == "Tea urn"
    panel.toggle_button.click()
    assert not services.venues.list_extras(include_inactive=True)[1].active
    assert panel.toggle_button.text() == "&Offer again"
    assert [c.kind for c in changes] == ["venue", "venue"]


def test_key_holder_and_extra_models(qtmodeltester, services, ui_world) -> None:
    from ui.halls.extras import ExtrasModel
    from ui.halls.key_holders import KeyHoldersModel

    services.venues.add_key_holder(ui_world.venue_id, KeyHolderInput("Ann", "020 7946 0001"))
    holders = KeyHoldersModel()
    holders.set_rows(services.venues.get_venue(ui_world.venue_id).key_holders)
    qtmodeltester.check(holders)
    extras = ExtrasModel()
    extras.set_rows(services.venues.list_extras(include_inactive=True))
    qtmodeltester.check(extras)
    assert extras.index(0, 1).data() == "£25.00"


def test_keyboard_moves_between_the_list_and_the_form(qtbot, page, ui_world) -> None:
    choose(page, HALL, ui_world.small_hall_id)
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert page.hall_editor.name.hasFocus()
    qtbot.keyClick(page.hall_editor.name, Qt.Key.Key_L, CTRL)
    assert page.tree.hasFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)
    assert page.tree.currentIndex().data(NODE_ROLE) == (HALL, ui_world.main_hall_id)
    assert page.heading.text() == "Main Hall — Peckham Community Centre"


def test_policy_change_elsewhere_updates_the_rates_note(page, services, ui_world, bus) -> None:
    from dataclasses import replace

    choose(page, HALL, ui_world.small_hall_id)
    assert "weekdays from 17:00" in page.hall_editor.rates_note.text()
    services.settings.update_policy(replace(services.settings.policy(),
                                            evening_starts_min=18 * 60))
    bus.publish("settings", (), initiator=object())
    assert "weekdays from 18:00" in page.hall_editor.rates_note.text()


def test_a_venue_with_bookings_to_come_stays_in_use(qtbot, page, services, ui_world,
                                                   confirm_yes, changes) -> None:
    services.bookings.hold(BookingRequest(
        hall_id=ui_world.small_hall_id, hirer_id=ui_world.hirer_id,
        start=datetime(2026, 12, 12, 10), end=datetime(2026, 12, 12, 12),
        purpose="Toddler group", attendees=15))
    choose(page, VENUE, ui_world.venue_id)
    page.actions.deactivate.trigger()
    assert page.page_error.isVisible()
    assert page.page_error.text() == (
        "Peckham Community Centre has 1 booking still to come; cancel or move it before "
        "taking the venue out of use.")
    assert services.venues.get_venue(ui_world.venue_id).active and changes == []
