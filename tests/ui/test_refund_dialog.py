"""The refund dialog: records money given back, refuses too much, prints the refund advice."""

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
from tests.ui.previews import previews
from ui.changes import Change, ChangeBus
from ui.invoices.refund_dialog import RefundDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

TODAY = date(2026, 11, 21)


@pytest.fixture
def invoice_id(services: Services, ui_world: World) -> int:
    """£120.00 invoiced, paid in full by card, then £30.00 credited: £30.00 owed back."""
    start = datetime(2026, 12, 12, 14, tzinfo=UTC)
    with services.ctx.db.write() as s:
        booking_id = add_booking(s, hall_id=ui_world.main_hall_id, hirer_id=ui_world.hirer_id,
                                 start=start, end=start + timedelta(hours=4)).id
    invoice = services.invoices.issue([booking_id])
    services.invoices.record_payment(
        invoice.id, PaymentInput(12000, PaymentMethod.CARD_BY_PHONE, TODAY, "Card 4411"))
    services.invoices.credit_note(invoice.id, amount_pence=3000, reason="Kitchen closed")
    return invoice.id


def dialog(qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int) -> RefundDialog:
    d = RefundDialog(None, services, bus, invoice_id)
    qtbot.addWidget(d)
    d.show()
    return d




def test_records_a_refund_and_opens_the_refund_advice(
    qtbot: QtBot, services: Services, bus: ChangeBus, ui_world: World, invoice_id: int,
    changes: list[Change]
) -> None:
    d = dialog(qtbot, services, bus, invoice_id)
    number = services.invoices.get_invoice(invoice_id).number
    assert number in d.windowTitle()
    assert "the hirer is owed £30.00" in d.summary.text()
    assert d.amount.text() == "30.00"  # what the hirer is owed, ready to accept
    assert d.chosen_method() is PaymentMethod.CARD_BY_PHONE  # back the way it came
    qtbot.keyClicks(d.reason, "Kitchen closed on the day")
    d.refunded.selectAll()
    qtbot.keyClicks(d.refunded, "yesterday")
    assert d.refunded_shown.text() == "Fri 20 Nov 2026"
    assert d.print_advice.isChecked()
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.refund is not None and not d.isVisible()
    assert (d.refund.amount_pence, d.refund.method, d.refund.reference,
            d.refund.received_on) == (-3000, PaymentMethod.CARD_BY_PHONE,
                                      "Kitchen closed on the day", date(2026, 11, 20))
    assert services.invoices.hirer_balance(ui_world.hirer_id).outstanding_pence == 0
    assert [(c.kind, c.ids) for c in changes] == [("payment", frozenset({d.refund.id}))]
    [preview] = previews(qtbot)
    assert preview is d.preview
    assert preview.windowTitle().startswith(f"{RECEIPT_PREFIX}-{d.refund.id:06d} Refund")


def test_more_than_was_paid_is_refused_next_to_the_amount(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int, changes: list[Change]
) -> None:
    d = dialog(qtbot, services, bus, invoice_id)
    d.amount.selectAll()
    qtbot.keyClicks(d.amount, "150")
    qtbot.keyClicks(d.reason, "Too much")
    qtbot.keyClick(d.reason, Qt.Key.Key_Return)
    number = services.invoices.get_invoice(invoice_id).number
    assert d.refund is None and d.isVisible()
    assert d.errors.message("amount_pence") == (
        f"A refund of £150.00 is more than the £120.00 paid on invoice {number}.")
    assert d.errors.label_for("amount_pence").isVisible()
    assert services.invoices.get_invoice(invoice_id).paid_pence == 12000
    assert changes == [] and previews(qtbot) == []


def test_reason_date_and_cost_centre_problems_stay_by_their_fields(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int, changes: list[Change]
) -> None:
    d = dialog(qtbot, services, bus, invoice_id)
    d.print_advice.setChecked(False)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.errors.message("reason") == "The reason for the refund is required."
    qtbot.keyClicks(d.reason, "Cancelled")
    d.refunded.selectAll()
    qtbot.keyClicks(d.refunded, "tomorrow")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert "is in the future" in d.errors.message("refunded_on")
    assert not d.errors.label_for("reason").isVisible()
    d.refunded.setText("today")
    d.method.setCurrentIndex(d.method.findData(PaymentMethod.INTERNAL_RECHARGE))
    assert d.cost_centre.isEnabled()
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.errors.message("cost_centre") == (
        "An internal recharge needs the cost-centre code to charge.")
    qtbot.keyClicks(d.cost_centre, "CC-4410")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.refund is not None and d.refund.cost_centre == "CC-4410"
    assert len(changes) == 1 and previews(qtbot) == []  # the advice was not wanted


def test_nothing_paid_means_nothing_to_refund(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int
) -> None:
    services.invoices.record_refund(invoice_id, 12000, PaymentMethod.CARD_BY_PHONE, "Cancelled")
    d = dialog(qtbot, services, bus, invoice_id)
    assert not d.ok_button.isEnabled() and not d.amount.isEnabled()
    assert "nothing to refund" in d.general_error.text()
    d.record_action.trigger()
    assert d.refund is None


def test_ask_returns_none_when_cancelled(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int, monkeypatch
) -> None:
    monkeypatch.setattr(RefundDialog, "exec", lambda self: self.reject() or 0)
    assert RefundDialog.ask(None, services, bus, invoice_id) is None
    assert services.invoices.get_invoice(invoice_id).paid_pence == 12000
