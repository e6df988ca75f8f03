"""UI tests: real services on a temporary SQLite database, offscreen Qt (see tests/conftest)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from spacebank.services.container import Services
from spacebank.services.context import ServiceContext
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import World, build_world
from ui.changes import ChangeBus


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
