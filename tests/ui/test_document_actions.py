"""Documents from where the clerk works: the bookings list, the booking dialog, the hirer."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spacebank.services.booking_dto import BookingDetails, BookingRequest
from spacebank.services.container import Services
from tests.factories import World
from tests.ui.previews import previews
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.bookings_page import BookingsPage
from ui.changes import ChangeBus
from ui.hirers.hirers_page import HirersPage
from ui.service_call import Messages

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


@pytest.fixture
def party(services: Services, ui_world: World) -> BookingDetails:
    return services.bookings.book(BookingRequest(
        hall_id=ui_world.main_hall_id, hirer_id=ui_world.hirer_id,
        start=datetime(2026, 12, 12, 14), end=datetime(2026, 12, 12, 18),
        purpose="Birthday party", attendees=60))


@pytest.fixture
def page(qtbot: QtBot, services: Services, bus: ChangeBus, party: BookingDetails
         ) -> BookingsPage:
    widget = BookingsPage(services, bus)
    qtbot.addWidget(widget)
    widget.resize(1360, 860)
    widget.show()
    qtbot.waitUntil(lambda: not widget.refresh_pending() and widget.model.rowCount() > 0)
    widget.table.setFocus()
    assert widget._select_ids([party.id])
    return widget




def test_the_list_previews_the_selected_bookings_confirmation(
    qtbot: QtBot, page: BookingsPage, party: BookingDetails
) -> None:
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    [preview] = previews(qtbot)
    assert party.reference in preview.windowTitle()
    assert preview.document.pageCount() >= 1
    preview.close()


def test_issuing_an_invoice_opens_it_ready_to_print(
    qtbot: QtBot, page: BookingsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, p, t, text: True))
    monkeypatch.setattr(Messages, "info", classmethod(lambda cls, p, t, text: told.append(text)))
    page.actions.issue_invoice.trigger()
    assert told and told[0].startswith("Invoice SB-")
    number = told[0].split()[1]
    [preview] = previews(qtbot)
    assert number in preview.windowTitle()
    preview.close()
    page.actions.print_invoice.trigger()  # the same invoice again, from the list
    [again] = previews(qtbot)
    assert number in again.windowTitle()
    again.close()


def test_print_invoice_before_one_is_issued_says_how(
    qtbot: QtBot, page: BookingsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(Messages, "info", classmethod(lambda cls, p, t, text: told.append(text)))
    page.actions.print_invoice.trigger()
    assert told and "not on an invoice yet" in told[0]
    assert previews(qtbot) == []


def test_ctrl_p_in_the_booking_dialog_previews_its_confirmation(
    qtbot: QtBot, services: Services, bus: ChangeBus, party: BookingDetails
) -> None:
    dialog = BookingDialog(None, services, bus, details=services.bookings.get(party.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    [preview] = previews(qtbot)
    assert party.reference in preview.windowTitle()
    preview.close()


def test_the_hirer_page_prints_the_chosen_invoice(
    qtbot: QtBot, services: Services, bus: ChangeBus, ui_world: World, party: BookingDetails
) -> None:
    invoice = services.invoices.issue([party.id])
    page = HirersPage(services, bus)
    qtbot.addWidget(page)
    page.show()
    page.show_hirer(ui_world.hirer_id)
    qtbot.waitUntil(lambda: page.invoices_model.rowCount() == 1)
    page.invoices.setCurrentIndex(page.invoices_model.index(0, 0))
    assert page.print_invoice_action.isEnabled()
    page.print_invoice_action.trigger()
    [preview] = previews(qtbot)
    assert invoice.number in preview.windowTitle()
    preview.close()
