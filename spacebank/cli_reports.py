"""The `report`, `export-ics` and `import-csv` commands of `spacebank`.

Kept apart from cli.py, which registers them with one call and hands over how to open
the database (`open_db`), so this module needs nothing private from it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from functools import partial
from pathlib import Path

from spacebank.domain.base import utc_now
from spacebank.domain.clock import local_day
from spacebank.domain.errors import ValidationError
from spacebank.reports.catalogue import REPORTS, WRITERS, run_report
from spacebank.reports.csv_import import read_rows
from spacebank.reports.ical_export import write_ics
from spacebank.reports.periods import Period
from spacebank.reports.scope import find_scope
from spacebank.services.context import ServiceContext
from spacebank.services.import_service import ImportRefusedError, ImportResult, ImportService
from spacebank.storage.database import Database

OpenDb = Callable[[argparse.Namespace], AbstractContextManager[Database]]
Register = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]

EXIT_OK, EXIT_PROBLEMS = 0, 1


def add_report_commands(command: Register, open_db: OpenDb) -> None:
    """Add the report, export and import commands through cli.py's `command` helper."""
    report = command(
        "report",
        partial(_run_report, open_db),
        "write a utilisation, income, hirers or cancellations report as CSV, Excel or PDF",
    )
    report.add_argument("kind", choices=sorted(REPORTS))
    _period_and_scope(report)
    report.add_argument(
        "--format", choices=sorted(WRITERS), help="default: from the --out file's extension"
    )
    report.add_argument(
        "--as-of",
        type=_day,
        metavar="DATE",
        help="income: the day outstanding money is aged to (default: the period's end or today)",
    )
    report.add_argument("--out", type=Path, required=True, metavar="FILE")

    ics = command(
        "export-ics",
        partial(_run_export_ics, open_db),
        "write a hall's or venue's bookings as an iCalendar (.ics) file for a diary",
    )
    _period_and_scope(ics)
    ics.add_argument("--out", type=Path, required=True, metavar="FILE")

    csv_import = command(
        "import-csv",
        partial(_run_import, open_db),
        "import bookings from a CSV file: all rows or none (try --dry-run first)",
    )
    csv_import.add_argument("file", type=Path, metavar="FILE")
    csv_import.add_argument(
        "--dry-run", action="store_true", help="list what would happen; change nothing"
    )
    csv_import.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="read FIELD (hall, date, start, end, hirer, purpose, attendees…) from the "
        "column headed HEADER; repeatable",
    )
    csv_import.add_argument(
        "--approved-by",
        default="",
        metavar="NAME",
        help="the manager approving rows inside the notice period",
    )
    csv_import.add_argument("--actor", default="import", help=argparse.SUPPRESS)


def _period_and_scope(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first_day", type=_day, required=True, metavar="DATE")
    parser.add_argument("--to", dest="last_day", type=_day, required=True, metavar="DATE")
    parser.add_argument("--hall", metavar="NAME", help="one hall (add --venue if ambiguous)")
    parser.add_argument("--venue", metavar="NAME", help="one venue's halls")


def _run_report(open_db: OpenDb, args: argparse.Namespace) -> int:
    kind = args.format or args.out.suffix.lstrip(".").lower()
    if kind not in WRITERS:
        raise ValidationError(
            f"Give --format csv, xlsx or pdf (cannot tell from “{args.out.name}”)."
        )
    period = Period(args.first_day, args.last_day)
    with open_db(args) as db:
        with db.read() as s:
            scope = find_scope(s, hall=args.hall, venue=args.venue)
        view = run_report(
            db, args.kind, period, scope, today=local_day(utc_now()), as_of=args.as_of
        )
    with args.out.open("wb") as out:
        WRITERS[kind][1](view, out)
    print(f"Wrote the {view.title.lower()} report ({view.subtitle}) to {args.out}.")
    return EXIT_OK


def _run_export_ics(open_db: OpenDb, args: argparse.Namespace) -> int:
    if not (args.hall or args.venue):
        raise ValidationError("Name a hall (--hall) or a venue (--venue) to export.")
    period = Period(args.first_day, args.last_day)
    with open_db(args) as db:
        with db.read() as s:
            scope = find_scope(s, hall=args.hall, venue=args.venue)
        with args.out.open("wb") as out:
            summary = write_ics(db, period, scope, out)
    print(f"Wrote {summary.events:,} bookings of {summary.scope} to {args.out}.")
    return EXIT_OK


def _run_import(open_db: OpenDb, args: argparse.Namespace) -> int:
    mapping = dict(_mapping_item(item) for item in args.map)
    rows = read_rows(args.file.read_bytes(), mapping)
    with open_db(args) as db:
        service = ImportService(ServiceContext(db=db, actor=args.actor))
        if args.dry_run:
            result = service.dry_run(rows, approved_by=args.approved_by)
        else:
            try:
                result = service.import_rows(rows, approved_by=args.approved_by)
            except ImportRefusedError as refused:
                _print_rows(refused.result, only_problems=True)
                raise
    _print_rows(result, only_problems=False)
    problems = len(result.problems)
    if args.dry_run:
        print(
            f"Dry run: {len(result.rows) - problems:,} rows would import, {problems:,} would "
            "fail; nothing was changed."
        )
        return EXIT_PROBLEMS if problems else EXIT_OK
    print(f"Imported {result.imported:,} booking{'' if result.imported == 1 else 's'}.")
    return EXIT_OK


def _print_rows(result: ImportResult, *, only_problems: bool) -> None:
    stream = sys.stderr if only_problems else sys.stdout
    for row in result.rows:
        if row.ok and not only_problems:
            print(f"line {row.line}: ok, {row.message}; {row.hirer}", file=stream)
        elif not row.ok:
            print(f"line {row.line}: FAILS ({row.kind}) {row.message}", file=stream)


def _mapping_item(text: str) -> tuple[str, str]:
    field, sep, header = text.partition("=")
    if not sep or not field.strip() or not header.strip():
        raise ValidationError(f"--map wants FIELD=HEADER, not “{text}”.")
    return field.strip(), header.strip()


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-04-01") from None
