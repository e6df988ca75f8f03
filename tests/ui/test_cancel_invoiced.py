"""Cancelling an invoiced booking offers the credit note (and a refund if then owed)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot

from spacebank.domain.enums import BookingStatus, PaymentMethod
from spacebank.services.booking_dto import BookingDetails, BookingRequest
from spacebank.services.container import Services
from spacebank.services.invoice_dto import PaymentInput
from tests.factories import World
from ui.bookings.booking_prompts import BookingPrompts
from ui.bookings.bookings_page import BookingsPage
from ui.changes import ChangeBus
from ui.invoices.credit_note_dialog import CreditNoteDialog
from ui.invoices.refund_dialog import RefundDialog
from ui.service_call import Messages

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


@pytest.fixture
def party(services: Services, ui_world: World) -> BookingDetails:
    return services.bookings.book(BookingRequest(
        hall_id=ui_world.main_hall_id, hirer_id=ui_world.hirer_id,
        start=datetime(2026, 12, 12, 14), end=datetime(2026, 12, 12, 18),
        purpose="Birthday party", attendees=60))


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Questions answered yes; the credit and refund dialogs replaced by recorders."""
    seen: dict[str, list] = {"confirm": [], "credit": [], "refund": []}
    monkeypatch.setattr(BookingPrompts, "cancel_reason",
                        classmethod(lambda cls, parent, what: "Hirer ill"))
    monkeypatch.setattr(Messages, "confirm", classmethod(
        lambda cls, parent, title, text: seen["confirm"].append(title) or True))

    def credit(cls, parent, services, bus, invoice_id, *, reason="", booking_ids=()):  # type: ignore[no-untyped-def]
        seen["credit"].append((invoice_id, reason, tuple(booking_ids)))
        return services.invoices.credit_note(invoice_id, reason=reason)

    monkeypatch.setattr(CreditNoteDialog, "ask", classmethod(credit))
    monkeypatch.setattr(RefundDialog, "ask", classmethod(
        lambda cls, parent, services, bus, invoice_id: seen["refund"].append(invoice_id)))
    return seen


def cancel_in_list(qtbot: QtBot, services: Services, bus: ChangeBus, booking_id: int) -> None:
    page = BookingsPage(services, bus)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.refresh_pending() and page.model.rowCount() > 0)
    page.table.setFocus()
    assert page._select_ids([booking_id])
    page.actions.cancel.trigger()
    assert services.bookings.get(booking_id).status is BookingStatus.CANCELLED


def test_an_uninvoiced_booking_is_just_cancelled(
    qtbot: QtBot, services: Services, bus: ChangeBus, party: BookingDetails,
    asked: dict[str, list]
) -> None:
    cancel_in_list(qtbot, services, bus, party.id)
    assert asked == {"confirm": [], "credit": [], "refund": []}


def test_a_paid_invoice_is_credited_then_the_refund_offered(
    qtbot: QtBot, services: Services, bus: ChangeBus, party: BookingDetails,
    asked: dict[str, list]
) -> None:
    invoice = services.invoices.issue([party.id])
    services.invoices.record_payment(invoice.id, PaymentInput(
        amount_pence=invoice.gross_pence, method=PaymentMethod.CARD_BY_PHONE,
        received_on=date(2026, 11, 21)))
    cancel_in_list(qtbot, services, bus, party.id)
    assert asked["credit"] == [(invoice.id, "Hirer ill", (party.id,))]
    assert asked["confirm"] == ["Credit the invoice?", "Refund the hirer?"]
    assert asked["refund"] == [invoice.id]
