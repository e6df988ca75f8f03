"""The `spacebank` command: start the app, make demo data, show what a database holds.

Every command opens the database named by `--db` (a file path or a SQLAlchemy URL;
default: `SPACEBANK_DB`, else the file in the user-data folder) and brings it to the
current schema first, backing up an existing SQLite file before migrating it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from spacebank import __version__
from spacebank.cli_print import add_print_commands
from spacebank.cli_reports import add_report_commands
from spacebank.demo import DemoSummary, generate_demo
from spacebank.demo.generator import MAX_YEARS
from spacebank.domain.base import utc_now
from spacebank.domain.errors import SpacebankError
from spacebank.services.info_service import DatabaseInfo, database_info
from spacebank.storage import paths
from spacebank.storage.app_config import configured_database_url
from spacebank.storage.database import Database
from spacebank.storage.migrate import current_revision, upgrade

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class CommandError(Exception):
    """A problem with what was asked, explained to the user; exits with `code`."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def main(
    argv: Sequence[str] | None = None, *, open_window: Callable[[str], int] | None = None
) -> int:
    """Run the command line; returns the exit status (never raises for expected errors).

    Args:
        open_window: what `spacebank` and `spacebank app` start, given the database URL
            (the desktop front end passes its window here, so the core needs no Qt).
            Without it they explain that the window is missing.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    args.open_window = open_window
    command: Callable[[argparse.Namespace], int] = args.handler
    try:
        return command(args)
    except CommandError as exc:
        print(f"spacebank: {exc}", file=sys.stderr)
        return exc.code
    except SpacebankError as exc:
        print(f"spacebank: {exc.user_message}", file=sys.stderr)
        return EXIT_ERROR
    except ArgumentError as exc:
        print(f"spacebank: that is not a database path or URL: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SQLAlchemyError as exc:
        print(f"spacebank: database error: {_first_line(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(
            f"spacebank: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("\nspacebank: interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED


def build_parser() -> argparse.ArgumentParser:
    db_help = (
        "database file path or URL (postgresql://…); default: $SPACEBANK_DB, "
        "else spacebank.sqlite in your user-data folder"
    )
    parser = argparse.ArgumentParser(
        prog="spacebank",
        description="Bookings, invoices and reports for a council's community halls.",
    )
    parser.add_argument("--version", action="version", version=f"spacebank {__version__}")
    parser.add_argument("--db", metavar="PATH|URL", help=db_help)
    parser.set_defaults(handler=_run_app)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        # Also accepted after the command name; SUPPRESS keeps a global --db if not given.
        sub.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help=db_help)
        sub.set_defaults(handler=handler)
        return sub

    command(
        "app",
        _run_app,
        "open the database (filling an empty one with demo data) and start Spacebank (the default)",
    )
    demo = command("demo", _run_demo, "fill an empty database with realistic demo data")
    demo.add_argument(
        "--years",
        type=_years,
        default=1,
        metavar="N",
        help=f"years of bookings to make, 1 to {MAX_YEARS} (default 1)",
    )
    demo.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    demo.add_argument("--scale", type=float, default=1.0, help=argparse.SUPPRESS)
    demo.add_argument(
        "--force",
        action="store_true",
        help="delete the SQLite file first if it exists (never a server database)",
    )
    command("info", _run_info, "show what a database holds and its schema revision")
    add_print_commands(command, lambda args: _opened(_url(args), out=sys.stderr))
    add_report_commands(command, _open_existing)
    return parser


def _years(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of years") from None
    if not 1 <= value <= MAX_YEARS:
        raise argparse.ArgumentTypeError(f"years must be 1 to {MAX_YEARS}, not {value}")
    return value


# -- commands ------------------------------------------------------------------------


def _run_app(args: argparse.Namespace) -> int:
    url = _url(args)
    if args.open_window is None:
        raise CommandError(
            "the desktop window is not available from this entry point; start Spacebank "
            "with `spacebank` (or `python -m ui`). `spacebank info` works without it."
        )
    path = _sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    return int(args.open_window(url))


def _run_demo(args: argparse.Namespace) -> int:
    url = _url(args)
    if args.force:
        _delete_sqlite_file(url, explicit=args.db is not None)
    started = time.perf_counter()
    with _opened(url, out=sys.stderr) as db:
        info = database_info(db, now=utc_now())
        if info.venues or info.hirers or info.bookings:
            raise CommandError(
                f"{db.display_name} already has data ({info.venues:,} venues, "
                f"{info.hirers:,} hirers, {info.bookings:,} bookings); demo data only goes "
                "into an empty database. Use --force to replace a SQLite file."
            )
        with _progress_line(sys.stderr) as progress:
            summary = generate_demo(
                db, years=args.years, seed=args.seed, scale=args.scale, progress=progress
            )
        _print_summary(summary, time.perf_counter() - started, sys.stdout)
    return EXIT_OK


def _run_info(args: argparse.Namespace) -> int:
    url = _url(args)
    path = _sqlite_path(url)
    if path is not None and not path.exists():
        raise CommandError(f"there is no database at {path} (nothing was created).")
    # Read-only: info never migrates, backs up or creates anything.
    with _opened(url, out=sys.stderr, migrate=False) as db:
        _print_info(database_info(db, now=utc_now()), sys.stdout)
    return EXIT_OK


# -- helpers -------------------------------------------------------------------------


def _url(args: argparse.Namespace) -> str:
    """--db, else $SPACEBANK_DB, else the database chosen in Settings, else the default file."""
    if args.db:
        return paths.database_url(args.db)
    return paths.default_database_url(chosen=configured_database_url())


def _sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None for a server (or in-memory) database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


@contextmanager
def _opened(url: str, *, out: TextIO, migrate: bool = True) -> Iterator[Database]:
    """The database at `url`, migrated to the current schema (backing up a SQLite file)."""
    path = _sqlite_path(url)
    if path is not None and migrate:
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(url)
    try:
        if not migrate:
            yield db
            return
        before = current_revision(db)
        backup = upgrade(db, backup_dir=paths.backups_dir())
        if before is not None and before != current_revision(db):
            where = f"; the old file was backed up to {backup}" if backup else ""
            print(f"Upgraded the database from schema {before}{where}.", file=out)
        yield db
    finally:
        db.dispose()


@contextmanager
def _open_existing(args: argparse.Namespace) -> Iterator[Database]:
    """The database named by `args`, which must already exist (never made empty)."""
    url = _url(args)
    path = _sqlite_path(url)
    if path is not None and not path.exists():
        raise CommandError(f"there is no database at {path} (nothing was created).")
    with _opened(url, out=sys.stderr) as db:
        yield db


def _delete_sqlite_file(url: str, *, explicit: bool) -> None:
    path = _sqlite_path(url)
    if path is None:
        raise CommandError(
            "--force only deletes a SQLite file; it never empties a server database. "
            "Point --db at a new, empty database instead."
        )
    if not explicit:
        raise CommandError("--force deletes the database file, so name it with --db.", EXIT_USAGE)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@contextmanager
def _progress_line(stream: TextIO) -> Iterator[Callable[[str, int, int], bool]]:
    """A progress callback: one updating line on a terminal, one line per stage otherwise."""
    tty = stream.isatty()
    shown = {"stage": ""}

    def progress(stage: str, done: int, total: int) -> bool:
        if tty:
            end = "\n" if shown["stage"] and stage != shown["stage"] else ""
            stream.write(f"{end}\r  {stage}: {done:,} of {total:,}\033[K")
            stream.flush()
        elif stage != shown["stage"]:
            print(f"  {stage}…", file=stream, flush=True)
        shown["stage"] = stage
        return True

    try:
        yield progress
    finally:
        if tty and shown["stage"]:
            stream.write("\n")


def _print_info(info: DatabaseInfo, out: TextIO) -> None:
    state = "up to date" if info.up_to_date else f"latest is {info.head_revision}"
    rows = [
        ("Database", info.url),
        ("Schema", f"{info.schema_revision or 'none'} ({state})"),
        ("Venues", f"{info.venues:,}"),
        ("Halls", f"{info.halls:,}"),
        ("Hirers", f"{info.hirers:,}"),
        ("Bookings", f"{info.bookings:,}"),
        *((f"  {status.value}", f"{n:,}") for status, n in info.bookings_by_status),
        ("Series", f"{info.series:,}"),
        ("Invoices", f"{info.invoices:,}"),
        ("Payments", f"{info.payments:,}"),
        ("Credit notes", f"{info.credit_notes:,}"),
        ("Deposits", f"{info.deposits:,}"),
    ]
    for label, value in rows:
        print(f"{label + ':':<14} {value}", file=out)


def _print_summary(s: DemoSummary, seconds: float, out: TextIO) -> None:
    print(f"Demo data from {_day(s.first_day)} to {_day(s.last_day)} (seed {s.seed}):", file=out)
    print(
        f"  {s.venues:,} venues, {s.halls:,} halls, {s.extras:,} extras, {s.closures:,} closures",
        file=out,
    )
    print(f"  {s.hirers:,} hirers ({s.search_terms:,} search terms)", file=out)
    print(
        f"  {s.bookings:,} bookings ({s.series:,} series): {s.completed:,} completed, "
        f"{s.confirmed:,} confirmed, {s.provisional:,} provisional, "
        f"{s.cancelled:,} cancelled, {s.expired:,} expired",
        file=out,
    )
    print(
        f"  {s.invoices:,} invoices ({s.invoice_lines:,} lines), "
        f"{s.credit_notes:,} credit notes, {s.payments:,} payments, "
        f"{s.deposits:,} deposits",
        file=out,
    )
    print(f"{s.rows:,} rows written in {seconds:.1f} s.", file=out)


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _first_line(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    return text.splitlines()[0] if text else type(orig).__name__


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
