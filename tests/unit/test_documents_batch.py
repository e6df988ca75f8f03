"""Batches report progress, stop cleanly when cancelled and never leave half a file."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from spacebank.documents import samples
from spacebank.documents.batch import (
    TEMP_SUFFIX,
    Job,
    confirmation_jobs,
    invoice_jobs,
    keysheet_jobs,
    run_batch,
    write_atomically,
)
from spacebank.documents.data import ConfirmationData, InvoiceData, KeysheetData
from spacebank.domain.errors import NotFoundError
from tests.pdf_text import pdf_text


class FakeSource:
    """Stands in for the document service: numbered sample documents."""

    def invoice_data(self, id_or_number: int | str) -> InvoiceData:
        if id_or_number == 404:
            raise NotFoundError("There is no invoice 404.")
        return replace(samples.invoice(), number=f"SB-2026-{id_or_number:06d}")

    def confirmation_data(self, reference_or_id: int | str) -> ConfirmationData:
        return replace(samples.confirmation(), reference=f"BK-{reference_or_id:06d}")

    def keysheet_data(self, venue_id: int, first_day: date, days: int = 7) -> KeysheetData:
        return replace(samples.keysheet(), venue_name=f"Venue {venue_id}", first_day=first_day)


def test_progress_is_reported_and_files_are_named_for_people(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    result = run_batch(
        invoice_jobs(FakeSource(), [1, 2, 3]), tmp_path, progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert not result.cancelled and result.total == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"SB-2026-00000{i} Invoice - Łucja Żółć.pdf" for i in (1, 2, 3)
    ]
    assert "SB-2026-000002" in pdf_text((tmp_path / result.written[1].name).read_bytes())


def test_cancel_midway_leaves_only_complete_files(tmp_path: Path) -> None:
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 2:
            stop.set()  # as a Cancel button would, while document 3 is waiting

    result = run_batch(
        confirmation_jobs(FakeSource(), range(1, 6)), tmp_path, progress=progress, cancel=stop
    )
    assert result.cancelled and len(result.written) == 2
    files = sorted(tmp_path.iterdir())
    assert [f.name for f in files] == [
        "BK-000001 Booking confirmation - Γιώργος Παπαδόπουλος.pdf",
        "BK-000002 Booking confirmation - Γιώργος Παπαδόπουλος.pdf",
    ]
    for f in files:
        assert f.read_bytes().rstrip().endswith(b"%%EOF")


def test_a_callable_cancels_before_anything_is_written(tmp_path: Path) -> None:
    result = run_batch(
        keysheet_jobs(FakeSource(), [1, 2], date(2026, 10, 19)), tmp_path, cancel=lambda: True
    )
    assert result.cancelled and result.written == ()
    assert list(tmp_path.iterdir()) == []


def test_a_missing_document_is_reported_and_the_rest_are_made(tmp_path: Path) -> None:
    result = run_batch(invoice_jobs(FakeSource(), [1, 404, 3]), tmp_path)
    assert result.failed == (("invoice 404", "There is no invoice 404."),)
    assert len(result.written) == 2


def test_a_failed_write_leaves_neither_the_file_nor_a_temporary(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"

    def broken(out) -> None:  # type: ignore[no-untyped-def]
        out.write(b"%PDF-1.4 half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, broken)
    assert list(tmp_path.iterdir()) == []


def test_keysheets_for_every_venue(tmp_path: Path) -> None:
    result = run_batch(
        keysheet_jobs(FakeSource(), [1, 2], date(2026, 10, 19)), tmp_path, large_print=True
    )
    assert [p.name for p in result.written] == [
        "2026-10-19 Key-holder sheet - Venue 1 (large print).pdf",
        "2026-10-19 Key-holder sheet - Venue 2 (large print).pdf",
    ]
    assert not any(p.name.endswith(TEMP_SUFFIX) for p in tmp_path.iterdir())


def test_jobs_are_lazy() -> None:
    calls: list[int] = []
    job = Job("x", lambda: calls.append(1) or samples.invoice())  # type: ignore[func-returns-value]
    assert calls == []
    job.load()
    assert calls == [1]
