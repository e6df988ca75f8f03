"""The `spacebank` command line, run in-process through `main(argv)`."""

from __future__ import annotations

from pathlib import Path

import pytest

from spacebank import __version__, cli
from spacebank.demo import DemoCancelled
from spacebank.storage.app_config import AppConfig, save_config
from spacebank.storage.migrate import head_revision

SMALL = ["--scale", "0.02"]


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.sqlite"
    assert cli.main(["demo", "--db", str(path), "--years", "1", "--seed", "4", *SMALL]) == 0
    capsys.readouterr()
    return path


def test_demo_prints_progress_summary_and_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new" / "demo.sqlite"
    assert cli.main(["--db", str(path), "demo", "--years", "2", *SMALL]) == 0
    out, err = capsys.readouterr()
    assert path.exists()
    assert "20 venues, 33 halls" in out
    assert "bookings" in out and "invoices" in out and "rows written in" in out
    assert "Bookings…" in err  # one line per stage when not on a terminal


def test_info_shows_counts_revision_and_url(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["info", "--db", str(demo_file)]) == 0
    out = capsys.readouterr().out
    assert f"Schema:        {head_revision()} (up to date)" in out
    assert "Venues:        20" in out and "Halls:         33" in out
    for label in (
        "Hirers:",
        "Bookings:",
        "completed:",
        "cancelled:",
        "Series:",
        "Invoices:",
        "Payments:",
        "Credit notes:",
        "Deposits:",
    ):
        assert label in out
    assert f"{demo_file} (SQLite)" in out


def test_info_hides_a_password(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["info", "--db", "postgresql://clerk:s3cret@127.0.0.1:1/nowhere"])
    err = capsys.readouterr().err
    assert code == 1
    assert "s3cret" not in err and "database error" in err
    assert "Traceback" not in err


def test_info_on_a_missing_file_says_so_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "missing.sqlite"
    assert cli.main(["info", "--db", str(path)]) == 1
    assert "no database at" in capsys.readouterr().err
    assert not path.exists()


def test_info_uses_spacebank_db_when_no_db_is_given(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPACEBANK_DB", str(demo_file))
    assert cli.main(["info"]) == 0
    assert str(demo_file) in capsys.readouterr().out


def test_demo_refuses_a_database_with_data_unless_forced(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["demo", "--db", str(demo_file), *SMALL]) == 1
    assert "already has data" in capsys.readouterr().err
    assert cli.main(["demo", "--db", str(demo_file), "--seed", "9", "--force", *SMALL]) == 0
    assert "(seed 9)" in capsys.readouterr().out


def test_force_never_touches_a_server_database(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["demo", "--db", "postgresql://postgres@127.0.0.1:1/x", "--force"])
    assert code == 1
    assert "never empties a server database" in capsys.readouterr().err


def test_force_needs_an_explicit_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", "--force"]) == 2
    assert "--db" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--years", "16"],
        ["demo", "--years", "zero"],
        ["demo", "--seed", "x"],
        ["frobnicate"],
        ["info", "--bogus"],
    ],
)
def test_bad_arguments_exit_non_zero_with_a_message(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "usage: spacebank" in err and "error:" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"spacebank {__version__}"


def test_app_without_a_front_end_says_the_window_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "no-window.sqlite"
    assert cli.main(["--db", str(path)]) == 1
    assert "desktop window is not available" in capsys.readouterr().err
    assert not path.exists()


def test_the_database_chosen_in_settings_is_used_unless_overridden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPACEBANK_DB", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    chosen = tmp_path / "chosen.sqlite"
    save_config(AppConfig(database=str(chosen)))
    opened: list[str] = []

    def window(url: str) -> int:
        opened.append(url)
        return 0

    cli.main([], open_window=window)
    monkeypatch.setenv("SPACEBANK_DB", str(tmp_path / "env.sqlite"))
    cli.main([], open_window=window)
    cli.main(["--db", str(tmp_path / "flag.sqlite")], open_window=window)
    assert opened == [f"sqlite:///{tmp_path / name}.sqlite" for name in ("chosen", "env", "flag")]


def test_a_domain_error_is_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def cancelled(*args: object, **kwargs: object) -> None:
        raise DemoCancelled()

    monkeypatch.setattr(cli, "generate_demo", cancelled)
    assert cli.main(["demo", "--db", str(tmp_path / "x.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "cancelled; nothing was saved" in err and "Traceback" not in err


def test_a_front_end_can_open_its_window_instead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opened: list[str] = []

    def window(url: str) -> int:
        opened.append(url)
        return 7

    path = tmp_path / "sub" / "ui.sqlite"
    assert cli.main(["--db", str(path)], open_window=window) == 7
    assert cli.main(["app", "--db", str(path)], open_window=window) == 7
    assert opened == [f"sqlite:///{path}"] * 2
    assert path.parent.is_dir()
    assert cli.main(["--version"], open_window=window) == 0
    assert len(opened) == 2


def test_a_server_database_is_named_without_its_password() -> None:
    from spacebank.storage.database import Database

    db = Database("postgresql+psycopg://clerk:s3cret@db.example:5433/halls")
    try:
        assert db.display_name == "halls on db.example:5433 (PostgreSQL, user clerk)"
    finally:
        db.dispose()
