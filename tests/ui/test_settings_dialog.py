"""Settings: organisation details and booking policy through the settings service, and the
database choice (with a background connection test) in the desk's settings file."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from spacebank.domain.enums import RateType
from spacebank.domain.errors import ValidationError
from spacebank.services.container import Services
from spacebank.storage import app_config, connection_test
from spacebank.storage.database import Database
from tests.factories import World
from ui.changes import ChangeBus
from ui.service_call import Messages
from ui.settings.organisation_tab import FileChooser
from ui.settings.policy_tab import bp_to_percent, percent_to_bp
from ui.settings.settings_dialog import (
    DATABASE_TAB,
    ORGANISATION_TAB,
    POLICY_TAB,
    SettingsDialog,
)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def config_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "config.json"
    monkeypatch.setattr(app_config, "config_file", lambda: path)
    return path


@pytest.fixture
def dialog(on_desk, services: Services, ui_world: World, bus: ChangeBus,
           config_path: Path) -> SettingsDialog:
    widget = SettingsDialog(None, services, bus)
    on_desk(widget)
    return widget


def retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def save(qtbot, dialog: SettingsDialog) -> None:
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_S, CTRL)


# -- percentages ------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "points"), [
    ("20", 2000), ("17.5", 1750), ("0", 0), ("20%", 2000), (" 5 % ", 500), ("0.05", 5),
    ("12.34", 1234), ("100", 10000), ("-5", -500),
])
def test_percentages_become_basis_points_exactly(typed: str, points: int) -> None:
    assert percent_to_bp(typed, field="vat_hire_bp", label="VAT") == points


@pytest.mark.parametrize(("typed", "message"), [
    ("", "VAT: type a percentage, e.g. 20 or 0."),
    ("twenty", "VAT: “twenty” is not a percentage; type e.g. 20, 17.5 or 0."),
    ("nan", "VAT: “nan” is not a percentage; type e.g. 20, 17.5 or 0."),
    ("17.555", "VAT: “17.555” has more than two decimal places."),
])
def test_percentages_that_are_refused(typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        percent_to_bp(typed, field="vat_extra_bp", label="VAT")
    assert (refused.value.user_message, refused.value.field) == (message, "vat_extra_bp")


def test_basis_points_shown_as_typed() -> None:
    assert [bp_to_percent(p) for p in (2000, 1750, 0, 5, 10000, 1234)] == [
        "20", "17.5", "0", "0.05", "100", "12.34"]


# -- booking policy ---------------------------------------------------------------------------


def test_policy_round_trip(qtbot, dialog, services, changes) -> None:
    dialog.tabs.setCurrentIndex(POLICY_TAB)
    tab = dialog.policy
    assert tab.vat_hire.text() == "0" and tab.evening.text() == "17:00"
    retype(qtbot, tab.spins["hold_days"], "10")
    retype(qtbot, tab.spins["notice_days"], "21")
    retype(qtbot, tab.evening, "6pm")
    retype(qtbot, tab.vat_hire, "17.5")
    retype(qtbot, tab.vat_extra, "20")
    tab.deposit_types[RateType.COMMUNITY].setFocus()
    qtbot.keyClick(tab.deposit_types[RateType.COMMUNITY], Qt.Key.Key_Space)
    save(qtbot, dialog)

    assert not dialog.isVisible()
    policy = services.settings.policy()
    assert (policy.hold_days, policy.notice_days, policy.evening_starts_min) == (10, 21, 1080)
    assert (policy.vat_hire_bp, policy.vat_extra_bp) == (1750, 2000)
    assert policy.deposit_rate_types == (RateType.COMMUNITY, RateType.PRIVATE,
                                         RateType.COMMERCIAL)
    assert [(c.kind, c.initiator) for c in changes] == [("settings", dialog)]

    again = SettingsDialog(None, services, ChangeBus())
    qtbot.addWidget(again)
    assert again.policy.vat_hire.text() == "17.5" and again.policy.evening.text() == "18:00"
    assert again.policy.spins["hold_days"].value() == 10


def test_policy_errors_show_beside_the_field_on_its_tab(qtbot, dialog, services,
                                                        changes) -> None:
    tab = dialog.policy
    dialog.tabs.setCurrentIndex(POLICY_TAB)
    retype(qtbot, tab.vat_extra, "17.555")
    save(qtbot, dialog)
    assert dialog.errors.message("vat_extra_bp") == (
        "VAT on extras: “17.555” has more than two decimal places.")
    assert tab.vat_extra.hasFocus() and dialog.isVisible()

    retype(qtbot, tab.vat_extra, "20")
    retype(qtbot, tab.vat_hire, "120")
    dialog.tabs.setCurrentIndex(ORGANISATION_TAB)
    save(qtbot, dialog)
    assert dialog.tabs.currentIndex() == POLICY_TAB  # the message is on this tab
    assert dialog.errors.message("vat_hire_bp") == (
        "VAT on hall hire must be between 0% and 100%.")
    assert services.settings.policy().vat_extra_bp == 0 and changes == []


# -- organisation -----------------------------------------------------------------------------


def test_organisation_round_trip(qtbot, dialog, services, changes, monkeypatch,
                                 tmp_path) -> None:
    tab = dialog.organisation
    assert tab.fields["name"].hasFocus()
    retype(qtbot, tab.fields["name"], "Southwark Halls Team")
    tab.blocks["address"].setPlainText("160 Tooley Street\nLondon")
    retype(qtbot, tab.fields["email"], "halls@example.gov.uk")
    retype(qtbot, tab.fields["sort_code"], "123456")
    retype(qtbot, tab.fields["account_number"], "1234 5678")
    retype(qtbot, tab.fields["vat_number"], "gb 123 456 789")
    logo = tmp_path / "logo.png"
    monkeypatch.setattr(FileChooser, "logo", classmethod(lambda cls, *_args: str(logo)))
    tab.logo_button.click()
    assert tab.logo.text() == str(logo)
    assert tab.logo_preview.text().startswith("There is no image at that path")
    save(qtbot, dialog)

    saved = services.settings.organisation()
    assert (saved.name, saved.address, saved.email) == (
        "Southwark Halls Team", "160 Tooley Street\nLondon", "halls@example.gov.uk")
    assert (saved.sort_code, saved.account_number, saved.vat_number, saved.logo_path) == (
        "12-34-56", "12345678", "GB123456789", str(logo))
    assert services.settings.policy().hold_days == 7  # untouched, and not pinned
    assert [c.kind for c in changes] == ["settings"]


def test_organisation_error_is_shown_by_its_field(qtbot, dialog, services) -> None:
    dialog.tabs.setCurrentIndex(DATABASE_TAB)
    retype(qtbot, dialog.organisation.fields["email"], "halls at example")
    save(qtbot, dialog)
    assert dialog.tabs.currentIndex() == ORGANISATION_TAB
    assert dialog.errors.message("email") == "“halls at example” is not an email address."
    assert dialog.organisation.fields["email"].hasFocus()
    assert services.settings.organisation().email == ""


def test_saving_nothing_changed_writes_nothing(qtbot, dialog, changes, config_path) -> None:
    save(qtbot, dialog)
    assert not dialog.isVisible() and changes == [] and not config_path.exists()


def test_open_and_cancel(qtbot, services, ui_world, bus, changes, config_path) -> None:
    def cancel() -> None:
        shown = QApplication.activeModalWidget()
        assert isinstance(shown, SettingsDialog)
        shown.organisation.fields["name"].setText("Changed but cancelled")
        shown.reject()

    QTimer.singleShot(0, cancel)
    assert SettingsDialog.open(None, services, bus) is None
    assert services.settings.organisation().name == "Southwark Community Halls"
    assert changes == []


# -- database ---------------------------------------------------------------------------------


def test_connection_test_runs_off_the_ui_thread(qtbot, dialog, ui_db: Database, monkeypatch,
                                                tmp_path) -> None:
    threads: list[threading.Thread] = []
    real = connection_test.test_connection

    def recording(url_or_path: str):
        threads.append(threading.current_thread())
        return real(url_or_path)

    monkeypatch.setattr(connection_test, "test_connection", recording)
    tab = dialog.database
    dialog.tabs.setCurrentIndex(DATABASE_TAB)
    assert tab.in_use.text() == ui_db.display_name
    retype(qtbot, tab.choice, ui_db.engine.url.database)
    qtbot.keyClick(tab.choice, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Test
    qtbot.waitUntil(lambda: tab.result.text().startswith("OK: "), timeout=5000)
    assert "a Spacebank database, up to date" in tab.result.text()
    assert threads and threads[0] is not threading.main_thread()
    assert tab.test_button.isEnabled()

    missing = tmp_path / "gone.sqlite"
    retype(qtbot, tab.choice, str(missing))
    tab.test_button.click()
    # The click returns at once: the answer comes back from the worker later.
    assert tab.result.text() == "Testing…" and not tab.test_button.isEnabled()
    qtbot.waitUntil(lambda: tab.result.text().startswith("Not usable: "), timeout=5000)
    assert len(threads) == 2 and threads[1] is not threading.main_thread()
    assert tab.result.text() == (f"Not usable: There is no database file at {missing}. Saving "
                                 "this choice makes Spacebank create a new, empty database "
                                 "there at the next start.")
    assert not missing.exists()


def test_database_choice_is_saved_for_the_next_start(qtbot, dialog, monkeypatch, config_path,
                                                     tmp_path) -> None:
    told: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(Messages, "info", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(Messages, "confirm", lambda _p, _t, text: asked.append(text) or False)
    tab = dialog.database
    dialog.tabs.setCurrentIndex(DATABASE_TAB)
    missing = tmp_path / "new.sqlite"
    retype(qtbot, tab.choice, str(missing))
    tab.test_button.click()
    qtbot.waitUntil(lambda: tab.result.text().startswith("Not usable"), timeout=5000)
    save(qtbot, dialog)
    assert asked and asked[0].startswith("The connection test said: There is no database file")
    assert dialog.isVisible() and not config_path.exists()

    monkeypatch.setattr(Messages, "confirm", lambda *_args: True)
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert json.loads(config_path.read_text()) == {"database": str(missing)}
    assert app_config.configured_database_url() == f"sqlite:///{missing}"
    assert told and told[0].startswith(f"Spacebank will open {missing} the next time it starts")
