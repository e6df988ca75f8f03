"""Writes a PNG of each main screen on demo data (run under Xvfb by `./run screenshots`).

Uses a copy of the database it is given (or makes a one-year demo database), and sets
each screen up as a clerk would have it mid-task (a query typed, a hirer chosen, a hall
open), so the pictures in docs/screenshots/ show what the team actually sees.
"""

from __future__ import annotations

import argparse
import getpass
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from spacebank.demo import generate_demo
from spacebank.domain.clock import to_local
from spacebank.services.booking_dto import BookingFilter, SlotQuery
from spacebank.services.container import Services
from spacebank.services.context import ServiceContext
from spacebank.storage.database import Database
from spacebank.storage.migrate import upgrade
from ui.app import build_main_window, create_application
from ui.bookings.booking_dialog import BookingDialog
from ui.bookings.prefill import BookingPrefill
from ui.calendar.period import ViewMode
from ui.changes import ChangeBus
from ui.main_window import MainWindow
from ui.settings.settings_dialog import SettingsDialog

CONSOLE, CALENDAR, BOOKINGS, HIRERS, HALLS, REPORTS = range(6)


@dataclass(frozen=True)
class Shot:
    name: str
    #: Sets the scene and returns the widget to grab (the window or a dialog).
    stage: Callable[[MainWindow, Services, ChangeBus], QWidget]


def _settle(milliseconds: int = 400) -> None:
    """Let debounced refreshes and paints finish before grabbing."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def _today(services: Services) -> date:
    return to_local(services.ctx.now()).date()


def _next_saturday(services: Services) -> date:
    today = _today(services)
    return today + timedelta(days=(5 - today.weekday()) % 7 or 7)


def _busy_hirer_id(services: Services) -> int:
    """A hirer with bookings coming up, so their page is not empty."""
    today = _today(services)
    upcoming = services.bookings.list(
        BookingFilter(first_day=today, last_day=today + timedelta(days=28)))
    return next(b.hirer_id for b in upcoming if b.hirer_id is not None)


def _console(window: MainWindow, services: Services, _bus: ChangeBus) -> QWidget:
    window.show_page(CONSOLE)
    page = window.pages[CONSOLE]
    page.lookup.set_hirer(_busy_hirer_id(services))
    row = page.query_row
    row.set_date_text("next sat")
    row.from_edit.setText("14")
    row.to_edit.setText("18")
    row.attendees.setValue(60)
    next(iter(row.chips.values())).setChecked(True)  # kitchen
    return window


def _calendar(mode: ViewMode) -> Callable[[MainWindow, Services, ChangeBus], QWidget]:
    def stage(window: MainWindow, services: Services, _bus: ChangeBus) -> QWidget:
        window.show_page(CALENDAR)
        page = window.pages[CALENDAR]
        venue = services.venues.list_venues()[1]  # one with a hall split in halves
        page.set_venue(venue.id if mode is ViewMode.WEEK else None)
        page.show_period(mode, _today(services))
        return window
    return stage


def _page(index: int) -> Callable[[MainWindow, Services, ChangeBus], QWidget]:
    def stage(window: MainWindow, _services: Services, _bus: ChangeBus) -> QWidget:
        window.show_page(index)
        return window
    return stage


def _hirer(window: MainWindow, services: Services, _bus: ChangeBus) -> QWidget:
    window.show_page(HIRERS)
    window.pages[HIRERS].show_hirer(_busy_hirer_id(services))
    return window


def _hall(window: MainWindow, _services: Services, _bus: ChangeBus) -> QWidget:
    window.show_page(HALLS)
    tree = window.pages[HALLS].tree
    venue = tree.model().index(1, 0)
    tree.setCurrentIndex(tree.model().index(0, 0, venue))
    return window


def _booking_dialog(window: MainWindow, services: Services, bus: ChangeBus) -> QWidget:
    saturday = _next_saturday(services)
    start, end = datetime.combine(saturday, time(14)), datetime.combine(saturday, time(18))
    free = services.availability.free_halls(SlotQuery(start=start, end=end, attendees=40))
    dialog = BookingDialog(window, services, bus, prefill=BookingPrefill(
        hall_id=free[0].hall_id, start=start, end=end, attendees=40,
        hirer_id=_busy_hirer_id(services), purpose="Birthday party"))
    dialog.show()
    return dialog


def _reports(window: MainWindow, _services: Services, _bus: ChangeBus) -> QWidget:
    """This financial year's utilisation so far, run in the page's worker as a clerk would."""
    window.show_page(REPORTS)
    page = window.pages[REPORTS]
    loop = QEventLoop()
    page.report_shown.connect(loop.quit)
    QTimer.singleShot(30_000, loop.quit)  # never hang the script on a failed report
    page.run()
    loop.exec()
    return window


def _settings(window: MainWindow, services: Services, bus: ChangeBus) -> QWidget:
    dialog = SettingsDialog(window, services, bus)
    dialog.show()
    return dialog


SHOTS = (
    Shot("01-phone-console", _console),
    Shot("02-calendar-day", _calendar(ViewMode.DAY)),
    Shot("03-calendar-week", _calendar(ViewMode.WEEK)),
    Shot("04-calendar-month", _calendar(ViewMode.MONTH)),
    Shot("05-booking-dialog", _booking_dialog),
    Shot("06-bookings", _page(BOOKINGS)),
    Shot("07-hirer", _hirer),
    Shot("08-halls", _hall),
    Shot("09-settings", _settings),
    Shot("10-reports", _reports),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--db", type=Path, help="a SQLite demo database to copy")
    parser.add_argument("--size", default="1440x900")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="spacebank-shots-"))
    path = work / "demo.sqlite"
    if args.db:
        shutil.copyfile(args.db, path)
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    if not args.db:
        generate_demo(db, years=1, seed=1)
    app = create_application()
    services = Services.build(ServiceContext(db, actor=getpass.getuser()))
    bus = ChangeBus()
    window = build_main_window(services, bus)
    window.resize(width, height)
    window.show()
    for shot in SHOTS:
        shown = shot.stage(window, services, bus)
        _settle()
        target = args.out / f"{shot.name}.png"
        shown.grab().save(str(target))
        if shown is not window:
            shown.close()
        print(target)
    window.close()
    app.processEvents()
    db.dispose()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
