"""The hirer form: saves through the hirer service and shows its objections by the field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from spacebank.domain.enums import HirerType
from spacebank.services.container import Services
from tests.factories import World
from ui.changes import ChangeBus
from ui.hirers.hirer_dialog import HirerDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


@pytest.fixture
def dialog(on_desk, services: Services, ui_world: World, bus: ChangeBus) -> HirerDialog:
    widget = HirerDialog(None, services, bus)
    on_desk(widget, active=False)
    return widget


def choose_type(dialog: HirerDialog, hirer_type: HirerType) -> None:
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(hirer_type.value))


def test_creates_a_hirer_with_every_field(qtbot, dialog, services, changes) -> None:
    choose_type(dialog, HirerType.CHARITY)
    assert dialog._labels["organisation"].text() == "&Organisation *"
    qtbot.keyClicks(dialog.fields["name"], "Amara Okafor")
    qtbot.keyClicks(dialog.fields["organisation"], "Nunhead Knitters")
    qtbot.keyClicks(dialog.fields["phone"], "020 7946 0111")
    qtbot.keyClicks(dialog.fields["phone_alt"], "07700 900777")
    qtbot.keyClicks(dialog.fields["email"], "amara@example.org")
    dialog.address.setPlainText("3 Test Road\nLondon")
    qtbot.keyClicks(dialog.fields["postcode"], "se15 3aa")
    dialog.notes.setPlainText("Prefers the Garden Room")
    qtbot.keyClick(dialog.fields["postcode"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = dialog.details
    assert saved is not None and saved.display_name == "Nunhead Knitters"
    assert (saved.hirer_type, saved.postcode, saved.phone_alt, saved.notes) == (
        HirerType.CHARITY, "SE15 3AA", "07700 900777", "Prefers the Garden Room")
    assert [s.id for s in services.hirers.search("knitters")] == [saved.id]
    assert [(c.kind, c.ids) for c in changes] == [("hirer", frozenset({saved.id}))]


def test_bad_phone_shows_the_service_message_by_the_phone(qtbot, dialog, services,
                                                          changes) -> None:
    qtbot.keyClicks(dialog.fields["name"], "Sam Short")
    qtbot.keyClicks(dialog.fields["phone"], "123")
    dialog.save_button.click()

    phone_error = dialog.errors["phone"]
    assert phone_error.isVisible()
    assert phone_error.text() == ("Phone “123” has 3 digits; a UK number has 10–13 (with area "
                                  "code, e.g. 020 7946 0000).")
    assert dialog.fields["phone"].hasFocus()
    assert dialog.isVisible() and dialog.details is None
    assert not dialog.errors["name"].isVisible() and not dialog.general_error.isVisible()
    assert services.hirers.search("sam") == [] and changes == []

    dialog.fields["phone"].setText("020 7946 0222")
    dialog.save_button.click()
    assert not phone_error.isVisible()
    assert dialog.details is not None and dialog.details.phone == "020 7946 0222"


def test_organisation_required_for_a_charity(qtbot, dialog) -> None:
    choose_type(dialog, HirerType.CHARITY)
    qtbot.keyClicks(dialog.fields["name"], "Pat")
    qtbot.keyClicks(dialog.fields["phone"], "020 7946 0333")
    dialog.save_button.click()
    assert dialog.errors["organisation"].text().startswith("Organisation is required")
    assert dialog.fields["organisation"].hasFocus()


def test_ask_new_starts_with_the_typed_name(qtbot, services, ui_world, bus) -> None:
    def fill_and_save() -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, HirerDialog)
        assert form.fields["name"].text() == "Ada Lovelace"
        form.fields["phone"].setText("07700 900888")
        form.save_button.click()

    QTimer.singleShot(0, fill_and_save)
    details = HirerDialog.ask_new(None, services, bus, initial_name="Ada Lovelace")
    assert details is not None and details.name == "Ada Lovelace"


def test_ask_edit_changes_a_hirer_and_cancel_changes_nothing(qtbot, services, ui_world,
                                                            bus, changes) -> None:
    def change_phone() -> None:
        form = QApplication.activeModalWidget()
        assert form.fields["name"].text() == "Zoë O'Brien-Smith"
        assert form.windowTitle() == "Hirer — Zoë O'Brien-Smith"
        form.fields["phone"].setText("020 7946 0444")
        form.save_button.click()

    QTimer.singleShot(0, change_phone)
    details = HirerDialog.ask_edit(None, services, bus, ui_world.hirer_id)
    assert details is not None and details.phone == "020 7946 0444"
    assert services.hirers.get(ui_world.hirer_id).phone == "020 7946 0444"

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert HirerDialog.ask_edit(None, services, bus, ui_world.hirer_id) is None
    assert [c.kind for c in changes] == ["hirer"]


def test_every_input_has_a_name_and_a_label(dialog) -> None:
    inputs = [dialog.type_combo, *dialog.fields.values(), dialog.address, dialog.notes]
    assert all(w.accessibleName() for w in inputs)
    assert all(label.buddy() is not None for label in dialog._labels.values())
