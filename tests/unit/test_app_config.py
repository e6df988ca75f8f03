"""The desk's settings file: which database to open at the next start."""

from __future__ import annotations

import json
import os
from pathlib import Path

from spacebank.storage import app_config
from spacebank.storage.app_config import (
    AppConfig,
    config_file,
    configured_database_url,
    load_config,
    save_config,
)


def test_missing_file_means_not_configured(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    assert load_config(path) == AppConfig()
    assert configured_database_url(path) is None


def test_round_trip_and_url(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "config.json"
    assert save_config(AppConfig(database=" /srv/halls/spacebank.sqlite "), path) == path
    assert json.loads(path.read_text()) == {"database": "/srv/halls/spacebank.sqlite"}
    assert load_config(path).database == "/srv/halls/spacebank.sqlite"
    assert configured_database_url(path) == "sqlite:////srv/halls/spacebank.sqlite"

    save_config(AppConfig(database="postgresql://clerk@db.example/halls"), path)
    assert configured_database_url(path) == "postgresql+psycopg://clerk@db.example/halls"


def test_unknown_keys_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"database": "old.sqlite", "window": {"width": 1200}}))
    save_config(AppConfig(database=""), path)
    assert json.loads(path.read_text()) == {"database": "", "window": {"width": 1200}}
    assert configured_database_url(path) is None
    assert [p.name for p in tmp_path.iterdir()] == ["config.json"]  # no temporary left


def test_a_broken_file_reads_as_not_configured(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    for content in ("{not json", "[1, 2]", json.dumps({"database": 42}), "\udcff"):
        path.write_text(content, errors="surrogateescape")
        assert load_config(path) == AppConfig()


def test_the_file_is_in_the_user_config_folder() -> None:
    # tests/conftest.py points XDG_CONFIG_HOME at a private folder.
    path = config_file()
    assert path.name == app_config.CONFIG_FILE_NAME
    assert path.parent.name == "Spacebank"
    assert path.is_relative_to(os.environ["XDG_CONFIG_HOME"])
