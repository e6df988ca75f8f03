"""Many documents into one folder, with progress and a cancel that leaves no half files.

Each document is loaded (through the document service, which opens its own short
read transaction, so this runs fine in a worker thread), rendered to a temporary
file in the target folder and renamed into place with os.replace: a file with the
final name is always complete. Cancelling is checked between documents.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from spacebank.documents.data import ConfirmationData, InvoiceData, KeysheetData
from spacebank.documents.render import Document, file_name, render_document
from spacebank.domain.errors import SpacebankError

TEMP_SUFFIX = ".tmp"
WEEK_DAYS = 7


class DocumentSource(Protocol):
    """What a batch needs from the document service."""

    def invoice_data(self, id_or_number: int | str) -> InvoiceData: ...
    def confirmation_data(self, reference_or_id: int | str) -> ConfirmationData: ...
    def keysheet_data(self, venue_id: int, first_day: date, days: int = 7) -> KeysheetData: ...


@dataclass(frozen=True)
class Job:
    """One document to make: a label for messages and how to load its data."""

    label: str
    load: Callable[[], Document]


@dataclass(frozen=True)
class BatchResult:
    written: tuple[Path, ...]
    total: int
    cancelled: bool = False
    #: (job label, the clerk-readable reason) for documents that could not be made.
    failed: tuple[tuple[str, str], ...] = field(default=())


Cancel = Callable[[], bool] | threading.Event | None
Progress = Callable[[int, int], None] | None


def invoice_jobs(source: DocumentSource, invoice_ids: Sequence[int]) -> list[Job]:
    return [Job(f"invoice {i}", lambda i=i: source.invoice_data(i)) for i in invoice_ids]


def confirmation_jobs(source: DocumentSource, booking_ids: Sequence[int]) -> list[Job]:
    return [Job(f"booking {i}", lambda i=i: source.confirmation_data(i)) for i in booking_ids]


def keysheet_jobs(source: DocumentSource, venue_ids: Sequence[int], week_start: date) -> list[Job]:
    return [
        Job(f"venue {v}", lambda v=v: source.keysheet_data(v, week_start, WEEK_DAYS))
        for v in venue_ids
    ]


def run_batch(
    jobs: Sequence[Job],
    folder: Path,
    *,
    progress: Progress = None,
    cancel: Cancel = None,
    large_print: bool = False,
) -> BatchResult:
    """Write each job's PDF into `folder`; reports (done, total) after each one."""
    folder.mkdir(parents=True, exist_ok=True)
    is_cancelled = _cancel_check(cancel)
    total = len(jobs)
    written: list[Path] = []
    failed: list[tuple[str, str]] = []
    if progress:
        progress(0, total)
    for done, job in enumerate(jobs, start=1):
        if is_cancelled():
            return BatchResult(tuple(written), total, cancelled=True, failed=tuple(failed))
        try:
            data = job.load()
        except SpacebankError as exc:
            failed.append((job.label, exc.user_message))
        else:
            written.append(write_document(data, folder, large_print=large_print))
        if progress:
            progress(done, total)
    return BatchResult(tuple(written), total, failed=tuple(failed))


def write_document(data: Document, folder: Path, *, large_print: bool = False) -> Path:
    """Render into `folder` under its human file name, atomically."""
    target = folder / file_name(data, large_print=large_print)
    write_atomically(target, lambda out: render_document(data, out, large_print=large_print))
    return target


def write_atomically(target: Path, write: Callable[..., None]) -> None:
    """Write via a temporary file beside `target`, renamed over it only when complete."""
    handle, temp = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.stem[:40]}-", suffix=TEMP_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _cancel_check(cancel: Cancel) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel
