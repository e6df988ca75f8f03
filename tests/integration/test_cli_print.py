"""`spacebank print …` on a small demo database, run in-process through `main(argv)`."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from spacebank import cli
from spacebank.domain.booking import Booking
from spacebank.domain.invoice import Invoice, Payment
from spacebank.domain.venue import Hall, Venue
from spacebank.storage.database import Database
from tests.pdf_text import pdf_pages, pdf_text


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("print") / "demo.sqlite"
    assert (
        cli.main(["demo", "--db", str(path), "--years", "1", "--seed", "4", "--scale", "0.02"]) == 0
    )
    return path


def first(path: Path, query):  # type: ignore[no-untyped-def]
    db = Database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            return s.execute(query.limit(1)).one()
    finally:
        db.dispose()


def test_print_invoice(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number, name = first(demo, select(Invoice.number, Invoice.bill_to_name).order_by(Invoice.id))
    out = tmp_path / "invoice.pdf"
    assert cli.main(["--db", str(demo), "print", "invoice", number, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = pdf_text(out.read_bytes())
    assert number in text and name in text


def test_print_to_the_documents_folder_with_a_human_name(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (payment_id,) = first(demo, select(Payment.id).order_by(Payment.id))
    assert cli.main(["print", "receipt", str(payment_id), "--db", str(demo)]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.name.startswith(f"RC-{payment_id:06d} Receipt - ")
    assert written.parent.name == "documents" and written.exists()


def test_print_confirmation_large_print(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (booking_id,) = first(
        demo, select(Booking.id).where(Booking.series_id.is_not(None)).order_by(Booking.id)
    )
    out = tmp_path / "letter.pdf"
    ref = f"BK-{booking_id:06d}"
    args = ["--db", str(demo), "print", "confirmation", ref, "--out", str(out), "--large-print"]
    assert cli.main(args) == 0
    text = pdf_text(out.read_bytes())
    assert ref in text and "Your dates" in text


def test_print_keysheet_and_unknown_venue(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, start = first(
        demo,
        select(Venue.name, Booking.starts_at)
        .join(Hall, Hall.id == Booking.hall_id)
        .join(Venue, Venue.id == Hall.venue_id)
        .order_by(Booking.id),
    )
    out = tmp_path / "sheet.pdf"
    week = (start.date() - timedelta(days=start.weekday())).isoformat()
    args = ["--db", str(demo), "print", "keysheet", "--venue", name, "--week", week]
    assert cli.main([*args, "--out", str(out)]) == 0
    pages = pdf_pages(out.read_bytes())
    assert "Key-holder sheet" in pages[0] and f"Page 1 of {len(pages)}" in pages[0]
    assert cli.main([*args[:-4], "--venue", "Nowhere Hall", "--week", week]) == 1
    assert "There is no venue called “Nowhere Hall”" in capsys.readouterr().err


def test_print_batch_keysheets(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sheets"
    args = ["--db", str(demo), "print", "batch", "keysheets", "--week", "2026-11-16"]
    assert cli.main([*args, "--folder", str(folder)]) == 0
    files = sorted(folder.iterdir())
    assert len(files) == 20 and all(
        f.name.startswith("2026-11-16 Key-holder sheet - ") for f in files
    )
    assert "20 documents written" in capsys.readouterr().out
    assert cli.main(["--db", str(demo), "print", "batch", "invoices"]) == 1


def test_print_without_a_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["print"]) == 2
    assert "say which document" in capsys.readouterr().err
