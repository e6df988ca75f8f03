"""`spacebank report`, `export-ics` and `import-csv` run in-process on a SQLite file."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from spacebank import cli
from spacebank.services.context import ServiceContext
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.report_world import build_report_world

PERIOD = ["--from", "2026-03-23", "--to", "2026-04-05"]


@pytest.fixture
def db_file(tmp_path: Path, sqlite_template: Path) -> Path:
    path = tmp_path / "reports.sqlite"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    clock = FrozenClock()
    build_report_world(ServiceContext(db=db, actor="test", clock=clock), clock)
    db.dispose()
    return path


def test_report_as_csv_xlsx_and_pdf(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "u.csv"
    code = cli.main(["report", "utilisation", "--db", str(db_file), *PERIOD, "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "Wrote the hall utilisation report" in capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert ["Total", "906.00", "9.50", "5", "1.0"] in rows  # 54360 min open, 570 booked

    out = tmp_path / "i.xlsx"
    args = [
        "report",
        "income",
        "--db",
        str(db_file),
        *PERIOD,
        "--venue",
        "Peckham Community Centre",
    ]
    assert cli.main([*args, "--out", str(out)]) == 0
    assert "Totals" in load_workbook(out).sheetnames

    out = tmp_path / "h.pdf"
    args = ["report", "hirers", "--db", str(db_file), *PERIOD, "--hall", "Garden Room"]
    assert cli.main([*args, "--format", "pdf", "--out", str(out)]) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "Garden Room, Peckham Community Centre" in text


def test_report_errors_are_explained(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["report", "hirers", "--db", str(db_file), *PERIOD]
    assert cli.main([*base, "--hall", "Ballroom", "--out", str(tmp_path / "x.csv")]) == 1
    assert "no hall called “Ballroom”" in capsys.readouterr().err
    assert cli.main([*base, "--out", str(tmp_path / "x.txt")]) == 1
    assert "--format" in capsys.readouterr().err
    missing = tmp_path / "none.sqlite"
    assert cli.main(["report", "hirers", "--db", str(missing), *PERIOD, "--out", "x.csv"]) == 1
    assert not missing.exists()


def test_export_ics(db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "main.ics"
    args = ["export-ics", "--db", str(db_file), "--hall", "Main Hall", *PERIOD, "--out", str(out)]
    assert cli.main(args) == 0
    assert "Wrote 2 bookings of Main Hall" in capsys.readouterr().out
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 2
    assert cli.main(["export-ics", "--db", str(db_file), *PERIOD, "--out", str(out)]) == 1


def test_import_csv_dry_run_then_import(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The command uses the real clock, so the booking is two months from today.
    day = (datetime.now(UTC) + timedelta(days=60)).date().isoformat()
    header = "Room,Date,Start,End,Hirer,Phone,Purpose,Attendees\n"
    good = f"Garden Room,{day},10:00,12:00,Sam Lee,07700 900555,Choir,12\n"
    data = tmp_path / "in.csv"
    data.write_text(header + good + good.replace("Garden Room", "Ballroom"), encoding="utf-8")
    base = ["import-csv", str(data), "--db", str(db_file), "--map", "hall=Room"]
    assert cli.main([*base, "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "line 2: ok" in out and "line 3: FAILS (hall)" in out and "nothing was changed" in out
    assert cli.main(base) == 1
    err = capsys.readouterr().err
    assert "line 3: FAILS" in err and "Nothing was imported" in err
    data.write_text(header + good, encoding="utf-8")
    assert cli.main(base) == 0
    assert "Imported 1 booking." in capsys.readouterr().out
