"""The chooser for an invoice's payments or credit notes: the latest is ready, Enter takes it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spacebank.domain.enums import PaymentMethod
from spacebank.services.container import Services
from spacebank.services.invoice_dto import PaymentInput
from tests.factories import World, add_booking
from ui.invoices import invoice_prints
from ui.invoices.invoice_records_model import NOTE_REASON, CreditNotesModel, PaymentsModel
from ui.invoices.record_chooser import RecordChooser

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

TODAY = date(2026, 11, 21)


@pytest.fixture
def invoice_id(services: Services, ui_world: World) -> int:
    """£120.00 invoiced; £20 and £30 paid; two credit notes of £10 and £15."""
    start = datetime(2026, 12, 12, 14, tzinfo=UTC)
    with services.ctx.db.write() as s:
        booking_id = add_booking(s, hall_id=ui_world.main_hall_id, hirer_id=ui_world.hirer_id,
                                 start=start, end=start + timedelta(hours=4)).id
    invoice = services.invoices.issue([booking_id])
    for pence in (2000, 3000):
        services.invoices.record_payment(invoice.id, PaymentInput(pence, PaymentMethod.CASH,
                                                                  TODAY))
    for pence, reason in ((1000, "Late opening"), (1500, "No hot water")):
        services.invoices.credit_note(invoice.id, amount_pence=pence, reason=reason)
    return invoice.id


def test_the_latest_row_is_chosen_and_enter_takes_it(
    qtbot: QtBot, services: Services, invoice_id: int, on_desk
) -> None:
    model = PaymentsModel()
    payments = services.invoices.get_invoice(invoice_id).payments
    model.set_rows(payments)
    chooser = RecordChooser(None, "Print receipt", "Which &payment?", model)
    on_desk(chooser)
    assert chooser.table.currentIndex().row() == 1
    qtbot.keyClick(chooser.table, Qt.Key.Key_Up)
    qtbot.keyClick(chooser.table, Qt.Key.Key_Return)
    assert chooser.chosen_id == payments[0].id and not chooser.isVisible()


def test_cancel_chooses_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RecordChooser, "exec", lambda self: self.reject() or 0)
    assert RecordChooser.ask(None, "Print credit note", "Which?", CreditNotesModel()) is None


def test_several_credit_notes_are_offered_to_print(
    qtbot: QtBot, services: Services, invoice_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []

    def pick(cls, parent, title, prompt, model, **options):
        offered.extend(model.index(r, NOTE_REASON).data() for r in range(model.rowCount()))
        return model.row_id(model.row_at(0))

    monkeypatch.setattr(RecordChooser, "ask", classmethod(pick))
    preview = invoice_prints.print_credit_note(None, services, invoice_id)
    assert preview is not None
    qtbot.addWidget(preview)
    first = services.invoices.get_invoice(invoice_id).credit_notes[0]
    assert offered == ["Late opening", "No hot water"]
    assert first.number in preview.windowTitle()
