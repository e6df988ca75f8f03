"""The caller type-ahead: finds hirers as the clerk types and says who was chosen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from spacebank.domain.enums import HirerType
from spacebank.services.container import Services
from spacebank.services.hirer_dto import HirerInput
from tests.factories import World
from ui.changes import ChangeBus
from ui.hirers.hirer_dialog import HirerDialog
from ui.hirers.hirer_lookup import HirerLookup
from ui.hirers.hirer_lookup_model import HirerLookupModel

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


@pytest.fixture
def lookup(on_desk, services: Services, ui_world: World, bus: ChangeBus) -> HirerLookup:
    widget = HirerLookup(services, bus)
    on_desk(widget, size=(900, 40))
    widget.edit.setFocus()
    return widget


def names(lookup: HirerLookup) -> list[str]:
    return [s.display_name for s in lookup.matches()]


def test_zoe_finds_zoe_and_enter_chooses_her(qtbot, lookup, ui_world) -> None:
    qtbot.keyClicks(lookup.edit, "zoe")
    assert lookup.matches() == []  # not per keystroke: after a pause
    qtbot.waitUntil(lambda: names(lookup) == ["Zoë O'Brien-Smith"], timeout=2000)
    popup = QApplication.activePopupWidget()
    assert popup is not None and popup.isVisible()
    with qtbot.waitSignal(lookup.hirer_chosen) as chosen:
        qtbot.keyClick(popup, Qt.Key.Key_Return)  # the pop-up hands Enter to the line edit
    assert chosen.args == [ui_world.hirer_id]
    assert lookup.hirer_id() == ui_world.hirer_id
    assert lookup.edit.text() == "Zoë O'Brien-Smith"
    assert lookup.details.text() == "Resident · 07700 900123 · SE15 5AB"
    assert not popup.isVisible()


def test_highlighted_match_wins_over_the_first(qtbot, lookup, ui_world) -> None:
    qtbot.keyClicks(lookup.edit, "se15")
    qtbot.waitUntil(lambda: len(lookup.matches()) == 2, timeout=2000)
    popup = QApplication.activePopupWidget()
    second = next(i for i, s in enumerate(lookup.matches()) if s.id == ui_world.charity_id)
    popup.setCurrentIndex(popup.model().index(second, 0))
    with qtbot.waitSignal(lookup.hirer_chosen) as chosen:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert chosen.args == [ui_world.charity_id]
    assert lookup.edit.text() == "Peckham Toddler Group"
    assert "contact Łucja Żółć" in lookup.details.text()


def test_phone_digits_and_organisation_find_the_charity(qtbot, lookup, ui_world) -> None:
    qtbot.keyClicks(lookup.edit, "020 7946 09")
    lookup.flush()
    assert [s.id for s in lookup.matches()] == [ui_world.charity_id]
    lookup.edit.clear()
    qtbot.keyClicks(lookup.edit, "toddler")
    lookup.flush()
    assert names(lookup) == ["Peckham Toddler Group"]


def test_enter_before_the_pause_takes_the_first_match(qtbot, lookup, ui_world) -> None:
    qtbot.keyClicks(lookup.edit, "obrien")
    with qtbot.waitSignal(lookup.hirer_chosen) as chosen:
        qtbot.keyClick(lookup.edit, Qt.Key.Key_Return)
    assert chosen.args == [ui_world.hirer_id]


def test_no_match_says_so_and_editing_clears_the_choice(qtbot, lookup, ui_world) -> None:
    lookup.set_hirer(ui_world.hirer_id)  # programmatic: no signal, but shown
    assert lookup.hirer_id() == ui_world.hirer_id
    with qtbot.waitSignal(lookup.hirer_cleared):
        qtbot.keyClicks(lookup.edit, "x")
    assert lookup.hirer_id() is None
    lookup.edit.clear()
    qtbot.keyClicks(lookup.edit, "nobody")
    lookup.flush()
    assert lookup.matches() == []
    assert "No hirer matches “nobody”" in lookup.details.text()
    qtbot.keyClick(lookup.edit, Qt.Key.Key_Return)  # nothing to take
    assert lookup.hirer_id() is None


def test_new_hirer_button_adds_and_chooses(qtbot, lookup, services, monkeypatch) -> None:
    asked: list[str] = []

    def ask_new(cls, parent, services_, bus, initial_name=""):
        asked.append(initial_name)
        return services_.hirers.create(HirerInput(HirerType.RESIDENT, initial_name,
                                                  phone="07700 900555"))

    monkeypatch.setattr(HirerDialog, "ask_new", classmethod(ask_new))
    qtbot.keyClicks(lookup.edit, "Ada Lovelace")
    with qtbot.waitSignal(lookup.hirer_chosen) as chosen:
        qtbot.keyClick(lookup.edit, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert asked == ["Ada Lovelace"]
    assert services.hirers.get(chosen.args[0]).name == "Ada Lovelace"
    assert lookup.hirer_id() == chosen.args[0]
    assert lookup.details.text() == "Resident · 07700 900555"


def test_a_phone_number_is_not_offered_as_a_name(qtbot, lookup, monkeypatch) -> None:
    asked: list[str] = []

    def ask_new(cls, parent, services_, bus, initial_name=""):
        asked.append(initial_name)

    monkeypatch.setattr(HirerDialog, "ask_new", classmethod(ask_new))
    qtbot.keyClicks(lookup.edit, "07700 900")
    lookup.new_button.click()
    assert asked == [""]
    assert lookup.hirer_id() is None


def test_chosen_hirer_follows_an_edit_elsewhere(qtbot, lookup, services, ui_world, bus) -> None:
    lookup.set_hirer(ui_world.hirer_id)
    hirer = services.hirers.get(ui_world.hirer_id)
    services.hirers.update(hirer.id, HirerInput(hirer.hirer_type, hirer.name,
                                                phone="020 7946 0123", address=hirer.address,
                                                postcode=hirer.postcode))
    bus.publish("hirer", [hirer.id])
    assert "020 7946 0123" in lookup.details.text()


def test_lookup_model_passes_the_model_tester(qtmodeltester, services, ui_world) -> None:
    model = HirerLookupModel()
    model.set_rows(services.hirers.search("se15"))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, 0).data(Qt.ItemDataRole.EditRole) in {"Zoë O'Brien-Smith",
                                                                 "Peckham Toddler Group"}
