"""The hirers directory and a hirer's detail page, on real services and a temporary database."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spacebank.domain.enums import HirerType, PaymentMethod
from spacebank.services.booking_dto import BookingRequest
from spacebank.services.container import Services
from spacebank.services.document_service import RECEIPT_PREFIX
from spacebank.services.hirer_dto import HirerInput
from spacebank.services.invoice_dto import PaymentInput
from tests.factories import World
from tests.ui.previews import previews
from ui.bookings.booking_dialog import BookingDialog
from ui.changes import ChangeBus
from ui.hirers import hirers_page as page_module
from ui.hirers.hirer_dialog import HirerDialog
from ui.hirers.hirer_directory_model import HIRER_ID_ROLE, HirerDirectoryModel
from ui.hirers.hirer_invoices_model import HirerInvoicesModel
from ui.hirers.hirers_page import HirersPage, SaveFile
from ui.invoices.credit_note_dialog import CreditNoteDialog
from ui.invoices.invoice_records_model import CreditNotesModel, PaymentsModel
from ui.invoices.payment_dialog import PaymentDialog
from ui.invoices.record_chooser import RecordChooser
from ui.invoices.refund_dialog import RefundDialog
from ui.service_call import Messages

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")
TODAY = date(2026, 11, 21)


@pytest.fixture
def zoe_invoice(services: Services, ui_world: World) -> int:
    """Zoë has two confirmed bookings (£160 + £120) on one invoice, £50 paid."""
    b = services.bookings
    ids = [
        b.book(BookingRequest(hall_id=ui_world.main_hall_id, hirer_id=ui_world.hirer_id,
                              start=start, end=start + timedelta(hours=hours),
                              purpose="Birthday party", attendees=30)).id
        for start, hours in ((datetime(2026, 12, 12, 14), 4), (datetime(2026, 12, 19, 14), 3))
    ]
    invoice = services.invoices.issue(ids)
    services.invoices.record_payment(invoice.id, PaymentInput(5000, PaymentMethod.CASH, TODAY))
    return invoice.id


@pytest.fixture
def page(qtbot: QtBot, services: Services, bus: ChangeBus, ui_world: World) -> HirersPage:
    widget = HirersPage(services, bus)
    qtbot.addWidget(widget)
    widget.resize(1360, 860)
    widget.show()
    qtbot.waitUntil(lambda: widget.directory_model.rowCount() > 0)
    return widget


def names(page: HirersPage) -> list[str]:
    model = page.directory_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def choose(qtbot: QtBot, page: HirersPage, hirer_id: int) -> None:
    row = page.directory_model.row_of(hirer_id)
    assert row is not None
    page.directory.setFocus()
    page.directory.setCurrentIndex(page.directory_model.index(row, 0))
    qtbot.waitUntil(lambda: page.hirer_id() == hirer_id)


def test_directory_lists_hirers_and_types_ahead(qtbot: QtBot, page: HirersPage) -> None:
    assert names(page) == ["Peckham Toddler Group", "Zoë O'Brien-Smith"]
    assert page.directory_model.index(0, 1).data() == "Charity"
    assert page.directory_count.text() == "2 hirers, by name"
    page.focus_first()
    qtbot.keyClicks(page.filter, "zoe")
    qtbot.waitUntil(lambda: names(page) == ["Zoë O'Brien-Smith"])
    assert page.directory_count.text() == "1 hirer matches “zoe”"
    page.filter.clear()
    qtbot.keyClicks(page.filter, "020 7946")  # phone digits
    qtbot.waitUntil(lambda: names(page) == ["Peckham Toddler Group"])
    page.filter.clear()
    qtbot.keyClicks(page.filter, "nobody")
    qtbot.waitUntil(lambda: names(page) == [])
    assert "New hirer… (Ctrl+N)" in page.directory_count.text()
    page.filter.clear()
    qtbot.waitUntil(lambda: len(names(page)) == 2)
    # Enter in the filter moves to the first match, whose details show.
    qtbot.keyClicks(page.filter, "peckham")
    qtbot.keyClick(page.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.heading.text() == "Peckham Toddler Group")


def test_directory_pages_through_many_hirers(
    qtbot: QtBot, page: HirersPage, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("Amir Khan", "Bea Jones", "Carl Ode"):
        services.hirers.create(HirerInput(HirerType.RESIDENT, name, phone="020 7946 0123"))
    monkeypatch.setattr(page_module, "PAGE_SIZE", 2)
    page.refresh_directory()
    assert names(page) == ["Amir Khan", "Bea Jones"]
    assert page.more_button.isEnabled()
    page.more_button.click()
    page.more_button.click()
    assert names(page) == ["Amir Khan", "Bea Jones", "Carl Ode", "Peckham Toddler Group",
                           "Zoë O'Brien-Smith"]
    assert not page.more_button.isEnabled()


def test_detail_shows_contact_bookings_invoices_and_balance(
    qtbot: QtBot, page: HirersPage, services: Services, ui_world: World, zoe_invoice: int
) -> None:
    choose(qtbot, page, ui_world.hirer_id)
    assert page.heading.text() == "Zoë O'Brien-Smith"
    assert page.subheading.text() == "Resident"
    assert page.contact["phone"].text() == "07700 900123"
    assert page.contact["postcode"].text() == "SE15 5AB"
    assert page.contact["email"].text() == "—"
    assert page.bookings_model.rowCount() == 2
    assert [page.bookings_proxy.index(r, 1).data() for r in range(2)] == [
        "Sat 12 Dec 2026", "Sat 19 Dec 2026"]
    assert page.tabs.tabText(0) == "Boo&kings (2)"
    number = services.invoices.get_invoice(zoe_invoice).number
    assert page.invoices_model.rowCount() == 1
    row = [page.invoices_model.index(0, c).data() for c in range(8)]
    assert row == [number, "21 Nov 2026", "5 Dec 2026", "£280.00", "—", "£50.00", "£230.00",
                   "part paid"]
    assert "owes <b" in page.balance.text() and "£230.00" in page.balance.text()
    assert "invoiced £280.00" in page.balance.text() and "paid £50.00" in page.balance.text()

    choose(qtbot, page, ui_world.charity_id)
    assert page.heading.text() == "Peckham Toddler Group"
    assert page.contact["name"].text() == "Łucja Żółć"
    assert page.bookings_model.rowCount() == 0 and page.invoices_model.rowCount() == 0
    assert "owes nothing" in page.balance.text()


def test_a_payment_recorded_refreshes_the_balance(
    qtbot: QtBot, page: HirersPage, services: Services, bus: ChangeBus, ui_world: World,
    zoe_invoice: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pay(cls, parent, services_, bus_, invoice_id):
        paid = services_.invoices.record_payment(
            invoice_id, PaymentInput(23000, PaymentMethod.BANK_TRANSFER, TODAY))
        bus_.publish("payment", [paid.id])
        return paid

    monkeypatch.setattr(PaymentDialog, "ask", classmethod(pay))
    choose(qtbot, page, ui_world.charity_id)
    assert not page.pay_action.isEnabled()  # no invoices
    choose(qtbot, page, ui_world.hirer_id)
    # The first invoice with money owed is ready for Record payment.
    assert page.current_invoice() is not None and page.current_invoice().id == zoe_invoice
    assert page.pay_action.isEnabled()
    page.tabs.setCurrentIndex(1)
    page.invoices.setFocus()
    qtbot.keyClick(page.invoices, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "owes nothing" in page.balance.text())
    assert page.invoices_model.index(0, 7).data() == "paid"
    assert services.invoices.invoice_balance(zoe_invoice).outstanding_pence == 0


def test_new_and_edit_hirer_and_new_booking(
    qtbot: QtBot, page: HirersPage, services: Services, bus: ChangeBus, ui_world: World,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []

    def ask_new(cls, parent, services_, bus_, initial_name=""):
        made = services_.hirers.create(HirerInput(HirerType.BUSINESS, "Ada Lovelace",
                                                  organisation="Engines Ltd",
                                                  phone="020 7946 0555"))
        bus_.publish("hirer", [made.id])
        return made

    monkeypatch.setattr(HirerDialog, "ask_new", classmethod(ask_new))
    monkeypatch.setattr(HirerDialog, "ask_edit", classmethod(
        lambda cls, parent, s, b, hirer_id: asked.append(("edit", hirer_id))))
    monkeypatch.setattr(BookingDialog, "ask_new", classmethod(
        lambda cls, parent, s, b, prefill: asked.append(("book", prefill.hirer_id))))
    assert not page.edit_action.isEnabled()
    page.directory.setFocus()
    qtbot.keyClick(page.directory, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.heading.text() == "Engines Ltd"
    assert "Engines Ltd" in names(page)
    current = page.directory.currentIndex()
    assert current.isValid() and current.data(HIRER_ID_ROLE) == page.hirer_id()
    hirer_id = page.hirer_id()
    qtbot.keyClick(page.directory, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.directory, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert asked == [("edit", hirer_id), ("book", hirer_id)]


def test_edits_elsewhere_refresh_the_detail(
    qtbot: QtBot, page: HirersPage, services: Services, bus: ChangeBus, ui_world: World
) -> None:
    choose(qtbot, page, ui_world.charity_id)
    services.hirers.update(ui_world.charity_id, HirerInput(
        HirerType.CHARITY, "Łucja Żółć", organisation="Peckham Toddlers", phone="020 7946 0999"))
    bus.publish("hirer", [ui_world.charity_id])
    qtbot.waitUntil(lambda: page.heading.text() == "Peckham Toddlers")
    assert "Peckham Toddlers" in names(page)
    booking = services.bookings.hold(BookingRequest(
        hall_id=ui_world.small_hall_id, hirer_id=ui_world.charity_id,
        start=datetime(2026, 12, 8, 10), end=datetime(2026, 12, 8, 12),
        purpose="Toddler group", attendees=15))
    bus.publish("booking", [booking.id])
    qtbot.waitUntil(lambda: page.bookings_model.rowCount() == 1)


def test_export_personal_data(
    qtbot: QtBot, page: HirersPage, ui_world: World, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export.json"
    suggested: list[str] = []
    shown: list[str] = []
    monkeypatch.setattr(SaveFile, "ask", classmethod(
        lambda cls, parent, title, name, file_filter="": suggested.append(name) or target))
    monkeypatch.setattr(Messages, "info", classmethod(
        lambda cls, parent, title, text: shown.append(text)))
    choose(qtbot, page, ui_world.hirer_id)
    page.export_action.trigger()
    assert suggested == [f"personal-data-hirer-{ui_world.hirer_id}-2026-11-21.json"]
    content = json.loads(target.read_text(encoding="utf-8"))
    assert "Zoë O'Brien-Smith" in json.dumps(content, ensure_ascii=False)
    assert shown == [f"Everything held about Zoë O'Brien-Smith was saved to {target}."]


def test_empty_directory_says_what_to_do(qtbot: QtBot, services: Services,
                                         bus: ChangeBus) -> None:
    page = HirersPage(services, bus)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page._directory_stale)
    assert page.heading.text() == "No hirers yet"
    assert "Ctrl+N" in page.subheading.text()


def test_models_pass_the_model_tester(
    qtmodeltester, qtbot: QtBot, page: HirersPage, ui_world: World,
    zoe_invoice: int
) -> None:
    choose(qtbot, page, ui_world.hirer_id)
    qtmodeltester.check(page.directory_model)
    qtmodeltester.check(page.invoices_model)
    qtmodeltester.check(page.bookings_proxy)
    qtmodeltester.check(HirerDirectoryModel())
    qtmodeltester.check(HirerInvoicesModel())




def test_invoice_actions_apply_only_where_they_make_sense(
    qtbot: QtBot, page: HirersPage, services: Services, ui_world: World, zoe_invoice: int
) -> None:
    money = (page.credit_action, page.refund_action, page.print_receipt_action,
             page.print_credit_note_action)
    choose(qtbot, page, ui_world.charity_id)
    assert not any(action.isEnabled() for action in money)  # no invoices
    choose(qtbot, page, ui_world.hirer_id)
    # £280 invoiced, £50 paid, nothing credited yet.
    assert page.credit_action.isEnabled() and page.refund_action.isEnabled()
    assert page.print_receipt_action.isEnabled()
    assert not page.print_credit_note_action.isEnabled()
    services.invoices.record_refund(zoe_invoice, 5000, PaymentMethod.CASH, "Paid twice")
    services.invoices.credit_note(zoe_invoice, reason="Both dates cancelled")
    page.refresh_detail()
    qtbot.waitUntil(lambda: page.invoices_model.index(0, 7).data() == "credited")
    assert not page.credit_action.isEnabled() and not page.refund_action.isEnabled()
    assert page.print_receipt_action.isEnabled()  # the payment and the refund
    assert page.print_credit_note_action.isEnabled()
    # Shortcuts are unique on the page and shown in its menu.
    keys = [s.toString() for a in page.actions() for s in a.shortcuts()]
    assert len(keys) == len(set(keys))
    shown = {a.text(): a.shortcut().toString() for a in page.actions_for_menu() if a.text()}
    assert shown["Issue &credit note…"] == "Ctrl+Shift+C"
    assert shown["Record ref&und…"] == "Ctrl+Shift+U"
    assert shown["Print receip&t…"] == "Ctrl+Shift+T"
    assert shown["Print credit n&ote…"] == "Ctrl+Shift+O"


def test_credit_note_from_the_page_refreshes_it_and_prints(
    qtbot: QtBot, page: HirersPage, services: Services, ui_world: World, zoe_invoice: int,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    def issue(dialog: CreditNoteDialog) -> int:
        dialog.part.setChecked(True)
        dialog.amount.setText("80")
        dialog.reason.setPlainText("Second date cancelled")
        dialog._on_issue_clicked()
        return 1

    monkeypatch.setattr(CreditNoteDialog, "exec", issue)
    choose(qtbot, page, ui_world.hirer_id)
    page.tabs.setCurrentIndex(1)
    page.invoices.setFocus()
    page.credit_action.trigger()
    [preview] = previews(qtbot)
    [note] = services.invoices.get_invoice(zoe_invoice).credit_notes
    assert note.number in preview.windowTitle() and note.gross_pence == 8000
    qtbot.waitUntil(lambda: "credited £80.00" in page.balance.text())
    assert page.invoices_model.index(0, 4).data() == "£80.00"
    assert page.print_credit_note_action.isEnabled()
    page.print_credit_note_action.trigger()  # one credit note: straight to its preview
    assert len(previews(qtbot)) == 2


def test_print_receipt_asks_which_payment_when_there_are_several(
    qtbot: QtBot, page: HirersPage, services: Services, ui_world: World, zoe_invoice: int,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    second = services.invoices.record_payment(
        zoe_invoice, PaymentInput(2500, PaymentMethod.CHEQUE, TODAY, "Cheque 000124"))
    offered: list[list[str]] = []

    def pick(cls, parent, title, prompt, model, **options):
        references = [model.index(r, 3).data() for r in range(model.rowCount())]
        offered.append(references)
        return model.row_id(model.row_at(0))

    monkeypatch.setattr(RecordChooser, "ask", classmethod(pick))
    choose(qtbot, page, ui_world.hirer_id)
    page.print_receipt_action.trigger()
    assert offered == [["—", "Cheque 000124"]]
    [preview] = previews(qtbot)
    first = services.invoices.get_invoice(zoe_invoice).payments[0]
    assert first.id != second.id
    assert preview.windowTitle().startswith(f"{RECEIPT_PREFIX}-{first.id:06d} Receipt")


def test_refund_from_the_page_refreshes_the_balance(
    qtbot: QtBot, page: HirersPage, services: Services, ui_world: World, zoe_invoice: int,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    def refund(dialog: RefundDialog) -> int:
        dialog.amount.setText("50")
        dialog.reason.setText("Paid by mistake")
        dialog.print_advice.setChecked(False)
        dialog._on_record_clicked()
        return 1

    monkeypatch.setattr(RefundDialog, "exec", refund)
    choose(qtbot, page, ui_world.hirer_id)
    page.refund_action.trigger()
    qtbot.waitUntil(lambda: "owes <b" in page.balance.text() and "£280.00" in
                    page.balance.text() and "paid £0.00" in page.balance.text())
    assert not page.refund_action.isEnabled()
    assert page.print_receipt_action.isEnabled()


def test_chooser_models_pass_the_model_tester(
    qtmodeltester, services: Services, zoe_invoice: int
) -> None:
    services.invoices.record_refund(zoe_invoice, 1000, PaymentMethod.CASH, "Overcharged")
    services.invoices.credit_note(zoe_invoice, amount_pence=1000, reason="Overcharged")
    details = services.invoices.get_invoice(zoe_invoice)
    payments, notes = PaymentsModel(), CreditNotesModel()
    payments.set_rows(details.payments)
    notes.set_rows(details.credit_notes)
    assert payments.index(1, 1).data() == "Refund" and payments.index(1, 4).data() == "-£10.00"
    qtmodeltester.check(payments)
    qtmodeltester.check(notes)
    qtmodeltester.check(PaymentsModel())
    qtmodeltester.check(CreditNotesModel())
