"""The bookings list and its needs-attention panel, on real services and a temporary database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spacebank.domain.enums import BookingStatus, PaymentMethod
from spacebank.services.booking_dto import BookingRequest
from spacebank.services.container import Services
from spacebank.services.invoice_dto import PaymentInput
from tests.conftest import FrozenClock
from tests.factories import World
from ui.bookings import bookings_page as page_module
from ui.bookings.attention_model import AttentionModel
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.booking_prompts import BookingPrompts
from ui.bookings.bookings_page import BookingsPage
from ui.bookings.bookings_table_model import (
    BOOKING_ID_ROLE,
    HIRER,
    TOTAL,
    BookingsTableModel,
)
from ui.bookings.move_dialog import MoveDialog
from ui.bookings.prefill import BookingPrefill
from ui.changes import ChangeBus
from ui.documents.pdf_preview_dialog import PdfPreviewDialog
from ui.invoices.payment_dialog import PaymentDialog
from ui.service_call import Messages

#: The offscreen platform says what it cannot do (size hints, pop-up grabs): not ours.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


@dataclass(frozen=True)
class Diary:
    party: int  # Zoë, Main Hall, Sat 12 Dec 14–18, confirmed, £160
    toddlers: int  # Toddler Group, Garden Room, Tue 1 Dec 10–12, a hold (lapses 22 Nov)
    reading: int  # Zoë, Reading Room, Sat 28 Nov 18–20, confirmed at short notice
    cancelled: int  # Zoë, Garden Room, Sat 5 Dec, cancelled
    january: int  # Zoë, Main Hall, Sat 9 Jan 2027 (after the default four weeks)


def request(world: World, hall_id: int, start: datetime, hours: int, *,
            hirer_id: int | None = None, purpose: str = "Birthday party") -> BookingRequest:
    return BookingRequest(hall_id=hall_id, hirer_id=hirer_id or world.hirer_id, start=start,
                          end=start + timedelta(hours=hours), purpose=purpose, attendees=20)


@pytest.fixture
def diary(services: Services, ui_world: World) -> Diary:
    b = services.bookings
    w = ui_world
    party = b.book(request(w, w.main_hall_id, datetime(2026, 12, 12, 14), 4)).id
    toddlers = b.hold(request(w, w.small_hall_id, datetime(2026, 12, 1, 10), 2,
                              hirer_id=w.charity_id, purpose="Toddler group")).id
    reading = b.book(request(w, w.other_hall_id, datetime(2026, 11, 28, 18), 2,
                             purpose="Book club"), short_notice_approved_by="Pat Manager").id
    cancelled = b.book(request(w, w.small_hall_id, datetime(2026, 12, 5, 14), 2)).id
    b.cancel(cancelled, reason="Hirer moved away")
    january = b.book(request(w, w.main_hall_id, datetime(2027, 1, 9, 14), 3)).id
    return Diary(party, toddlers, reading, cancelled, january)


@pytest.fixture
def page(qtbot: QtBot, services: Services, bus: ChangeBus, diary: Diary) -> BookingsPage:
    widget = BookingsPage(services, bus)
    qtbot.addWidget(widget)
    widget.resize(1360, 860)
    widget.show()
    qtbot.waitUntil(lambda: not widget.refresh_pending() and widget.model.rowCount() > 0)
    return widget


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """BookingDialog and MoveDialog replaced: record what was asked, change nothing."""
    calls: list[tuple[str, object]] = []
    monkeypatch.setattr(BookingDialog, "ask_edit", classmethod(
        lambda cls, parent, services, bus, booking_id: calls.append(("edit", booking_id))))
    monkeypatch.setattr(BookingDialog, "ask_new", classmethod(
        lambda cls, parent, services, bus, prefill: calls.append(("new", prefill))))
    monkeypatch.setattr(MoveDialog, "ask", classmethod(
        lambda cls, parent, services, bus, booking_id: calls.append(("move", booking_id))))
    return calls


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(Messages, "warn", classmethod(
        lambda cls, parent, title, text: shown.append(("warn", text))))
    monkeypatch.setattr(Messages, "info", classmethod(
        lambda cls, parent, title, text: shown.append(("info", text))))
    monkeypatch.setattr(Messages, "confirm", classmethod(
        lambda cls, parent, title, text: shown.append(("confirm", text)) or True))
    return shown


def listed(page: BookingsPage) -> list[int]:
    """Booking ids in the order the (sorted) view shows them."""
    return [page.proxy.index(row, 0).data(BOOKING_ID_ROLE)
            for row in range(page.proxy.rowCount())]


def select(page: BookingsPage, *booking_ids: int) -> None:
    page.table.setFocus()
    page.table.clearSelection()
    assert page._select_ids(list(booking_ids))


def press(qtbot: QtBot, page: BookingsPage, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press on the list, as a clerk makes it (shortcuts included)."""
    page.table.setFocus()
    qtbot.keyClick(page.table, key, modifier)


def type_into(qtbot: QtBot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


# -- filters and sorting ----------------------------------------------------------------


def test_default_list_is_the_next_four_weeks_of_live_bookings(
    page: BookingsPage, diary: Diary
) -> None:
    assert listed(page) == [diary.reading, diary.toddlers, diary.party]
    assert page.dates_shown.text() == "Sat 21 Nov 2026 – Sat 19 Dec 2026"
    assert page.count_label.text() == "3 bookings."
    row = page.model.row_of(diary.party)
    texts = [page.model.index(row, c).data() for c in range(page.model.columnCount())]
    assert texts == [f"BK-{diary.party:06d}", "Sat 12 Dec 2026", "14:00–18:00", "Main Hall",
                     "Peckham Community Centre", "Zoë O'Brien-Smith", "Birthday party", "20",
                     "Confirmed", "£160.00"]
    hold_row = page.model.row_of(diary.toddlers)
    assert page.model.index(hold_row, 8).data() == "Hold to 22 Nov 10:00"


def test_status_filters_give_exactly_the_ticked_statuses(
    qtbot: QtBot, page: BookingsPage, diary: Diary
) -> None:
    page.status_boxes[BookingStatus.CANCELLED].click()
    assert listed(page) == [diary.reading, diary.toddlers, diary.cancelled, diary.party]
    for status in (BookingStatus.CONFIRMED, BookingStatus.CANCELLED):
        page.status_boxes[status].click()
    assert listed(page) == [diary.toddlers]
    page.status_boxes[BookingStatus.PROVISIONAL].setFocus()
    qtbot.keyClick(page.status_boxes[BookingStatus.PROVISIONAL], Qt.Key.Key_Space)
    assert listed(page) == []
    assert page.count_label.text() == "No bookings match."


def test_hall_and_venue_filters(page: BookingsPage, diary: Diary) -> None:
    page.status_boxes[BookingStatus.CANCELLED].click()
    page.hall.setCurrentIndex(page.hall.findText("    Garden Room"))
    assert listed(page) == [diary.toddlers, diary.cancelled]
    page.hall.setCurrentIndex(page.hall.findText("Dulwich Library Hall (all halls)"))
    assert listed(page) == [diary.reading]
    page.hall.setCurrentIndex(page.hall.findText("Peckham Community Centre (all halls)"))
    assert listed(page) == [diary.toddlers, diary.cancelled, diary.party]
    page.hall.setCurrentIndex(0)
    assert len(listed(page)) == 4


def test_typed_date_range(qtbot: QtBot, page: BookingsPage, diary: Diary) -> None:
    type_into(qtbot, page.last_day, "+7")
    qtbot.waitUntil(lambda: listed(page) == [diary.reading])
    assert page.dates_shown.text() == "Sat 21 Nov 2026 – Sat 28 Nov 2026"
    type_into(qtbot, page.first_day, "1/12")
    type_into(qtbot, page.last_day, "")
    qtbot.keyClick(page.last_day, Qt.Key.Key_Return)
    assert listed(page) == [diary.toddlers, diary.party, diary.january]
    assert page.dates_shown.text() == "Tue 1 Dec 2026 onwards"
    type_into(qtbot, page.last_day, "someday")
    qtbot.keyClick(page.last_day, Qt.Key.Key_Return)
    assert not page.dates_error.isHidden()
    assert "not a date I understand" in page.dates_error.text()
    assert listed(page) == [diary.toddlers, diary.party, diary.january]  # left as it was
    type_into(qtbot, page.last_day, "28/11")
    qtbot.keyClick(page.last_day, Qt.Key.Key_Return)
    assert page.dates_error.text() == "The To date is before the From date."
    type_into(qtbot, page.first_day, "-7")
    type_into(qtbot, page.last_day, "tomorrow")
    qtbot.keyClick(page.last_day, Qt.Key.Key_Return)
    assert page.dates_error.isHidden()
    assert listed(page) == []


def test_hirer_filter_by_type_ahead(qtbot: QtBot, page: BookingsPage, diary: Diary) -> None:
    page.hirer.edit.setFocus()
    qtbot.keyClicks(page.hirer.edit, "toddler")
    qtbot.keyClick(page.hirer.edit, Qt.Key.Key_Return)
    assert page.hirer.hirer_id() is not None
    qtbot.waitUntil(lambda: listed(page) == [diary.toddlers])
    page.any_hirer.click()
    assert listed(page) == [diary.reading, diary.toddlers, diary.party]


def test_unpaid_only(page: BookingsPage, services: Services, bus: ChangeBus,
                     diary: Diary) -> None:
    invoice = services.invoices.issue([diary.party])
    services.invoices.record_payment(invoice.id, PaymentInput(
        invoice.gross_pence, PaymentMethod.CARD_BY_PHONE, datetime(2026, 11, 21).date()))
    part = services.invoices.issue([diary.january])
    services.invoices.record_payment(part.id, PaymentInput(
        1000, PaymentMethod.CASH, datetime(2026, 11, 21).date()))
    page.unpaid_only.click()
    # The hold is not billable yet; the party is paid; the reading group is not invoiced.
    assert listed(page) == [diary.reading]
    page.last_day.clear()
    page.refresh_list()
    assert listed(page) == [diary.reading, diary.january]


def test_limit_is_said(page: BookingsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_module, "LIST_LIMIT", 2)
    page.refresh_list()
    assert page.model.rowCount() == 2
    assert page.count_label.text().startswith("Showing the first 2 in date order")


def test_sorting_by_a_column(qtbot: QtBot, page: BookingsPage, diary: Diary) -> None:
    page.table.sortByColumn(TOTAL, Qt.SortOrder.DescendingOrder)
    assert listed(page) == [diary.party, diary.reading, diary.toddlers]  # £160, £80, £20
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(HIRER) + 5, 5))
    assert page.proxy.sortColumn() == HIRER
    first = page.proxy.index(0, HIRER).data()
    if page.proxy.sortOrder() == Qt.SortOrder.AscendingOrder:
        assert first == "Peckham Toddler Group"
    else:
        assert first == "Zoë O'Brien-Smith"


# -- actions ------------------------------------------------------------------------------


def test_confirm_at_short_notice_asks_for_the_manager(
    qtbot: QtBot, page: BookingsPage, services: Services, diary: Diary,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(BookingPrompts, "manager_name", classmethod(
        lambda cls, parent, message: asked.append(message) or "Pat Manager"))
    select(page, diary.toddlers)
    assert page.actions.confirm.isEnabled()
    press(qtbot, page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1 and "less than 14 days away" in asked[0]
    details = services.bookings.get(diary.toddlers)
    assert details.status is BookingStatus.CONFIRMED
    assert details.short_notice_approved_by == "Pat Manager"
    # The bus told the list, which read it again.
    qtbot.waitUntil(lambda: page.model.index(page.model.row_of(diary.toddlers), 8).data()
                    == "Confirmed")
    assert page.selected_ids() == [diary.toddlers]


def test_confirm_without_a_manager_changes_nothing(
    page: BookingsPage, services: Services, diary: Diary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BookingPrompts, "manager_name", classmethod(lambda cls, p, m: None))
    select(page, diary.toddlers)
    page.actions.confirm.trigger()
    assert services.bookings.get(diary.toddlers).status is BookingStatus.PROVISIONAL


def test_cancel_needs_a_reason(
    qtbot: QtBot, page: BookingsPage, services: Services, diary: Diary,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    reasons: list[str | None] = [None, "Hirer postponed the party"]
    asked: list[str] = []
    monkeypatch.setattr(BookingPrompts, "cancel_reason", classmethod(
        lambda cls, parent, what: asked.append(what) or reasons.pop(0)))
    select(page, diary.party)
    press(qtbot, page, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert services.bookings.get(diary.party).status is BookingStatus.CONFIRMED
    press(qtbot, page, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert asked[0].startswith(f"BK-{diary.party:06d}, Main Hall, Sat 12 Dec 2026 14:00–18:00")
    details = services.bookings.get(diary.party)
    assert (details.status, details.cancel_reason) == (BookingStatus.CANCELLED,
                                                        "Hirer postponed the party")
    qtbot.waitUntil(lambda: diary.party not in listed(page))


def test_cancel_dialog_keeps_ok_off_until_a_reason_is_typed(qtbot: QtBot) -> None:
    from ui.bookings.booking_prompts import CancelReasonDialog

    dialog = CancelReasonDialog(None, "BK-000001")
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "   ")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "Flood")
    assert dialog.ok_button.isEnabled()


def test_duplicate_prefills_a_week_later(
    qtbot: QtBot, page: BookingsPage, ui_world: World, diary: Diary,
    opened: list[tuple[str, object]]
) -> None:
    select(page, diary.party)
    press(qtbot, page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    [(kind, prefill)] = opened
    assert kind == "new" and isinstance(prefill, BookingPrefill)
    assert (prefill.hall_id, prefill.hirer_id, prefill.attendees, prefill.purpose) == (
        ui_world.main_hall_id, ui_world.hirer_id, 20, "Birthday party")
    assert prefill.start is not None and prefill.end is not None
    assert (prefill.start.replace(tzinfo=None), prefill.end.replace(tzinfo=None)) == (
        datetime(2026, 12, 19, 14), datetime(2026, 12, 19, 18))


def test_open_move_and_open_by_reference(
    qtbot: QtBot, page: BookingsPage, diary: Diary, opened: list[tuple[str, object]]
) -> None:
    select(page, diary.reading)
    press(qtbot, page, Qt.Key.Key_Return)
    press(qtbot, page, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    page.focus_first()
    qtbot.keyClicks(page.reference, str(diary.january))
    qtbot.keyClick(page.reference, Qt.Key.Key_Return)
    assert opened == [("edit", diary.reading), ("move", diary.reading),
                      ("edit", diary.january)]
    type_into(qtbot, page.reference, "BK-999999")
    qtbot.keyClick(page.reference, Qt.Key.Key_Return)
    assert not page.reference_error.isHidden()
    assert page.reference_error.text() == "Booking BK-999999 does not exist."
    assert len(opened) == 3


def test_issue_invoice_for_one_hirers_bookings(
    qtbot: QtBot, page: BookingsPage, services: Services, diary: Diary,
    messages: list[tuple[str, str]]
) -> None:
    select(page, diary.party, diary.reading)
    press(qtbot, page, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    invoice = services.invoices.invoice_for_booking(diary.party)
    assert invoice is not None
    assert services.invoices.invoice_for_booking(diary.reading) == invoice
    assert invoice.gross_pence == 16000 + 8000
    assert messages[0][0] == "confirm" and "2 bookings of Zoë O'Brien-Smith, £240.00" in \
        messages[0][1]
    assert messages[1] == ("info", f"Invoice {invoice.number} to Zoë O'Brien-Smith for "
                                   "£240.00, due 05 Dec 2026.\nIt opens next, to print or save.")
    for window in QApplication.topLevelWidgets():  # the invoice's preview
        if isinstance(window, PdfPreviewDialog):
            assert invoice.number in window.windowTitle()
            window.close()
    # The unpaid view follows the bus: both bookings now owe on the invoice.
    page.unpaid_only.click()
    assert listed(page) == [diary.reading, diary.party]


def test_issue_invoice_refusal_shows_the_services_message(
    page: BookingsPage, services: Services, diary: Diary, messages: list[tuple[str, str]]
) -> None:
    select(page, diary.toddlers)
    page.actions.issue_invoice.trigger()
    assert messages[-1] == ("warn", f"BK-{diary.toddlers:06d} is a provisional hold; confirm "
                                    "it first, then invoice it.")
    assert services.invoices.invoice_for_booking(diary.toddlers) is None


def test_record_payment_finds_the_bookings_invoice(
    page: BookingsPage, services: Services, diary: Diary, messages: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    paid_for: list[int] = []
    monkeypatch.setattr(PaymentDialog, "ask", classmethod(
        lambda cls, parent, services, bus, invoice_id: paid_for.append(invoice_id)))
    select(page, diary.party)
    page.actions.record_payment.trigger()
    assert messages[-1][0] == "info" and "not on an invoice yet" in messages[-1][1]
    invoice = services.invoices.issue([diary.party])
    page.actions.record_payment.trigger()
    assert paid_for == [invoice.id]


def test_actions_follow_the_selection(page: BookingsPage, diary: Diary) -> None:
    a = page.actions
    page.table.clearSelection()
    assert not any(x.isEnabled() for x in (a.open, a.confirm, a.cancel, a.move, a.duplicate,
                                             a.issue_invoice, a.record_payment))
    select(page, diary.party)
    assert (a.open.isEnabled(), a.confirm.isEnabled(), a.cancel.isEnabled()) == (
        True, False, True)
    select(page, diary.party, diary.toddlers)
    assert (a.open.isEnabled(), a.confirm.isEnabled(), a.issue_invoice.isEnabled()) == (
        False, True, True)
    menu = page.actions_for_menu()
    assert all(x.shortcut().toString() for x in menu if not x.isSeparator())
    assert page.actions.open in page.table.actions()


# -- refreshing ---------------------------------------------------------------------------


def test_a_booking_made_elsewhere_appears_via_the_bus(
    qtbot: QtBot, page: BookingsPage, services: Services, bus: ChangeBus, ui_world: World
) -> None:
    made = services.bookings.hold(request(ui_world, ui_world.half_b_id,
                                          datetime(2026, 12, 3, 18), 2))
    assert made.id not in listed(page)
    page.hide()
    bus.publish("booking", [made.id])
    assert page.refresh_pending() and made.id not in listed(page)  # hidden pages wait
    page.show()
    qtbot.waitUntil(lambda: made.id in listed(page) and not page.refresh_pending())
    bus.publish("closure", [1])  # nothing this page shows
    assert not page.refresh_pending()


def test_selection_survives_a_refresh(page: BookingsPage, diary: Diary) -> None:
    select(page, diary.party)
    page.refresh()
    assert page.selected_ids() == [diary.party]


# -- needs attention ---------------------------------------------------------------------


def test_needs_attention_lists_an_expiring_hold_and_a_short_notice_unpaid_booking(
    qtbot: QtBot, page: BookingsPage, services: Services, bus: ChangeBus, ui_world: World,
    diary: Diary, ui_clock: FrozenClock, opened: list[tuple[str, object]]
) -> None:
    model = page.attention.model
    items = {i.booking.id: i for i in model.rows()}
    assert set(items) == {diary.toddlers, diary.reading}
    assert items[diary.toddlers].hold_expiring
    assert items[diary.reading].reason == (
        "Event in 7 days: not invoiced (£80.00); deposit £150.00 not received")
    assert page.attention.counts_label.text().startswith(
        "1 hold lapses within 48 hours · 2 bookings inside the notice period")

    # A hold for the new year, taken today, lapses in a week: not yet on the panel...
    later = services.bookings.hold(request(ui_world, ui_world.half_a_id,
                                           datetime(2026, 12, 19, 14), 3))
    services.bookings.confirm(diary.toddlers, short_notice_approved_by="Pat Manager")
    bus.publish("booking", [later.id, diary.toddlers])
    qtbot.waitUntil(lambda: not page.refresh_pending())
    assert later.id not in {i.booking.id for i in model.rows()}
    # ...until five days later, when it has under 48 hours to run.
    ui_clock.advance(timedelta(days=5, hours=12))
    page.refresh()
    qtbot.waitUntil(lambda: not page.refresh_pending())
    items = {i.booking.id: i for i in model.rows()}
    assert items[later.id].hold_expiring and not items[later.id].short_notice
    assert model.index(0, 0).data().startswith(("Today", "Tomorrow", "Sat", "Fri"))

    row = [i.booking.id for i in model.rows()].index(later.id)
    page.attention.view.setFocus()
    page.attention.view.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(page.attention.view, Qt.Key.Key_Return)
    assert opened[-1] == ("edit", later.id)


def test_needs_attention_empty_state(qtbot: QtBot, services: Services, bus: ChangeBus,
                                     ui_world: World) -> None:
    page = BookingsPage(services, bus)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.refresh_pending())
    assert page.attention.model.rowCount() == 0
    assert page.attention.counts_label.text().startswith("Nothing right now")
    assert page.count_label.text() == "No bookings match."


# -- models -------------------------------------------------------------------------------


def test_models_pass_the_model_tester(qtmodeltester, page: BookingsPage,
                                      services: Services) -> None:
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    qtmodeltester.check(page.attention.model)
    empty = BookingsTableModel()
    qtmodeltester.check(empty)
    attention = AttentionModel()
    attention.set_items(services.attention.needs_attention())
    qtmodeltester.check(attention)
    assert page.table.selectionModel().model() is page.proxy
