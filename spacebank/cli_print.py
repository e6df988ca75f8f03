"""`spacebank print …`: documents as PDF files from the command line.

    spacebank print invoice SB-2026-000123 --out FILE
    spacebank print confirmation BK-004217 --out FILE [--large-print]
    spacebank print keysheet --venue NAME --week DATE --out FILE
    spacebank print credit-note ID / receipt PAYMENT_ID
    spacebank print batch invoices|confirmations --from DATE --to DATE [--folder DIR]
    spacebank print batch keysheets --week DATE [--folder DIR]

Without --out (or --folder) files go to the documents folder in the user-data area,
named as a person would ("SB-2026-000123 Invoice - Łucja Żółć.pdf").
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

from spacebank.documents.batch import (
    confirmation_jobs,
    invoice_jobs,
    keysheet_jobs,
    run_batch,
    write_atomically,
)
from spacebank.documents.render import Document, file_name, render_document
from spacebank.domain.errors import ValidationError
from spacebank.services.container import Services
from spacebank.services.context import ServiceContext
from spacebank.storage import paths
from spacebank.storage.database import Database

#: The command helper of cli.build_parser (adds --db and the handler).
AddCommand = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]
OpenDatabase = Callable[[argparse.Namespace], AbstractContextManager[Database]]
CLI_ACTOR = "command line"


def add_print_commands(command: AddCommand, open_database: OpenDatabase) -> None:
    """Register `print` and its document kinds on the `spacebank` parser."""
    printer = command("print", _need_kind, "print a document to a PDF file")
    kinds = printer.add_subparsers(title="documents", metavar="DOCUMENT")

    def kind(
        name: str, help_text: str, load: Callable[[Services, argparse.Namespace], Document]
    ) -> argparse.ArgumentParser:
        sub = kinds.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS)
        sub.add_argument("--out", type=Path, help="PDF file to write (default: documents folder)")
        sub.add_argument("--large-print", action="store_true", help="16 pt type and up")
        sub.set_defaults(handler=lambda args: _print_one(args, open_database, load))
        return sub

    kind(
        "invoice", "an issued invoice", lambda s, a: s.documents.invoice_data(a.number)
    ).add_argument("number", help="invoice number, e.g. SB-2026-000123")
    kind(
        "credit-note", "a credit note", lambda s, a: s.documents.credit_note_data(a.id)
    ).add_argument("id", type=int, help="credit note record number")
    kind(
        "receipt",
        "a receipt (or refund advice) for a payment",
        lambda s, a: s.documents.receipt_data(a.id),
    ).add_argument("id", type=int, help="payment record number")
    kind(
        "confirmation",
        "a booking confirmation letter (every date of a series)",
        lambda s, a: s.documents.confirmation_data(a.reference),
    ).add_argument("reference", help="booking reference, e.g. BK-004217")
    sheet = kind(
        "keysheet",
        "a key-holder sheet for one venue and week",
        lambda s, a: s.documents.keysheet_data(s.documents.venue_id(a.venue), a.week, a.days),
    )
    sheet.add_argument("--venue", required=True, help="venue name")
    sheet.add_argument("--week", type=_date, required=True, help="first day, YYYY-MM-DD")
    sheet.add_argument("--days", type=int, default=7, help="days to cover (default 7)")

    batch = kinds.add_parser(
        "batch",
        help="many documents into a folder",
        description="invoices issued or confirmations for bookings starting in a date range, "
        "or key-holder sheets of every venue for a week",
    )
    batch.add_argument("what", choices=("invoices", "confirmations", "keysheets"))
    batch.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS)
    batch.add_argument("--from", dest="first", type=_date, help="first date, YYYY-MM-DD")
    batch.add_argument("--to", dest="last", type=_date, help="last date (default: --from)")
    batch.add_argument("--week", type=_date, help="keysheets: first day of the week")
    batch.add_argument("--folder", type=Path, help="default: the documents folder")
    batch.add_argument("--large-print", action="store_true")
    batch.set_defaults(handler=lambda args: _print_batch(args, open_database))


def _need_kind(args: argparse.Namespace) -> int:
    print(
        "spacebank print: say which document, e.g. `spacebank print invoice SB-2026-000123`"
        " (see `spacebank print --help`).",
        file=sys.stderr,
    )
    return 2


def _services(db: Database) -> Services:
    return Services.build(ServiceContext(db=db, actor=CLI_ACTOR))


def _print_one(
    args: argparse.Namespace,
    open_database: OpenDatabase,
    load: Callable[[Services, argparse.Namespace], Document],
) -> int:
    with open_database(args) as db:
        data = load(_services(db), args)
    target: Path = args.out or paths.documents_dir() / file_name(data, large_print=args.large_print)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, lambda out: render_document(data, out, large_print=args.large_print))
    print(target)
    return 0


def _print_batch(args: argparse.Namespace, open_database: OpenDatabase) -> int:
    folder: Path = args.folder or paths.documents_dir()
    with open_database(args) as db:
        docs = _services(db).documents
        if args.what == "keysheets":
            if args.week is None:
                raise ValidationError("Key-holder sheets need --week DATE.", field="week")
            jobs = keysheet_jobs(docs, docs.venue_ids(), args.week)
        else:
            if args.first is None:
                raise ValidationError(
                    f"Batch {args.what} need --from DATE (and optionally --to DATE).",
                    field="from",
                )
            last = args.last or args.first
            if args.what == "invoices":
                jobs = invoice_jobs(docs, docs.invoice_ids(args.first, last))
            else:
                jobs = confirmation_jobs(docs, docs.booking_ids(args.first, last))
        result = run_batch(
            jobs,
            folder,
            large_print=args.large_print,
            progress=lambda done, total: print(f"\r{done}/{total}", end="", file=sys.stderr),
        )
    print(file=sys.stderr)
    for label, reason in result.failed:
        print(f"spacebank: skipped {label}: {reason}", file=sys.stderr)
    print(f"{len(result.written)} documents written to {folder}")
    return 1 if result.failed else 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-10-19") from None
