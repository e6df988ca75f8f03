"""UI tests: real services on a temporary SQLite database, offscreen Qt (see tests/conftest)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from spacebank.services.container import Services
from spacebank.services.context import ServiceContext
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import World, build_world
from ui.changes import Change, ChangeBus


@pytest.fixture
def ui_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "ui.sqlite"
    shutil.copyfile(sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.fixture
def ui_clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def services(ui_db: Database, ui_clock: FrozenClock) -> Services:
    return Services.build(ServiceContext(ui_db, actor="test.clerk", clock=ui_clock))


@pytest.fixture
def ui_world(ui_db: Database) -> World:
    return build_world(ui_db)


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def changes(bus: ChangeBus) -> list[Change]:
    """What the bus published during the test, in order."""
    seen: list[Change] = []
    bus.changed.connect(seen.append)
    return seen


@pytest.fixture
def activate(qtbot: QtBot) -> Callable[[QWidget], None]:
    """Makes a widget's window active, so shortcuts and focus behave as on a desk."""

    def make_active(widget: QWidget) -> None:
        widget.activateWindow()
        widget.window().windowHandle().requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())

    return make_active


@pytest.fixture
def on_desk(qtbot: QtBot, activate: Callable[[QWidget], None]) -> Callable[..., None]:
    """Shows a widget as a clerk sees it: sized, exposed and (unless told) active."""

    def show(widget: QWidget, *, size: tuple[int, int] | None = None,
             active: bool = True) -> None:
        qtbot.addWidget(widget)
        if size is not None:
            widget.resize(*size)
        widget.show()
        qtbot.waitExposed(widget)
        if active:
            activate(widget)

    return show
