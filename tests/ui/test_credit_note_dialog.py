"""The credit note dialog: issues a credit note, shows refusals next to the field, prints."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from spacebank.domain.enums import PaymentMethod
from spacebank.services.container import Services
from spacebank.services.invoice_dto import PaymentInput
from tests.factories import World, add_booking
from tests.ui.previews import previews
from ui.changes import Change, ChangeBus
from ui.invoices.credit_note_dialog import CreditNoteDialog
from ui.invoices.invoice_records_model import InvoiceLinesModel

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

TODAY = date(2026, 11, 21)


@pytest.fixture
def invoice_id(services: Services, ui_world: World) -> int:
    """Two £120.00 Saturday bookings on one £240.00 invoice."""
    ids = []
    with services.ctx.db.write() as s:
        for week in range(2):
            start = datetime(2026, 12, 12, 14, tzinfo=UTC) + timedelta(weeks=week)
            ids.append(add_booking(s, hall_id=ui_world.main_hall_id, hirer_id=ui_world.hirer_id,
                                   start=start, end=start + timedelta(hours=4)).id)
    return services.invoices.issue(ids).id


def dialog(qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int
           ) -> CreditNoteDialog:
    d = CreditNoteDialog(None, services, bus, invoice_id)
    qtbot.addWidget(d)
    d.show()
    return d




def test_credits_the_whole_invoice_and_opens_the_credit_note(
    qtbot: QtBot, services: Services, bus: ChangeBus, ui_world: World, invoice_id: int,
    changes: list[Change], on_desk
) -> None:
    d = CreditNoteDialog(None, services, bus, invoice_id)
    on_desk(d)
    number = services.invoices.get_invoice(invoice_id).number
    assert number in d.windowTitle()
    assert d.lines_model.rowCount() == 2
    assert "Left to credit: £240.00" in d.summary.text()
    assert d.whole.isChecked() and d.whole.text() == "Credit the &whole invoice (£240.00)"
    assert not d.amount.isEnabled()
    d.reason.setFocus()
    qtbot.keyClicks(d.reason, "Hall flooded; bookings cancelled")
    qtbot.keyClick(d.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.credit_note is not None and not d.isVisible()
    assert d.credit_note.gross_pence == 24000
    assert d.credit_note.reason == "Hall flooded; bookings cancelled"
    invoice = services.invoices.get_invoice(invoice_id)
    assert invoice.state == "credited" and invoice.credited_pence == 24000
    assert services.invoices.hirer_balance(ui_world.hirer_id).outstanding_pence == 0
    assert [(c.kind, c.ids, c.initiator) for c in changes] == [
        ("invoice", frozenset({invoice_id}), d)]
    [preview] = previews(qtbot)
    assert d.credit_note.number in preview.windowTitle()
    assert preview is d.preview and preview.document.pageCount() >= 1


def test_credits_part_chosen_by_lines_or_typed(
    qtbot: QtBot, services: Services, bus: ChangeBus, ui_world: World, invoice_id: int,
    changes: list[Change]
) -> None:
    d = dialog(qtbot, services, bus, invoice_id)
    d.lines.selectionModel().select(
        d.lines_model.index(1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    assert d.part.isChecked() and d.amount.isEnabled()
    assert d.amount.text() == "120.00"  # the chosen line's total
    d.amount.setFocus()
    d.amount.selectAll()
    qtbot.keyClicks(d.amount, "£45.50")
    qtbot.keyClicks(d.reason, "Kitchen closed for the second date")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.credit_note is not None and d.credit_note.gross_pence == 4550
    assert services.invoices.get_invoice(invoice_id).credited_pence == 4550
    assert services.invoices.hirer_balance(ui_world.hirer_id).outstanding_pence == 24000 - 4550
    assert [c.kind for c in changes] == ["invoice"]
    [preview] = previews(qtbot)
    assert d.credit_note.number in preview.windowTitle()

    again = dialog(qtbot, services, bus, invoice_id)
    assert again.whole.text() == "Credit &everything left (£194.50)"
    assert d.credit_note.number in again.summary.text()


def test_more_than_is_left_is_refused_next_to_the_amount(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int, changes: list[Change]
) -> None:
    d = dialog(qtbot, services, bus, invoice_id)
    d.part.setChecked(True)
    qtbot.keyClicks(d.amount, "250")
    qtbot.keyClicks(d.reason, "Goodwill")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    number = services.invoices.get_invoice(invoice_id).number
    assert d.credit_note is None and d.isVisible()
    assert d.amount_error.isVisible()
    assert d.errors.message("amount_pence") == (
        f"A credit of £250.00 is more than the £240.00 left to credit on invoice {number} "
        "(invoiced £240.00, already credited £0.00).")
    assert not d.general_error.isVisible()
    assert services.invoices.get_invoice(invoice_id).credited_pence == 0
    assert changes == [] and previews(qtbot) == []


def test_a_reason_is_required_and_typing_mistakes_stay_by_the_field(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int, changes: list[Change]
) -> None:
    d = dialog(qtbot, services, bus, invoice_id)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.errors.message("reason") == "The reason for the credit is required."
    assert d.errors.label_for("reason").isVisible()
    assert d.reason.hasFocus() or not d.isActiveWindow()
    d.part.setChecked(True)
    qtbot.keyClicks(d.amount, "12.345")
    qtbot.keyClicks(d.reason, "Typo")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert "more than two decimal places" in d.errors.message("amount_pence")
    assert not d.errors.label_for("reason").isVisible()
    assert services.invoices.get_invoice(invoice_id).credit_notes == ()
    assert changes == []


def test_an_invoice_credited_in_full_cannot_be_credited_again(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int
) -> None:
    services.invoices.credit_note(invoice_id, reason="Cancelled")
    d = dialog(qtbot, services, bus, invoice_id)
    assert not d.ok_button.isEnabled() and not d.reason.isEnabled()
    assert "already been credited in full" in d.general_error.text()
    d.issue_action.trigger()
    assert d.credit_note is None


def test_a_paid_invoice_says_a_refund_is_separate(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int
) -> None:
    services.invoices.record_payment(invoice_id, PaymentInput(5000, PaymentMethod.CASH, TODAY))
    d = dialog(qtbot, services, bus, invoice_id)
    assert "record a refund" in d.summary.text()


def test_ask_returns_none_when_cancelled(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int, monkeypatch
) -> None:
    monkeypatch.setattr(CreditNoteDialog, "exec", lambda self: self.reject() or 0)
    assert CreditNoteDialog.ask(None, services, bus, invoice_id) is None
    assert services.invoices.get_invoice(invoice_id).credit_notes == ()


def test_the_lines_model_passes_the_model_tester(
    qtmodeltester, qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int
) -> None:
    d = dialog(qtbot, services, bus, invoice_id)
    qtmodeltester.check(d.lines_model)
    qtmodeltester.check(InvoiceLinesModel())


def test_prefilled_for_cancelled_bookings_chooses_their_lines(
    qtbot: QtBot, services: Services, bus: ChangeBus, invoice_id: int
) -> None:
    invoice = services.invoices.get_invoice(invoice_id)
    second = invoice.lines[1].booking_id
    assert second is not None
    d = CreditNoteDialog(None, services, bus, invoice_id, reason="Cancelled by the hirer",
                         booking_ids=[second])
    qtbot.addWidget(d)
    assert d.part.isChecked() and d.amount.text() == "120.00"
    assert d.reason.toPlainText() == "Cancelled by the hirer"
    assert [i.row() for i in d.lines.selectionModel().selectedRows()] == [1]
    every = CreditNoteDialog(None, services, bus, invoice_id, reason="Both cancelled",
                             booking_ids=invoice.booking_ids)
    qtbot.addWidget(every)
    assert every.whole.isChecked()  # every line: the whole invoice, lines mirrored
