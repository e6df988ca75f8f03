"""`python -m bench.documents`: time the PDF documents against bare ReportLab floors.

- invoice_render: one three-line invoice with platypus, page templates and the
  embedded DejaVu family, against a bare canvas page drawing the same strings in the
  same TTF faces (no layout, no tables, no held pages for "Page x of y").
- batch_500_dto: 500 invoices through `run_batch` (render, temp file, rename) from
  ready DTOs, against 500 bare canvas pages written to files.
- batch_500_db: the same 500 through the document service on a copy of the demo
  dataset (migrated to this branch's schema in a temporary folder), so each document
  also pays for its read transaction. Skipped if the dataset is missing.

Times are reported, never asserted.
"""

from __future__ import annotations

import argparse
import io
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bench.__main__ import Row, _table
from bench.core import Benchmark, Case, Env, Target
from bench.dataset import dataset_path, sqlite_url
from bench.timing import measure_pair
from spacebank.documents import samples
from spacebank.documents.batch import Job, invoice_jobs, run_batch
from spacebank.documents.data import InvoiceData
from spacebank.documents.formatting import format_pence
from spacebank.documents.invoice import render_invoice
from spacebank.documents.styles import BOLD, FAMILY, ITALIC, register_fonts
from spacebank.services.context import ServiceContext
from spacebank.services.document_service import DocumentService
from spacebank.storage.database import Database
from spacebank.storage.migrate import upgrade

BATCH = 500


def _standalone(env: Env) -> Case:
    raise NotImplementedError("document benchmarks run with: python -m bench.documents")


INVOICE = Benchmark(
    "invoice_render",
    "render_invoice: one 3-line invoice",
    Target(ratio=3, median_ms=20),
    _standalone,
)
BATCH_DTO = Benchmark(
    "batch_500_dto", f"run_batch: {BATCH} invoices from DTOs", Target(median_ms=10_000), _standalone
)
BATCH_DB = Benchmark(
    "batch_500_db",
    f"run_batch: {BATCH} invoices via DocumentService",
    Target(median_ms=10_000),
    _standalone,
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.documents", description=__doc__)
    parser.add_argument("--reps", type=int, default=300, help="invoice_render repetitions")
    parser.add_argument("--batch-reps", type=int, default=2, help="repetitions of each batch")
    parser.add_argument("--dataset", type=Path, default=dataset_path(10, 1))
    args = parser.parse_args(argv)
    register_fonts()
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="spacebank-bench-docs-") as tmp:
        folder = Path(tmp)
        one = samples.invoice(lines=3)
        service, floor = measure_pair(
            lambda data: render_invoice(data, io.BytesIO()),
            lambda data: bare_page(data, io.BytesIO()),
            [one] * (20 + args.reps),
            [one] * (20 + args.reps),
        )
        rows.append(Row(INVOICE, service, floor, ()))
        print(f"  {INVOICE.name}: done", flush=True)

        dto_jobs = [
            Job(f"invoice {i}", lambda i=i: replace(one, number=f"SB-2026-{i:06d}"))
            for i in range(1, BATCH + 1)
        ]
        rows.append(_batch_row(BATCH_DTO, dto_jobs, [one] * BATCH, folder, args.batch_reps))
        print(f"  {BATCH_DTO.name}: done", flush=True)

        if args.dataset.exists():
            db, ids = _dataset_copy(args.dataset, folder)
            try:
                source = DocumentService(ServiceContext(db=db, actor="bench"))
                floor_data = [source.invoice_data(i) for i in ids]
                jobs = invoice_jobs(source, ids)
                rows.append(_batch_row(BATCH_DB, jobs, floor_data, folder, args.batch_reps))
            finally:
                db.dispose()
            print(f"  {BATCH_DB.name}: done", flush=True)
        else:
            print(f"  {BATCH_DB.name}: skipped, no dataset at {args.dataset}")
    print()
    print(_table(rows))
    print(
        f"\nbenchmarks took {time.perf_counter() - started:.1f} s; times in ms, "
        "ratio = service median / floor median"
    )
    return 0


def bare_page(data: InvoiceData, out: Any) -> None:
    """The floor: the invoice's strings on one canvas page, no layout engine.

    Each string is drawn in the face the invoice uses for it (regular, bold or
    oblique), so both PDFs embed the same three font subsets.
    """
    canvas = Canvas(out, pagesize=A4, invariant=1)
    y = A4[1] - 40
    for font, text in _strings(data):
        canvas.setFont(font, 9)
        canvas.drawString(40, y, text)
        y -= 11
    canvas.showPage()
    canvas.save()


def _strings(data: InvoiceData) -> list[tuple[str, str]]:
    org = data.letterhead
    regular = [*org.address.splitlines(), org.postcode, org.phone, org.email]
    regular += [*data.bill_to.lines, org.payment_terms, "Page 1 of 1"]
    bold = [org.name, "Invoice", data.number, str(data.issued_on), str(data.due_on)]
    bold += ["Description", "Qty", "Rate", "VAT", "Amount", "VAT summary", "How to pay"]
    bold += [format_pence(data.gross_pence), format_pence(data.balance_pence)]
    italic: list[str] = []
    for line in data.lines:
        (italic if line.is_discount else regular).append(line.description)
        regular += [line.quantity, format_pence(line.unit_pence), format_pence(line.net_pence)]
    regular += [format_pence(v) for v in (data.net_pence, data.vat_pence)]
    regular += [org.sort_code, org.account_number, data.payment_reference]
    return (
        [(FAMILY, t) for t in regular] + [(BOLD, t) for t in bold] + [(ITALIC, t) for t in italic]
    )


def _batch_row(
    bench: Benchmark, jobs: list[Job], floor_data: list[InvoiceData], folder: Path, reps: int
) -> Row:
    def run(_: object) -> None:
        out = folder / "service"
        result = run_batch(jobs, out)
        assert len(result.written) == len(jobs), result.failed

    def floor(_: object) -> None:
        out = folder / "floor"
        out.mkdir(exist_ok=True)
        for i, data in enumerate(floor_data):
            with (out / f"{i}.pdf").open("wb") as f:
                bare_page(data, f)

    service, floor_timing = measure_pair(run, floor, range(reps), range(reps), warmup=0)
    return Row(bench, service, floor_timing, ())


def _dataset_copy(dataset: Path, folder: Path) -> tuple[Database, list[int]]:
    """A private copy of the demo data at this branch's schema, and 500 invoice ids."""
    copy = folder / "demo.sqlite"
    with sqlite3.connect(dataset) as source, sqlite3.connect(copy) as dest:
        source.backup(dest)
    dest.close()
    source.close()
    db = Database(sqlite_url(copy))
    upgrade(db)
    with db.engine.connect() as connection:
        ids = (
            connection.exec_driver_sql(f"SELECT id FROM invoices ORDER BY id DESC LIMIT {BATCH}")
            .scalars()
            .all()
        )
    return db, list(ids)


if __name__ == "__main__":
    sys.exit(main())
