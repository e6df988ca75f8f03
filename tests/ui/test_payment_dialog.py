"""The payment dialog: records a payment, shows the service's refusals next to the field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spacebank.domain.enums import PaymentMethod
from spacebank.services.container import Services
from spacebank.services.document_service import RECEIPT_PREFIX
from spacebank.services.invoice_dto import PaymentInput
from tests.factories import World, add_booking
from ui.changes import Change, ChangeBus
from ui.invoices.payment_dialog import PaymentDialog, past_day

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

TODAY = date(2026, 11, 21)  # a Saturday (the ui_clock's London date)


@pytest.fixture
def invoice_id(services: Services, ui_world: World) -> int:
    """£120.00 owed on one invoice for a confirmed Saturday booking."""
    start = datetime(2026, 12, 12, 14, tzinfo=UTC)
    with services.ctx.db.write() as s:
        booking = add_booking(s, hall_id=ui_world.main_hall_id, hirer_id=ui_world.hirer_id,
                              start=start, end=start + timedelta(hours=4))
        booking_id = booking.id
    return services.invoices.issue([booking_id]).id


def dialog(qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int) -> PaymentDialog:
    d = PaymentDialog(None, services, bus, invoice_id)
    qtbot.addWidget(d)
    d.show()
    return d


def retype(qtbot: QtBot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


def test_records_a_payment_typed_in_pounds(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int
) -> None:
    d = dialog(qtbot, services, bus, invoice_id)
    assert "outstanding £120.00" in d.summary.text()
    assert d.amount.text() == "120.00"  # the balance, ready to accept or overtype
    retype(qtbot, d.amount, "£45.50")
    d.method.setCurrentIndex(d.method.findData(PaymentMethod.CHEQUE))
    retype(qtbot, d.received, "thu")
    assert d.received_shown.text() == "Thu 19 Nov 2026"
    qtbot.keyClicks(d.reference, "Cheque 000123")
    changes: list[Change] = []
    bus.changed.connect(changes.append)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.payment is not None
    assert (d.payment.amount_pence, d.payment.method, d.payment.received_on,
            d.payment.reference) == (4550, PaymentMethod.CHEQUE, date(2026, 11, 19),
                                     "Cheque 000123")
    assert services.invoices.invoice_balance(invoice_id).outstanding_pence == 12000 - 4550
    assert [(c.kind, c.ids) for c in changes] == [("payment", frozenset({d.payment.id}))]
    assert not d.isVisible()


def test_overpayment_is_refused_with_the_services_message(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int
) -> None:
    services.invoices.record_payment(invoice_id, PaymentInput(2000, PaymentMethod.CASH, TODAY))
    d = dialog(qtbot, services, bus, invoice_id)
    assert d.amount.text() == "100.00"
    retype(qtbot, d.amount, "150")
    qtbot.keyClick(d.amount, Qt.Key.Key_Return)
    assert d.payment is None and d.isVisible()
    number = services.invoices.get_invoice(invoice_id).number
    assert d.errors["amount"].isVisible()
    assert d.errors["amount"].text() == (
        f"£150.00 is more than the £100.00 still owed on invoice {number}.")
    assert not d.errors["general"].isVisible()
    assert services.invoices.invoice_balance(invoice_id).paid_pence == 2000


def test_typing_mistakes_are_shown_next_to_their_field(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int
) -> None:
    d = dialog(qtbot, services, bus, invoice_id)
    retype(qtbot, d.amount, "12.345")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert "more than two decimal places" in d.errors["amount"].text()
    retype(qtbot, d.amount, "10")
    retype(qtbot, d.received, "tomorrow")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert not d.errors["amount"].isVisible()
    assert "is in the future" in d.errors["received"].text()
    retype(qtbot, d.received, "today")
    assert not d.cost_centre.isEnabled()
    d.method.setCurrentIndex(d.method.findData(PaymentMethod.INTERNAL_RECHARGE))
    assert d.cost_centre.isEnabled()
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.errors["cost_centre"].text() == (
        "An internal recharge needs the cost-centre code to charge.")
    qtbot.keyClicks(d.cost_centre, "CC-4410")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.payment is not None and d.payment.cost_centre == "CC-4410"


def test_ask_returns_none_when_cancelled(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int, monkeypatch
) -> None:
    monkeypatch.setattr(PaymentDialog, "exec", lambda self: self.reject() or 0)
    assert PaymentDialog.ask(None, services, bus, invoice_id) is None
    assert services.invoices.invoice_balance(invoice_id).paid_pence == 0


@pytest.mark.parametrize(("typed", "expected"), [
    ("today", TODAY), ("yesterday", date(2026, 11, 20)), ("fri", date(2026, 11, 20)),
    ("last mon", date(2026, 11, 16)), ("sat", TODAY), ("12/11", date(2026, 11, 12)),
    ("3 nov", date(2026, 11, 3)), ("12/11/2025", date(2025, 11, 12)),
    ("1/12", date(2025, 12, 1)), ("tomorrow", date(2026, 11, 22)),
])
def test_received_dates_look_back(typed: str, expected: date) -> None:
    assert past_day(typed, TODAY) == expected


def test_a_receipt_opens_after_the_payment_when_asked(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int, on_desk
) -> None:
    d = PaymentDialog(None, services, bus, invoice_id)
    on_desk(d)
    assert not d.print_receipt.isChecked()
    d.print_receipt.setChecked(True)
    retype(qtbot, d.amount, "20")
    qtbot.keyClick(d.amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.payment is not None and d.payment.amount_pence == 2000
    preview = d.preview
    assert preview is not None and preview.isVisible()
    qtbot.addWidget(preview)
    assert preview.windowTitle().startswith(f"{RECEIPT_PREFIX}-{d.payment.id:06d} Receipt")
    assert preview.document.pageCount() == 1
